#!/usr/bin/env bash
# Runs every ascsync test on a Debian 12 machine, from nothing:
#   1. installs the missing Debian packages (packaging/install-deps.sh),
#   2. checks formatting (clang-format) of every tracked C++ file,
#   3. starts a throw-away PostgreSQL 15 server on 127.0.0.1 and a free port (as user postgres when run as root),
#   4. for each preset (default: ci; add --preset asan for the sanitizer build): configures, builds, and runs
#      ctest inside its own D-Bus session
#      with an unlocked gnome-keyring, so the keychain tests talk to a real Secret Service,
#   5. fuzzing (tests/fuzz/run-fuzz.sh): builds the `fuzz` preset (clang, ASan + UBSan) and runs each libFuzzer
#      target for 20 s on its committed seed corpus, one line per target,
#   6. packaging (ci preset): validates the desktop file and metainfo, installs the build into a DESTDIR
#      staging tree and runs the staged executables, builds the Debian package and checks its files and
#      Depends, and in CI installs it with apt-get, runs it and removes it,
# and stops every server it started, whatever happens. Exits non-zero on any failure.
#
# Usage: tests/run-all.sh [--preset NAME]...   (NAME: dev, ci, asan; repeatable)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

presets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) presets+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run-all: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#presets[@]} -gt 0 ] || presets=(ci)

step() { printf '\n=== %s\n' "$*"; }

step "dependencies"
packaging/install-deps.sh

step "formatting (clang-format --dry-run -Werror)"
if git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t sources < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h')
else
  mapfile -t sources < <(find app core sandbox tests ui -name '*.cpp' -o -name '*.h' 2>/dev/null)
fi
existing=()
for f in "${sources[@]}"; do [ -f "$f" ] && existing+=("$f"); done
clang-format --dry-run -Werror "${existing[@]}"
echo "${#existing[@]} files formatted"

cleanup_actions=()
cleanup() {
  local status=$?
  for ((i=${#cleanup_actions[@]}-1; i>=0; i--)); do eval "${cleanup_actions[i]}" || true; done
  exit $status
}
trap cleanup EXIT INT TERM

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "run-all: no free port found" >&2; return 1
}

step "PostgreSQL"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/ascsync-pg.XXXXXX)
cleanup_actions+=("rm -rf '$pg_dir'")
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)   # PostgreSQL refuses to run as root
fi
pg_port=$(free_port)
pg_password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$pg_password" > "$pg_dir/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir/pwfile"
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" \
  || { cat "$pg_dir/initdb.log"; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off" start >/dev/null \
  || { cat "$pg_dir/server.log"; exit 1; }
stop_postgres() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1; }
cleanup_actions+=(stop_postgres)
export ASCSYNC_TEST_PG_HOST=127.0.0.1 ASCSYNC_TEST_PG_PORT=$pg_port ASCSYNC_TEST_PG_USER=postgres
export ASCSYNC_TEST_PG_PASSWORD=$pg_password ASCSYNC_TEST_PG_DATABASE=postgres
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

export ASCSYNC_SHARED_DIR=${ASCSYNC_SHARED_DIR:-$here/../shared}
export QT_QPA_PLATFORM=offscreen

for preset in "${presets[@]}"; do
  step "build: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"

  step "tests: $preset"
  # A private D-Bus session with an unlocked keyring: QtKeychain then reads and writes for real.
  # The keyring lives in a fresh data directory, so a login keyring left by an earlier run (with another
  # password) can never leave the collection locked.
  keyring_home=$(mktemp -d /tmp/ascsync-keyring.XXXXXX)
  cleanup_actions+=("rm -rf '$keyring_home'")
  XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash -c '
    set -e
    echo -n "ascsync-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    # ctest prints a test only when it ends; a line a minute shows a long end-to-end test is alive.
    ( while sleep 60; do echo "[run-all $(date -u +%T)] tests still running"; done ) &
    trap "kill $! 2>/dev/null" EXIT   # also when ctest fails or the run is interrupted
    ctest --preset "$0" -j2' "$preset"
done

