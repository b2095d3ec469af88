#include "storagetestbackend.h"

#include "core/storage/sqlidentifier.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace {

QString sanitizedTag(const QString &tag)
{
    QString clean;
    for (const QChar c : tag.toLower()) {
        const bool keep = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        clean += keep ? c : u'_';
    }
    return clean.left(40);
}

// Runs statements on a connection of its own, then removes it; `rows` gets the last statement's result.
Status runOn(const QString &driver, const std::function<void(QSqlDatabase &)> &configure,
             const QStringList &statements, QList<QStringList> *rows = nullptr)
{
    static int counter = 0;
    const QString name = u"storage-test-direct-%1"_s.arg(++counter);
    Status outcome;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        configure(db);
        if (!db.open()) {
            outcome = makeError(u"test.open"_s, db.lastError().text());
        } else {
            for (const QString &statement : statements) {
                QSqlQuery query(db);
                if (!query.exec(statement)) {
                    outcome = makeError(u"test.exec"_s, statement + u": "_s + query.lastError().text());
                    break;
                }
                if (rows && query.isSelect()) {
                    rows->clear();
                    while (query.next()) {
                        QStringList row;
                        for (int i = 0; i < query.record().count(); ++i)
                            row << (query.isNull(i) ? u"<NULL>"_s : query.value(i).toString());
                        *rows << row;
                    }
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return outcome;
}

} // namespace

StorageTestBackend::StorageTestBackend(Kind kind)
    : m_kind(kind)
{}

StorageTestBackend::~StorageTestBackend()
{
    tearDown();
}

Status StorageTestBackend::setUp()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return makeError(u"test.tmp"_s, u"cannot create a temporary folder: "_s + m_dir->errorString());
    if (m_kind == Kind::Sqlite)
        return {};

    const QStringList names = {u"ASCSYNC_TEST_PG_HOST"_s, u"ASCSYNC_TEST_PG_PORT"_s,
                               u"ASCSYNC_TEST_PG_USER"_s, u"ASCSYNC_TEST_PG_PASSWORD"_s,
                               u"ASCSYNC_TEST_PG_DATABASE"_s};
    QStringList missing;
    for (const QString &name : names) {
        if (qEnvironmentVariableIsEmpty(name.toLatin1().constData()))
            missing << name;
    }
    if (!missing.isEmpty()) {
        return makeError(
            u"test.pgEnvironment"_s,
            u"The PostgreSQL tests need a server, and %1 are not set. Run them through "
            "tests/run-all.sh, which starts a throw-away server and exports ASCSYNC_TEST_PG_HOST, "
            "_PORT, _USER, _PASSWORD and _DATABASE (or export them yourself)."_s.arg(missing.join(u", "_s)));
    }
    m_host = qEnvironmentVariable("ASCSYNC_TEST_PG_HOST");
    m_port = qEnvironmentVariable("ASCSYNC_TEST_PG_PORT").toInt();
    m_user = qEnvironmentVariable("ASCSYNC_TEST_PG_USER");
    m_password = qEnvironmentVariable("ASCSYNC_TEST_PG_PASSWORD");
    m_adminDatabase = qEnvironmentVariable("ASCSYNC_TEST_PG_DATABASE");

    const QString database = u"ascsync_test_%1_%2"_s.arg(QCoreApplication::applicationPid())
                                 .arg(QRandomGenerator::global()->generate(), 8, 16, QChar(u'0'));
    const Status created = runOn(u"QPSQL"_s,
                                 [this](QSqlDatabase &db) {
                                     db.setHostName(m_host);
                                     db.setPort(m_port);
                                     db.setUserName(m_user);
                                     db.setPassword(m_password);
                                     db.setDatabaseName(m_adminDatabase);
                                 },
                                 {u"CREATE DATABASE "_s + quoteIdentifier(database)});
    if (!created)
        return created;
    m_database = database;
    return {};
}

void StorageTestBackend::tearDown()
{
    if (!m_database.isEmpty()) {
        const Status dropped =
            runOn(u"QPSQL"_s,
                  [this](QSqlDatabase &db) {
                      db.setHostName(m_host);
                      db.setPort(m_port);
                      db.setUserName(m_user);
                      db.setPassword(m_password);
                      db.setDatabaseName(m_adminDatabase);
                  },
                  {u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(quoteIdentifier(m_database))});
        if (!dropped)
            qWarning("could not drop the test database: %s", qPrintable(dropped.errorMessage()));
        m_database.clear();
    }
    m_dir.reset();
}

DestinationSpec StorageTestBackend::freshSpec(const QString &tag, const QString &schema)
{
    const QString unique = u"%1_%2"_s.arg(sanitizedTag(tag)).arg(++m_counter);
    QString text;
    QString schemaName = schema;
    if (m_kind == Kind::Sqlite) {
        text = u"sqlite:"_s + m_dir->filePath(unique + u".db"_s);
        if (schemaName.isEmpty())
            schemaName = DestinationSpec::defaultSchema();
    } else {
        text = u"postgresql://%1@%2:%3/%4"_s.arg(m_user, m_host).arg(m_port).arg(m_database);
        if (schemaName.isEmpty())
            schemaName = u"t_"_s + unique;
    }
    const Result<DestinationSpec> spec = DestinationSpec::parse(text, schemaName);
    Q_ASSERT_X(spec.ok(), "freshSpec", qPrintable(spec.errorMessage()));
    return spec.value();
}

QString StorageTestBackend::destinationText(const DestinationSpec &spec)
{
    return spec.toString();
}

Result<std::unique_ptr<Destination>> StorageTestBackend::open(const DestinationSpec &spec) const
{
    return Destination::open(spec, m_password);
}

Status StorageTestBackend::execDirect(const DestinationSpec &spec, const QStringList &statements) const
{
    const Result<QList<QStringList>> done = queryDirect(spec, statements);
    return done ? Status() : Status(done.error());
}

Result<QList<QStringList>> StorageTestBackend::queryDirect(const DestinationSpec &spec,
                                                           const QStringList &statements) const
{
    QList<QStringList> rows;
    Status outcome;
    if (m_kind == Kind::Sqlite) {
        QStringList all = {u"ATTACH DATABASE '%1' AS %2"_s.arg(spec.sqlitePath().replace(u"'"_s, u"''"_s),
                                                               quoteIdentifier(spec.schema()))};
        all += statements;
        outcome = runOn(
            u"QSQLITE"_s, [](QSqlDatabase &db) { db.setDatabaseName(u":memory:"_s); }, all, &rows);
        if (!outcome)
            return outcome.error();
        return rows;
    }
    QStringList all = {u"SET client_min_messages TO warning"_s,
                       u"CREATE SCHEMA IF NOT EXISTS "_s + quoteIdentifier(spec.schema())};
    all += statements;
    outcome = runOn(
        u"QPSQL"_s,
        [this](QSqlDatabase &db) {
            db.setHostName(m_host);
            db.setPort(m_port);
            db.setUserName(m_user);
            db.setPassword(m_password);
            db.setDatabaseName(m_database);
        },
        all, &rows);
    if (!outcome)
        return outcome.error();
    return rows;
}
