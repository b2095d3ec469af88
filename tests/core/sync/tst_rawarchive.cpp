// The raw archive on real files: where units go, what is refused (hostile path parts from the network, a file
// that does not hash to its checksum), sidecars read back, and pruning oldest first by size and age.
#include "core/sync/rawarchive.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync;
using namespace ascsync::sync;

namespace {

QString md5Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

// Every file below `folder`, relative to it.
QStringList filesBelow(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

} // namespace

class TestRawArchive : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString download(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(u"downloads/file-%1.gz"_s.arg(++m_files));
        QDir().mkpath(m_dir.filePath(u"downloads"_s));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    UnitLoad analyticsUnit(const QString &appId, const QString &instanceId, const QString &segmentId,
                           const QByteArray &bytes, const QString &checksum = {})
    {
        UnitLoad unit;
        unit.table = u"downloads"_s;
        unit.files = {download(bytes)};
        unit.replace = UnitLoad::Replace::NewestPerDate;
        unit.dateHeaders = {u"Date"_s};
        unit.instance.instanceId = instanceId;
        unit.instance.appId = appId;
        unit.instance.reportName = u"App Downloads Standard"_s;
        unit.instance.table = u"downloads"_s;
        unit.instance.granularity = u"DAILY"_s;
        unit.instance.processingDate = QDate(2026, 11, 20);
        unit.instance.accessType = u"ONGOING"_s;
        const QString sum = checksum.isEmpty() ? md5Of(bytes) : checksum;
        unit.instance.checksums = sum;
        unit.record.stream = u"analytics/downloads"_s;
        unit.record.unitKey = instanceId;
        unit.record.checksum = sum;
        unit.record.source = u"App Downloads Standard DAILY 2026-11-20"_s;
        unit.record.details =
            QJsonObject{{u"segments"_s, QJsonArray{QJsonObject{{u"id"_s, segmentId}, {u"checksum"_s, sum}}}}};
        return unit;
    }

    UnitLoad salesUnit(const QString &date, const QString &vendor, const QByteArray &bytes)
    {
        UnitLoad unit;
        unit.table = u"sales_summary"_s;
        unit.files = {download(bytes)};
        unit.metadata = {{{u"_report_date"_s, ColumnType::Text}, date},
                         {{u"_version"_s, ColumnType::Text}, u"1_0"_s}};
        unit.scopeColumns = {u"_report_date"_s};
        unit.record.stream = u"sales/SALES/SUMMARY/DAILY"_s;
        unit.record.unitKey = date + u'/' + vendor;
        unit.record.checksum = md5Of(bytes);
        unit.record.source = u"daily SALES SUMMARY report for "_s + date;
        return unit;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void keepsUnitsInThePredictableLayout()
    {
        const RawArchive archive(m_dir.filePath(u"layout"_s));
        QVERIFY(archive.open());
        const QByteArray segment = "segment bytes";
        QVERIFY(archive.keep(analyticsUnit(u"1234567890"_s, u"inst-1"_s, u"seg-1"_s, segment),
                             QDateTime(QDate(2026, 11, 20), QTime(6, 0), Qt::UTC)));
        QVERIFY(archive.keep(salesUnit(u"2026-11-19"_s, u"85000000"_s, "sales bytes"),
                             QDateTime(QDate(2026, 11, 20), QTime(6, 1), Qt::UTC)));
        QCOMPARE(filesBelow(archive.root()),
                 QStringList(
                     {u"analytics/1234567890/App_Downloads_Standard/DAILY/2026-11-20/inst-1/instance.json"_s,
                      u"analytics/1234567890/App_Downloads_Standard/DAILY/2026-11-20/inst-1/seg-1.tsv.gz"_s,
                      u"sales/85000000/SALES/SUMMARY/DAILY/1_0/2026-11-19.json"_s,
                      u"sales/85000000/SALES/SUMMARY/DAILY/1_0/2026-11-19.tsv.gz"_s}));
        QFile kept(archive.root() +
                   u"/analytics/1234567890/App_Downloads_Standard/DAILY/2026-11-20/inst-1/seg-1.tsv.gz"_s);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), segment);
        QCOMPARE(int(kept.permissions() & (QFile::ReadGroup | QFile::ReadOther)), 0);

        // Read back: the UnitLoad the loader needs, oldest download first.
        QStringList problems;
        const QList<ArchivedUnit> units = archive.units(problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(units.size(), 2);
        QCOMPARE(units[0].family, u"analytics"_s);
        QCOMPARE(units[0].load.replace, UnitLoad::Replace::NewestPerDate);
        QCOMPARE(units[0].load.instance.instanceId, u"inst-1"_s);
        QCOMPARE(units[0].load.instance.processingDate, QDate(2026, 11, 20));
        QCOMPARE(units[0].load.record.checksum, md5Of(segment));
        QCOMPARE(units[1].family, u"sales"_s);
        QCOMPARE(units[1].load.metadata.size(), 2);
        QCOMPARE(units[1].load.metadata[0].value, u"2026-11-19"_s);
        QCOMPARE(units[1].load.scopeColumns, QStringList{u"_report_date"_s});
        QVERIFY(RawArchive::verify(units[0]));
        QVERIFY(RawArchive::verify(units[1]));
    }

    void hostilePartsNeverEscapeTheFolder_data()
    {
        QTest::addColumn<QString>("appId");
        QTest::addColumn<QString>("instanceId");
        QTest::addColumn<QString>("segmentId");
        QTest::newRow("app ..") << u".."_s << u"i"_s << u"s"_s;
        QTest::newRow("app path") << u"../../outside"_s << u"i"_s << u"s"_s;
        QTest::newRow("instance absolute") << u"123"_s << u"/tmp/x"_s << u"s"_s;
        QTest::newRow("segment traversal") << u"123"_s << u"i"_s << u"../../../../escaped"_s;
        QTest::newRow("segment hidden") << u"123"_s << u"i"_s << u".hidden"_s;
        QTest::newRow("control character") << u"12\n3"_s << u"i"_s << u"s"_s;
        QTest::newRow("empty") << QString() << u"i"_s << u"s"_s;
    }

    void hostilePartsNeverEscapeTheFolder()
    {
        QFETCH(QString, appId);
        QFETCH(QString, instanceId);
        QFETCH(QString, segmentId);
        const QString outer = m_dir.filePath(
            u"hostile-%1"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'_'));
        const RawArchive archive(outer + u"/archive"_s);
        QVERIFY(archive.open());
        const Status kept = archive.keep(analyticsUnit(appId, instanceId, segmentId, "bytes"), QDateTime());
        QVERIFY(!kept);
        QVERIFY2(kept.errorMessage().contains(u"not archived"_s), qPrintable(kept.errorMessage()));
        QCOMPARE(filesBelow(outer), QStringList());
    }

