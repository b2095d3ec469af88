#include "reportversions.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr qsizetype kMaxDetailLength = 1000;

} // namespace

bool isValidReportVersion(QStringView version)
{
    static const QRegularExpression pattern(u"^[0-9]{1,3}_[0-9]{1,3}$"_s);
    return pattern.match(version.toString()).hasMatch();
}

int compareReportVersions(QStringView left, QStringView right)
{
    const auto parts = [](QStringView version) {
        const qsizetype split = version.indexOf(u'_');
        return std::pair{version.left(split).toInt(), version.mid(split + 1).toInt()};
    };
    const auto [leftMajor, leftMinor] = parts(left);
    const auto [rightMajor, rightMinor] = parts(right);
    if (leftMajor != rightMajor) {
        return leftMajor < rightMajor ? -1 : 1;
    }
    return leftMinor == rightMinor ? 0 : (leftMinor < rightMinor ? -1 : 1);
}

std::optional<QString> latestVersionNamed(QStringView detail)
{
    if (detail.size() > kMaxDetailLength) {
        return std::nullopt;
    }
    // The sentence must end right after the version (a period, or the end of the text): "1_4; DROP" or
    // "1_4\n..." is not Apple's answer and is refused rather than trimmed into something valid.
    static const QRegularExpression sentence(
        u"The latest version for this report is ([0-9]{1,3}_[0-9]{1,3})\\.?\\z"_s);
    const QRegularExpressionMatch match = sentence.match(detail.toString());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1);
}

QString versionStreamKey(const SalesStream &stream)
{
    return u"%1/%2/%3"_s.arg(stream.reportType, stream.reportSubType, frequencyName(stream.frequency));
}

QString learnedVersionMetaKey(const QString &streamKey)
{
    return u"sales_report_version/"_s + streamKey;
}

Result<QMap<QString, QString>> parseVersionOverrides(const QStringList &entries)
{
    static const QRegularExpression key(u"^[A-Z_]{1,64}(/[A-Z_]{1,32}/[A-Z]{1,16})?$"_s);
    QMap<QString, QString> overrides;
    for (const QString &entry : entries) {
        const QString trimmed = entry.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        const qsizetype equals = trimmed.indexOf(u'=');
        const QString name = trimmed.left(equals).trimmed().toUpper();
        const QString version = trimmed.mid(equals + 1).trimmed();
        if (equals < 0 || !key.match(name).hasMatch() || !isValidReportVersion(version)) {
            return makeError(u"settings.reportVersion"_s,
                             u"\"%1\" is not a report version setting. Write TYPE=VERSION or "
                             u"TYPE/SUBTYPE/FREQUENCY=VERSION, e.g. SUBSCRIPTION=1_4 or "
                             u"SALES/SUMMARY/DAILY=1_0."_s.arg(entry.left(80)));
        }
        overrides.insert(name, version);
    }
    return overrides;
}

QString versionToSend(const SalesStream &stream, const QMap<QString, QString> &overrides,
                      const QString &learned)
{
    QString chosen = overrides.value(versionStreamKey(stream),
                                     overrides.value(stream.reportType, stream.versions.value(0)));
    if (isValidReportVersion(learned) && isValidReportVersion(chosen) &&
        compareReportVersions(learned, chosen) > 0) {
        chosen = learned;
    }
    return chosen;
}

} // namespace ascsync::reports
