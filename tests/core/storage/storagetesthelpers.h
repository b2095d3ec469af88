#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QProcess>
#include <QTest>

#include <functional>

Q_DECLARE_METATYPE(ascsync::storage::Column)
Q_DECLARE_METATYPE(ascsync::storage::MigrationPolicy)
Q_DECLARE_METATYPE(ascsync::storage::ColumnType)

// Opens `spec` through the suite's m_backend, or fails the test with the destination's own message.
#define OPEN_DESTINATION(name, spec)                                                                         \
    auto name##Opened = m_backend.open(spec);                                                                \
    QVERIFY2(name##Opened.ok(), qPrintable(name##Opened.errorMessage()));                                    \
    ascsync::storage::Destination &name = *name##Opened.value()

// Fails the test with the error's message when a Result or Status is not ok.
#define VERIFY_OK(expression)                                                                                \
    do {                                                                                                     \
        const auto &verifyOkResult = (expression);                                                           \
        QVERIFY2(verifyOkResult.ok(), qPrintable(verifyOkResult.errorMessage()));                            \
    } while (false)

// What the storage suites share: reading a query into memory, loading rows in one go, and driving the child
// process of storagechild.h.
namespace storagetest {

// NULL as fetch() shows it, so a NULL is never mistaken for an empty string.
inline const QString Null = QStringLiteral("<NULL>");

ascsync::Result<QList<QStringList>> fetch(ascsync::storage::Destination &destination, const QString &sql);
// fetch() for comparisons: a failed query gives a row that names the failure (and so never compares equal).
QList<QStringList> rowsOf(ascsync::storage::Destination &destination, const QString &sql);

// "name:type" per column, as the destination reports it.
QStringList describeColumns(ascsync::storage::Destination &destination, const QString &table);
// The "name:type" list a back-end reports: SQLite stores dates as TEXT, so a date column reads back as text.
QStringList expectedColumns(QStringList columns, bool sqlite);

// The columns of the `events` table several tests load: batch (text), n (integer), payload (text).
QList<ascsync::storage::Column> eventColumns();

// Called with the sink once it is open, for tests that look at the sink itself (e.g. its COPY format).
using SinkInspector = std::function<void(const ascsync::storage::RowSink &)>;

// Opens a sink on `columns` in the open transaction, appends every row and finishes it.
ascsync::Result<qint64> loadRows(ascsync::storage::Destination &destination, const QString &table,
                                 const QList<ascsync::storage::Column> &columns,
                                 const QList<QStringList> &rows, const SinkInspector &inspect = {});

// begin + prepareTable(Evolve) + loadRows + commit.
ascsync::Status createAndLoad(ascsync::storage::Destination &destination, const QString &table,
                              const QList<ascsync::storage::Column> &columns, const QList<QStringList> &rows,
                              const SinkInspector &inspect = {});

// Tries to take the sync lock until it is free: the PostgreSQL server releases a killed holder's lock only
// once it notices the closed connection, a moment later. Any other failure returns at once.
ascsync::Result<std::unique_ptr<ascsync::storage::SyncLock>>
acquireOnceFree(ascsync::storage::Destination &destination);

// This test executable started again in a child mode (see storagechild.h).
class ChildProcess {
public:
    ChildProcess(const QString &mode, const ascsync::storage::DestinationSpec &spec,
                 const QStringList &extra = {});
    ~ChildProcess();

    // Waits for the child to print `line`; false (with the child's stderr in `why`) if it exits first.
    bool waitForLine(const QByteArray &line, QString *why);
    qint64 pid() const { return m_process.processId(); }
    void kill();          // SIGKILL
    int closeAndFinish(); // closes stdin (the child ends cleanly); gives the exit code
    QString errorOutput();

private:
    QProcess m_process;
};

} // namespace storagetest
