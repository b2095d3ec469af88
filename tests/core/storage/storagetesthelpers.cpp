#include "storagetesthelpers.h"

#include "storagechild.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace storagetest {

Result<QList<QStringList>> fetch(Destination &destination, const QString &sql)
{
    QList<QStringList> rows;
    const Result<qint64> done = destination.query(sql, {}, [&rows](const QList<QString> &values) {
        QStringList row;
        for (const QString &value : values)
            row << (value.isNull() ? Null : value);
        rows << row;
        return true;
    });
    if (!done)
        return done.error();
    return rows;
}

QList<QStringList> rowsOf(Destination &destination, const QString &sql)
{
    const Result<QList<QStringList>> rows = fetch(destination, sql);
    if (!rows) {
        qWarning("query failed: %s", qPrintable(rows.errorMessage()));
        return {{u"<query failed>"_s, rows.errorMessage()}};
    }
    return rows.value();
}

QStringList describeColumns(Destination &destination, const QString &table)
{
    const Result<std::optional<QList<Column>>> columns = destination.tableColumns(table);
    if (!columns)
        return {u"error: "_s + columns.errorMessage()};
    if (!columns.value())
        return {u"<no table>"_s};
    QStringList described;
    for (const Column &column : *columns.value())
        described << column.name + u':' + columnTypeName(column.type);
    return described;
}

QStringList expectedColumns(QStringList columns, bool sqlite)
{
    if (sqlite)
        columns.replaceInStrings(u":date"_s, u":text"_s);
    return columns;
}

QList<Column> eventColumns()
{
    return {{u"batch"_s, ColumnType::Text}, {u"n"_s, ColumnType::Integer}, {u"payload"_s, ColumnType::Text}};
}

Result<qint64> loadRows(Destination &destination, const QString &table, const QList<Column> &columns,
                        const QList<QStringList> &rows, const SinkInspector &inspect)
{
    Result<std::unique_ptr<RowSink>> sink = destination.openSink(table, columns);
    if (!sink)
        return sink.error();
    if (inspect)
        inspect(*sink.value());
    for (const QStringList &row : rows) {
        QList<QString> values;
        for (const QString &value : row)
            values << (value == Null ? QString() : value);
        if (const Status ok = sink.value()->append(values); !ok)
            return ok.error();
    }
    return sink.value()->finish();
}

Status createAndLoad(Destination &destination, const QString &table, const QList<Column> &columns,
                     const QList<QStringList> &rows, const SinkInspector &inspect)
{
    if (const Status ok = destination.begin(); !ok)
        return ok;
    const Result<TablePlan> plan = destination.prepareTable(table, columns, {}, MigrationPolicy::Evolve);
    if (!plan) {
        (void)destination.rollback();
        return plan.error();
    }
    const Result<qint64> loaded = loadRows(destination, table, plan->loadColumns, rows, inspect);
    if (!loaded) {
        (void)destination.rollback();
        return loaded.error();
    }
    return destination.commit();
}

Result<std::unique_ptr<SyncLock>> acquireOnceFree(Destination &destination)
{
    QDeadlineTimer deadline(60 * 1000);
    for (;;) {
        Result<std::unique_ptr<SyncLock>> lock = destination.acquireSyncLock();
        if (lock || lock.error().code != u"storage.lock.held"_s || deadline.hasExpired())
            return lock;
        QThread::msleep(50);
    }
}

ChildProcess::ChildProcess(const QString &mode, const DestinationSpec &spec, const QStringList &extra)
{
    m_process.setProgram(QCoreApplication::applicationFilePath());
    m_process.setArguments(
        QStringList{QString::fromLatin1(StorageChildFlag), mode, spec.toString(), spec.schema()} + extra);
    m_process.start();
}

ChildProcess::~ChildProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(30000);
    }
}

bool ChildProcess::waitForLine(const QByteArray &line, QString *why)
{
    if (!m_process.waitForStarted(30000)) {
        *why = u"the child did not start: "_s + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(120 * 1000); // a guard against a hung child, not a timing assertion
    while (!deadline.hasExpired()) {
        while (m_process.canReadLine()) {
            if (m_process.readLine().trimmed() == line)
                return true;
        }
        if (m_process.state() == QProcess::NotRunning) {
            *why = u"the child exited before printing %1: %2"_s.arg(QString::fromLatin1(line), errorOutput());
            return false;
        }
        m_process.waitForReadyRead(100);
    }
    *why = u"the child never printed "_s + QString::fromLatin1(line);
    return false;
}

void ChildProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(30000);
}

int ChildProcess::closeAndFinish()
{
    m_process.closeWriteChannel();
    m_process.waitForFinished(60000);
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ChildProcess::errorOutput()
{
    return QString::fromLocal8Bit(m_process.readAllStandardError());
}

} // namespace storagetest
