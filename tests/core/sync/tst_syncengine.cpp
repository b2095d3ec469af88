// The sync engine in-process (sync::runSync, no CLI) against the real simulator over loopback HTTP, into a
// real SQLite file, on a clock the test sets: every time the engine and the destination write down (the run,
// each load, each analytics instance, the sales rows' _loaded_at) is that clock's, and a second run at the
// same moment finds nothing to load.
#include "core/api/apiclient.h"
#include "core/auth/p8key.h"
#include "core/auth/tokenprovider.h"
#include "core/storage/destination.h"
#include "core/storage/destinationspec.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncobserver.h"
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/sqlitetables.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

// The simulator's "today" and the engine's clock agree, as Apple's day and the user's do.
const QDateTime kNow = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);
const QString kNowText = u"2026-11-20T12:00:00.000Z"_s;

class Recorder : public sync::SyncObserver {
public:
    void message(Level, const QString &text) override { messages << text; }
    void progress(const QString &, int, int) override {}
    QStringList messages;
};

// Each distinct value of `expression` in `table` of the SQLite file at `path`, in order.
QStringList distinctValues(const QString &path, const QString &expression, const QString &table)
{
    return sqliteValues(path, u"SELECT DISTINCT %1 FROM %2 ORDER BY 1"_s.arg(expression, table));
}

} // namespace

class TestSyncEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_state.isValid() && m_root.isValid());
        QVERIFY(m_sandbox.start(m_state.path(), {u"--seed"_s, u"7"_s, u"--apps"_s, u"2"_s,
                                                 u"--history-start"_s, u"2026-11-10"_s, u"--today"_s,
                                                 u"2026-11-20"_s, u"--traffic-scale"_s, u"0.02"_s}));
    }

    void everyStampComesFromTheClock()
    {
        const auto summary = runOnce();
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        QVERIFY2(summary->failures.isEmpty(), qPrintable(summary->failures.join(u'\n')));
        QVERIFY(summary->unitsLoaded > 0);
        QVERIFY(summary->rowsLoaded > 0);

        const QString db = databasePath();
        QCOMPARE(distinctValues(db, u"started_at"_s, u"_ascsync_runs"_s), QStringList{kNowText});
        QCOMPARE(distinctValues(db, u"finished_at"_s, u"_ascsync_runs"_s), QStringList{kNowText});
        QCOMPARE(distinctValues(db, u"loaded_at"_s, u"_ascsync_loads"_s), QStringList{kNowText});
        QCOMPARE(distinctValues(db, u"loaded_at"_s, u"_ascsync_instances"_s), QStringList{kNowText});
        // Sales rows carry their file's load time as a column of their own.
        const QStringList salesStreams =
            distinctValues(db, u"stream"_s, u"_ascsync_loads"_s).filter(u"sales"_s);
        QVERIFY2(!salesStreams.isEmpty(), "no sales report was loaded");
        QCOMPARE(distinctValues(db, u"_loaded_at"_s, u"sales_summary"_s), QStringList{kNowText});
    }

    // Resumable and idempotent: the same moment again finds everything loaded.
    void aSecondRunAtTheSameMomentLoadsNothing()
    {
        const auto summary = runOnce();
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        QVERIFY2(summary->failures.isEmpty(), qPrintable(summary->failures.join(u'\n')));
        QCOMPARE(summary->unitsLoaded, 0);
        QCOMPARE(summary->rowsLoaded, 0);
        QCOMPARE(distinctValues(databasePath(), u"COUNT(*)"_s, u"_ascsync_runs"_s), QStringList{u"2"_s});
    }

private:
    QString databasePath() const { return m_root.filePath(u"db.sqlite"_s); }

    Result<sync::SyncSummary> runOnce()
    {
        const Clock clock = [] { return kNow; };
        const QJsonObject reader = m_sandbox.credentials().value(u"reader"_s).toObject();
        auto key = auth::P8Key::fromFile(reader.value(u"keyFile"_s).toString());
        if (!key)
            return key.error();
        auth::TokenClaims claims;
        claims.issuerId = reader.value(u"issuerId"_s).toString();
        claims.keyId = reader.value(u"keyId"_s).toString();
        api::ApiOptions apiOptions;
        apiOptions.baseUrl = QUrl(m_sandbox.apiBaseUrl());
        apiOptions.clock = clock;
        // The token's own times stay real: the simulator checks them against its wall clock, as Apple does.
        api::ApiClient client(apiOptions,
                              std::make_shared<auth::TokenProvider>(std::move(key).value(), claims));

        const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + databasePath());
        if (!spec)
            return spec.error();
        storage::OpenOptions openOptions;
        openOptions.clock = clock;
        auto destination = storage::Destination::open(spec.value(), QString(), openOptions);
        if (!destination)
            return destination.error();

        sync::SyncOptions options;
        options.vendorNumber = m_sandbox.vendorNumber();
        options.streams = reports::StreamSelection::of({u"analytics"_s, u"sales"_s});
        options.backfillDays = 3;
        options.workDirectory = m_root.filePath(u"work"_s);
        if (!QDir().mkpath(options.workDirectory))
            return makeError(u"test.work"_s, u"cannot create "_s + options.workDirectory);
        options.clock = clock;
        Recorder observer;
        return sync::runSync(client, *destination.value(), options, observer);
    }

    QTemporaryDir m_state;
    QTemporaryDir m_root;
    SandboxProcess m_sandbox;
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
