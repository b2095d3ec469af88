// The load benchmark's worker (see run-bench.sh and README "Benchmark"). Each subcommand runs in its own
// process, so the peak memory it prints belongs to that one load:
//
//   bench_load generate --rows N --out FILE.tsv.gz      a synthetic App Downloads Detailed report
//   bench_load ddl --backend sqlite|postgres --file F    CREATE TABLE for the file's columns, typed as
//   ascsync
//              --table NAME                              types them (for sqlite3 .import and psql \copy)
//   bench_load load --file F --destination URI           one unit through the production path: sync::loadUnit
//              [--schema S] [--table T]                  (inflate -> TsvReader -> convert -> RowSink, one
//              [--mode analytics|partition]              transaction), timed; prints rows/s and peak RSS
#include "reportgenerator.h"

#include "core/reports/columncatalogue.h"
#include "core/reports/columnnames.h"
#include "core/reports/partitionkey.h"
#include "core/reports/tsvreader.h"
#include "core/storage/destination.h"
#include "core/storage/sqldialect.h"
#include "core/storage/sqlidentifier.h"
#include "core/sync/unitloader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

QString option(const QStringList &arguments, const QString &name, const QString &fallback = {})
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : fallback;
}

// The process's peak resident memory in MiB (VmHWM), or -1.
double peakResidentMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_load: %s\n", qPrintable(message));
    return 1;
}

int generate(const QStringList &arguments)
{
    const qint64 rows = option(arguments, u"--rows"_s).toLongLong();
    const QString out = option(arguments, u"--out"_s);
    if (rows <= 0 || out.isEmpty()) {
        return fail(u"generate needs --rows N and --out FILE"_s);
    }
    bench::GeneratedReport report;
    if (!bench::generateDownloadsReport(out, rows, report)) {
        return 1;
    }
    std::printf("generated %lld rows, %.1f MB uncompressed, into %s\n", static_cast<long long>(report.rows),
                double(report.uncompressedBytes) / 1e6, qPrintable(out));
    return 0;
}

int printTableDefinition(const QStringList &arguments)
{
    const QString path = option(arguments, u"--file"_s);
    const QString table = option(arguments, u"--table"_s, u"downloads"_s);
    const bool sqlite = option(arguments, u"--backend"_s) == u"sqlite"_s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(u"cannot read "_s + path);
    }
    auto reader = reports::TsvReader::open(&file);
    if (!reader) {
        return fail(reader.errorMessage());
    }
    const storage::SqlDialect dialect(sqlite ? storage::SqlDialect::Backend::Sqlite
                                             : storage::SqlDialect::Backend::Postgres);
    const QStringList headers = reader->header();
    const QStringList names = reports::columnNames(headers);
    QStringList columns;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const ColumnType type = reports::columnTypeFor(headers[i]);
        columns << storage::quoteIdentifier(names[i]) + u' ' + dialect.typeName(type);
    }
    std::printf("CREATE TABLE %s (%s);\n", qPrintable(storage::quoteIdentifier(table)),
                qPrintable(columns.join(u", "_s)));
    return 0;
}

sync::UnitLoad benchUnit(const QString &file, const QString &table, bool analytics)
{
    using storage::ColumnType;
    sync::UnitLoad unit;
    unit.table = table;
    unit.files = {file};
    unit.record.stream = u"bench/"_s + table;
    unit.record.unitKey = u"bench-instance-1"_s;
    unit.record.source = file;
    if (!analytics) {
        // Sales-like: the unit's partition is replaced whole; only _report_date is added.
        unit.metadata = {{{QString(reports::metadata::ReportDate), ColumnType::Date}, u"2026-11-01"_s}};
        unit.scopeColumns = {QString(reports::metadata::ReportDate)};
        return unit;
    }
    // What analyticssync's unitLoadFor builds for one instance: its rows carry only its key.
    unit.replace = sync::UnitLoad::Replace::NewestPerDate;
    unit.dateHeaders = {u"Date"_s, u"Event Date"_s};
    unit.instance.instanceId = u"bench-instance-1"_s;
    unit.instance.appId = u"1498231577"_s;
    unit.instance.reportName = u"App Downloads Detailed"_s;
    unit.instance.table = table;
    unit.instance.granularity = u"DAILY"_s;
    unit.instance.processingDate = QDate(2026, 11, 2);
    unit.instance.accessType = u"ONGOING"_s;
    return unit;
}

int load(const QStringList &arguments)
{
    const QString file = option(arguments, u"--file"_s);
    const QString uri = option(arguments, u"--destination"_s);
    const QString mode = option(arguments, u"--mode"_s, u"analytics"_s);
    if (file.isEmpty() || uri.isEmpty()) {
        return fail(u"load needs --file FILE and --destination URI"_s);
    }
    const auto spec = storage::DestinationSpec::parse(uri, option(arguments, u"--schema"_s, u"bench"_s));
    if (!spec) {
        return fail(spec.errorMessage());
    }
    auto destination = storage::Destination::open(*spec);
    if (!destination) {
        return fail(destination.errorMessage());
    }
    const sync::UnitLoad unit =
        benchUnit(file, option(arguments, u"--table"_s, u"downloads"_s), mode == u"analytics"_s);
    QElapsedTimer timer;
    timer.start();
    const auto loaded = sync::loadUnit(**destination, unit);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!loaded) {
        return fail(loaded.errorMessage());
    }
    std::printf("rows=%lld seconds=%.3f rows_per_s=%.0f peak_rss_mib=%.1f\n",
                static_cast<long long>(loaded->rowsLoaded), seconds, double(loaded->rowsLoaded) / seconds,
                peakResidentMiB());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments().mid(1);
    const QString command = arguments.value(0);
    if (command == u"generate"_s) {
        return generate(arguments);
    }
    if (command == u"ddl"_s) {
        return printTableDefinition(arguments);
    }
    if (command == u"load"_s) {
        return load(arguments);
    }
    return fail(u"usage: bench_load generate|ddl|load ... (see the comment at the top of bench_load.cpp)"_s);
}
