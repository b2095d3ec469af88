#!/usr/bin/env bash
# The load benchmark (README "Benchmark"): for each size, generates a gzip App Downloads Detailed report,
# loads it with ascsync's production path (bench_load load = sync::loadUnit: gzip inflater -> TsvReader ->
# value converter -> RowSink, one transaction) into SQLite and PostgreSQL, loads the same decompressed data
# with `sqlite3 .import` and `psql \copy` into equivalent typed tables, and prints rows/s, the ratio,
# ascsync's peak RSS (each load is its own process) and the database bytes per row of both (SQLite: the whole
# file after the load; PostgreSQL: pg_total_relation_size of the table, its indexes included).
#
#   tests/bench/run-bench.sh [--build-dir build/ci] [--rows "1000000 5000000"] [--work-dir DIR]
#                            [--mode analytics|partition] [--pg postgresql://user@host:port/db] [--no-pg]
#                            [--bench PATH]   (another bench_load binary, e.g. one built from an older commit)
#
# PostgreSQL comes from --pg (password in PGPASSWORD or ~/.pgpass) or from ASCSYNC_TEST_PG_HOST/PORT/USER/
# PASSWORD/DATABASE (what tests/run-all.sh exports); without either, the PostgreSQL rows are skipped.
# The tables go to the schemas bench (ascsync) and bench_tool (psql), which are dropped and re-created.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=$root/build/ci
sizes="1000000 5000000"
work_dir=${TMPDIR:-/tmp}/ascsync-bench
mode=analytics
pg_url=""
use_pg=1
bench=
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --rows) sizes=$2; shift 2 ;;
    --work-dir) work_dir=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --pg) pg_url=$2; shift 2 ;;
    --no-pg) use_pg=0; shift ;;
    --bench) bench=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$bench" ]; then
  echo "building bench_load in $build_dir" >&2
  nice cmake --build "$build_dir" --target bench_load -j2 >&2
  bench=$build_dir/bin/bench_load
fi
mkdir -p "$work_dir"

if [ -z "$pg_url" ] && [ -n "${ASCSYNC_TEST_PG_HOST:-}" ]; then
  pg_url="postgresql://$ASCSYNC_TEST_PG_USER@$ASCSYNC_TEST_PG_HOST:$ASCSYNC_TEST_PG_PORT/$ASCSYNC_TEST_PG_DATABASE"
  export PGPASSWORD=${ASCSYNC_TEST_PG_PASSWORD:-}
fi
[ -n "$pg_url" ] || use_pg=0

now() { date +%s.%N; }
# rows/s of a timed tool run: rows start end
rate() { awk -v r="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", r / (b - a) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
psql_run() { psql "$pg_url" -v ON_ERROR_STOP=1 -q -X "$@"; }

results=()
for rows in $sizes; do
  gz=$work_dir/downloads-$rows.tsv.gz
  tsv=$work_dir/downloads-$rows.tsv
  [ -s "$gz" ] || "$bench" generate --rows "$rows" --out "$gz" >&2
  [ -s "$tsv" ] || gzip -dc "$gz" >"$tsv"
  mb=$(awk -v b="$(stat -c %s "$tsv")" 'BEGIN { printf "%.0f", b / 1e6 }')
  gzmb=$(awk -v b="$(stat -c %s "$gz")" 'BEGIN { printf "%.0f", b / 1e6 }')
  echo "== $rows rows: $mb MB uncompressed, $gzmb MB gzip" >&2

  # SQLite: ascsync
  rm -f "$work_dir"/ascsync.db*
  out=$("$bench" load --file "$gz" --destination "sqlite:$work_dir/ascsync.db" --schema bench --mode "$mode")
  a_rate=$(field rows_per_s "$out"); a_rss=$(field peak_rss_mib "$out")
  a_bytes=$(( $(stat -c %s "$work_dir/ascsync.db") / rows ))
  # SQLite: sqlite3 .import of the decompressed file into the same typed table, same journal settings
  rm -f "$work_dir"/tool.db*
  ddl=$("$bench" ddl --backend sqlite --file "$gz" --table downloads)
  sqlite3 "$work_dir/tool.db" "PRAGMA journal_mode=WAL;" "$ddl" >/dev/null
  start=$(now)
  sqlite3 "$work_dir/tool.db" "PRAGMA synchronous=NORMAL;" ".mode tabs" ".import --skip 1 $tsv downloads"
  end=$(now)
  loaded=$(sqlite3 "$work_dir/tool.db" "SELECT count(*) FROM downloads")
  [ "$loaded" = "$rows" ] || { echo "sqlite3 .import loaded $loaded rows, expected $rows" >&2; exit 1; }
  t_rate=$(rate "$rows" "$start" "$end")
  t_bytes=$(( $(stat -c %s "$work_dir/tool.db") / rows ))
  results+=("$(printf '%-10s %-10s %12s %12s %6s %9s %9s %9s %6s' "$rows" SQLite "$a_rate" "$t_rate" \
    "$(ratio "$a_rate" "$t_rate")" "$a_rss" "$a_bytes" "$t_bytes" "$(ratio "$a_bytes" "$t_bytes")")")
  echo "${results[-1]}" >&2
  rm -f "$work_dir"/ascsync.db* "$work_dir"/tool.db*

  if [ "$use_pg" = 1 ]; then
    psql_run -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "DROP SCHEMA IF EXISTS bench_tool CASCADE" \
      -c "CREATE SCHEMA bench_tool" 2>/dev/null
    out=$("$bench" load --file "$gz" --destination "$pg_url" --schema bench --mode "$mode")
    a_rate=$(field rows_per_s "$out"); a_rss=$(field peak_rss_mib "$out")
    ddl=$("$bench" ddl --backend postgres --file "$gz" --table downloads)
    psql_run -c "SET search_path = bench_tool" -c "$ddl"
    start=$(now)
    psql_run -c "\\copy bench_tool.downloads from '$tsv' with (format text, header true)"
    end=$(now)
    loaded=$(psql_run -At -c "SELECT count(*) FROM bench_tool.downloads")
    [ "$loaded" = "$rows" ] || { echo "psql \\copy loaded $loaded rows, expected $rows" >&2; exit 1; }
    t_rate=$(rate "$rows" "$start" "$end")
    a_bytes=$(( $(psql_run -At -c "SELECT pg_total_relation_size('bench.downloads')") / rows ))
    t_bytes=$(( $(psql_run -At -c "SELECT pg_total_relation_size('bench_tool.downloads')") / rows ))
    results+=("$(printf '%-10s %-10s %12s %12s %6s %9s %9s %9s %6s' "$rows" PostgreSQL "$a_rate" "$t_rate" \
      "$(ratio "$a_rate" "$t_rate")" "$a_rss" "$a_bytes" "$t_bytes" "$(ratio "$a_bytes" "$t_bytes")")")
    echo "${results[-1]}" >&2
    psql_run -c "DROP SCHEMA IF EXISTS bench CASCADE" -c "DROP SCHEMA IF EXISTS bench_tool CASCADE" 2>/dev/null
  fi
done

echo
echo "ascsync (mode $mode, gzip input) vs sqlite3 .import / psql \\copy (decompressed input): rows per second,"
echo "ascsync's peak memory, database bytes per row"
printf '%-10s %-10s %12s %12s %6s %9s %9s %9s %6s\n' rows backend ascsync tool ratio "peak MiB" \
  "B/row" "tool B/r" ratio
printf '%s\n' "${results[@]}"
