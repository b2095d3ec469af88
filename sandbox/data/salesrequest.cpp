#include "salesrequest.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

FileResult badRequest(const QString &parameter, const QString &detail)
{
    FileResult result;
    result.kind = FileResult::Kind::BadRequest;
    result.parameter = parameter;
    result.detail = detail;
    return result;
}

FileResult invalidValue(const QString &key, const QString &value, const QStringList &allowed)
{
    const QString parameter = u"filter["_s + key + u']';
    return badRequest(parameter, u"'"_s + value + u"' is not a valid value for the parameter '"_s +
                                     parameter + u"'. Valid values: "_s + allowed.join(u", "_s) + u'.');
}

QDate parseIsoDate(const QString &text)
{
    static const QRegularExpression pattern(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    return pattern.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
}

// The period a reportDate names, per frequency (API-NOTES §6.2); invalid dates when malformed.
std::pair<QDate, QDate> periodOf(const QString &frequency, const QString &text)
{
    if (frequency == u"DAILY") {
        const QDate day = parseIsoDate(text);
        return {day, day};
    }
    if (frequency == u"WEEKLY") {
        const QDate sunday = parseIsoDate(text);
        if (!sunday.isValid() || sunday.dayOfWeek() != Qt::Sunday)
            return {};
        return {sunday.addDays(-6), sunday};
    }
    if (frequency == u"MONTHLY") {
        static const QRegularExpression pattern(u"^(\\d{4})-(\\d{2})$"_s);
        const QRegularExpressionMatch match = pattern.match(text);
        const QDate first =
            match.hasMatch() ? QDate(match.captured(1).toInt(), match.captured(2).toInt(), 1) : QDate();
        if (!first.isValid())
            return {};
        return {first, first.addMonths(1).addDays(-1)};
    }
    static const QRegularExpression pattern(u"^\\d{4}$"_s);
    if (!pattern.match(text).hasMatch())
        return {};
    const int year = text.toInt();
    return {QDate(year, 1, 1), QDate(year, 12, 31)};
}

// The newest period whose report is out on `today` (what Apple answers when reportDate is omitted).
std::pair<QDate, QDate> latestPeriod(const QString &frequency, QDate today)
{
    if (frequency == u"DAILY")
        return {today.addDays(-1), today.addDays(-1)};
    if (frequency == u"WEEKLY") {
        QDate sunday = today.addDays(-1);
        while (sunday.dayOfWeek() != Qt::Sunday)
            sunday = sunday.addDays(-1);
        return {sunday.addDays(-6), sunday};
    }
    if (frequency == u"MONTHLY") {
        QDate first = QDate(today.year(), today.month(), 1).addMonths(-1);
        if (SalesRequest::releaseDate(frequency, first.addMonths(1).addDays(-1)) > today)
            first = first.addMonths(-1);
        return {first, first.addMonths(1).addDays(-1)};
    }
    int year = today.year() - 1;
    if (SalesRequest::releaseDate(frequency, QDate(year, 12, 31)) > today)
        --year;
    return {QDate(year, 1, 1), QDate(year, 12, 31)};
}

// Subscription reports' version 1_2 was served until Apple retired it on 2023-03-01 [observed: Apple's notice
// quoted in OneSignal/OneSignal-Cordova-SDK #870]; 1_3 existed before that date too.
bool isRetiredSubscriptionVersion(const QString &reportType, QDate today)
{
    const bool subscription =
        reportType == u"SUBSCRIPTION" || reportType == u"SUBSCRIPTION_EVENT" || reportType == u"SUBSCRIBER";
    return subscription && today >= QDate(2023, 3, 1);
}

QString expectedFormat(const QString &frequency)
{
    if (frequency == u"DAILY")
        return u"YYYY-MM-DD"_s;
    if (frequency == u"WEEKLY")
        return u"YYYY-MM-DD of the Sunday that ends the week"_s;
    if (frequency == u"MONTHLY")
        return u"YYYY-MM"_s;
    return u"YYYY"_s;
}

} // namespace

QString SalesQuery::cacheKey() const
{
    return u"sales/"_s + reportType + u'/' + reportSubType + u'/' + frequency + u'/' + version + u'/' +
           begin.toString(Qt::ISODate) + u'/' + end.toString(Qt::ISODate);
}

QStringList SalesRequest::reportTypes()
{
    return {u"SALES"_s,
            u"PRE_ORDER"_s,
            u"NEWSSTAND"_s,
            u"SUBSCRIPTION"_s,
            u"SUBSCRIPTION_EVENT"_s,
            u"SUBSCRIBER"_s,
            u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s,
            u"INSTALLS"_s,
            u"FIRST_ANNUAL"_s,
            u"WIN_BACK_ELIGIBILITY"_s};
}

QStringList SalesRequest::reportSubTypes()
{
    return {u"SUMMARY"_s, u"DETAILED"_s, u"SUMMARY_INSTALL_TYPE"_s, u"SUMMARY_TERRITORY"_s,
            u"SUMMARY_CHANNEL"_s};
}

