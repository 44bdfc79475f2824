#!/bin/sh
# Runs SimCLR Studio's pretraining step benchmark and the PyTorch peer back to back, several times, so
# both see the same machine load. Prints one line per run with the 1-minute load average beside it.
# SimCLR Studio runs as shipped (the launcher's settings, jemalloc where installed). With -a it also runs
# with the launcher's glibc malloc settings alone and with SIMCLR_STUDIO_ALLOCATOR=off (glibc's defaults).
#
# Usage: src/site/scripts/bench-side-by-side.sh -p PEER_SCRIPT [-a] [-l LAUNCHER] [-r REPEATS] [-s STEPS] [-b BATCH]
#   LAUNCHER defaults to target/simclr-studio/bin/simclr-studio. Time a copy of it if you rebuild meanwhile.
#   PEER_SCRIPT: simclr_step_peer.py (one SimCLR step of the same model in PyTorch eager, run with
#   /usr/bin/python3 and Debian's python3-torch). The peer runs with glibc's malloc and with jemalloc
#   (libjemalloc2) preloaded; SimCLR Studio runs through its launcher, as users start it.
set -eu

peer=""
launcher="$(dirname -- "$0")/../../../target/simclr-studio/bin/simclr-studio"
repeats=3
steps=5
batch=256
all=no
while getopts ap:l:r:s:b: option; do
  case "$option" in
    a) all=yes ;;
    p) peer=$OPTARG ;;
    l) launcher=$OPTARG ;;
    r) repeats=$OPTARG ;;
    s) steps=$OPTARG ;;
    b) batch=$OPTARG ;;
    *) exit 2 ;;
  esac
done
[ -n "$peer" ] || { echo "bench-side-by-side.sh: missing -p PEER_SCRIPT" >&2; exit 2; }
[ -x "$launcher" ] || { echo "bench-side-by-side.sh: $launcher not found; run mvn -DskipTests package" >&2; exit 1; }
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
threads=$(nproc)

# Runs the launcher's bench with the environment assignments given as arguments.
studio() {
  env "$@" "$launcher" bench --parts gemm,step --json --steps "$steps" --batch-size "$batch" 2>/dev/null
}

load() {
  cut -d' ' -f1 /proc/loadavg
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) nproc=$threads batch=$batch steps=$steps"
r=1
while [ "$r" -le "$repeats" ]; do
  echo "run $r studio-shipped load=$(load) $(studio)"
  if [ "$all" = yes ]; then
    echo "run $r studio-glibc-tuned load=$(load) $(studio SIMCLR_STUDIO_ALLOCATOR=tuned MALLOC_ARENA_MAX=1 \
      MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=1099511627776)"
    echo "run $r studio-glibc-defaults load=$(load) $(studio SIMCLR_STUDIO_ALLOCATOR=off)"
  fi
  echo "run $r peer-glibc load=$(load) $(/usr/bin/python3 "$peer" --batch "$batch" --steps "$steps" --threads "$threads")"
  if [ -e "$jemalloc" ]; then
    echo "run $r peer-jemalloc load=$(load) $(LD_PRELOAD=$jemalloc MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 \
      /usr/bin/python3 "$peer" --batch "$batch" --steps "$steps" --threads "$threads")"
  fi
  r=$((r + 1))
done
