#!/usr/bin/env bash
# Saves a PNG of each screen of ascsync-gui (setup wizard pages, settings dialog; more as they come) under a
# virtual X server, using the demo account (the ascsync-sandbox simulator), so nothing real is needed and
# nothing is saved. Builds nothing: give it a build directory that has the executables.
#
# Usage: packaging/screenshots.sh BUILD_DIR [OUTPUT_DIR]   (default OUTPUT_DIR: docs/screenshots)
#   e.g. cmake --build build/dev --target ascsync-gui ascsync-sandbox
#        packaging/screenshots.sh build/dev
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,8p' "$0"; exit 2
fi
build=$(cd "$1" && pwd)
output=${2:-$here/docs/screenshots}
mkdir -p "$output"
output=$(cd "$output" && pwd)

sandbox="$build/bin/ascsync-sandbox"
gui="$build/bin/ascsync-gui"
[ -x "$sandbox" ] || { echo "screenshots: $sandbox is missing; build the ascsync-sandbox target" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (packaging/install-deps.sh)" >&2; exit 1; }

[ -x "$gui" ] || { echo "screenshots: $gui is missing; build the ascsync-gui target" >&2; exit 1; }
command=("$gui" --screenshot-tour "$output")

# A throw-away home: the tour never saves settings, but Qt must not touch the user's files. Its fixed name
# keeps the paths shown in the pictures the same from run to run.
scratch="${TMPDIR:-/tmp}/ascsync-screenshots-home"
rm -rf "$scratch"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/.config" XDG_DATA_HOME="$scratch/.local/share"
export XDG_RUNTIME_DIR="$scratch/.run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export ASCSYNC_SANDBOX_PATH="$sandbox" QT_QPA_PLATFORM=xcb

rm -f "$output"/[0-9][0-9]-*.png
xvfb-run -a -s "-screen 0 1280x900x24" "${command[@]}"

# The main window after a real sync, its dashboard, and the Admin setup dialog with generated commands: the
# widget tests drive these against the simulator and save them on request. They replace the tour's empty
# states. (A test that needs an active window may fail without a window manager; the pictures are saved first.)
shots="$scratch/widget-tests"
mkdir -p "$shots"
for test in bin/tst_mainwindow bin/tst_adminsetupdialog bin/tst_coveragecalendar; do
  if [ -x "$build/$test" ]; then
    ASCSYNC_UI_SCREENSHOTS="$shots" xvfb-run -a -s "-screen 0 1920x1200x24" "$build/$test" >/dev/null 2>&1 || true
  fi
done
[ -s "$shots/main-window.png" ] && cp "$shots/main-window.png" "$output/13-main-window.png"
[ -s "$shots/admin-setup.png" ] && cp "$shots/admin-setup.png" "$output/14-admin-setup.png"
[ -s "$shots/dashboard.png" ] && cp "$shots/dashboard.png" "$output/15-dashboard.png"
[ -s "$shots/apps-1280x800.png" ] && cp "$shots/apps-1280x800.png" "$output/16-apps-1280x800.png"
[ -s "$shots/apps-1920x1080.png" ] && cp "$shots/apps-1920x1080.png" "$output/17-apps-1920x1080.png"
[ -s "$shots/coverage-calendar.png" ] && cp "$shots/coverage-calendar.png" "$output/18-coverage-calendar.png"
pictures=("$output"/[0-9][0-9]-*.png)
echo "screenshots: ${#pictures[@]} pictures in $output"
