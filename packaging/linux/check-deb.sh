#!/usr/bin/env bash
# Builds the .deb, installs it with apt (which pulls its dependencies), runs the installed app with no
# network (unshare -n) on a virtual X server, and removes the package again.
#
# Checks: a window titled "SimCLR Studio" appears; --version, an unknown command, "gpu status" (which
# loads the bundled libtorch) and "datasets inspect" on the bundled Fashion-MNIST sample work from the
# installed launcher; the menu entry, the icon and /usr/bin/simclr-studio come and go with the package.
#
# Runs as root on Debian or Ubuntu, from any folder; installs xvfb, xauth, x11-utils, xdotool, fakeroot
# and binutils when they are missing. Set SKIP_BUILD=1 to reuse target/installer/*.deb.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
start=$(date +%s)
package=simclr-studio
launcher=/opt/simclr-studio/bin/simclr-studio
work=$(mktemp -d /tmp/simclr-check.XXXXXX)
xvfb_pid=""
app_pid=""

phase() {
  echo "== $(( $(date +%s) - start ))s: $*"
}

fail() {
  echo "check-deb: FAILED: $*" >&2
  exit 1
}

cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    apt-get remove -y -qq "$package" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || fail "run as root: it installs and removes a package"

export DEBIAN_FRONTEND=noninteractive
apt_updated=""
apt_install() {
  if ! apt-get install -y -qq "$@" >"$work/apt.log" 2>&1; then
    if [ -z "$apt_updated" ]; then
      apt-get update -qq
      apt_updated=1
    fi
    apt-get install -y -qq "$@" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install $*"; }
  fi
}

phase "installing the check's tools"
need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v xauth >/dev/null 2>&1 || need+=(xauth)
command -v xwininfo >/dev/null 2>&1 || need+=(x11-utils)
command -v xdotool >/dev/null 2>&1 || need+=(xdotool)
command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
command -v objcopy >/dev/null 2>&1 || need+=(binutils)
if [ ${#need[@]} -gt 0 ]; then
  apt_install "${need[@]}"
fi

# dpkg-deb's default xz takes over 2 CPU minutes on this package, the fast gzip level 7 seconds for a
# package 7% larger; the check tests the contents, so it uses gzip unless told otherwise.
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
export DPKG_DEB_COMPRESSOR_LEVEL="${DPKG_DEB_COMPRESSOR_LEVEL:-1}"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  phase "building the .deb (mvn -B -Pinstaller -DskipTests package)"
  mvn -B -q -Pinstaller -DskipTests package
fi
shopt -s nullglob
debs=(target/installer/${package}_*_amd64.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one target/installer/${package}_<version>_amd64.deb, found ${#debs[@]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
echo "package: $deb, version $version, $(du -h "$deb" | cut -f1)"

phase "installing the package with apt"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
  apt-get remove -y -qq "$package" >/dev/null
fi
apt_install "./$deb"
[ -x "$launcher" ] || fail "$launcher is missing after the install"
[ "$(readlink -f /usr/bin/simclr-studio)" = "$launcher" ] || fail "/usr/bin/simclr-studio does not lead to $launcher"
[ -f /usr/share/applications/simclr-studio.desktop ] || fail "the menu entry /usr/share/applications/simclr-studio.desktop is missing"
grep -q '^Name=SimCLR Studio$' /usr/share/applications/simclr-studio.desktop || fail "the menu entry has no Name=SimCLR Studio"
[ -f /usr/share/icons/hicolor/256x256/apps/simclr-studio.png ] || fail "the icon is missing from the hicolor theme"
grep -q -- '--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED' /opt/simclr-studio/lib/app/simclr-studio.cfg \
  || fail "the launcher configuration lacks the JavaFX exports"

# A fresh application folder for every run, as a new user has: nothing extracted or cached yet.
export SIMCLR_STUDIO_HOME="$work/app-home"
unset DISPLAY
offline() {
  unshare -n -- "$@"
}

phase "command line, offline"
out=$(offline "$launcher" --version) || fail "--version exited with status $?"
grep -q "^SimCLR Studio ${version%-*}" <<<"$out" || fail "--version printed: $out"
set +e
offline "$launcher" no-such-command >"$work/out.txt" 2>"$work/err.txt"
status=$?
set -e
[ "$status" -eq 2 ] || fail "an unknown command exited with status $status, expected 2"
[ ! -s "$work/out.txt" ] || fail "an unknown command printed to standard output: $(cat "$work/out.txt")"
grep -q "simclr-studio: Unmatched argument" "$work/err.txt" || fail "an unknown command printed: $(cat "$work/err.txt")"

out=$(offline "$launcher" gpu status 2>"$work/err.txt") || fail "gpu status exited with status $?: $(cat "$work/err.txt")"
echo "$out"
grep -q '^Device: *CPU' <<<"$out" || fail "gpu status did not report the CPU device"
find "$SIMCLR_STUDIO_HOME/djl-cache" -name libtorch_cpu.so | grep -q . \
  || fail "libtorch was not extracted into the user's DJL cache"

sample="$repo/assets/sample/fashion-mnist"
[ -d "$sample" ] || fail "the bundled sample $sample is missing"
out=$(offline "$launcher" datasets inspect "$sample" 2>"$work/err.txt") || fail "datasets inspect exited with status $?: $(cat "$work/err.txt")"
echo "$out"
grep -q -i 'idx' <<<"$out" || fail "datasets inspect did not report the IDX format"
grep -q '3000\|3,000' <<<"$out" || fail "datasets inspect did not report 3,000 train images"

phase "desktop window, offline"
display=:$(( 90 + RANDOM % 100 ))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 50); do
  DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break
  sleep 0.2
done
# Java reads user.home from the password database, so the option points it at an empty folder: JavaFX
# would extract native libraries to ~/.openjfx if the runtime lacked them.
mkdir -p "$work/home"
DISPLAY=$display JAVA_TOOL_OPTIONS="-Duser.home=$work/home" unshare -n -- "$launcher" >"$work/gui.log" 2>&1 &
app_pid=$!
window=""
for _ in $(seq 1 120); do
  window=$(DISPLAY=$display xdotool search --name '^SimCLR Studio$' 2>/dev/null | head -n 1) || true
  [ -n "$window" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/gui.log" >&2; fail "the desktop app exited before showing a window"; }
  sleep 0.5
done
[ -n "$window" ] || { cat "$work/gui.log" >&2; fail "no 'SimCLR Studio' window within 60 s"; }
DISPLAY=$display xwininfo -id "$window" | grep -E 'xwininfo|Width|Height'
sleep 2
kill -0 "$app_pid" 2>/dev/null || { cat "$work/gui.log" >&2; fail "the desktop app exited after showing its window"; }
if grep -E 'Exception|Error' "$work/gui.log"; then
  fail "the desktop app printed errors (above)"
fi
[ ! -e "$work/home/.openjfx" ] || fail "JavaFX extracted native libraries to ~/.openjfx: the runtime should carry them"
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=""
kill "$xvfb_pid"
xvfb_pid=""

phase "removing the package"
apt-get remove -y -qq "$package" >/dev/null
[ ! -e /opt/simclr-studio ] || fail "/opt/simclr-studio remains after the removal"
[ ! -e /usr/bin/simclr-studio ] || fail "/usr/bin/simclr-studio remains after the removal"
[ ! -e /usr/share/applications/simclr-studio.desktop ] || fail "the menu entry remains after the removal"
[ ! -e /usr/share/icons/hicolor/256x256/apps/simclr-studio.png ] || fail "the icon remains after the removal"

phase "check-deb passed"
