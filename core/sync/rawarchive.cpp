#include "rawarchive.h"

#include "synclog.h"

#include "core/api/resourceid.h"
#include "core/common/plaintext.h"
#include "core/storage/sqlidentifier.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sync {

namespace {

constexpr int kSidecarFormat = 1;
constexpr qint64 kMaxSidecarBytes = 1 << 20; // a sidecar lists a unit's files: far below this
constexpr auto kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
const QString kGzipSuffix = u".tsv.gz"_s;

Error archiveError(const QString &text)
{
    return makeError(u"archive"_s, text);
}

// A report name as one path part: runs of anything but ASCII letters and digits become one '_'
// ("App Downloads Standard" -> "App_Downloads_Standard"), so no name can carry a separator or "..".
QString slug(const QString &name)
{
    static const QRegularExpression others(u"[^A-Za-z0-9]+"_s);
    QString text = name;
    text.replace(others, u"_"_s);
    while (text.startsWith(u'_'))
        text.remove(0, 1);
    return text.left(api::kMaxResourceIdLength);
}

// Where one unit goes: the folder below the root, its files' names (in the order of UnitLoad::files), the
// sidecar's name and what each file must hash to. Every part comes from the network, so each is checked
// against the resource id alphabet (a letter or digit first, then letters, digits, '-', '_', '.').
struct Place {
    QString family;
    QStringList folder;
    QStringList fileNames;
    QString sidecarName;
    QStringList md5;
};

Status checkParts(const QStringList &parts, const QString &what)
{
    for (const QString &part : parts) {
        if (const auto checked = api::checkResourceId(part, what); !checked)
            return archiveError(u"%1, so it is not archived."_s.arg(checked.errorMessage()));
    }
    return {};
}

QString fileMd5(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Md5);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

Result<Place> analyticsPlace(const UnitLoad &unit)
{
    const storage::InstanceRecord &instance = unit.instance;
    Place place{u"analytics"_s,
                {u"analytics"_s, instance.appId, slug(instance.reportName), instance.granularity,
                 instance.processingDate.toString(Qt::ISODate), instance.instanceId},
                {},
                u"instance.json"_s,
                {}};
    const QJsonArray segments = unit.record.details.value(u"segments"_s).toArray();
    if (segments.size() != unit.files.size())
        return archiveError(u"the instance's segment list does not match its files"_s);
    QStringList segmentIds;
    for (const QJsonValue &segment : segments) {
        segmentIds << segment[u"id"_s].toString();
        place.fileNames << segmentIds.last() + kGzipSuffix;
        place.md5 << segment[u"checksum"_s].toString().toLower();
    }
    for (qsizetype i = 0; i < place.md5.size(); ++i) {
        // A segment listed without a checksum (the client loads it unchecked, too): kept with the MD5 of
        // the downloaded file, so the copy is still verified and replay can tell a damaged file.
        if (place.md5[i].isEmpty())
            place.md5[i] = fileMd5(unit.files[i]);
    }
    if (const Status ok = checkParts(place.folder + segmentIds, u"an analytics instance's path"_s); !ok)
        return ok.error();
    return place;
}

// Sales: stream "sales/TYPE/SUBTYPE/FREQUENCY", unit "DATE/VENDOR", version in `_version`. Finance: stream
// "finance/TYPE/REGION", unit "MONTH/VENDOR".
Result<Place> reportFilePlace(const UnitLoad &unit, const QString &md5)
{
    const QStringList stream = unit.record.stream.split(u'/');
    const QStringList key = unit.record.unitKey.split(u'/');
    if (stream.size() < 2 || key.size() != 2 || unit.files.size() != 1)
        return archiveError(u"unknown kind of report file %1"_s.arg(unit.record.stream));
    Place place;
    place.family = stream.first();
    place.folder = QStringList{place.family, key[1]} + stream.mid(1);
    for (const MetadataValue &value : unit.metadata) {
        if (value.column.name == u"_version"_s)
            place.folder << value.value;
    }
    place.fileNames = {key[0] + kGzipSuffix};
    place.sidecarName = key[0] + u".json"_s;
    place.md5 = {md5};
    if (const Status ok = checkParts(place.folder + QStringList{key[0]}, u"a report file's path"_s); !ok)
        return ok.error();
    return place;
}

// Creates every missing folder of `parts` below `root`, owner only; refuses links on the way, so a link
// planted in the archive cannot send a file elsewhere.
Result<QString> makeFolder(const QString &root, const QStringList &parts)
{
    QString path = root;
    for (const QString &part : parts) {
        path += u'/' + part;
        const QFileInfo info(path);
        if (info.isSymLink())
            return archiveError(u"%1 in the archive is a link; remove it."_s.arg(path));
        if (!info.exists() && !QDir().mkdir(path, kOwnerOnly))
            return archiveError(u"cannot create the archive folder %1."_s.arg(path));
    }
    return path;
}

// Copies `source` to `target` through a temporary file that is renamed into place only when its bytes hash
// to `md5`.
Status copyVerified(const QString &source, const QString &target, const QString &md5)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return archiveError(u"cannot read %1: %2."_s.arg(source, in.errorString()));
    QSaveFile out(target);
    // Owner only, like the folders: finance and sales files name money and the vendor.
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return archiveError(u"cannot write %1: %2."_s.arg(target, out.errorString()));
    QCryptographicHash hash(QCryptographicHash::Md5);
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (;;) {
        const qint64 got = in.read(buffer.data(), buffer.size());
        if (got < 0)
            return archiveError(u"cannot read %1: %2."_s.arg(source, in.errorString()));
        if (got == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), got));
        if (out.write(buffer.constData(), got) != got)
            return archiveError(u"cannot write %1: %2 (is the disk full?)."_s.arg(target, out.errorString()));
    }
    const QString actual = QString::fromLatin1(hash.result().toHex());
    if (actual != md5) {
        out.cancelWriting();
        return archiveError(
            u"%1 hashes to MD5 %2, not %3 as Apple said; it is not archived."_s.arg(source, actual, md5));
    }
    if (!out.commit())
        return archiveError(u"cannot write %1: %2 (is the disk full?)."_s.arg(target, out.errorString()));
    return {};
}

