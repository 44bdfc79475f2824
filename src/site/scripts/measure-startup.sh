#!/bin/sh
# Measures the time from starting SimCLR Studio to its main window being visible on the X display.
#
# Usage: src/site/scripts/measure-startup.sh [-n RUNS] [COMMAND...]
#   COMMAND defaults to target/simclr-studio/bin/simclr-studio (build it with mvn -DskipTests package).
#   Give another command to time the other ways of launching, for example the installed app's
#   launcher or "mvn -B -o -q javafx:run".
# Needs xdotool. Without a display, run it under Xvfb: xvfb-run -a src/site/scripts/measure-startup.sh
# Prints one line per run and the median, in milliseconds. Each line has the wall time and, on Linux,
# the CPU time (user + system, all threads) that the app had used when the window appeared.
# CPU time hardly depends on what else the machine runs, so it helps to read wall times from a busy machine.
set -eu

runs=5
if [ "${1:-}" = "-n" ]; then
  runs=$2
  shift 2
fi
if [ $# -eq 0 ]; then
  set -- "$(dirname -- "$0")/../../../target/simclr-studio/bin/simclr-studio"
fi
command -v xdotool >/dev/null 2>&1 || { echo "measure-startup.sh: xdotool not found; install it (apt-get install xdotool)" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "measure-startup.sh: no DISPLAY; run it under xvfb-run -a" >&2; exit 1; }

now_ms() {
  date +%s%3N
}

# Prints the CPU time in ms that process $1 and its children have used: utime + stime, fields 14 and 15
# of proc(5), in clock ticks of 10 ms. Prints "unknown" without /proc.
cpu_ms() {
  total=0
  for pid in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
    if [ -r "/proc/$pid/stat" ]; then
      ticks=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
      total=$((total + ticks * 10))
    else
      echo unknown
      return
    fi
  done
  echo "$total"
}

results=""
i=1
while [ "$i" -le "$runs" ]; do
  start=$(now_ms)
  "$@" >/dev/null 2>&1 &
  app=$!
  # --sync waits until a visible window with the app's title exists.
  if ! timeout 60 xdotool search --sync --onlyvisible --name 'SimCLR Studio' >/dev/null; then
    kill "$app" 2>/dev/null || true
    echo "measure-startup.sh: no SimCLR Studio window within 60 s" >&2
    exit 1
  fi
  elapsed=$(( $(now_ms) - start ))
  cpu=$(cpu_ms "$app")
  echo "run $i: ${elapsed} ms wall, ${cpu} ms CPU, load $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
  results="$results $elapsed"
  # The app (or the parent of its relaunched child) stops the whole app on SIGTERM.
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  i=$((i + 1))
done
median=$(printf '%s\n' $results | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median: ${median} ms over $runs runs ($*)"
