#pragma once

#include <QString>

// Writes a synthetic but realistic analytics report for the load benchmark: the column layout of Apple's
// "App Downloads Detailed" report (Date ... Territory, Counts), gzip-compressed like the files Apple serves,
// with repeating dimension values, mostly small counts, some empty attribution fields and a few non-ASCII
// names, so every stage of the production path (inflate, split, decode, convert, bind) does its usual work.
// Deterministic: the same row count always gives the same bytes.
namespace bench {

struct GeneratedReport {
    qint64 rows = 0;
    qint64 uncompressedBytes = 0;
};

// False (and a message on stderr) when the file cannot be written.
bool generateDownloadsReport(const QString &path, qint64 rows, GeneratedReport &report);

} // namespace bench
