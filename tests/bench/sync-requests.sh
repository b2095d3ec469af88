#!/usr/bin/env bash
# The request-budget benchmark (README "Request budget at scale"): how many App Store Connect requests a sync
# of many apps spends. It starts ascsync-sandbox with --apps N and tiny traffic, and runs five syncs into one
# fresh SQLite file: the first sync, a no-op re-sync the same day, and one sync on each of the three following
# days (the simulator is restarted with --today one day later each time, on the same state directory). The simulator's --requests-log counts
# every API request (downloads of pre-signed segment URLs go to the second origin and are counted apart).
#
#   tests/bench/sync-requests.sh [--bin-dir build/dev/app] [--apps 200] [--today YYYY-MM-DD]
#                                [--work-dir DIR] [--streams LIST] [--as-of]
#
# --bin-dir holds cli/ascsync and sandbox/ascsync-sandbox (e.g. a build of an older commit, for "before").
# --streams is passed to `ascsync sync` (default: the settings' default selection).
# --as-of tells the client the simulated date too (`ascsync sync --as-of`; clients without it plan with the
# machine's clock, which is what the older builds did anyway).
# Prints one line per sync: API requests in all and per app, by kind, segment downloads, seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin_dir=$root/build/dev/app
apps=200
today=$(date -u +%F)
work_dir=${TMPDIR:-/tmp}/ascsync-sync-requests
streams=""
as_of=0
while [ $# -gt 0 ]; do
  case $1 in
    --bin-dir) bin_dir=$2; shift 2 ;;
    --apps) apps=$2; shift 2 ;;
    --today) today=$2; shift 2 ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --as-of) as_of=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ascsync=$bin_dir/cli/ascsync
sandbox_bin=$bin_dir/sandbox/ascsync-sandbox
rm -rf "$work_dir"
mkdir -p "$work_dir/state"
history_start=$(date -u -d "$today -60 days" +%F)
sandbox_pid=""
stop_sandbox() { if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; sandbox_pid=""; fi; }
trap stop_sandbox EXIT

start_sandbox() { # today log
  : >"$work_dir/sandbox.out"
  "$sandbox_bin" --port 0 --state-dir "$work_dir/state" --apps "$apps" --traffic-scale 0.01 \
    --history-start "$history_start" --today "$1" --rate-limit 100000000 --requests-log "$2" \
    >"$work_dir/sandbox.out" 2>"$work_dir/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq 1 300); do grep -q '^listening on' "$work_dir/sandbox.out" 2>/dev/null && break; sleep 0.1; done
  api=$(sed -n 's/^listening on //p' "$work_dir/sandbox.out")
  [ -n "$api" ] || { echo "the simulator did not start: $(cat "$work_dir/sandbox.err")" >&2; exit 1; }
}

credentials=$work_dir/state/credentials.json
field() { sed -n "/\"reader\"/,/}/s/.*\"$1\": \"\\([^\"]*\\)\".*/\\1/p" "$credentials"; }

run_sync() { # label today
  local log=$work_dir/$1.jsonl args=()
  start_sandbox "$2" "$log"
  args=(--config "$work_dir/ascsync.conf" --destination "sqlite:$work_dir/bench.db"
        --issuer-id "$(field issuerId)" --key-id "$(field keyId)" --key-file "$(field keyFile)"
        --api-base-url "$api")
  [ -n "$streams" ] && args+=(--streams "$streams")
  [ "$as_of" = 1 ] && args+=(--as-of "${2}T12:00:00Z")
  local start end
  start=$(date +%s.%N)
  "$ascsync" sync "${args[@]}" >"$work_dir/$1.out" 2>"$work_dir/$1.err" || true
  end=$(date +%s.%N)
  stop_sandbox
  python3 - "$log" "$1" "$apps" "$start" "$end" <<'EOF'
import json, re, sys
log, label, apps, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
kinds, api, downloads = {}, 0, 0
for line in open(log):
    entry = json.loads(line)
    if entry.get("origin") != "api":
        downloads += 1
        continue
    api += 1
    path = re.sub(r"/(?!v1(?=/|$))[^/]*[0-9][^/]*(?=/|$)", "/{id}", entry["path"])
    kinds[path] = kinds.get(path, 0) + 1
by_kind = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]))
print(f"{label}: {api} API requests ({api / apps:.2f} per app), {downloads} segment downloads, "
      f"{end - start:.0f} s\n    {by_kind}")
EOF
}

next_day=$(date -u -d "$today +1 day" +%F)
day_after=$(date -u -d "$today +2 days" +%F)
day3=$(date -u -d "$today +3 days" +%F)
echo "== $apps apps, today $today, streams: ${streams:-default}, client: $ascsync"
run_sync first "$today"
run_sync noop "$today"
run_sync nextday "$next_day"
run_sync dayafter "$day_after"
run_sync day3 "$day3"
