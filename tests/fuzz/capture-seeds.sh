#!/usr/bin/env bash
# Adds the simulator's real outputs to the seed corpora (tests/fuzz/corpus/<target>/): JSON:API pages and
# error documents, X-Rate-Limit headers, gzip analytics segments, sales and finance reports, the .p8 keys it
# writes and tokens signed by `ascsync token`, plus key files in the other layouts OpenSSL writes. Run once
# after changing what the simulator serves; make-seeds.py writes the hand-made seeds.
#
# Usage: tests/fuzz/capture-seeds.sh BUILD_DIR   (a build with ascsync and ascsync-sandbox, e.g. build/dev)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: capture-seeds.sh BUILD_DIR}" && pwd)
corpus=$here/corpus
tmp=$(mktemp -d /tmp/ascsync-seeds.XXXXXX)
sandbox_pid=
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# seed TARGET PREFIX_HEX FILE: one corpus file named by its SHA-1, as libFuzzer and make-seeds.py name them.
seed() {
  local target=$1 prefix=$2 file=$3
  mkdir -p "$corpus/$target"
  { printf '%b' "$prefix"; cat "$file"; } >"$tmp/seed"
  cp "$tmp/seed" "$corpus/$target/$(sha1sum "$tmp/seed" | cut -c1-40)"
}
# The first N bytes of a file (libFuzzer's inputs are small; the beginning has the header and real rows).
head_of() { head -c "$2" "$1" >"$tmp/head"; echo "$tmp/head"; }

"$build/app/sandbox/ascsync-sandbox" --port 0 --state-dir "$tmp/state" --apps 2 --today 2024-12-04 \
  --history-start 2024-09-01 >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 100); do [ "$(wc -l <"$tmp/sandbox.out")" -ge 2 ] && break; sleep 0.1; done
api=$(sed -n 's/^listening on //p' "$tmp/sandbox.out")
[ -n "$api" ] || { cat "$tmp/sandbox.err"; exit 1; }

