#include "postgresdestinationtests.h"

#include "storagetesthelpers.h"

#include "core/storage/destination.h"
#include "core/storage/postgresrowsink.h"
#include "core/storage/rowsink.h"

#include <QDate>
#include <QFile>
#include <QRandomGenerator>
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

// createAndLoad, giving the COPY format the sink chose.
Result<PostgresRowSink::Format> loadWithFormat(Destination &destination, const QString &table,
                                               const QList<Column> &columns, const QList<QStringList> &rows)
{
    PostgresRowSink::Format format = PostgresRowSink::Format::Text;
    const Status loaded =
        storagetest::createAndLoad(destination, table, columns, rows, [&format](const RowSink &sink) {
            format = dynamic_cast<const PostgresRowSink &>(sink).format();
        });
    if (!loaded)
        return loaded.error();
    return format;
}

// Decimals as reports and the value converter write them, and forms only the server's text input knew so
// far: signs, leading and trailing zeros, no integer digit, exponents.
QStringList decimalSamples()
{
    QStringList samples = {u"0"_s,          u"0.00"_s,
                           u"-1"_s,         u"12.50"_s,
                           u"0.001"_s,      u".5"_s,
                           u"+3.25"_s,      u"007.10"_s,
                           u"1e3"_s,        u"1.5E3"_s,
                           u"12e+5"_s,      u"1e-3"_s,
                           u"1.50e1"_s,     u"-0.0001234e-2"_s,
                           u"1e1000"_s,     u"1e-1000"_s,
                           u"99999.9999"_s, u"10000"_s,
                           u"0.0001"_s,     u"-123456789012345678901234567890.123456789"_s};
    QRandomGenerator random(20261206);
    const auto digits = [&random](int count) {
        QString text;
        for (int i = 0; i < count; ++i)
            text += QChar(u'0' + random.bounded(10));
        return text;
    };
    for (int i = 0; i < 3000; ++i) {
        QString text = random.bounded(3) == 0 ? u"-"_s : QString();
        const int integers = random.bounded(12) == 0 ? 0 : random.bounded(1, 24);
        text += digits(integers);
        if (integers == 0 || random.bounded(2) == 0)
            text += u'.' + digits(random.bounded(integers == 0 ? 1 : 0, 24));
        if (random.bounded(4) == 0)
            text += u'e' + QString::number(random.bounded(-60, 61));
        samples << text;
    }
    return samples;
}

QStringList dateSamples()
{
    QStringList samples = {u"2000-01-01"_s, u"1999-12-31"_s, u"2000-02-29"_s, u"2024-02-29"_s,
                           u"1970-01-01"_s, u"0001-01-01"_s, u"9999-12-31"_s, u"1900-03-01"_s};
    QRandomGenerator random(4242);
    const qint64 first = QDate(1, 1, 1).toJulianDay();
    const qint64 last = QDate(9999, 12, 31).toJulianDay();
    while (samples.size() < 3008) {
        const QDate date = QDate::fromJulianDay(first + qint64(random.bounded(quint64(last - first + 1))));
        samples << QString::asprintf("%04d-%02d-%02d", date.year(), date.month(), date.day());
    }
    return samples;
}