QJsonObject instanceToJson(const storage::InstanceRecord &instance)
{
    return QJsonObject{{u"instanceId"_s, instance.instanceId},
                       {u"appId"_s, instance.appId},
                       {u"reportId"_s, instance.reportId},
                       {u"reportName"_s, instance.reportName},
                       {u"table"_s, instance.table},
                       {u"granularity"_s, instance.granularity},
                       {u"processingDate"_s, instance.processingDate.toString(Qt::ISODate)},
                       {u"accessType"_s, instance.accessType},
                       {u"checksums"_s, instance.checksums}};
}

storage::InstanceRecord instanceFromJson(const QJsonObject &json)
{
    storage::InstanceRecord instance;
    instance.instanceId = json[u"instanceId"_s].toString();
    instance.appId = json[u"appId"_s].toString();
    instance.reportId = json[u"reportId"_s].toString();
    instance.reportName = json[u"reportName"_s].toString();
    instance.table = json[u"table"_s].toString();
    instance.granularity = json[u"granularity"_s].toString();
    instance.processingDate = QDate::fromString(json[u"processingDate"_s].toString(), Qt::ISODate);
    instance.accessType = json[u"accessType"_s].toString();
    instance.checksums = json[u"checksums"_s].toString();
    return instance;
}

const QStringList kTypeNames{u"text"_s, u"date"_s, u"decimal"_s, u"integer"_s};

