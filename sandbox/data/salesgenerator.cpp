#include "salesgenerator.h"

#include "gzipwriter.h"
#include "reportformat.h"
#include "salescolumns.h"
#include "salestotals.h"
#include "territories.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
using Kind = SalesLedger::Kind;

// Writes the previous period's dates where the file names its own period (FileTamper::wrongPeriod).
void shiftPeriodDates(const SalesQuery &query, const QStringList &columns, QList<QStringList> &rows)
{
    const qint64 length = query.begin.daysTo(query.end) + 1;
    const QString begin = ReportFormat::usDate(query.begin);
    const QString end = ReportFormat::usDate(query.end);
    const QString shiftedBegin = ReportFormat::usDate(query.begin.addDays(-length));
    const QString shiftedEnd = ReportFormat::usDate(query.end.addDays(-length));
    QList<qsizetype> dateColumns;
    for (const QString &name : {u"Begin Date"_s, u"Start Date"_s, u"End Date"_s}) {
        if (const qsizetype index = columns.indexOf(name); index >= 0)
            dateColumns.append(index);
    }
    for (QStringList &row : rows) {
        for (const qsizetype index : std::as_const(dateColumns)) {
            if (row[index] == begin)
                row[index] = shiftedBegin;
            else if (row[index] == end)
                row[index] = shiftedEnd;
        }
    }
}

// The rows (in `current` order) as lines of `layout`: columns picked by name, Apple's single-space
// placeholder in every empty field.
QByteArray fileText(const QStringList &current, const QStringList &layout, const QList<QStringList> &rows)
{
    QList<qsizetype> source;
    for (const QString &column : layout)
        source.append(current.indexOf(SalesColumns::currentName(column)));
    QByteArray text = layout.join(u'\t').toUtf8() + '\n';
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < source.size(); ++i) {
            if (i > 0)
                text += '\t';
            const QString value = source[i] >= 0 ? row.value(source[i]) : QString();
            text += value.isEmpty() ? QByteArrayLiteral(" ") : value.toUtf8();
        }
        text += '\n';
    }
    return text;
}

} // namespace

SalesGenerator::SalesGenerator(const SalesLedger &ledger, QDate legacySalesLayoutBefore)
    : m_ledger(ledger)
    , m_subscriptions(ledger)
    , m_legacySalesLayoutBefore(legacySalesLayoutBefore)
{}

void SalesGenerator::addAdjustments(const SalesQuery &query, QList<QStringList> &rows) const
{
    const QStringList columns = SalesColumns::of(u"SALES"_s, u"SUMMARY"_s);
    const qsizetype units = columns.indexOf(u"Units"_s);
    const qsizetype price = columns.indexOf(u"Customer Price"_s);
    const qsizetype sku = columns.indexOf(u"SKU"_s);
    const qsizetype parent = columns.indexOf(u"Parent Identifier"_s);
    const qsizetype count = rows.size();
    for (int app = 0; app < m_ledger.apps().size(); ++app) {
        // Every third period per app, deterministically: one adjustment of its first paid row.
        if ((query.begin.toJulianDay() + app) % 3 != 0)
            continue;
        for (qsizetype i = 0; i < count; ++i) {
            const QStringList &row = rows[i];
            const QString &appSku = m_ledger.apps()[app].app.sku;
            const bool ofApp = row[sku] == appSku || row[parent] == appSku;
            if (!ofApp || row[price].toDouble() <= 0.0)
                continue;
            QStringList adjustment = row;
            adjustment[units] = u"0"_s;
            adjustment[price] = u"-"_s + row[price];
            rows.append(adjustment);
            break;
        }
    }
}

