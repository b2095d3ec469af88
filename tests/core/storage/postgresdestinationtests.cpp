#include "postgresdestinationtests.h"

#include "storagetesthelpers.h"

#include "core/storage/destination.h"
#include "core/storage/rowsink.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::storage;

namespace {

// Sets environment variables for one test and puts the old values back afterwards.
class EnvironmentGuard {
public:
    EnvironmentGuard(std::initializer_list<std::pair<const char *, QString>> values)
    {
        for (const auto &[name, value] : values) {
            m_saved.append({name, qgetenv(name), qEnvironmentVariableIsSet(name)});
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value.toLocal8Bit());
        }
    }
    ~EnvironmentGuard()
    {
        for (const Saved &saved : std::as_const(m_saved)) {
            if (saved.wasSet)
                qputenv(saved.name, saved.value);
            else
                qunsetenv(saved.name);
        }
    }

private:
    struct Saved {
        const char *name;
        QByteArray value;
        bool wasSet;
    };
    QList<Saved> m_saved;
};

Result<std::unique_ptr<Destination>> openUrl(const QString &url, const QString &password,
                                             const QString &schema = DestinationSpec::defaultSchema())
{
    const Result<DestinationSpec> spec = DestinationSpec::parse(url, schema);
    if (!spec)
        return spec.error();
    return Destination::open(spec.value(), password);
}

} // namespace

PostgresDestinationTests::PostgresDestinationTests(StorageTestBackend &backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
{}

QString PostgresDestinationTests::url(int port, const QString &database) const
{
    return u"postgresql://%1@%2:%3/%4"_s.arg(m_backend.pgUser(), m_backend.pgHost()).arg(port).arg(database);
}

void PostgresDestinationTests::unreachableServer()
{
    // A port that was free a moment ago and has nobody listening now.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const int port = server.serverPort();
    server.close();

    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(port, u"postgres"_s), m_backend.password());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"storage.pg.unreachable"_s);
    QVERIFY2(opened.errorMessage().contains(u"not reachable"_s), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(u"is PostgreSQL running on 127.0.0.1:%1"_s.arg(port)),
             qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::wrongPassword()
{
    const QString wrong = u"not-the-password-42"_s;
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), m_backend.pgDatabase()), wrong);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"storage.pg.password"_s);
    QVERIFY2(opened.errorMessage().contains(u"refused the password for user %1"_s.arg(m_backend.pgUser())),
             qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(u"keychain or PGPASSWORD"_s), qPrintable(opened.errorMessage()));
    QVERIFY(!opened.errorMessage().contains(wrong)); // never echoed
}