QJsonObject sidecarFor(const UnitLoad &unit, const Place &place, const QDateTime &downloadedAt)
{
    QJsonArray files;
    for (qsizetype i = 0; i < place.fileNames.size(); ++i) {
        files.append(QJsonObject{{u"name"_s, place.fileNames[i]},
                                 {u"md5"_s, place.md5[i]},
                                 {u"size"_s, QFileInfo(unit.files[i]).size()}});
    }
    QJsonArray metadata;
    for (const MetadataValue &value : unit.metadata) {
        metadata.append(QJsonObject{{u"name"_s, value.column.name},
                                    {u"type"_s, kTypeNames.value(int(value.column.type))},
                                    {u"value"_s, value.value}});
    }
    const bool analytics = unit.replace == UnitLoad::Replace::NewestPerDate;
    QJsonObject json{{u"format"_s, kSidecarFormat},
                     {u"family"_s, place.family},
                     {u"downloadedAt"_s, downloadedAt.toUTC().toString(Qt::ISODateWithMs)},
                     {u"table"_s, unit.table},
                     {u"layout"_s, unit.layout == reports::ReportLayout::Finance ? u"finance"_s : u"plain"_s},
                     {u"replace"_s, analytics ? u"newestPerDate"_s : u"partition"_s},
                     {u"files"_s, files},
                     {u"metadata"_s, metadata},
                     {u"scopeColumns"_s, QJsonArray::fromStringList(unit.scopeColumns)},
                     {u"dateHeaders"_s, QJsonArray::fromStringList(unit.dateHeaders)},
                     {u"record"_s, QJsonObject{{u"stream"_s, unit.record.stream},
                                               {u"unitKey"_s, unit.record.unitKey},
                                               {u"checksum"_s, unit.record.checksum},
                                               {u"source"_s, unit.record.source},
                                               {u"details"_s, unit.record.details}}}};
    if (analytics)
        json.insert(u"instance"_s, instanceToJson(unit.instance));
    return json;
}

Status checkColumnName(const QString &name)
{
    if (!name.startsWith(u'_'))
        return archiveError(
            u"the column %1 is not one of ascsync's own"_s.arg(escapeControlCharacters(name)));
    return storage::checkIdentifier(name, u"an archived column"_s);
}

// The sidecar back into a UnitLoad. The archive is a folder anyone with the user's rights may edit, so
// names that reach SQL or paths are checked again.
Result<ArchivedUnit> unitFromSidecar(const QString &path, const QJsonObject &json)
{
    ArchivedUnit unit;
    unit.sidecar = path;
    unit.family = json[u"family"_s].toString();
    unit.downloadedAt = QDateTime::fromString(json[u"downloadedAt"_s].toString(), Qt::ISODateWithMs);
    if (json[u"format"_s].toInt() != kSidecarFormat || !unit.downloadedAt.isValid())
        return archiveError(u"not a sidecar of this ascsync (format %1)"_s.arg(json[u"format"_s].toInt()));
    UnitLoad &load = unit.load;
    load.table = json[u"table"_s].toString();
    // ascsync names its report tables in snake case and never with a leading '_', so no sidecar can aim
    // a load at the bookkeeping tables.
    static const QRegularExpression tableName(u"^[a-z][a-z0-9_]{0,62}$"_s);
    if (!tableName.match(load.table).hasMatch()) {
        return archiveError(
            u"it names the table \"%1\", not a report table"_s.arg(escapeControlCharacters(load.table)));
    }
    load.layout = json[u"layout"_s].toString() == u"finance"_s ? reports::ReportLayout::Finance
                                                               : reports::ReportLayout::Plain;
    const bool analytics = json[u"replace"_s].toString() == u"newestPerDate"_s;
    load.replace = analytics ? UnitLoad::Replace::NewestPerDate : UnitLoad::Replace::Partition;
    const QDir folder = QFileInfo(path).dir();
    for (const QJsonValue &file : json[u"files"_s].toArray()) {
        const QString name = file[u"name"_s].toString();
        if (!api::isValidResourceId(name))
            return archiveError(u"it names the file \"%1\""_s.arg(escapeControlCharacters(name)));
        load.files << folder.filePath(name);
        unit.md5 << file[u"md5"_s].toString().toLower();
    }
    if (load.files.isEmpty())
        return archiveError(u"it lists no files"_s);
    for (const QJsonValue &value : json[u"metadata"_s].toArray()) {
        const QString name = value[u"name"_s].toString();
        if (const Status ok = checkColumnName(name); !ok)
            return ok.error();
        const auto type = ColumnType(std::max<qsizetype>(0, kTypeNames.indexOf(value[u"type"_s].toString())));
        load.metadata.append({{name, type}, value[u"value"_s].toString()});
    }
    for (const QJsonValue &column : json[u"scopeColumns"_s].toArray()) {
        // A partition is named by the unit's own metadata columns, nothing else.
        const bool known =
            std::any_of(load.metadata.cbegin(), load.metadata.cend(),
                        [&](const MetadataValue &value) { return value.column.name == column.toString(); });
        if (!known)
            return archiveError(u"its partition names an unknown column"_s);
        load.scopeColumns << column.toString();
    }
    for (const QJsonValue &header : json[u"dateHeaders"_s].toArray())
        load.dateHeaders << header.toString();
    const QJsonObject record = json[u"record"_s].toObject();
    load.record.stream = record[u"stream"_s].toString();
    load.record.unitKey = record[u"unitKey"_s].toString();
    load.record.checksum = record[u"checksum"_s].toString();
    load.record.source = record[u"source"_s].toString();
    load.record.details = record[u"details"_s].toObject();
    if (analytics)
        load.instance = instanceFromJson(json[u"instance"_s].toObject());
    return unit;
}