QList<QStringList> SalesGenerator::salesSummary(const SalesQuery &query) const
{
    QList<QStringList> rows;
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return cell.kind != Kind::PreOrder && cell.kind != Kind::PreOrderCancel;
        });
    for (const auto &[key, units] : sums) {
        const SalesLedger::Cell cell = SalesTotals::cell(SalesTotals::unpack(key), units);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const Territory &territory = Territories::all()[cell.territory];
        const InAppProduct *product = cell.product >= 0 ? &app.products[cell.product] : nullptr;
        const bool yearlyRenewal =
            cell.kind == Kind::SubscriptionRenewal && product && product->periodDays >= 365;
        rows.append({u"APPLE"_s,
                     u"US"_s,
                     product ? product->productId : app.app.sku,
                     app.developerName,
                     product ? product->name : app.app.name,
                     product ? QString() : app.versionOn(query.end),
                     SalesLedger::productTypeIdentifier(cell),
                     QString::number(units),
                     ReportFormat::money(m_ledger.proceedsPerUnit(cell)),
                     ReportFormat::usDate(query.begin),
                     ReportFormat::usDate(query.end),
                     territory.customerCurrency,
                     territory.code,
                     territory.proceedsCurrency,
                     product ? product->appleId : app.app.id,
                     ReportFormat::money(m_ledger.customerPrice(cell)),
                     QString(),
                     product ? app.app.sku : QString(),
                     cell.kind == Kind::SubscriptionNew
                         ? u"New"_s
                         : (cell.kind == Kind::SubscriptionRenewal ? u"Renewal"_s : QString()),
                     product ? product->period : QString(),
                     app.category,
                     QString(),
                     SalesLedger::deviceNames()[cell.device],
                     SalesLedger::supportedPlatform(cell.device),
                     yearlyRenewal ? u"Rate After One Year"_s : QString(),
                     QString(),
                     QString(),
                     QString()});
    }
    return rows;
}

QList<QStringList> SalesGenerator::preOrderSummary(const SalesQuery &query) const
{
    const auto isPreOrder = [](const SalesLedger::Cell &cell) {
        return cell.kind == Kind::PreOrder || cell.kind == Kind::PreOrderCancel;
    };
    // Rows per (app, territory, device); the kind is folded into ordered / canceled columns.
    const auto rowKey = [](quint64 key) { return key & ~quint64(0xff); };
    std::map<quint64, std::pair<qint64, qint64>> period;
    for (const auto &[key, units] : SalesTotals::sum(m_ledger, query.begin, query.end, isPreOrder)) {
        auto &[ordered, canceled] = period[rowKey(key)];
        (SalesTotals::unpack(key).kind == Kind::PreOrder ? ordered : canceled) += units;
    }
    QList<QStringList> rows;
    if (period.empty())
        return rows;
    QDate firstStart = query.begin;
    for (const AppProfile &app : m_ledger.apps()) {
        if (app.preOrderStart.isValid())
            firstStart = std::min(firstStart, app.preOrderStart);
    }
    std::map<quint64, std::pair<qint64, qint64>> cumulative;
    for (const auto &[key, units] : SalesTotals::sum(m_ledger, firstStart, query.end, isPreOrder)) {
        auto &[ordered, canceled] = cumulative[rowKey(key)];
        (SalesTotals::unpack(key).kind == Kind::PreOrder ? ordered : canceled) += units;
    }
    for (const auto &[key, counts] : period) {
        const SalesTotals::Key cell = SalesTotals::unpack(key);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const auto &[totalOrdered, totalCanceled] = cumulative[key];
        rows.append({u"APPLE"_s, u"US"_s, app.app.sku, app.developerName, app.app.name,
                     ReportFormat::usDate(app.preOrderStart),
                     ReportFormat::usDate(app.launchDate.addDays(-1)), QString::number(counts.first),
                     QString::number(counts.second), QString::number(totalOrdered),
                     QString::number(totalCanceled), ReportFormat::usDate(query.begin),
                     ReportFormat::usDate(query.end), Territories::all()[cell.territory].code, app.app.id,
                     SalesLedger::deviceNames()[cell.device], SalesLedger::supportedPlatform(cell.device),
                     app.category});
    }
    return rows;
}

