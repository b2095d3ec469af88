#!/usr/bin/env python3
"""Writes the hand-made part of the seed corpora under tests/fuzz/corpus/<target>/.

The seeds are the malformed cases the unit tests already know (tests/core, tests/app,
tests/sandbox) in each target's input format (see the comment at the top of each fuzz_*.cpp: most start with
one flag byte). capture-seeds.sh adds the simulator's real outputs. Seed names are a hash of their content,
as libFuzzer names the files it adds, so re-running this script never duplicates a seed.
"""
import base64
import gzip
import hashlib
import json
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.join(HERE, "corpus", target)
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


TRICKY = (b"\xEF\xBB\xBF" b"Date\tApp Name\tCounts\r\n"
          b"2024-01-01\tCaf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\t12\r\n" b"\r\n"
          b"2024-01-02\tCaf\xE9\t\n" b"2024-01-03\t\xF0\x9F\x93\x88 Growth\n" b"2024-01-04\tLast\t7")
FINANCIAL = (b"Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner Share\tExtended Partner "
             b"Share\tPartner Share Currency\tSales or Return\tApple Identifier\n"
             b"09/29/2024\t11/02/2024\t\t\tSKU1\t3\t0.70\t2.10\tUSD\tS\t1476097583\n"
             b"09/29/2024\t11/02/2024\t\t\tSKU1\t-1\t0.70\t-0.70\tUSD\tR\t1476097583\n\n"
             b"Total_Rows\t2\nTotal_Amount\t1.40\nTotal_Units\t2\n"
             b"Country Of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share\nUS\tUSD\t2\t1.40\n")
FINANCE_DETAIL = (b"Vendor Name\tExample Games Ltd\nStart Date\t09/29/2024\nEnd Date\t11/02/2024\n\n"
                  b"Transaction Date\tSettlement Date\tApple Identifier\tSKU\tTitle\tDeveloper Name\tQuantity\t"
                  b"Partner Share\tExtended Partner Share\tPartner Share Currency\n"
                  b"10/01/2024\t10/05/2024\t1476097583\tSKU1\tGame\tExample\t1\t0.70\t0.70\tUSD\n"
                  b"2024-10-02\t2024-10-06\t1476097583\tSKU1\tGame\tExample\t2\t0.70\t1.40\tEUR\n\n"
                  b"Country of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share\n"
                  b"US\tUSD\t1\t0.70\nFR\tEUR\t2\t1.40\n")


def tsv_seeds():
    plain = [TRICKY, b"Date\t App Name \tUnique Counts\n2024-01-01\tMy App\t42\n2024-01-02\tMy App\t0\n",
             b"Date\tApp Name\tCounts\tcounts\n", b"A\tB\r\n1\t2\r\n3\t4\r\n", b"A\tB\n1\t2\n3\t4", b"A\tB\n1\t2\r",
             b"Name\tNote\ncaf\xE9\t\x80 5 \x92s\n\xC0\xAF\t\xE6\x97\n\xED\xA0\x80\tok\n",
             b"Caf\xE9\tB\n1\t2\n", b"A\tB\tC\n1\n1\t\n1\t2\t3\n", b"A\tB\n1\t2\n\n3\t4\t5\n6\t7\n",
             b"A\tB\n1\t2\t\n3\t4\t\t\n", b"A\tB\tC\n1\t2\t3\nx\n", b"\n\r\nA\tB\n\n1\t2\n\r\n\n3\t4\n\n", b"",
             b"\n\n\r\n", b"A\tB\n", b"A\tB\n1\t2\n" + b"x" * 3000 + b"\t1\n"]
    for data in plain:
        write("fuzz_tsvreader", b"\x00" + data)
        write("fuzz_tsvreader", b"\x02" + data)  # gzip-compressed by the target
    finance = [FINANCIAL, FINANCE_DETAIL, b"Vendor Name\tX\nTotal_Rows\t0\n", b"Name\tCounts\nTotal_Rows\t2\n"]
    for data in finance:
        write("fuzz_tsvreader", b"\x01" + data)
        write("fuzz_tsvreader", b"\x03" + data)
    write("fuzz_tsvreader", b"\x04" + FINANCIAL)  # small reads: lines split across reads