Result<QJsonObject> readSidecar(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return archiveError(file.errorString());
    if (file.size() > kMaxSidecarBytes)
        return archiveError(u"it is larger than a sidecar can be"_s);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        return archiveError(u"it is not JSON (%1)"_s.arg(error.errorString()));
    return document.object();
}

// Removes a unit's files and sidecar, then its folders as far up as they are empty.
void removeUnit(const QString &root, const ArchivedUnit &unit)
{
    for (const QString &file : unit.load.files)
        QFile::remove(file);
    QFile::remove(unit.sidecar);
    QDir folder = QFileInfo(unit.sidecar).dir();
    const QString top = QDir(root).absolutePath();
    while (folder.absolutePath().startsWith(top + u'/') && folder.isEmpty()) {
        const QString name = folder.dirName();
        folder.cdUp();
        folder.rmdir(name);
    }
}

QString describeUnit(const ArchivedUnit &unit)
{
    return u"%1 (downloaded %2)"_s.arg(unit.load.record.source,
                                       unit.downloadedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
}

} // namespace

std::optional<qint64> parseArchiveSize(const QString &text)
{
    static const QRegularExpression pattern(u"^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGT]?)i?B?\\s*$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const int power = int(QStringLiteral("KMGT").indexOf(match.captured(2).toUpper())) + 1;
    double bytes = match.captured(1).toDouble();
    for (int i = 0; i < power && !match.captured(2).isEmpty(); ++i)
        bytes *= 1024.0;
    if (bytes > 9.0e18)
        return std::nullopt;
    return qint64(bytes);
}

QString describeBytes(qint64 bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return unit == 0 ? u"%1 B"_s.arg(bytes)
                     : u"%1 %2"_s.arg(QString::number(value, 'f', 1), QString::fromLatin1(units[unit]));
}

RawArchive::RawArchive(QString root)
    : m_root(QDir(root).absolutePath())
{}

Status RawArchive::open() const
{
    const QFileInfo info(m_root);
    if (info.exists() && !info.isDir())
        return archiveError(u"The archive folder %1 is a file; choose a folder."_s.arg(m_root));
    if (!info.exists() && (!QDir().mkpath(m_root) || !QFile::setPermissions(m_root, kOwnerOnly)))
        return archiveError(
            u"Cannot create the archive folder %1: check the path and its permissions."_s.arg(m_root));
    return {};
}

Status RawArchive::keep(const UnitLoad &unit, const QDateTime &downloadedAt) const
{
    const bool analytics = unit.replace == UnitLoad::Replace::NewestPerDate;
    // Sales and finance: the sync's own MD5 of the file it checked (Apple gives none for them).
    const auto place = analytics ? analyticsPlace(unit) : reportFilePlace(unit, unit.record.checksum);
    if (!place)
        return place.error();
    const auto folder = makeFolder(m_root, place->folder);
    if (!folder)
        return folder.error();
    for (qsizetype i = 0; i < unit.files.size(); ++i) {
        const QString target = *folder + u'/' + place->fileNames[i];
        if (const Status copied = copyVerified(unit.files[i], target, place->md5[i]); !copied)
            return copied;
    }
    QSaveFile sidecar(*folder + u'/' + place->sidecarName);
    if (!sidecar.open(QIODevice::WriteOnly) ||
        !sidecar.setPermissions(QFile::ReadOwner | QFile::WriteOwner) ||
        sidecar.write(QJsonDocument(sidecarFor(unit, place.value(), downloadedAt)).toJson()) < 0 ||
        !sidecar.commit()) {
        return archiveError(u"cannot write %1: %2."_s.arg(sidecar.fileName(), sidecar.errorString()));
    }
    return {};
}

QList<ArchivedUnit> RawArchive::units(QStringList &problems) const
{
    QList<ArchivedUnit> found;
    // Links are not followed: the archive is read only inside its folder.
    QDirIterator it(m_root, {u"*.json"_s}, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto json = readSidecar(path);
        auto unit = json ? unitFromSidecar(path, json.value()) : Result<ArchivedUnit>(json.error());
        if (!unit) {
            problems << u"The archived sidecar %1 cannot be used: %2."_s.arg(path, unit.errorMessage());
            continue;
        }
        ArchivedUnit kept = std::move(unit).value();
        kept.bytes = QFileInfo(path).size();
        for (const QString &file : std::as_const(kept.load.files))
            kept.bytes += QFileInfo(file).size();
        found.append(std::move(kept));
    }
    std::sort(found.begin(), found.end(), [](const ArchivedUnit &a, const ArchivedUnit &b) {
        return a.downloadedAt != b.downloadedAt ? a.downloadedAt < b.downloadedAt : a.sidecar < b.sidecar;
    });
    return found;
}

Result<ArchivePruning> RawArchive::prune(const ArchiveLimits &limits, const QDateTime &now) const
{
    ArchivePruning pruned;
    if (limits.maxBytes <= 0 && limits.maxAgeDays <= 0)
        return pruned;
    QStringList problems;
    const QList<ArchivedUnit> all = units(problems);
    qint64 total = 0;
    for (const ArchivedUnit &unit : all)
        total += unit.bytes;
    const QDateTime oldestKept = now.addDays(-limits.maxAgeDays);
    for (const ArchivedUnit &unit : all) { // oldest first
        const bool tooOld = limits.maxAgeDays > 0 && unit.downloadedAt < oldestKept;
        const bool tooBig = limits.maxBytes > 0 && total > limits.maxBytes;
        if (!tooOld && !tooBig)
            break;
        removeUnit(m_root, unit);
        total -= unit.bytes;
        ++pruned.units;
        pruned.bytes += unit.bytes;
        pruned.what << describeUnit(unit);
    }
    qCInfo(lcSync).noquote() << "archive pruned" << pruned.units << "units," << pruned.bytes << "bytes";
    return pruned;
}

Status RawArchive::verify(const ArchivedUnit &unit)
{
    for (qsizetype i = 0; i < unit.load.files.size(); ++i) {
        const QString &file = unit.load.files[i];
        if (!QFileInfo::exists(file)) {
            return archiveError(u"the archived file %1 is missing; this unit cannot be replayed (sync it "
                                u"again while Apple still has it)."_s.arg(file));
        }
        const QString actual = fileMd5(file);
        if (actual != unit.md5.value(i)) {
            return archiveError(u"the archived file %1 is damaged (MD5 %2, but it was kept with %3): it was "
                                u"truncated or changed after the sync; this unit is skipped."_s.arg(
                                    file, actual, unit.md5.value(i)));
        }
    }
    return {};
}

} // namespace ascsync::sync