QStringList integerSamples()
{
    QStringList samples = {
        u"0"_s, u"-1"_s, u"+7"_s, u"007"_s, u"9223372036854775807"_s, u"-9223372036854775808"_s};
    QRandomGenerator random(77);
    while (samples.size() < 3008)
        samples << QString::number(qint64(random.generate64()) >> random.bounded(64));
    return samples;
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

// The binary COPY format sends each value in its type's send form, so the client does the server's parsing.
// Whatever it sends must be what the server's own text input makes of the same text: thousands of dates,
// decimals (scales, exponents, zeros) and integers are loaded both ways and compared in the database.
void PostgresDestinationTests::binaryCopyStoresWhatTextWould()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"binarycopy"_s));
    const QStringList decimals = decimalSamples();
    const QStringList dates = dateSamples();
    const QStringList integers = integerSamples();
    QList<QStringList> rows;
    for (qsizetype i = 0; i < decimals.size(); ++i)
        rows << QStringList{QString::number(i), dates.value(i % dates.size()), decimals[i],
                            integers.value(i % integers.size()), u"text ✓ \\t\t"_s + QString::number(i)};
    rows << QStringList{QString::number(rows.size()), storagetest::Null, storagetest::Null, storagetest::Null,
                        storagetest::Null};

    const QList<Column> typed = {{u"k"_s, ColumnType::Integer},
                                 {u"d"_s, ColumnType::Date},
                                 {u"n"_s, ColumnType::Decimal},
                                 {u"i"_s, ColumnType::Integer},
                                 {u"t"_s, ColumnType::Text}};
    QList<Column> asText = typed;
    for (qsizetype i = 1; i < asText.size(); ++i)
        asText[i].type = ColumnType::Text;
    const Result<PostgresRowSink::Format> typedFormat = loadWithFormat(destination, u"typed"_s, typed, rows);
    VERIFY_OK(typedFormat);
    QCOMPARE(*typedFormat, PostgresRowSink::Format::Binary);
    VERIFY_OK(loadWithFormat(destination, u"texts"_s, asText, rows));

    // Numbers compare as text: 1.5 and 1.50 are equal numbers, but the scale is part of what was loaded.
    const QString sql =
        u"SELECT count(*), count(*) FILTER (WHERE t.d IS DISTINCT FROM s.d::date "
        "OR t.n::text IS DISTINCT FROM s.n::numeric::text OR t.i IS DISTINCT FROM s.i::bigint "
        "OR t.t IS DISTINCT FROM s.t) FROM %1 t JOIN %2 s USING (k)"_s.arg(destination.qualified(u"typed"_s),
                                                                           destination.qualified(u"texts"_s));
    QCOMPARE(storagetest::rowsOf(destination, sql),
             (QList<QStringList>{{QString::number(rows.size()), u"0"_s}}));
    const QString nulls =
        u"SELECT count(*) FROM %1 WHERE d IS NULL AND n IS NULL AND i IS NULL AND t IS NULL"_s;
    QCOMPARE(storagetest::rowsOf(destination, nulls.arg(destination.qualified(u"typed"_s))),
             (QList<QStringList>{{u"1"_s}}));
}

// A column someone gave another type (integer, real, varchar) is not what the binary form is written for:
// the load falls back to the text format, and the server converts the values as before.
void PostgresDestinationTests::aColumnOfAnotherTypeLoadsAsText()
{
    OPEN_DESTINATION(destination, m_backend.freshSpec(u"changedtypes"_s));
    const QList<Column> columns = {
        {u"k"_s, ColumnType::Integer}, {u"amount"_s, ColumnType::Decimal}, {u"label"_s, ColumnType::Text}};
    const Result<PostgresRowSink::Format> created =
        loadWithFormat(destination, u"changed"_s, columns, {{u"1"_s, u"1.25"_s, u"one"_s}});
    VERIFY_OK(created);
    QCOMPARE(*created, PostgresRowSink::Format::Binary);
    VERIFY_OK(destination.execute(
        u"ALTER TABLE %1 ALTER COLUMN k TYPE integer, ALTER COLUMN amount TYPE real, "
        "ALTER COLUMN label TYPE varchar(20)"_s.arg(destination.qualified(u"changed"_s))));

    const Result<PostgresRowSink::Format> changed =
        loadWithFormat(destination, u"changed"_s, columns, {{u"2"_s, u"2.5"_s, u"two"_s}});
    VERIFY_OK(changed);
    QCOMPARE(*changed, PostgresRowSink::Format::Text);
    QCOMPARE(storagetest::rowsOf(destination, u"SELECT k, amount, label FROM %1 ORDER BY k"_s.arg(
                                                  destination.qualified(u"changed"_s))),
             (QList<QStringList>{{u"1"_s, u"1.25"_s, u"one"_s}, {u"2"_s, u"2.5"_s, u"two"_s}}));
}
