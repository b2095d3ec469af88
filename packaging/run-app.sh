#!/usr/bin/env bash
# Sets up ascsync on a Debian 12 machine and starts it: installs the Debian packages it needs, builds it
# (build/dev), then runs the app. Until the desktop app lands, "running" means the command line's overview.
# Extra arguments are passed to `ascsync`, e.g. `packaging/run-app.sh token --help`.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
if [ $# -eq 0 ]; then set -- --help; fi
exec build/dev/app/cli/ascsync "$@"
