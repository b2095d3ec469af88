#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang-14, ASan + UBSan) and runs each one on its committed seed
# corpus (tests/fuzz/corpus/<target>/), with its dictionary (tests/fuzz/dict/). New inputs go to a working
# corpus under build/fuzz/fuzz-work/, never into the committed one; a crash, leak, sanitizer report or failed
# FUZZ_CHECK is saved under build/fuzz/fuzz-work/findings/<target>/ and makes the script fail.
#
# Usage: tests/fuzz/run-fuzz.sh [--time SECONDS | --runs N] [--no-build] [--nice] [--work DIR] [TARGET...]
#   default (CI):  every target for 20 s (ASCSYNC_FUZZ_SECONDS) after replaying its corpus, one line per target
#   long runs:     tests/fuzz/run-fuzz.sh --nice --runs 10000000 fuzz_tsvreader   (or --time 3600)
# Each target's full libFuzzer output is in build/fuzz/fuzz-work/<target>.log (--work: another directory, e.g.
# for a long run beside the CI one).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"

limit=(-max_total_time="${ASCSYNC_FUZZ_SECONDS:-20}")
build=1
work=
prefix=()
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time) limit=(-max_total_time="$2"); shift 2 ;;
    --runs) limit=(-runs="$2"); shift 2 ;;
    --no-build) build=0; shift ;;
    --nice) prefix=(nice -n 19); shift ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    fuzz_*) targets+=("$1"); shift ;;
    *) echo "run-fuzz: unknown argument $1" >&2; exit 2 ;;
  esac
done

all_targets=(fuzz_tsvreader fuzz_gzipinflater fuzz_valueconverter fuzz_p8key fuzz_apidocuments fuzz_httpheaders
  fuzz_destinationspec fuzz_schedule fuzz_jwtverifier fuzz_queryparameters)
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

dictionary_of() {
  case "$1" in
    fuzz_tsvreader|fuzz_gzipinflater|fuzz_valueconverter) echo tsv ;;
    fuzz_apidocuments) echo json ;;
    fuzz_jwtverifier) echo jwt ;;
    fuzz_schedule) echo schedule ;;
    fuzz_destinationspec) echo destination ;;
    fuzz_queryparameters) echo query ;;
    fuzz_httpheaders) echo headers ;;
    fuzz_p8key) echo p8key ;;
  esac
}

if [ "$build" = 1 ]; then
  cmake --preset fuzz >/dev/null
  "${prefix[@]}" cmake --build --preset fuzz
fi

work=${work:-build/fuzz/fuzz-work}
failed=()
for target in "${targets[@]}"; do
  binary=build/fuzz/bin/$target
  [ -x "$binary" ] || { echo "run-fuzz: $binary is not built" >&2; exit 1; }
  mkdir -p "$work/$target" "$work/findings/$target"
  log=$work/$target.log
  options=("${limit[@]}" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$work/findings/$target/")
  # Inputs larger than the seeds only slow a target down: the real files' interesting part is their start.
  case "$target" in
    fuzz_gzipinflater) options+=(-max_len=16384) ;;
    fuzz_tsvreader|fuzz_apidocuments) options+=(-max_len=8192) ;;
  esac
  dict=tests/fuzz/dict/$(dictionary_of "$target").dict
  [ -f "$dict" ] && options+=(-dict="$dict")
  status=0
  # The first corpus directory receives new inputs; the committed seeds are only read.
  ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "${prefix[@]}" "$binary" "${options[@]}" "$work/$target" "tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  seconds=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
  seeds=$(find "tests/fuzz/corpus/$target" -type f | wc -l)
  if [ "$status" -eq 0 ]; then
    printf 'fuzz: %-22s OK    %10s runs in %4s s, %s, %d seeds\n' "$target" "${runs:-?}" "${seconds:-?}" \
      "${coverage:-cov: ?}" "$seeds"
  else
    printf 'fuzz: %-22s FAIL  (exit %d) after %s runs; input and log: %s, %s\n' "$target" "$status" \
      "${runs:-?}" "$work/findings/$target/" "$log"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz check failed|Qt fatal|.*runtime error)' "$log" | head -n 5 || true
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-fuzz: all ${#targets[@]} targets passed"