read -r issuer key_id key_file vendor < <(python3 -c '
import json, os, sys
c = json.load(open(sys.argv[1]))
a = c["admin"]
print(a["issuerId"], a["keyId"], os.path.join(os.path.dirname(sys.argv[1]), a["keyFile"]), c["vendorNumber"])
' "$tmp/state/credentials.json")
token=$("$build/app/cli/ascsync" token --issuer-id "$issuer" --key-id "$key_id" --key-file "$key_file" 2>/dev/null)

n=0
# get PATH_AND_QUERY [curl options...]: the body in $tmp/body.N, the headers in $tmp/headers.N; echoes N.
get() {
  n=$((n + 1))
  curl -s -g -o "$tmp/body.$n" -D "$tmp/headers.$n" -H "Authorization: Bearer $token" "${@:2}" "$api$1" || true
  printf '%s' "${1#*\?}" >"$tmp/query.$n"
  [ "$1" != "${1#*\?}" ] && seed fuzz_queryparameters "" "$tmp/query.$n"
  echo "$n"
}
json_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

i=$(get "/v1/apps?fields%5Bapps%5D=name,bundleId,sku,primaryLocale&limit=200")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
grep -i '^x-rate-limit:' "$tmp/headers.$i" | sed 's/^[^:]*: *//' | tr -d '\r\n' >"$tmp/ratelimit"
seed fuzz_httpheaders "" "$tmp/ratelimit"
app=$(json_field "$tmp/body.$i" 'd["data"][0]["id"]')
i=$(get "/v1/apps?limit=1")
seed fuzz_apidocuments '\x00' "$tmp/body.$i" # a page with links.next
i=$(get "/v1/apps/$app/analyticsReportRequests?limit=200")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
request=$(json_field "$tmp/body.$i" '[r["id"] for r in d["data"] if r["attributes"]["accessType"]=="ONGOING"][0]')
i=$(get "/v1/analyticsReportRequests/$request/reports?limit=3")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
report=$(json_field "$tmp/body.$i" 'd["data"][0]["id"]')
i=$(get "/v1/analyticsReports/$report/instances?filter%5Bgranularity%5D=DAILY&limit=3")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
instance=$(json_field "$tmp/body.$i" 'd["data"][0]["id"]')
i=$(get "/v1/analyticsReportInstances/$instance/segments?limit=200")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
segment_url=$(json_field "$tmp/body.$i" 'd["data"][0]["attributes"]["url"]')
curl -s -o "$tmp/segment.gz" "$segment_url"
seed fuzz_gzipinflater '\x00\x00' "$tmp/segment.gz"
gunzip -c "$tmp/segment.gz" >"$tmp/segment.tsv"
seed fuzz_tsvreader '\x00' "$(head_of "$tmp/segment.tsv" 6000)"
seed fuzz_valueconverter '\x00' "$(head_of "$tmp/segment.tsv" 200)"

# Error documents: 404, 400 (a parameter), 401 (no token), 403 (a scope that does not allow the request).
i=$(get "/v1/apps/0000000000")
seed fuzz_apidocuments '\x03' "$tmp/body.$i"
i=$(get "/v1/apps?limit=900")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
i=$(get "/v1/analyticsReports/$report/instances?filter%5Bgranularity%5D=HOURLY")
seed fuzz_apidocuments '\x00' "$tmp/body.$i"
n=$((n + 1)); curl -s -o "$tmp/body.$n" "$api/v1/apps"; seed fuzz_apidocuments '\x01' "$tmp/body.$n"

# Sales (gzip TSV) and finance reports (preamble and trailer around the table).
i=$(get "/v1/salesReports?filter%5Bfrequency%5D=DAILY&filter%5BreportType%5D=SALES&filter%5BreportSubType%5D=SUMMARY&filter%5BvendorNumber%5D=$vendor&filter%5BreportDate%5D=2024-11-20&filter%5Bversion%5D=1_1")
if gunzip -t "$tmp/body.$i" 2>/dev/null; then
  seed fuzz_gzipinflater '\x00\x00' "$(head_of "$tmp/body.$i" 8000)"
  gunzip -c "$tmp/body.$i" >"$tmp/sales.tsv"
  seed fuzz_tsvreader '\x00' "$(head_of "$tmp/sales.tsv" 6000)"
fi
for type in FINANCIAL FINANCE_DETAIL; do
  region=US; [ $type = FINANCE_DETAIL ] && region=Z1
  i=$(get "/v1/financeReports?filter%5BregionCode%5D=$region&filter%5BreportType%5D=$type&filter%5BvendorNumber%5D=$vendor&filter%5BreportDate%5D=2024-10")
  if gunzip -t "$tmp/body.$i" 2>/dev/null; then
    gunzip -c "$tmp/body.$i" >"$tmp/finance.tsv"
    seed fuzz_tsvreader '\x01' "$(head_of "$tmp/finance.tsv" 3000)"
    { head -c 1500 "$tmp/finance.tsv"; printf '\n'; tail -c 1500 "$tmp/finance.tsv"; } >"$tmp/finance-ends"
    seed fuzz_tsvreader '\x01' "$tmp/finance-ends"
  fi
done

# Keys: the simulator's Apple-layout .p8, OpenSSL 3's PKCS#8, and files that must be refused.
seed fuzz_p8key "" "$key_file"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/openssl.p8" 2>/dev/null
seed fuzz_p8key "" "$tmp/openssl.p8"
openssl pkey -in "$tmp/openssl.p8" -pubout -out "$tmp/public.pem"
seed fuzz_p8key "" "$tmp/public.pem"
openssl ec -in "$tmp/openssl.p8" -out "$tmp/sec1.pem" 2>/dev/null
seed fuzz_p8key "" "$tmp/sec1.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/p384.pem" 2>/dev/null
seed fuzz_p8key "" "$tmp/p384.pem"
openssl genpkey -algorithm ED25519 -out "$tmp/ed25519.pem" 2>/dev/null
seed fuzz_p8key "" "$tmp/ed25519.pem"
openssl pkcs8 -topk8 -in "$tmp/openssl.p8" -passout pass:fuzz -out "$tmp/encrypted.pem" 2>/dev/null
seed fuzz_p8key "" "$tmp/encrypted.pem"
openssl pkey -in "$tmp/openssl.p8" -outform DER -out "$tmp/key.der"
seed fuzz_p8key "" "$tmp/key.der"
head -c 100 "$key_file" >"$tmp/truncated.p8"
seed fuzz_p8key "" "$tmp/truncated.p8"

# A real token (its kid is unknown to the fuzz target's registry: still a realistic shape to mutate).
printf 'Bearer %s' "$token" >"$tmp/authorization"
seed fuzz_jwtverifier '\x00' "$tmp/authorization"

for target in "$corpus"/*; do echo "$(basename "$target"): $(find "$target" -type f | wc -l) seeds"; done