# --- packaging (owner: packaging) -----------------------------------------------------------------------------
# Checks what users install, from the ci build: the desktop file and AppStream metainfo validate; a DESTDIR
# install lays out every file and its executables start; `cpack -G DEB` builds a package with those files and
# the right Depends; and in CI (root on a throw-away machine) the package installs with apt-get, runs, and is
# removed again. ASCSYNC_TEST_DEB_INSTALL=1 does the apt-get part outside CI too.
packaging_checks() {
  local build=$1
  local app_id=io.github.ascsync.Ascsync   # ASCSYNC_APP_ID in CMakeLists.txt
  local files=(usr/bin/ascsync usr/bin/ascsync-gui usr/bin/ascsync-sandbox
    "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg")
  local size
  for size in 16 24 32 48 64 128 256; do files+=("usr/share/icons/hicolor/${size}x$size/apps/$app_id.png"); done

  # The GUI must start and leave on its own: --version on the offscreen platform, bounded by a timeout.
  start_gui() { QT_QPA_PLATFORM=offscreen timeout 60 "$1" --version; }

  step "packaging: desktop file and AppStream metainfo"
  desktop-file-validate "$build/share/$app_id.desktop"
  echo "desktop-file-validate: $app_id.desktop is valid"
  appstreamcli validate --no-net "$build/share/$app_id.metainfo.xml"

  step "packaging: staged install (DESTDIR)"
  local stage
  stage=$(mktemp -d /tmp/ascsync-stage.XXXXXX)
  cleanup_actions+=("rm -rf '$stage'")
  DESTDIR="$stage" cmake --install "$build" --prefix /usr >/dev/null
  local file
  for file in "${files[@]}"; do
    [ -s "$stage/$file" ] || { echo "run-all: the install lacks /$file" >&2; return 1; }
  done
  echo "${#files[@]} files in place"
  "$stage/usr/bin/ascsync" --version
  start_gui "$stage/usr/bin/ascsync-gui"
  "$stage/usr/bin/ascsync-sandbox" --help >/dev/null

  step "packaging: Debian package (cpack -G DEB)"
  rm -f "$build"/ascsync_*.deb
  (cd "$build" && cpack -G DEB >cpack.log 2>&1) || { cat "$build/cpack.log"; return 1; }
  local deb
  deb=$(realpath "$build"/ascsync_*.deb)
  local contents
  contents=$(dpkg-deb -c "$deb")
  for file in "${files[@]}"; do
    grep -q " \./$file\$" <<<"$contents" || { echo "run-all: $deb lacks /$file" >&2; return 1; }
  done
  local depends dependency
  depends=$(dpkg-deb -f "$deb" Depends)
  for dependency in libqt6core6 libqt6network6 libqt6sql6 libqt6widgets6 libqt6keychain1 libssl3 \
      libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 qt6-qpa-plugins; do
    grep -qE "(^|, )$dependency( |,|\$)" <<<"$depends" \
      || { echo "run-all: $deb does not depend on $dependency: $depends" >&2; return 1; }
  done
  echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, ${#files[@]} files checked"
  echo "Depends: $depends"
  echo "Recommends: $(dpkg-deb -f "$deb" Recommends)"

  step "packaging: apt-get install of the package"
  if { [ "${CI:-}" = true ] || [ "${ASCSYNC_TEST_DEB_INSTALL:-}" = 1 ]; } && [ "$(id -u)" -eq 0 ] \
      && ! dpkg-query -W -f='${Status}' ascsync 2>/dev/null | grep -q "install ok installed"; then
    cleanup_actions+=("DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ascsync >/dev/null 2>&1")
    local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb")
    "${install[@]}" >/dev/null || { apt-get update -qq && "${install[@]}" >/dev/null; }
    /usr/bin/ascsync --version
    start_gui /usr/bin/ascsync-gui
    /usr/bin/ascsync schedule --help >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ascsync >/dev/null
    ! command -v ascsync >/dev/null || { echo "run-all: ascsync is still installed" >&2; return 1; }
    echo "installed with apt-get, ran, removed"
  else
    echo "skipped: only in CI (or with ASCSYNC_TEST_DEB_INSTALL=1), as root, where ascsync is not installed"
  fi
}

# --- fuzzing (owner: issue 17) -------------------------------------------------------------------------------
# Regression runs of the parsers' libFuzzer targets: every committed seed is replayed, then each target explores
# for ASCSYNC_FUZZ_SECONDS (20) seconds. Long runs: see README, "Fuzzing".
step "fuzz: build (preset fuzz) and run each target"
tests/fuzz/run-fuzz.sh

if printf '%s\n' "${presets[@]}" | grep -qx ci; then
  packaging_checks build/ci
fi

step "all tests passed"
