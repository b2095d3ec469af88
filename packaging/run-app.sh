#!/usr/bin/env bash
# Sets up ascsync on a Debian 12 machine and runs it: installs the Debian packages it needs, builds it
# (build/dev), then
#   - with arguments: runs `ascsync <arguments>`;
#   - with an App Store Connect key configured (`ascsync login`, or ASC_KEY_ID): syncs into the configured
#     destination (SQLite by default);
#   - otherwise: a demo. It starts the App Store Connect simulator (ascsync-sandbox) on loopback, syncs its
#     data into a SQLite file and prints the conversion rate per app per day with plain SQL.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target ascsync ascsync-sandbox ascsync-gui
bin=build/dev/bin
ascsync="$bin/ascsync"

if [ $# -gt 0 ]; then
  exec "$ascsync" "$@"
fi

config="${ASCSYNC_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/ascsync/ascsync.conf}"
if [ -n "${ASC_KEY_ID:-}" ] || { [ -f "$config" ] && grep -q '^keyId=.\+' "$config"; }; then
  exec "$ascsync" sync
fi

echo "No App Store Connect key is configured: running the demo against the built-in simulator."
echo "(Configure your own key with: $ascsync login --issuer-id ID --key-id KID --key-file AuthKey_KID.p8)"
demo=$(mktemp -d /tmp/ascsync-demo.XXXXXX)
"$bin/ascsync-sandbox" --port 0 --state-dir "$demo/sandbox" --apps 3 --traffic-scale 0.2 \
  --history-start "$(date -u -d '-30 days' +%F)" >"$demo/sandbox.out" 2>"$demo/sandbox.err" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q '^listening on' "$demo/sandbox.out" 2>/dev/null && break; sleep 0.1; done
api=$(sed -n 's/^listening on //p' "$demo/sandbox.out")
credentials="$demo/sandbox/credentials.json"
field() { sed -n "/\"reader\"/,/}/s/.*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$credentials"; }
vendor=$(sed -n 's/.*"vendorNumber": "\([0-9]*\)".*/\1/p' "$credentials")
database="${XDG_DATA_HOME:-$HOME/.local/share}/ascsync/demo.db"
mkdir -p "$(dirname "$database")"
common=(--config "$demo/ascsync.conf" --destination "sqlite:$database")
"$ascsync" sync "${common[@]}" --issuer-id "$(field issuerId)" --key-id "$(field keyId)" \
  --key-file "$(field keyFile)" --api-base-url "$api" --vendor-number "$vendor" \
  --streams analytics:downloads,analytics:discovery_and_engagement,sales:SALES/SUMMARY/DAILY,finance
echo
echo "Report status per app (ascsync status):"
"$ascsync" status "${common[@]}" --issuer-id "$(field issuerId)" --key-id "$(field keyId)" \
  --key-file "$(field keyFile)" --api-base-url "$api"
echo
echo "Conversion rate per app per day (first rows), from $database:"
"$ascsync" query "${common[@]}" "SELECT d.app_name, d.date, d.unique_impressions, l.downloads,
  ROUND(100.0 * l.downloads / d.unique_impressions, 2) AS conversion_rate_percent
  FROM (SELECT app_name, date, SUM(unique_counts) AS unique_impressions FROM apple_app_store.discovery_and_engagement
        WHERE event = 'Impression' GROUP BY 1, 2) d
  LEFT JOIN (SELECT app_name, date, SUM(counts) AS downloads FROM apple_app_store.downloads
        WHERE download_type IN ('First-time download', 'Redownload') GROUP BY 1, 2) l
  ON l.app_name = d.app_name AND l.date = d.date ORDER BY 1, 2 LIMIT 15"
echo
echo "Explore it: $ascsync query --destination sqlite:$database 'SELECT ...'"
echo "The dashboard's numbers: $ascsync query --destination sqlite:$database --report conversion-rate"
echo "The desktop app: $bin/ascsync-gui (its first page offers \"Try it with a demo account\")."