def gzip_seeds():
    texts = [TRICKY, FINANCIAL, b"", b"x", b"A\tB\n" * 200]
    for text in texts:
        write("fuzz_gzipinflater", b"\x00\x00" + gzip.compress(text, mtime=0))
        write("fuzz_gzipinflater", b"\x00\x03" + zlib.compress(text))
        write("fuzz_gzipinflater", b"\x00\x00" + text)  # plain (already decompressed)
        write("fuzz_gzipinflater", b"\x19\x05" + text)  # gzip round trip, level 6, small reads
        write("fuzz_gzipinflater", b"\x1a\x00" + text)  # zlib round trip
        write("fuzz_gzipinflater", b"\x1b\x00" + text)  # two members
    member = gzip.compress(TRICKY, mtime=0)
    write("fuzz_gzipinflater", b"\x00\x00" + member + member)  # concatenated members
    write("fuzz_gzipinflater", b"\x00\x00" + member[:-4])  # missing trailer
    write("fuzz_gzipinflater", b"\x00\x00" + member + b"junk")  # bytes after the data
    broken = bytearray(member)
    broken[20] ^= 0xFF
    write("fuzz_gzipinflater", b"\x00\x00" + bytes(broken))  # corrupt data / CRC
    write("fuzz_gzipinflater", b"\x00\x00" + gzip.compress(b"\0" * 200000, mtime=0))  # high ratio


def value_seeds():
    # type byte: 0 text, 1 date, 2 decimal, 3 integer
    values = {
        0: [b"My App", b" padded ", b" ", b"", b"Caf\xE9", b"\x80\x92", b"\xC0\xAF", b"\xED\xA0\x80", b"\xF0\x9F\x93\x88"],
        1: [b"2024-01-01", b"01/02/2024", b"1/5/2024", b"02/30/2024", b"2024-02-29", b"2023-02-29", b" 2024-01-01 ",
            b"13/01/2024", b"2024-1-1", b"0000-01-01", b"9999-12-31", b"abc", b"  "],
        2: [b"12", b"-3", b"1234.56", b"-007.50", b"+3", b"1,234", b"1.234,5", b"1e5", b"-1.5E-03", b"-0", b"-0.0",
            b".5", b"5.", b"e5", b"1e", b"00", b"1.2.3", b"\xD9\xA1"],
        3: [b"0", b"-0", b"+7", b"007", b"9223372036854775807", b"-9223372036854775808", b"9223372036854775808",
            b"123456789012345678", b"1234567890123456789", b"1.0", b" 42 ", b"\xD9\xA1"],
    }
    for type_byte, items in values.items():
        for value in items:
            write("fuzz_valueconverter", bytes([type_byte]) + value)


def header_seeds():
    for value in [b"user-hour-lim:3500;user-hour-rem:500;", b"user-hour-lim:3500;user-hour-rem:50;",
                  b"user-hour-lim:0;user-hour-rem:0;", b"user-hour-lim:-5;user-hour-rem:-1", b"user-hour-lim:abc",
                  b"120", b" 0 ", b"-1", b"99999999999", b"Wed, 21 Oct 2015 07:28:00 GMT",
                  b"Wed, 04 Dec 2024 12:10:00 GMT", b"Tuesday, 31-Dec-99 23:59:59 GMT", b""]:
        write("fuzz_httpheaders", value)


