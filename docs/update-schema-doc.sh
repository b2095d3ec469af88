#!/bin/sh
# Regenerates docs/schema.md from ascsync's report catalogue (`ascsync schema --format markdown`).
# tst_datadictionary fails while the committed file differs from what this writes.
# Usage: docs/update-schema-doc.sh [path/to/ascsync]   (default: the dev build, build/dev/app/cli/ascsync)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
ascsync=${1:-"$root/build/dev/app/cli/ascsync"}
if [ ! -x "$ascsync" ]; then
    echo "update-schema-doc: $ascsync is not built; run: cmake --build --preset dev --target ascsync" >&2
    exit 1
fi
# Without --destination and ASCSYNC_DESTINATION the command describes the catalogue, not a database.
env -u ASCSYNC_DESTINATION "$ascsync" schema --format markdown >"$root/docs/schema.md.new"
mv "$root/docs/schema.md.new" "$root/docs/schema.md"
echo "wrote $root/docs/schema.md"
