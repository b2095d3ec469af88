#!/usr/bin/env bash
# Installs everything ascsync needs to build, run and test on Debian 12, from Debian's own packages.
# Idempotent: packages already present are left alone, and apt-get runs only when something is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config clang-format
  # Qt 6 and the other libraries (HttpServer's CMake config needs WebSockets, Charts' needs OpenGL)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
  libqt6opengl6-dev
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libssl-dev zlib1g-dev libgl-dev
  libpq-dev libsqlite3-dev
  # run and test: PostgreSQL server, a Secret Service keyring on D-Bus, an X server for screenshots,
  # Node.js as the independent ES256 verifier, the reference command-line tools
  postgresql dbus dbus-x11 gnome-keyring xvfb xauth nodejs curl sqlite3 openssl ca-certificates
  # packaging: the Debian package's library dependencies (dpkg-shlibdeps), the desktop file and AppStream
  # validators, systemd-analyze to check the scheduled-sync units
  dpkg-dev desktop-file-utils appstream systemd
  # fuzzing (tests/fuzz): clang with libFuzzer and the sanitizer runtimes
  clang-14 libfuzzer-14-dev libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