    void hostileSalesDateIsRefused()
    {
        const RawArchive archive(m_dir.filePath(u"hostile-sales/archive"_s));
        QVERIFY(archive.open());
        QVERIFY(!archive.keep(salesUnit(u".."_s, u"85000000"_s, "x"), QDateTime()));
        QVERIFY(!archive.keep(salesUnit(u"2026-11-19"_s, u"../85"_s, "x"), QDateTime()));
        QCOMPARE(filesBelow(m_dir.filePath(u"hostile-sales"_s)), QStringList());
    }

    void aFileThatFailsItsChecksumIsNotKept()
    {
        const RawArchive archive(m_dir.filePath(u"checksum"_s));
        QVERIFY(archive.open());
        const Status kept = archive.keep(
            analyticsUnit(u"123"_s, u"i"_s, u"s"_s, "truncated", u"0123456789abcdef0123456789abcdef"_s),
            QDateTime());
        QVERIFY(!kept);
        QVERIFY2(kept.errorMessage().contains(u"0123456789abcdef0123456789abcdef"_s),
                 qPrintable(kept.errorMessage()));
        // Neither the file nor its temporary copy nor a sidecar.
        const QStringList left = filesBelow(archive.root());
        QCOMPARE(left, QStringList());
    }

    void aSegmentListedWithoutChecksumIsKeptWithItsOwnMd5()
    {
        const RawArchive archive(m_dir.filePath(u"nochecksum"_s));
        QVERIFY(archive.open());
        UnitLoad unit = analyticsUnit(u"123"_s, u"i"_s, u"s"_s, "unlisted");
        unit.record.details = QJsonObject{
            {u"segments"_s, QJsonArray{QJsonObject{{u"id"_s, u"s"_s}, {u"checksum"_s, QString()}}}}};
        QVERIFY(archive.keep(unit, QDateTime::currentDateTimeUtc()));
        QStringList problems;
        const QList<ArchivedUnit> units = archive.units(problems);
        QCOMPARE(units.size(), 1);
        QCOMPARE(units[0].md5, QStringList{md5Of("unlisted")});
        QVERIFY(RawArchive::verify(units[0]));
    }