QList<QStringList> SalesGenerator::installs(const SalesQuery &query) const
{
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return Territories::all()[cell.territory].euMember && !cell.refund &&
                   (cell.kind == Kind::FirstTime || cell.kind == Kind::Redownload ||
                    cell.kind == Kind::Update);
        });
    const QStringList columns = SalesColumns::of(query.reportType, query.reportSubType);
    QMap<QStringList, qint64> grouped; // ordered by the group's column values
    for (const auto &[key, units] : sums) {
        const SalesTotals::Key cell = SalesTotals::unpack(key);
        const AppProfile &app = m_ledger.apps()[cell.app];
        const QString installType = cell.kind == Kind::FirstTime
                                        ? u"New Install"_s
                                        : (cell.kind == Kind::Redownload ? u"Reinstall"_s : u"Update"_s);
        QStringList group = {ReportFormat::usDate(query.begin), ReportFormat::usDate(query.end), app.app.id,
                             app.app.name};
        for (const QString &column : columns.mid(4, columns.size() - 5)) {
            if (column == u"Channel")
                group.append(u"App Store"_s);
            else if (column == u"Install Type")
                group.append(installType);
            else if (column == u"Territory")
                group.append(Territories::all()[cell.territory].code);
            else if (column == u"Device")
                group.append(SalesLedger::deviceNames()[cell.device]);
        }
        grouped[group] += units;
    }
    QList<QStringList> rows;
    for (auto it = grouped.cbegin(); it != grouped.cend(); ++it)
        rows.append(it.key() + QStringList{QString::number(it.value())});
    return rows;
}

QList<QStringList> SalesGenerator::firstAnnual(const SalesQuery &query) const
{
    const SalesTotals::Map sums =
        SalesTotals::sum(m_ledger, query.begin, query.end, [](const SalesLedger::Cell &cell) {
            return Territories::all()[cell.territory].euMember && !cell.refund &&
                   (cell.kind == Kind::FirstTime || cell.kind == Kind::Redownload);
        });
    const bool detailed = query.reportSubType == u"DETAILED";
    QMap<QStringList, qint64> grouped;
    for (const auto &[key, units] : sums) {
        const SalesTotals::Key cell = SalesTotals::unpack(key);
        const AppProfile &app = m_ledger.apps()[cell.app];
        // Every first-time download counts; roughly a third of redownloads are a device's first of the year.
        const qint64 count = cell.kind == Kind::FirstTime ? units : units / 3;
        if (count <= 0)
            continue;
        QStringList group = {ReportFormat::usDate(query.begin), ReportFormat::usDate(query.end), app.app.id,
                             app.app.name};
        if (detailed)
            group += {Territories::all()[cell.territory].code, SalesLedger::deviceNames()[cell.device]};
        grouped[group] += count;
    }
    QList<QStringList> rows;
    for (auto it = grouped.cbegin(); it != grouped.cend(); ++it)
        rows.append(it.key() + QStringList{QString::number(it.value())});
    return rows;
}

FileResult SalesGenerator::generate(const SalesQuery &query, FileTamper tamper) const
{
    QList<QStringList> rows;
    const QString &type = query.reportType;
    if (type == u"SALES") {
        rows = salesSummary(query);
        addAdjustments(query, rows);
    } else if (type == u"PRE_ORDER")
        rows = preOrderSummary(query);
    else if (type == u"SUBSCRIPTION")
        rows = m_subscriptions.subscriptionSummary(query);
    else if (type == u"SUBSCRIPTION_EVENT")
        rows = m_subscriptions.subscriptionEvents(query);
    else if (type == u"SUBSCRIBER")
        rows = m_subscriptions.subscribers(query);
    else if (type == u"SUBSCRIPTION_OFFER_CODE_REDEMPTION")
        rows = m_subscriptions.offerCodeRedemptions(query);
    else if (type == u"INSTALLS")
        rows = installs(query);
    else if (type == u"FIRST_ANNUAL")
        rows = firstAnnual(query);
    else if (type == u"WIN_BACK_ELIGIBILITY")
        rows = m_subscriptions.winBackEligibility(query);
    // NEWSSTAND: no magazines, never any sales.

    FileResult result;
    if (rows.isEmpty()) {
        result.kind = FileResult::Kind::NoSales;
        result.detail = SalesRequest::noSalesDetail();
        return result;
    }
    const QStringList current = SalesColumns::of(type, query.reportSubType);
    if (tamper.wrongPeriod)
        shiftPeriodDates(query, current, rows);
    const QStringList layout = SalesColumns::layout(type, query.reportSubType, query.version,
                                                    query.begin < m_legacySalesLayoutBefore);
    GzipWriter writer;
    writer.write(fileText(current, layout, rows));
    result.gzip = writer.finish();
    return result;
}

} // namespace ascsync::sandbox