QStringList SalesRequest::frequencies()
{
    return {u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s, u"YEARLY"_s};
}

const QList<SalesRequest::Tuple> &SalesRequest::tuples()
{
    static const QList<Tuple> list = [] {
        QList<Tuple> t;
        for (const QString &frequency : frequencies()) {
            t.append({u"SALES"_s, u"SUMMARY"_s, frequency, {u"1_0"_s}});
            t.append({u"PRE_ORDER"_s, u"SUMMARY"_s, frequency, {u"1_0"_s}});
        }
        t.append({u"NEWSSTAND"_s, u"DETAILED"_s, u"DAILY"_s, {u"1_0"_s}});
        t.append({u"NEWSSTAND"_s, u"DETAILED"_s, u"WEEKLY"_s, {u"1_0"_s}});
        t.append({u"SUBSCRIPTION"_s, u"SUMMARY"_s, u"DAILY"_s, {u"1_2"_s, u"1_3"_s}});
        t.append({u"SUBSCRIPTION_EVENT"_s, u"SUMMARY"_s, u"DAILY"_s, {u"1_2"_s, u"1_3"_s}});
        t.append({u"SUBSCRIBER"_s, u"DETAILED"_s, u"DAILY"_s, {u"1_2"_s, u"1_3"_s}});
        t.append({u"SUBSCRIPTION_OFFER_CODE_REDEMPTION"_s, u"SUMMARY"_s, u"DAILY"_s, {u"1_0"_s}});
        t.append({u"INSTALLS"_s, u"SUMMARY"_s, u"MONTHLY"_s, {u"1_2"_s}});
        t.append({u"INSTALLS"_s, u"DETAILED"_s, u"MONTHLY"_s, {u"1_2"_s}});
        for (const QString &subType :
             {u"SUMMARY_CHANNEL"_s, u"SUMMARY_INSTALL_TYPE"_s, u"SUMMARY_TERRITORY"_s, u"DETAILED"_s})
            t.append({u"INSTALLS"_s, subType, u"YEARLY"_s, {u"1_0"_s, u"1_1"_s}});
        t.append({u"FIRST_ANNUAL"_s, u"DETAILED"_s, u"DAILY"_s, {u"1_0"_s}});
        t.append({u"FIRST_ANNUAL"_s, u"SUMMARY"_s, u"YEARLY"_s, {u"1_0"_s}});
        t.append({u"WIN_BACK_ELIGIBILITY"_s, u"SUMMARY"_s, u"DAILY"_s, {u"1_0"_s}});
        return t;
    }();
    return list;
}

QDate SalesRequest::releaseDate(const QString &frequency, QDate end)
{
    if (frequency == u"DAILY")
        return end.addDays(1); // next day
    if (frequency == u"WEEKLY")
        return end.addDays(1); // the Monday after the Sunday that ends the week
    if (frequency == u"MONTHLY")
        return end.addDays(5);
    return end.addDays(6); // yearly
}

QDate SalesRequest::retainedUntil(const QString &frequency, QDate end)
{
    return frequency == u"YEARLY" ? end.addYears(10) : end.addYears(1);
}

QString SalesRequest::notYetAvailableDetail()
{
    return u"Report is not available yet. Daily reports for the Americas are available by 5 am Pacific Time; "
           u"Japan, Australia, and New Zealand by 5 am Japan Standard Time; and 5 am Central European Time "
           u"for "
           u"all other territories."_s;
}

QString SalesRequest::noSalesDetail()
{
    return u"There were no sales for the date specified."_s;
}

QString SalesRequest::goneDetail()
{
    // UNVERIFIED wording (API-NOTES §6.4 "Report is no longer available…").
    return u"Report is no longer available. Daily, weekly and monthly reports are kept for one year, yearly "
           u"reports for ten years."_s;
}

FileResult SalesRequest::retiredVersion(const QString &latest)
{
    return badRequest(u"filter[version]"_s,
                      u"The version parameter you have specified is invalid. The latest "
                      u"version for this report is "_s +
                          latest + u'.');
}