    void aDamagedArchivedFileFailsVerification()
    {
        const RawArchive archive(m_dir.filePath(u"damaged"_s));
        QVERIFY(archive.open());
        QVERIFY(archive.keep(analyticsUnit(u"123"_s, u"i"_s, u"s"_s, "complete bytes"),
                             QDateTime::currentDateTimeUtc()));
        QStringList problems;
        QList<ArchivedUnit> units = archive.units(problems);
        QCOMPARE(units.size(), 1);
        QFile file(units[0].load.files[0]);
        QVERIFY(file.resize(5));
        const Status verified = RawArchive::verify(units[0]);
        QVERIFY(!verified);
        QVERIFY2(verified.errorMessage().contains(u"damaged"_s), qPrintable(verified.errorMessage()));
        QVERIFY(file.remove());
        QVERIFY(RawArchive::verify(units[0]).errorMessage().contains(u"missing"_s));
    }

    void aSidecarNamingAFileOutsideItsFolderIsRefused()
    {
        const RawArchive archive(m_dir.filePath(u"sidecar"_s));
        QVERIFY(archive.open());
        QVERIFY(
            archive.keep(analyticsUnit(u"123"_s, u"i"_s, u"s"_s, "bytes"), QDateTime::currentDateTimeUtc()));
        QStringList problems;
        const QString sidecar = archive.units(problems).value(0).sidecar;
        QFile file(sidecar);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        json[u"files"_s] =
            QJsonArray{QJsonObject{{u"name"_s, u"../../../../etc/passwd"_s}, {u"md5"_s, u"x"_s}}};
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson());
        file.close();
        QCOMPARE(archive.units(problems).size(), 0);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].contains(u"cannot be used"_s), qPrintable(problems[0]));
    }

    void aSidecarWithNamesThatWouldReachSqlIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("table") << u"table"_s << QJsonValue(u"x\"; DROP TABLE y; --"_s);
        QTest::newRow("bookkeeping table") << u"table"_s << QJsonValue(u"_ascsync_loads"_s);
        QTest::newRow("metadata column")
            << u"metadata"_s
            << QJsonValue(QJsonArray{
                   QJsonObject{{u"name"_s, u"Units"_s}, {u"type"_s, u"text"_s}, {u"value"_s, u"1"_s}}});
        QTest::newRow("scope column") << u"scopeColumns"_s << QJsonValue(QJsonArray{u"_not_metadata"_s});
        QTest::newRow("format") << u"format"_s << QJsonValue(99);
    }

    void aSidecarWithNamesThatWouldReachSqlIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        const RawArchive archive(m_dir.filePath(u"sql-%1"_s.arg(key)));
        QVERIFY(archive.open());
        QVERIFY(archive.keep(salesUnit(u"2026-11-19"_s, u"85000000"_s, "bytes"),
                             QDateTime::currentDateTimeUtc()));
        QStringList problems;
        const QString sidecar = archive.units(problems).value(0).sidecar;
        QVERIFY(!sidecar.isEmpty());
        QFile file(sidecar);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        json[key] = value;
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson());
        file.close();
        QCOMPARE(archive.units(problems).size(), 0);
        QCOMPARE(problems.size(), 1);
    }

    void prunesOldestFirstBySizeAndAge()
    {
        const RawArchive archive(m_dir.filePath(u"prune"_s));
        QVERIFY(archive.open());
        const QDateTime now(QDate(2026, 12, 1), QTime(6, 0), Qt::UTC);
        // Downloaded 40, 20, 10 and 1 days ago, each 1000 bytes of data.
        const QList<int> ages{20, 40, 1, 10}; // kept out of order: the order must come from the sidecars
        for (int age : ages) {
            QVERIFY(archive.keep(salesUnit(u"2026-10-%1"_s.arg(age, 2, 10, QChar(u'0')), u"85000000"_s,
                                           QByteArray(1000, char('a' + age % 26))),
                                 now.addDays(-age)));
        }
        QStringList problems;
        qint64 total = 0;
        for (const ArchivedUnit &unit : archive.units(problems))
            total += unit.bytes;
        const qint64 perUnit = total / 4;

        // No limits: nothing goes.
        QCOMPARE(archive.prune({}, now)->units, 0);

        // Age: only the unit downloaded 40 days ago is older than 30 days.
        auto pruned = archive.prune({0, 30}, now);
        QVERIFY(pruned);
        QCOMPARE(pruned->units, 1);
        QVERIFY2(pruned->what.value(0).contains(u"2026-10-40"_s), qPrintable(pruned->what.join(u'\n')));

        // Size: room for two of the remaining three: the oldest of them (20 days) goes.
        pruned = archive.prune({2 * perUnit + perUnit / 2, 0}, now);
        QVERIFY(pruned);
        QCOMPARE(pruned->units, 1);
        QVERIFY2(pruned->what.value(0).contains(u"2026-10-20"_s), qPrintable(pruned->what.join(u'\n')));
        QCOMPARE(pruned->bytes, perUnit);
        QStringList left;
        for (const ArchivedUnit &unit : archive.units(problems))
            left << unit.load.record.unitKey;
        QCOMPARE(left, QStringList({u"2026-10-10/85000000"_s, u"2026-10-01/85000000"_s}));
    }

    void pruningRemovesEmptyFoldersButNotTheArchive()
    {
        const RawArchive archive(m_dir.filePath(u"folders"_s));
        QVERIFY(archive.open());
        QVERIFY(archive.keep(analyticsUnit(u"123"_s, u"i"_s, u"s"_s, "bytes"),
                             QDateTime::currentDateTimeUtc().addDays(-5)));
        QCOMPARE(archive.prune({0, 1}, QDateTime::currentDateTimeUtc())->units, 1);
        QVERIFY(QDir(archive.root()).exists());
        QVERIFY(QDir(archive.root()).isEmpty());
    }

    void sizesParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("bytes") << u"4096"_s << qint64(4096);
        QTest::newRow("zero") << u"0"_s << qint64(0);
        QTest::newRow("giga") << u"20G"_s << qint64(20) * 1024 * 1024 * 1024;
        QTest::newRow("mega lower") << u"500m"_s << qint64(500) * 1024 * 1024;
        QTest::newRow("GiB") << u"2GiB"_s << qint64(2) * 1024 * 1024 * 1024;
        QTest::newRow("fraction") << u"1.5T"_s << qint64(1.5 * 1024.0 * 1024 * 1024 * 1024);
        QTest::newRow("words") << u"lots"_s << qint64(-1);
        QTest::newRow("negative") << u"-5G"_s << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("huge") << u"99999999999T"_s << qint64(-1);
    }

    void sizesParse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(parseArchiveSize(text).value_or(-1), bytes);
    }
};

QTEST_GUILESS_MAIN(TestRawArchive)
#include "tst_rawarchive.moc"