void PostgresDestinationTests::missingDatabase()
{
    const QString missing = u"no_such_database_%1"_s.arg(QCoreApplication::applicationPid());
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), missing), m_backend.password());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"storage.pg.noDatabase"_s);
    QVERIFY2(opened.errorMessage().contains(missing) && opened.errorMessage().contains(u"createdb"_s),
             qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::passwordFromPgpassword()
{
    QTemporaryDir home;
    EnvironmentGuard environment{
        {"PGPASSWORD", m_backend.password()}, {"PGPASSFILE", QString()}, {"HOME", home.path()}};
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), m_backend.pgDatabase()), QString(), u"from_env"_s);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::passwordFromPgpassFile()
{
    QTemporaryDir home;
    QFile pgpass(home.filePath(u".pgpass"_s));
    QVERIFY(pgpass.open(QIODevice::WriteOnly));
    pgpass.write(u"%1:%2:%3:%4:%5\n"_s.arg(m_backend.pgHost())
                     .arg(m_backend.pgPort())
                     .arg(m_backend.pgDatabase(), m_backend.pgUser(), m_backend.password())
                     .toUtf8());
    pgpass.close();
    QVERIFY(pgpass.setPermissions(QFile::ReadOwner | QFile::WriteOwner)); // libpq ignores a readable .pgpass

    EnvironmentGuard environment{{"PGPASSWORD", QString()}, {"PGPASSFILE", QString()}, {"HOME", home.path()}};
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), m_backend.pgDatabase()), QString(), u"from_pgpass"_s);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::noPasswordAnywhere()
{
    QTemporaryDir home;
    EnvironmentGuard environment{{"PGPASSWORD", QString()}, {"PGPASSFILE", QString()}, {"HOME", home.path()}};
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), m_backend.pgDatabase()), QString());
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, u"storage.pg.noPassword"_s);
    QVERIFY2(opened.errorMessage().contains(u"keychain"_s) &&
                 opened.errorMessage().contains(u"PGPASSWORD"_s) &&
                 opened.errorMessage().contains(u"~/.pgpass"_s),
             qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::explicitPasswordWins()
{
    QTemporaryDir home;
    EnvironmentGuard environment{{"PGPASSWORD", u"wrong-in-environment"_s}, {"HOME", home.path()}};
    const Result<std::unique_ptr<Destination>> opened =
        openUrl(url(m_backend.pgPort(), m_backend.pgDatabase()), m_backend.password(), u"explicit_wins"_s);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
}

void PostgresDestinationTests::missingSchemaIsCreated()
{
    const DestinationSpec spec = m_backend.freshSpec(u"newschema"_s);
    const Result<std::unique_ptr<Destination>> opened = m_backend.open(spec);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    const Result<QList<QStringList>> found = storagetest::fetch(
        *opened.value(),
        u"SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = '%1'"_s.arg(spec.schema()));
    QVERIFY2(found, qPrintable(found.errorMessage()));
    QCOMPARE(found.value(), (QList<QStringList>{{u"1"_s}}));
    // Opening it again finds it and changes nothing.
    const Result<std::unique_ptr<Destination>> again = m_backend.open(spec);
    QVERIFY2(again, qPrintable(again.errorMessage()));
}

// A server that goes away in the middle of a COPY is a clear error from append() or finish(), never a hang or
// a crash, and nothing of the load stays.
void PostgresDestinationTests::connectionLostDuringCopy()
{
    const DestinationSpec spec = m_backend.freshSpec(u"lostcopy"_s);
    OPEN_DESTINATION(destination, spec);
    OPEN_DESTINATION(observer, spec);
    const Result<QList<QStringList>> pid = storagetest::fetch(destination, u"SELECT pg_backend_pid()"_s);
    VERIFY_OK(pid);
    VERIFY_OK(destination.begin());
    const Result<TablePlan> plan =
        destination.prepareTable(u"events"_s, storagetest::eventColumns(), {}, MigrationPolicy::Evolve);
    VERIFY_OK(plan);
    auto sink = destination.openSink(u"events"_s, plan->loadColumns);
    VERIFY_OK(sink);
    VERIFY_OK(storagetest::fetch(observer, u"SELECT pg_terminate_backend(%1)"_s.arg(pid->first().first())));

    // Enough rows for many batches: one of them meets the closed connection.
    Status appended;
    const QString payload(200, u'x');
    for (int i = 0; i < 200'000 && appended; ++i)
        appended = sink.value()->append({u"lost"_s, QString::number(i), payload});
    const Result<qint64> finished = appended ? sink.value()->finish() : Result<qint64>(appended.error());
    QVERIFY(!finished);
    QCOMPARE(finished.error().code, u"storage.sink.copy"_s);
    QVERIFY2(finished.errorMessage().contains(u"connection to PostgreSQL may have been lost"_s),
             qPrintable(finished.errorMessage()));
    sink.value().reset();
    QVERIFY(!destination.commit());

    const Result<QList<QStringList>> tables = storagetest::fetch(
        observer,
        u"SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = '%1' AND tablename = 'events'"_s.arg(
            spec.schema()));
    VERIFY_OK(tables);
    QCOMPARE(tables.value(), (QList<QStringList>{{u"0"_s}}));
}
