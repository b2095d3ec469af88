#include "storagechild.h"

#include "core/storage/destination.h"

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "child: %s\n", qPrintable(message));
    return 2;
}

void say(const char *line)
{
    std::fputs(line, stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Blocks until the parent closes our stdin (or kills us).
void waitForParent()
{
    while (std::getchar() != EOF) {
    }
}

int holdLock(Destination &destination)
{
    const Result<std::unique_ptr<SyncLock>> lock = destination.acquireSyncLock();
    if (!lock)
        return fail(lock.errorMessage());
    say("locked");
    waitForParent();
    return 0;
}

int loadAndHang(Destination &destination, qint64 rows)
{
    const Result<std::unique_ptr<SyncLock>> lock = destination.acquireSyncLock();
    if (!lock)
        return fail(lock.errorMessage());
    if (const Status ok = destination.begin(); !ok)
        return fail(ok.errorMessage());
    const QList<Column> fileColumns = {
        {u"batch"_s, ColumnType::Text}, {u"n"_s, ColumnType::Integer}, {u"payload"_s, ColumnType::Text}};
    const Result<TablePlan> plan = destination.prepareTable(
        u"events"_s, fileColumns, {{u"_added_by_child"_s, ColumnType::Text}}, MigrationPolicy::Evolve);
    if (!plan)
        return fail(plan.errorMessage());
    const Result<qint64> deleted =
        destination.deleteRows(u"events"_s, RowFilter{{{u"batch"_s, u"base"_s}}, {}, {}});
    if (!deleted)
        return fail(deleted.errorMessage());
    if (const Status ok = destination.recordLoad(LoadRecord{u"events"_s,
                                                            u"child"_s,
                                                            u"c0ffee"_s,
                                                            rows,
                                                            u"child process"_s,
                                                            QDateTime::currentDateTimeUtc(),
                                                            {}});
        !ok)
        return fail(ok.errorMessage());
    Result<std::unique_ptr<RowSink>> sink = destination.openSink(u"events"_s, plan->loadColumns);
    if (!sink)
        return fail(sink.errorMessage());
    QList<QString> file(3);
    QList<QString> row;
    const QList<QString> metadata = {u"child"_s};
    file[0] = u"child"_s;
    file[2] = u"a payload long enough to make the load spill out of memory caches"_s;
    for (qint64 i = 0; i < rows; ++i) {
        file[1] = QString::number(i);
        plan->selectValues(file, metadata, row);
        if (const Status ok = sink.value()->append(row); !ok)
            return fail(ok.errorMessage());
    }
    say("loading");
    waitForParent();
    return 0;
}

} // namespace

int runStorageChild(const QStringList &arguments)
{
    // arguments: program --child MODE DESTINATION SCHEMA [ROWS]
    if (arguments.size() < 5)
        return fail(u"usage: --child MODE DESTINATION SCHEMA [ROWS]"_s);
    const QString mode = arguments[2];
    const Result<DestinationSpec> spec = DestinationSpec::parse(arguments[3], arguments[4]);
    if (!spec)
        return fail(spec.errorMessage());
    const Result<std::unique_ptr<Destination>> destination =
        Destination::open(spec.value(), qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD"));
    if (!destination)
        return fail(destination.errorMessage());
    if (mode == u"lock"_s)
        return holdLock(*destination.value());
    if (mode == u"load"_s && arguments.size() >= 6)
        return loadAndHang(*destination.value(), arguments[5].toLongLong());
    return fail(u"unknown child mode "_s + mode);
}