namespace {

// The §6.1 tuple the query names. When there is none, which part of it is wrong decides the parameter Apple
// names in its 400.
std::variant<const SalesRequest::Tuple *, FileResult> matchTuple(const SalesQuery &query)
{
    QStringList subTypesOfType;
    QStringList frequenciesOfPair;
    const SalesRequest::Tuple *match = nullptr;
    for (const SalesRequest::Tuple &tuple : SalesRequest::tuples()) {
        if (tuple.reportType != query.reportType)
            continue;
        if (!subTypesOfType.contains(tuple.reportSubType))
            subTypesOfType.append(tuple.reportSubType);
        if (tuple.reportSubType != query.reportSubType)
            continue;
        frequenciesOfPair.append(tuple.frequency);
        if (tuple.frequency == query.frequency)
            match = &tuple;
    }
    if (frequenciesOfPair.isEmpty()) {
        return badRequest(u"filter[reportSubType]"_s, u"The report sub-type '"_s + query.reportSubType +
                                                          u"' is not valid for report type '"_s +
                                                          query.reportType + u"'. Valid values: "_s +
                                                          subTypesOfType.join(u", "_s) + u'.');
    }
    if (!match) {
        return badRequest(u"filter[frequency]"_s,
                          u"The frequency '"_s + query.frequency + u"' is not valid for report type '"_s +
                              query.reportType + u"' and sub-type '"_s + query.reportSubType +
                              u"'. Valid values: "_s + frequenciesOfPair.join(u", "_s) + u'.');
    }
    return match;
}

// The version to serve: the one asked for if Apple still serves it, the newest when none is asked for.
std::optional<FileResult> resolveVersion(SalesQuery &query, const SalesRequest::Tuple &match, QDate today,
                                         const QMap<QString, QString> &currentVersions)
{
    if (const auto current = currentVersions.constFind(query.reportType); current != currentVersions.cend()) {
        // Apple moved this report: only the current version is served, every other one is retired.
        if (query.version.isEmpty())
            query.version = current.value();
        else if (query.version != current.value())
            return SalesRequest::retiredVersion(current.value());
    } else if (query.version.isEmpty()) {
        query.version = match.versions.last();
    } else if (query.version == u"1_2" && isRetiredSubscriptionVersion(query.reportType, today)) {
        return SalesRequest::retiredVersion(match.versions.last());
    } else if (!match.versions.contains(query.version)) {
        return badRequest(u"filter[version]"_s, u"The version '"_s + query.version +
                                                    u"' is not valid for this report. Valid values: "_s +
                                                    match.versions.join(u", "_s) + u'.');
    }
    return std::nullopt;
}

// The period reportDate names (the latest one without it), or the 400, 404 or 410 Apple answers for it.
std::optional<FileResult> resolvePeriod(SalesQuery &query, const QString &dateText, QDate today)
{
    const auto [begin, end] =
        dateText.isEmpty() ? latestPeriod(query.frequency, today) : periodOf(query.frequency, dateText);
    if (!begin.isValid()) {
        return badRequest(u"filter[reportDate]"_s,
                          u"'"_s + dateText + u"' is not a valid report date for "_s + query.frequency +
                              u" reports. Use the format "_s + expectedFormat(query.frequency) + u'.');
    }
    query.begin = begin;
    query.end = end;
    if (SalesRequest::releaseDate(query.frequency, end) > today)
        return FileResult{FileResult::Kind::NotYetAvailable, {}, SalesRequest::notYetAvailableDetail(), {}};
    if (SalesRequest::retainedUntil(query.frequency, end) < today)
        return FileResult{FileResult::Kind::Gone, {}, SalesRequest::goneDetail(), {}};
    return std::nullopt;
}

} // namespace

std::variant<SalesQuery, FileResult> SalesRequest::parse(const QMap<QString, QString> &filters,
                                                         const QString &vendorNumber, QDate today,
                                                         const QMap<QString, QString> &currentVersions)
{
    for (const QString &required : {u"vendorNumber"_s, u"reportType"_s, u"reportSubType"_s, u"frequency"_s}) {
        if (filters.value(required).isEmpty()) {
            const QString parameter = u"filter["_s + required + u']';
            return badRequest(parameter, u"The parameter '"_s + parameter + u"' is required."_s);
        }
    }
    SalesQuery query;
    query.reportType = filters.value(u"reportType"_s);
    query.reportSubType = filters.value(u"reportSubType"_s);
    query.frequency = filters.value(u"frequency"_s);
    if (!reportTypes().contains(query.reportType))
        return invalidValue(u"reportType"_s, query.reportType, reportTypes());
    if (!reportSubTypes().contains(query.reportSubType))
        return invalidValue(u"reportSubType"_s, query.reportSubType, reportSubTypes());
    if (!frequencies().contains(query.frequency))
        return invalidValue(u"frequency"_s, query.frequency, frequencies());
    const QString vendor = filters.value(u"vendorNumber"_s);
    if (vendor != vendorNumber) {
        return badRequest(u"filter[vendorNumber]"_s,
                          u"'"_s + vendor +
                              u"' is not a valid vendor number for this account. Find yours in Payments and "
                              u"Financial Reports."_s);
    }
    const auto matched = matchTuple(query);
    if (const auto *refused = std::get_if<FileResult>(&matched))
        return *refused;
    query.version = filters.value(u"version"_s);
    if (auto refused = resolveVersion(query, *std::get<const Tuple *>(matched), today, currentVersions))
        return *refused;
    if (auto refused = resolvePeriod(query, filters.value(u"reportDate"_s), today))
        return *refused;
    return query;
}

} // namespace ascsync::sandbox
