// A whole sync against a hostile loopback App Store Connect (issue 13, item 3): an analytics instance id
// made to name a file outside the download folder must neither write nor delete that file; the sync says
// which object it refused. Real SQLite destination, real HTTP, real files.
#include "core/api/apiclient.h"
#include "core/storage/destination.h"
#include "core/storage/destinationspec.h"
#include "core/sync/downloadfolder.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncobserver.h"
#include "tests/testkit/scriptedserver.h"
#include "tests/testkit/testkeys.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;

namespace {

QByteArray listing(const QString &type, const QString &id, const QJsonObject &attributes)
{
    const QJsonObject item{{u"type"_s, type}, {u"id"_s, id}, {u"attributes"_s, attributes}};
    return QJsonDocument(QJsonObject{{u"data"_s, QJsonArray{item}}, {u"links"_s, QJsonObject{}}})
        .toJson(QJsonDocument::Compact);
}

class Recorder : public sync::SyncObserver {
public:
    void message(Level, const QString &text) override { messages << text; }
    void progress(const QString &, int, int) override {}
    QStringList messages;
};

} // namespace

class TestHostileSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void instanceIdsNeverNameFiles_data()
    {
        QTest::addColumn<QString>("instanceId");
        QTest::newRow("relative") << u"../../victim"_s;
        QTest::newRow("absolute") << u"/VICTIM_DIR/victim"_s;
    }

    void instanceIdsNeverNameFiles()
    {
        QFETCH(QString, instanceId);
        QTemporaryDir root;
        QVERIFY(QDir(root.path()).mkpath(u"a/b"_s));
        const QString work = root.filePath(u"a/b"_s);
        instanceId.replace(u"VICTIM_DIR"_s, root.path().mid(1));
        // The file the old naming ("<instance id>-<segment>.txt.gz" in the work folder) would have hit.
        const QString victim = QDir(work).absoluteFilePath(instanceId + u"-0.txt.gz"_s);
        {
            QFile file(QDir::cleanPath(victim));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("precious");
        }

        ScriptedServer server;
        server.script("/v1/apps",
                      {ScriptedReply::json(200, listing(u"apps"_s, u"100"_s, {{u"name"_s, u"App"_s}}))});
        server.script("/v1/apps/100/analyticsReportRequests",
                      {ScriptedReply::json(200, listing(u"analyticsReportRequests"_s, u"req-1"_s,
                                                        {{u"accessType"_s, u"ONGOING"_s}}))});
        server.script("/v1/analyticsReportRequests/req-1/reports",
                      {ScriptedReply::json(200, listing(u"analyticsReports"_s, u"rep-1"_s,
                                                        {{u"name"_s, u"App Downloads Standard"_s},
                                                         {u"category"_s, u"COMMERCE"_s}}))});
        server.script("/v1/analyticsReports/rep-1/instances",
                      {ScriptedReply::json(200, listing(u"analyticsReportInstances"_s, instanceId,
                                                        {{u"granularity"_s, u"DAILY"_s},
                                                         {u"processingDate"_s, u"2026-03-04"_s}}))});
        ScriptedReply file;
        file.body = "Date\tCounts\n2026-03-03\t1\n";
        server.script("/seg", {file});
        // Whatever path a client would build from the id, the server answers with the segments listing.
        server.fallback([&](const ReceivedRequest &) {
            const QJsonObject attributes{
                {u"url"_s, QString(QString::fromLatin1(server.origin()) + u"/seg"_s)},
                {u"sizeInBytes"_s, static_cast<qint64>(file.body.size())},
                {u"checksum"_s, u"0"_s}};
            return ScriptedReply::json(200, listing(u"analyticsReportSegments"_s, u"seg-1"_s, attributes));
        });

        auto key = auth::P8Key::fromPem(testkeys::pkcs8Pem(testkeys::generateEc("P-256").get()));
        auth::TokenClaims claims;
        claims.issuerId = u"57246542-96fe-1a63-e053-0824d011072a"_s;
        claims.keyId = u"2X9R4HXF34"_s;
        api::ApiOptions options;
        options.baseUrl = QUrl(QString::fromLatin1(server.origin()));
        options.maxAttempts = 1;
        api::ApiClient client(options, std::make_shared<auth::TokenProvider>(key.value(), claims));

        const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + root.filePath(u"db.sqlite"_s));
        QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
        auto destination = storage::Destination::open(spec.value());
        QVERIFY2(destination.ok(), qPrintable(destination.errorMessage()));
        sync::SyncOptions syncOptions;
        syncOptions.streams = reports::StreamSelection::of({u"analytics"_s});
        syncOptions.workDirectory = work;
        Recorder observer;
        const auto summary = sync::runSync(client, *destination.value(), syncOptions, observer);
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));

        QFile check(QDir::cleanPath(victim));
        QVERIFY2(check.open(QIODevice::ReadOnly), "the file outside the download folder was deleted");
        QCOMPARE(check.readAll(), QByteArray("precious"));
        QCOMPARE(summary->unitsLoaded, 0);
        QVERIFY(!summary->failures.isEmpty());
        QVERIFY2(summary->failures.join(u'\n').contains(u"not a plain identifier"_s),
                 qPrintable(summary->failures.join(u'\n')));
        QCOMPARE(server.count("/seg"), 0);
    }

    // Item 16: a killed run's downloads are removed by the next run, in a folder no other user shares.
    void aKilledRunsDownloadsAreCleanedAtTheNextStart()
    {
        QTemporaryDir root;
        qputenv("XDG_CACHE_HOME", QFile::encodeName(root.filePath(u"cache"_s)));
        const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + root.filePath(u"db.sqlite"_s));
        QVERIFY(spec.ok());
        const QString folder = sync::DownloadFolder::pathFor(spec.value());
        QVERIFY(folder.startsWith(root.filePath(u"cache/ascsync/downloads/"_s)));
        QVERIFY(QDir().mkpath(folder));
        const QString leftover = QDir(folder).filePath(u"segment-7.txt.gz"_s);
        {
            QFile file(leftover);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("revenue rows of a killed run");
        }
        {
            auto downloads = sync::DownloadFolder::open(spec.value());
            QVERIFY2(downloads.ok(), qPrintable(downloads.errorMessage()));
            QVERIFY(!QFile::exists(leftover));
            QCOMPARE(QFileInfo(folder).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                     QFile::Permissions());
        }
        QVERIFY(!QFileInfo::exists(folder)); // removed when the run ends

        // A link planted where the folder goes is refused, not followed.
        const QString elsewhere = root.filePath(u"elsewhere"_s);
        QVERIFY(QDir().mkpath(elsewhere));
        QVERIFY(QFile::link(elsewhere, folder));
        const auto refused = sync::DownloadFolder::open(spec.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, u"sync.workDirectory"_s);
        QVERIFY(QFileInfo::exists(elsewhere));
    }

    // Two schemas of one database are two destinations that may sync at once (the sync lock is per schema):
    // one run starting must not empty the folder the other is downloading into.
    void eachSchemaHasItsOwnDownloadFolder()
    {
        QTemporaryDir root;
        qputenv("XDG_CACHE_HOME", QFile::encodeName(root.filePath(u"cache"_s)));
        const QString url = u"postgresql://ana@127.0.0.1:5432/reports"_s;
        const auto first = storage::DestinationSpec::parse(url, u"agency_one"_s);
        const auto second = storage::DestinationSpec::parse(url, u"agency_two"_s);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(sync::DownloadFolder::pathFor(first.value()) !=
                sync::DownloadFolder::pathFor(second.value()));

        auto running = sync::DownloadFolder::open(first.value());
        QVERIFY2(running.ok(), qPrintable(running.errorMessage()));
        const QString download = QDir(running.value()->path()).filePath(u"SALES_SUMMARY.gz"_s);
        {
            QFile file(download);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("a download in progress");
        }
        auto starting = sync::DownloadFolder::open(second.value());
        QVERIFY2(starting.ok(), qPrintable(starting.errorMessage()));
        QVERIFY2(QFile::exists(download), "the other schema's run emptied this run's download folder");
    }
};

QTEST_GUILESS_MAIN(TestHostileSync)
#include "tst_hostilesync.moc"
