// The raw archive and `ascsync replay` (issue 18), end to end: the real CLI against the real simulator over
// loopback, into real SQLite files (and PostgreSQL for the replay).
//
// One sync with --archive fills the archive. Its files must be the bytes the simulator serves (fetched again
// independently), one sidecar per loaded unit. With the simulator stopped and no key, a replay into an empty
// destination must give the synced tables and bookkeeping; a second replay changes nothing. Limits prune the
// oldest downloads first and say so; a damaged archived file fails its unit only.
#include "tests/testkit/rawanalytics.h"
#include "tests/testkit/sandboxprocess.h"
#include "tests/testkit/sqlitetables.h"
#include "tests/testkit/testpostgres.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

const QStringList kSandboxFlags{u"--seed"_s,          u"11"_s,         u"--apps"_s,  u"2"_s,
                                u"--history-start"_s, u"2026-09-27"_s, u"--today"_s, u"2026-11-20"_s,
                                u"--traffic-scale"_s, u"0.05"_s};
const QString kStreams =
    u"analytics:downloads,analytics:discovery_and_engagement,sales:SALES/SUMMARY/DAILY,finance"_s;

QJsonObject jsonOf(const CliRun &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

bool writeJson(const QString &path, const QJsonObject &json)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(QJsonDocument(json).toJson()) > 0;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString md5Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

// Every sidecar of an archive.
QStringList sidecars(const QString &archive)
{
    QStringList found;
    QDirIterator it(archive, {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    found.sort();
    return found;
}

qint64 bytesBelow(const QString &folder)
{
    qint64 total = 0;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

bool copyFolder(const QString &from, const QString &to)
{
    QProcess cp;
    cp.start(u"cp"_s, {u"-a"_s, from, to});
    return cp.waitForFinished(60000) && cp.exitCode() == 0;
}

// The report tables (not bookkeeping) of a SQLite destination.
QStringList dataTables(const QString &db)
{
    return sqliteValues(db, u"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
                            u"ESCAPE '\\' ORDER BY name"_s);
}

// Everything a replay must reproduce: every report table's rows and the bookkeeping that describes them
// (ascsync's own keys and load times aside, which count loads, not data; and the planner's listing
// state, which records what was asked of Apple, not what was loaded).
QStringList destinationFingerprint(const QString &db)
{
    QStringList parts;
    for (const QString &table : dataTables(db))
        parts << table + u": "_s + QString::fromLatin1(sqliteFingerprint(db, table));
    parts << u"instances: "_s + QString::fromLatin1(sqliteFingerprint(db, u"_ascsync_instances"_s,
                                                                      {u"instance_key"_s, u"loaded_at"_s}));
    parts << u"loads: "_s + QString::fromLatin1(sqliteFingerprint(
                                db, u"_ascsync_loads"_s, {u"loaded_at"_s},
                                u"t.checksum <> 'none' AND t.stream NOT LIKE 'planner/%'"_s));
    parts << u"instance days: "_s +
                 sqliteValues(db, u"SELECT i.instance_id || ' ' || d.day || ' ' || d.row_count FROM "
                                  u"_ascsync_instance_days d JOIN _ascsync_instances i USING (instance_key) "
                                  u"ORDER BY 1"_s)
                     .join(u',');
    return parts;
}

} // namespace

class TestArchiveReplay : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxProcess m_sandbox;
    QString m_archive;
    QString m_synced;
    int m_kept = 0;

    QStringList syncArguments(const QString &db, const QString &archive) const
    {
        return QStringList{u"sync"_s,
                           u"--config"_s,
                           m_dir.filePath(u"sync.conf"_s),
                           u"--destination"_s,
                           u"sqlite:"_s + db,
                           u"--vendor-number"_s,
                           m_sandbox.vendorNumber(),
                           u"--streams"_s,
                           kStreams,
                           u"--archive"_s,
                           archive,
                           u"--json"_s} +
               m_sandbox.keyArguments(u"reader"_s);
    }

    // A replay with no key and an API address nothing listens on: it must not need either.
    CliRun replay(const QString &destination, const QString &archive, const QStringList &environment = {})
    {
        return runAscsync({u"replay"_s, u"--config"_s, m_dir.filePath(u"replay-none.conf"_s),
                           u"--destination"_s, destination, u"--archive"_s, archive, u"--json"_s},
                          environment + QStringList{u"ASC_API_BASE_URL=http://127.0.0.1:9"_s});
    }

    QString copyOf(const QString &file, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        return QFile::copy(file, path) ? path : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sandbox.start(m_dir.filePath(u"sandbox"_s), kSandboxFlags));
        m_archive = m_dir.filePath(u"archive"_s);
        m_synced = m_dir.filePath(u"synced.db"_s);
        const CliRun run = runAscsync(syncArguments(m_synced, m_archive));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = jsonOf(run);
        m_kept = summary[u"archive"_s][u"unitsKept"_s].toInt();
        QVERIFY2(m_kept > 0, run.out.constData());
        QCOMPARE(m_kept, summary[u"unitsLoaded"_s].toInt());
        QCOMPARE(summary[u"archive"_s][u"unitsPruned"_s].toInt(), 0);
    }

    void everyLoadedUnitIsArchivedWithItsSidecar()
    {
        const QStringList found = sidecars(m_archive);
        QCOMPARE(found.size(), m_kept);
        // One sidecar per unit the destination records as loaded from a file.
        QStringList loaded = sqliteValues(
            m_synced,
            u"SELECT stream || ' ' || unit_key FROM _ascsync_loads WHERE checksum <> 'none' AND stream NOT "
            u"LIKE 'planner/%'"_s);
        QStringList archived;
        QSet<QString> families;
        for (const QString &path : found) {
            const QJsonObject sidecar = readJson(path);
            QCOMPARE(sidecar[u"format"_s].toInt(), 1);
            families.insert(sidecar[u"family"_s].toString());
            QVERIFY(
                QDateTime::fromString(sidecar[u"downloadedAt"_s].toString(), Qt::ISODateWithMs).isValid());
            const QJsonObject record = sidecar[u"record"_s].toObject();
            archived << record[u"stream"_s].toString() + u' ' + record[u"unitKey"_s].toString();
            const QJsonArray files = sidecar[u"files"_s].toArray();
            QVERIFY(!files.isEmpty());
            for (const QJsonValue &file : files) {
                const QByteArray bytes = readAll(QFileInfo(path).dir().filePath(file[u"name"_s].toString()));
                QCOMPARE(bytes.size(), file[u"size"_s].toInteger());
                QCOMPARE(md5Of(bytes), file[u"md5"_s].toString());
                QVERIFY(bytes.startsWith("\x1f\x8b")); // gzip, as Apple sent it
            }
            if (sidecar[u"family"_s].toString() == u"analytics"_s) {
                // The path is the instance's own metadata.
                const QJsonObject instance = sidecar[u"instance"_s].toObject();
                const QString folder = u"/analytics/%1/%2/%3/%4/%5/instance.json"_s.arg(
                    instance[u"appId"_s].toString(), instance[u"reportName"_s].toString().replace(u' ', u'_'),
                    instance[u"granularity"_s].toString(), instance[u"processingDate"_s].toString(),
                    instance[u"instanceId"_s].toString());
                QVERIFY2(path.endsWith(folder), qPrintable(path));
                QVERIFY(!instance[u"accessType"_s].toString().isEmpty());
            }
        }
        loaded.sort();
        archived.sort();
        QCOMPARE(archived, loaded);
        QCOMPARE(families, QSet<QString>({u"analytics"_s, u"sales"_s, u"finance"_s}));
    }

    void archivedFilesAreTheBytesTheSimulatorServes()
    {
        const CliRun token =
            runAscsync(QStringList{u"token"_s} + m_sandbox.keyArguments(u"reader"_s).mid(0, 6));
        QCOMPARE(token.exitCode, 0);
        RawAnalytics raw(m_sandbox.apiBaseUrl(), QString::fromLatin1(token.out.trimmed()));
        QHash<QString, QByteArray> served;
        for (const QString &app : raw.apps().keys()) {
            for (const QString &report :
                 {u"App Downloads Standard"_s, u"App Store Discovery and Engagement Standard"_s})
                served.insert(raw.segmentFiles(app, report));
        }
        QVERIFY(raw.error().isEmpty());
        int analytics = 0;
        int reportFiles = 0;
        for (const QString &path : sidecars(m_archive)) {
            const QJsonObject sidecar = readJson(path);
            const QDir folder = QFileInfo(path).dir();
            if (sidecar[u"family"_s].toString() == u"analytics"_s) {
                for (const QJsonValue &file : sidecar[u"files"_s].toArray()) {
                    const QString segment = file[u"name"_s].toString().chopped(7); // ".tsv.gz"
                    QVERIFY2(served.contains(segment), qPrintable(segment));
                    QVERIFY2(readAll(folder.filePath(file[u"name"_s].toString())) == served.value(segment),
                             qPrintable(path));
                    ++analytics;
                }
                continue;
            }
            // Sales and finance: ask for the same file again, with the parameters the sidecar's path names.
            const QStringList parts = QDir(m_archive).relativeFilePath(path).chopped(5).split(u'/');
            QUrlQuery query;
            query.addQueryItem(u"filter[vendorNumber]"_s, parts[1]);
            query.addQueryItem(u"filter[reportType]"_s, parts[2]);
            if (parts[0] == u"sales"_s) {
                query.addQueryItem(u"filter[reportSubType]"_s, parts[3]);
                query.addQueryItem(u"filter[frequency]"_s, parts[4]);
                query.addQueryItem(u"filter[version]"_s, parts[5]);
                query.addQueryItem(u"filter[reportDate]"_s, parts[6]);
            } else {
                query.addQueryItem(u"filter[regionCode]"_s, parts[3]);
                query.addQueryItem(u"filter[reportDate]"_s, parts[4]);
            }
            const QString endpoint =
                parts[0] == u"sales"_s ? u"/v1/salesReports?"_s : u"/v1/financeReports?"_s;
            const QByteArray again = raw.fetch(endpoint + query.toString(QUrl::FullyEncoded));
            QVERIFY2(!again.isEmpty(), qPrintable(path));
            const QString name = sidecar[u"files"_s][0][u"name"_s].toString();
            QVERIFY2(readAll(folder.filePath(name)) == again, qPrintable(path));
            ++reportFiles;
        }
        QVERIFY(analytics > 0);
        QVERIFY(reportFiles > 0);
    }

    void limitsPruneTheOldestDownloadsFirst()
    {
        // A copy of the archive and of the destination: the next sync finds nothing new, so it only prunes.
        const QString archive = m_dir.filePath(u"archive-pruned"_s);
        QVERIFY(copyFolder(m_archive, archive));
        const QString db = copyOf(m_synced, u"pruned.db"_s);
        QVERIFY(!db.isEmpty());
        // Age: five sales files were downloaded 100 days ago (as their sidecars say).
        QStringList aged;
        for (const QString &path : sidecars(archive)) {
            if (aged.size() < 5 && path.contains(u"/sales/"_s)) {
                QJsonObject sidecar = readJson(path);
                sidecar[u"downloadedAt"_s] =
                    QDateTime::currentDateTimeUtc().addDays(-100).toString(Qt::ISODateWithMs);
                QVERIFY(writeJson(path, sidecar));
                aged << path;
            }
        }
        QCOMPARE(aged.size(), 5);
        CliRun run = runAscsync(syncArguments(db, archive) + QStringList{u"--archive-max-age"_s, u"30"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run)[u"archive"_s][u"unitsPruned"_s].toInt(), 5);
        QVERIFY2(run.err.contains("Archive: pruned 5 units"), run.err.constData());
        for (const QString &path : aged) {
            QVERIFY2(!QFile::exists(path), qPrintable(path));
            QVERIFY(!QFile::exists(path.chopped(5) + u".tsv.gz"_s));
        }
        QCOMPARE(sidecars(archive).size(), m_kept - 5);

        // Size: a limit below what is left prunes the oldest downloads until the archive fits.
        QMap<QDateTime, QString> byAge;
        for (const QString &path : sidecars(archive))
            byAge.insert(
                QDateTime::fromString(readJson(path)[u"downloadedAt"_s].toString(), Qt::ISODateWithMs), path);
        const qint64 limit = bytesBelow(archive) / 2;
        run = runAscsync(syncArguments(db, archive) +
                         QStringList{u"--archive-max-size"_s, QString::number(limit / 1024) + u"K"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const int pruned = jsonOf(run)[u"archive"_s][u"unitsPruned"_s].toInt();
        QVERIFY(pruned > 0);
        QVERIFY(bytesBelow(archive) <= limit);
        const QStringList left = sidecars(archive);
        QCOMPARE(left.size(), m_kept - 5 - pruned);
        // Exactly the oldest went.
        QDateTime newestPruned;
        QDateTime oldestLeft;
        for (auto it = byAge.cbegin(); it != byAge.cend(); ++it) {
            if (left.contains(it.value())) {
                if (!oldestLeft.isValid())
                    oldestLeft = it.key();
            } else {
                newestPruned = it.key();
            }
        }
        QVERIFY(newestPruned <= oldestLeft);
    }

    void aBadArchiveFolderStopsTheSyncBeforeItStarts()
    {
        const QString file = m_dir.filePath(u"not-a-folder"_s);
        QFile touch(file);
        QVERIFY(touch.open(QIODevice::WriteOnly));
        touch.close();
        const QString db = copyOf(m_synced, u"badfolder.db"_s);
        const CliRun run = runAscsync(syncArguments(db, file));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("is a file; choose a folder"), run.err.constData());
    }

    // From here on Apple (the simulator) is gone.
    void replayWithoutAppleGivesTheSyncedTables()
    {
        m_sandbox.stop();
        const QString db = m_dir.filePath(u"replayed.db"_s);
        CliRun run = replay(u"sqlite:"_s + db, m_archive);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run)[u"unitsLoaded"_s].toInt(), m_kept);
        QCOMPARE(dataTables(db), dataTables(m_synced));
        QVERIFY(dataTables(db).size() >= 4); // two analytics reports, sales, finance
        const QStringList synced = destinationFingerprint(m_synced);
        QCOMPARE(destinationFingerprint(db), synced);

        // Again: nothing loads, nothing changes (not even a load time).
        const QByteArray loads = sqliteFingerprint(db, u"_ascsync_loads"_s, {u"__none__"_s});
        run = replay(u"sqlite:"_s + db, m_archive);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run)[u"unitsLoaded"_s].toInt(), 0);
        QCOMPARE(jsonOf(run)[u"unitsUpToDate"_s].toInt(), m_kept);
        QCOMPARE(destinationFingerprint(db), synced);
        QCOMPARE(sqliteFingerprint(db, u"_ascsync_loads"_s, {u"__none__"_s}), loads);
    }

    void aDamagedFileFailsItsUnitAndTheRestLoads()
    {
        const QString archive = m_dir.filePath(u"archive-damaged"_s);
        QVERIFY(copyFolder(m_archive, archive));
        QStringList damaged;
        for (const QString &path : sidecars(archive)) {
            if (!path.contains(u"/sales/"_s))
                continue;
            QJsonObject sidecar = readJson(path);
            const QString file = QFileInfo(path).dir().filePath(sidecar[u"files"_s][0][u"name"_s].toString());
            QFile gz(file);
            QVERIFY(gz.resize(gz.size() / 2)); // a truncated gzip
            if (damaged.isEmpty()) {
                // The checksum no longer matches: found before loading.
                damaged << file;
            } else {
                // The sidecar made to agree with the cut file: the loader finds the truncated gzip.
                QJsonObject entry = sidecar[u"files"_s][0].toObject();
                entry[u"md5"_s] = md5Of(readAll(file));
                sidecar[u"files"_s] = QJsonArray{entry};
                QVERIFY(writeJson(path, sidecar));
                damaged << file;
                break;
            }
        }
        QCOMPARE(damaged.size(), 2);
        const QString db = m_dir.filePath(u"damaged.db"_s);
        const CliRun run = replay(u"sqlite:"_s + db, archive);
        QCOMPARE(run.exitCode, 1);
        const QJsonObject summary = jsonOf(run);
        QCOMPARE(summary[u"unitsFailed"_s].toInt(), 2);
        QCOMPARE(summary[u"unitsLoaded"_s].toInt(), m_kept - 2);
        const QString failures = QString::fromUtf8(QJsonDocument(summary[u"failures"_s].toArray()).toJson());
        QVERIFY2(failures.contains(QFileInfo(damaged[0]).fileName()) && failures.contains(u"damaged"_s),
                 qPrintable(failures));
        QVERIFY2(failures.contains(QFileInfo(damaged[1]).path()), qPrintable(failures));
        QVERIFY2(run.err.contains("error: "), run.err.constData());
        // The rest is there: every analytics table as synced, and the other sales days.
        QCOMPARE(sqliteFingerprint(db, u"downloads"_s), sqliteFingerprint(m_synced, u"downloads"_s));
        const QStringList days =
            sqliteValues(db, u"SELECT count(DISTINCT _report_date) FROM sales_summary"_s);
        const QStringList syncedDays =
            sqliteValues(m_synced, u"SELECT count(DISTINCT _report_date) FROM sales_summary"_s);
        QCOMPARE(days.value(0).toInt(), syncedDays.value(0).toInt() - 2);
    }

    void aMissingArchiveIsAClearError()
    {
        const CliRun run =
            replay(u"sqlite:"_s + m_dir.filePath(u"none.db"_s), m_dir.filePath(u"no-such-archive"_s));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("There is no archive folder"), run.err.constData());
        const CliRun typo = runAscsync({u"replay"_s, u"--config"_s, m_dir.filePath(u"replay-none.conf"_s),
                                        u"--destination"_s, u"sqlite:"_s + m_dir.filePath(u"none.db"_s),
                                        u"--archive"_s, m_archive, u"--streams"_s, u"analytic"_s});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains("Unknown stream \"analytic\""), typo.err.constData());
        QVERIFY(!QFile::exists(m_dir.filePath(u"none.db"_s)));
    }

    void replayCanBeNarrowedToStreams()
    {
        const QString db = m_dir.filePath(u"narrowed.db"_s);
        const CliRun run = runAscsync({u"replay"_s, u"--config"_s, m_dir.filePath(u"replay-none.conf"_s),
                                       u"--destination"_s, u"sqlite:"_s + db, u"--archive"_s, m_archive,
                                       u"--streams"_s, u"analytics:downloads,sales"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(dataTables(db), QStringList({u"downloads"_s, u"sales_summary"_s}));
        QCOMPARE(sqliteFingerprint(db, u"downloads"_s), sqliteFingerprint(m_synced, u"downloads"_s));
        QCOMPARE(sqliteFingerprint(db, u"sales_summary"_s), sqliteFingerprint(m_synced, u"sales_summary"_s));
    }

    void replayIntoPostgresGivesTheSameRows()
    {
        const TestPostgres pg;
        QVERIFY2(pg.ok(), "No PostgreSQL server: run through tests/run-all.sh (ASCSYNC_TEST_PG_*).");
        const QString database = u"ascsync_replay_%1"_s.arg(QCoreApplication::applicationPid());
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
        QVERIFY(pg.exec(u"CREATE DATABASE %1"_s.arg(database)));
        CliRun run = replay(pg.url(database), m_archive, pg.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run)[u"unitsLoaded"_s].toInt(), m_kept);
        for (const QString &table : dataTables(m_synced)) {
            const CliRun count = runAscsync({u"query"_s, u"--config"_s, m_dir.filePath(u"replay-none.conf"_s),
                                             u"--destination"_s, pg.url(database),
                                             u"SELECT count(*) FROM apple_app_store."_s + table},
                                            pg.environment());
            QVERIFY2(count.exitCode == 0, count.err.constData());
            QCOMPARE(count.out.split('\n').value(1),
                     sqliteValues(m_synced, u"SELECT count(*) FROM "_s + table).value(0).toUtf8());
        }
        run = replay(pg.url(database), m_archive, pg.environment());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(jsonOf(run)[u"unitsLoaded"_s].toInt(), 0);
        pg.exec(u"DROP DATABASE IF EXISTS %1"_s.arg(database));
    }
};

QTEST_GUILESS_MAIN(TestArchiveReplay)
#include "tst_archivereplay.moc"