def destination_seeds():
    for value in ["sqlite:~/ascsync.db", "sqlite:relative/path.db", "sqlite:/tmp/", "sqlite:", "sqlite:/a/../b.db",
                  "postgresql://ana@db.example:5432/apple?sslmode=require", "postgres://ana@localhost/apple",
                  "postgresql://ana:secretpassword1@db.example/apple", "postgresql://ana@db.example/apple?password=x",
                  "postgresql://ana@db.example:99999/apple", "postgresql://ana@[::1]:5433/apple",
                  "postgresql://db.example/apple", "postgresql://ana@db.example/", "postgresql://ana@h/db#frag",
                  "postgresql://ana@h/db?sslmode=bogus", "postgresql://ana@h/db?timeout=3", "mysql://x", ""]:
        write("fuzz_destinationspec", b"\x00" + value.encode())
    write("fuzz_destinationspec", b"\x01analytics\npostgresql://ana@h/db")
    write("fuzz_destinationspec", b"\x01\nsqlite:/tmp/a.db")


def schedule_seeds():
    for index, value in enumerate(["manual", "hourly", "every 6h", "every 5h", "every 0h", "daily 06:00", "daily 24:00",
                                   "daily 6:5", "weekly mon 06:00", "weekly Sunday 23:59", "weekly xyz 06:00",
                                   "  DAILY   02:30 ", "every 12h", "every h", "",
                                   "[Timer]\n# Schedule: daily 06:00\nOnCalendar=*-*-* 06:00:00\n"]):
        write("fuzz_schedule", bytes([index * 17 % 256]) + value.encode())


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def jwt_seeds():
    now = 1733313600  # the target's fixed clock: 2024-12-04 12:00 UTC
    header = {"alg": "ES256", "kid": "FUZZTEAM01", "typ": "JWT"}
    team = {"iss": "69a6de70-03db-47e3-e053-5b8c7c11a4d1", "iat": now - 30, "exp": now + 1170,
            "aud": "appstoreconnect-v1"}
    user = {"sub": "user", "iat": now - 30, "exp": now + 600, "aud": "appstoreconnect-v1"}
    scoped = dict(team, scope=["GET /v1/apps?filter[platform]=IOS"])
    for payload in [team, user, scoped, dict(team, exp=now + 3600), dict(team, aud="x"), dict(team, iat="soon")]:
        kid = "FUZZUSER01" if "sub" in payload else "FUZZTEAM01"
        h = json.dumps(dict(header, kid=kid), separators=(",", ":")).encode()
        p = json.dumps(payload, separators=(",", ":")).encode()
        write("fuzz_jwtverifier", b"\x01" + h + b"\n" + p)
        write("fuzz_jwtverifier", b"\x00Bearer " + b64(h) + b"." + b64(p) + b"." + b64(b"\x01" * 64))
    for auth in [b"", b"Basic abc", b"Bearer ", b"Bearer a.b", b"Bearer a.b.c.d", b"bearer e30.e30.AAAA"]:
        write("fuzz_jwtverifier", b"\x00" + auth)
    for flags, scope in [(0, b""), (1, b""), (2, b"GET /v1/apps"), (0, b"GET /v1/apps?filter[platform]=IOS"),
                         (1, b"GET /v1/apps?limit=10&filter%5Bplatform%5D=IOS\nPOST /v1/apps"),
                         (0, b"GET /v1/salesReports?filter[frequency]=DAILY")]:
        write("fuzz_jwtverifier", b"\x02" + bytes([flags, 7]) + scope)


def query_seeds():
    for value in ["filter[granularity]=DAILY&limit=200", "filter%5Bgranularity%5D=DAILY,WEEKLY", "limit=0",
                  "limit=201", "limit=abc", "cursor=eyJvZmZzZXQiOiI1MCJ9", "cursor=!!", "cursor=eyJvZmZzZXQiOiItMSJ9",
                  "fields[apps]=name,sku", "fields[apps]=", "filter[id]=1,,2", "unknown=1", "a&b=&=c", "%zz=1",
                  "filter[processingDate]=2024-01-01&limit=50&cursor=eyJvZmZzZXQiOiIyMTQ3NDgzNjQ3In0", ""]:
        write("fuzz_queryparameters", value)


def main():
    tsv_seeds()
    gzip_seeds()
    value_seeds()
    header_seeds()
    destination_seeds()
    schedule_seeds()
    jwt_seeds()
    query_seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
