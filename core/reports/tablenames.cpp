#include "tablenames.h"

#include "identifierrules.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr QLatin1StringView kReportPrefix("report_");

// Words of ASCII letters and digits separated by one space or hyphen: the names snakeCase maps without
// losing anything but case and the space/hyphen difference.
bool isPlainReportName(QStringView name)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$"_s);
    return plain.match(name).hasMatch();
}

bool isPlainEnumValue(QStringView value)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$"_s);
    return plain.match(value).hasMatch();
}

} // namespace

QString analyticsTableName(QStringView reportName)
{
    QStringView core = reportName;
    if (core.startsWith(u"App Store "_s, Qt::CaseInsensitive)) {
        core = core.sliced(10);
    } else if (core.startsWith(u"App "_s, Qt::CaseInsensitive)) {
        core = core.sliced(4);
    }
    QString suffix;
    if (core.endsWith(u" Standard"_s, Qt::CaseInsensitive)) {
        core.chop(9);
    } else if (core.endsWith(u" Detailed"_s, Qt::CaseInsensitive)) {
        core.chop(9);
        suffix = u"_detailed"_s;
    }
    QString snake = snakeCase(core, CamelCase::Keep);
    if (!snake.isEmpty()) {
        snake += suffix;
    }
    return safeIdentifier(snake, reportName, kReportPrefix, !isPlainReportName(core));
}

QString analyticsTableName(QStringView reportName, QStringView granularity)
{
    const QString daily = analyticsTableName(reportName);
    if (granularity.compare(u"DAILY"_s, Qt::CaseInsensitive) == 0) {
        return daily;
    }
    QString suffix = snakeCase(granularity, CamelCase::Keep);
    if (suffix.isEmpty() || !isPlainEnumValue(granularity)) {
        suffix = u"g"_s + stableHash(granularity);
    }
    suffix.prepend(u'_');
    if (daily.size() + suffix.size() <= MaxIdentifierLength) {
        return daily + suffix;
    }
    // Too long to append: cutting the daily name could make two reports' tables collide, so a hash of
    // both names keeps them apart.
    return identifierWithSuffix(
        daily, QString(u"_"_s + stableHash(QString(reportName + u'/' + granularity)) + suffix));
}

QString salesTableName(QStringView reportType, QStringView reportSubType)
{
    const QString snake = snakeCase(QString(reportType + u'_' + reportSubType), CamelCase::Keep);
    const bool plain = isPlainEnumValue(reportType) && isPlainEnumValue(reportSubType);
    return safeIdentifier(snake, QString(reportType + u'/' + reportSubType), kReportPrefix, !plain);
}

QString financeTableName(QStringView reportType)
{
    return safeIdentifier(snakeCase(reportType, CamelCase::Keep), reportType, kReportPrefix,
                          !isPlainEnumValue(reportType));
}

} // namespace ascsync::reports
