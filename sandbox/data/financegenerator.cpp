#include "financegenerator.h"

#include "gzipwriter.h"
#include "reportformat.h"
#include "territories.h"

#include <cmath>
#include <map>
#include <tuple>

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

// One line of a financial file: the product, where it sold, at what price, sale or return.
struct LineKey {
    int app, product, territory;
    QString productType;
    double customerPrice;
    double partnerShare;
    bool refund;
    QDate transactionDate; // FINANCE_DETAIL only
    bool operator<(const LineKey &other) const
    {
        return std::tie(transactionDate, app, product, territory, productType, customerPrice, partnerShare,
                        refund) < std::tie(other.transactionDate, other.app, other.product, other.territory,
                                           other.productType, other.customerPrice, other.partnerShare,
                                           other.refund);
    }
};

struct LineTotals {
    qint64 quantity = 0;
    double amount = 0.0;
};

} // namespace

FinanceGenerator::FinanceGenerator(const SalesLedger &ledger, QString vendorNumber, QDate today)
    : m_ledger(ledger)
    , m_vendorNumber(std::move(vendorNumber))
    , m_today(today)
{}

QStringList FinanceGenerator::financialColumns()
{
    return {u"Start Date"_s,
            u"End Date"_s,
            u"UPC"_s,
            u"ISRC/ISBN"_s,
            u"Vendor Identifier"_s,
            u"Quantity"_s,
            u"Partner Share"_s,
            u"Extended Partner Share"_s,
            u"Partner Share Currency"_s,
            u"Sales or Return"_s,
            u"Apple Identifier"_s,
            u"Artist/Show/Developer/Author"_s,
            u"Title"_s,
            u"Label/Studio/Network/Developer/Publisher"_s,
            u"Grid"_s,
            u"Product Type Identifier"_s,
            u"ISAN/Other Identifier"_s,
            u"Country Of Sale"_s,
            u"Pre-order Flag"_s,
            u"Promo Code"_s,
            u"Customer Price"_s,
            u"Customer Currency"_s};
}

QStringList FinanceGenerator::detailColumns()
{
    // Observed shape (API-NOTES §7.3), UNVERIFIED.
    return {u"Transaction Date"_s,
            u"Settlement Date"_s,
            u"Apple Identifier"_s,
            u"SKU"_s,
            u"Title"_s,
            u"Developer Name"_s,
            u"Product Type Identifier"_s,
            u"Country of Sale"_s,
            u"Quantity"_s,
            u"Partner Share"_s,
            u"Extended Partner Share"_s,
            u"Partner Share Currency"_s,
            u"Customer Price"_s,
            u"Customer Currency"_s,
            u"Sale or Return"_s,
            u"Promo Code"_s,
            u"Order Type"_s,
            u"Region"_s};
}

QString FinanceGenerator::cacheKey(const QMap<QString, QString> &filters)
{
    return u"finance/"_s + filters.value(u"reportType"_s) + u'/' + filters.value(u"regionCode"_s) + u'/' +
           filters.value(u"reportDate"_s) + u'/' + filters.value(u"vendorNumber"_s);
}

FileResult FinanceGenerator::validate(const QMap<QString, QString> &filters,
                                      FiscalCalendar::Month &month) const
{
    for (const QString &required : {u"vendorNumber"_s, u"reportType"_s, u"regionCode"_s, u"reportDate"_s}) {
        if (filters.value(required).isEmpty()) {
            const QString parameter = u"filter["_s + required + u']';
            return badRequest(parameter, u"The parameter '"_s + parameter + u"' is required."_s);
        }
    }
    const QString type = filters.value(u"reportType"_s);
    if (type != u"FINANCIAL" && type != u"FINANCE_DETAIL") {
        return badRequest(u"filter[reportType]"_s,
                          u"'"_s + type +
                              u"' is not a valid value for the parameter 'filter[reportType]'. Valid values: "
                              u"FINANCIAL, FINANCE_DETAIL."_s);
    }
    const QString vendor = filters.value(u"vendorNumber"_s);
    if (vendor != m_vendorNumber) {
        return badRequest(u"filter[vendorNumber]"_s,
                          u"'"_s + vendor + u"' is not a valid vendor number for this account."_s);
    }
    const QString region = filters.value(u"regionCode"_s);
    if (type == u"FINANCE_DETAIL" && region != u"Z1") {
        return badRequest(
            u"filter[regionCode]"_s,
            u"'"_s + region +
                u"' is not a valid region code for FINANCE_DETAIL reports; the only valid value "
                u"is Z1."_s);
    }
    if (type == u"FINANCIAL" && region != u"ZZ" && !Territories::financeRegions().contains(region)) {
        return badRequest(
            u"filter[regionCode]"_s,
            u"'"_s + region +
                u"' is not a valid region code for FINANCIAL reports. Use ZZ for all regions in "
                u"one file or a code from Financial report regions and currencies."_s);
    }
    const std::optional<FiscalCalendar::Month> parsed = FiscalCalendar::parse(filters.value(u"reportDate"_s));
    if (!parsed) {
        return badRequest(u"filter[reportDate]"_s,
                          u"'"_s + filters.value(u"reportDate"_s) +
                              u"' is not a valid report date. Use the fiscal month as YYYY-MM."_s);
    }
    month = *parsed;
    if (FiscalCalendar::reportReleaseDate(month) > m_today) {
        return FileResult{
            FileResult::Kind::NotYetAvailable,
            {},
            u"Report is not available yet. Financial reports for a fiscal month are available by "
            u"the first Friday after the month ends."_s,
            {}};
    }
    return FileResult{};
}

bool FinanceGenerator::inRegion(int territory, const QString &region) const
{
    return region == u"ZZ" || region == u"Z1" || Territories::all()[territory].financeRegion == region;
}

QByteArray FinanceGenerator::financialFile(const QString &region, const FiscalCalendar::Month &month,
                                           FileTamper tamper) const
{
    std::map<LineKey, LineTotals> lines;
    std::vector<SalesLedger::Cell> cells;
    for (QDate date = month.start; date <= month.end; date = date.addDays(1)) {
        cells.clear();
        m_ledger.day(date, cells);
        for (const SalesLedger::Cell &cell : cells) {
            if (!m_ledger.isRevenue(cell) || !inRegion(cell.territory, region))
                continue;
            const double share = m_ledger.proceedsPerUnit(cell);
            LineTotals &totals =
                lines[{cell.app, cell.product, cell.territory, SalesLedger::productTypeIdentifier(cell),
                       m_ledger.customerPrice(cell), share, cell.refund, QDate()}];
            totals.quantity += cell.units;
            totals.amount += double(cell.units) * share;
        }
    }
    if (lines.empty())
        return {};
    const qint64 periodDays = month.start.daysTo(month.end) + 1;
    const QDate shownStart = tamper.wrongPeriod ? month.start.addDays(-periodDays) : month.start;
    const QDate shownEnd = tamper.wrongPeriod ? month.end.addDays(-periodDays) : month.end;
    QList<QByteArray> rows;
    qint64 unitsSold = 0;
    qint64 amountCents = 0; // Extended Partner Share as written, so the trailer is the sum of the column
    for (const auto &[key, totals] : lines) {
        const AppProfile &app = m_ledger.apps()[key.app];
        const InAppProduct *product = key.product >= 0 ? &app.products[key.product] : nullptr;
        const Territory &territory = Territories::all()[key.territory];
        const qint64 shareCents = std::llround(key.partnerShare * 100.0);
        const qint64 priceCents = std::llround(key.customerPrice * 100.0);
        const auto row = [&](qint64 quantity, qint64 extendedCents, qint64 customerPriceCents) {
            const QStringList fields = {ReportFormat::usDate(shownStart),
                                        ReportFormat::usDate(shownEnd),
                                        QString(),
                                        QString(),
                                        product ? product->productId : app.app.sku,
                                        QString::number(quantity),
                                        ReportFormat::cents(shareCents),
                                        ReportFormat::cents(extendedCents),
                                        territory.proceedsCurrency,
                                        quantity < 0 ? u"R"_s : u"S"_s,
                                        product ? product->appleId : app.app.id,
                                        app.developerName,
                                        product ? product->name : app.app.name,
                                        QString(),
                                        QString(),
                                        key.productType,
                                        QString(),
                                        territory.code,
                                        QString(),
                                        QString(),
                                        ReportFormat::cents(customerPriceCents),
                                        territory.customerCurrency};
            rows.append(fields.join(u'\t').toUtf8());
            amountCents += extendedCents;
        };
        if (key.refund) {
            // A return is one row per unit: Quantity -1, the positive Partner Share, negative Extended
            // Partner Share and Customer Price (real files, issue 15).
            for (qint64 unit = 0; unit < -totals.quantity; ++unit)
                row(-1, -shareCents, -priceCents);
        } else {
            row(totals.quantity, totals.quantity * shareCents, priceCents);
            unitsSold += totals.quantity;
        }
    }
    QByteArray text = financialColumns().join(u'\t').toUtf8() + '\n';
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (!(tamper.droppedRow && i == rows.size() - 1)) // an edited or truncated file
            text += rows[i] + '\n';
    }
    // The trailer follows the data without a blank line; its rows do not start with a date (API-NOTES §7.3).
    // Total_Amount is the net Extended Partner Share, returns included; Total_Units counts sold units only,
    // so a file with 20 sold and one returned says 20 (real files, issue 15).
    text += "Total_Rows\t" + QByteArray::number(rows.size()) + '\n';
    text += "Total_Amount\t" + ReportFormat::cents(amountCents).toLatin1() + '\n';
    text += "Total_Units\t" + QByteArray::number(unitsSold) + '\n';
    return text;
}

QByteArray FinanceGenerator::detailFile(const FiscalCalendar::Month &month) const
{
    std::map<LineKey, LineTotals> lines;
    std::vector<SalesLedger::Cell> cells;
    for (QDate date = month.start; date <= month.end; date = date.addDays(1)) {
        cells.clear();
        m_ledger.day(date, cells);
        for (const SalesLedger::Cell &cell : cells) {
            if (!m_ledger.isRevenue(cell))
                continue;
            const double share = m_ledger.proceedsPerUnit(cell);
            LineTotals &totals =
                lines[{cell.app, cell.product, cell.territory, SalesLedger::productTypeIdentifier(cell),
                       m_ledger.customerPrice(cell), share, cell.refund, date}];
            totals.quantity += cell.units;
            totals.amount += double(cell.units) * share;
        }
    }
    if (lines.empty())
        return {};
    const QString developer = m_ledger.apps().value(0).developerName;
    QByteArray text = "Vendor Name\t" + developer.toUtf8() + '\n';
    text += "Start Date\t" + ReportFormat::usDate(month.start).toLatin1() + '\n';
    text += "End Date\t" + ReportFormat::usDate(month.end).toLatin1() + "\n\n";
    text += detailColumns().join(u'\t').toUtf8() + '\n';
    std::map<std::pair<QString, QString>, LineTotals> byCountry; // (country, currency)
    for (const auto &[key, totals] : lines) {
        const AppProfile &app = m_ledger.apps()[key.app];
        const InAppProduct *product = key.product >= 0 ? &app.products[key.product] : nullptr;
        const Territory &territory = Territories::all()[key.territory];
        const QStringList fields = {ReportFormat::usDate(key.transactionDate),
                                    ReportFormat::usDate(key.transactionDate.addDays(1)),
                                    product ? product->appleId : app.app.id,
                                    product ? product->productId : app.app.sku,
                                    product ? product->name : app.app.name,
                                    app.developerName,
                                    key.productType,
                                    territory.code,
                                    QString::number(totals.quantity),
                                    ReportFormat::money(key.partnerShare),
                                    ReportFormat::money(totals.amount),
                                    territory.proceedsCurrency,
                                    ReportFormat::money(key.customerPrice),
                                    territory.customerCurrency,
                                    key.refund ? u"R"_s : u"S"_s,
                                    QString(),
                                    QString(),
                                    territory.financeRegion};
        text += fields.join(u'\t').toUtf8() + '\n';
        LineTotals &country = byCountry[{territory.code, territory.proceedsCurrency}];
        country.quantity += totals.quantity;
        country.amount += totals.amount;
    }
    // Per-country summary block after a blank line (observed, UNVERIFIED).
    text += "\nCountry of Sale\tPartner Share Currency\tQuantity\tExtended Partner Share\n";
    for (const auto &[country, totals] : byCountry) {
        text += country.first.toUtf8() + '\t' + country.second.toUtf8() + '\t' +
                QByteArray::number(totals.quantity) + '\t' + ReportFormat::money(totals.amount).toLatin1() +
                '\n';
    }
    return text;
}

FileResult FinanceGenerator::report(const QMap<QString, QString> &filters, FileTamper tamper) const
{
    FiscalCalendar::Month month;
    FileResult result = validate(filters, month);
    if (result.kind != FileResult::Kind::Ok)
        return result;
    const QString type = filters.value(u"reportType"_s);
    const QByteArray text = type == u"FINANCE_DETAIL"
                                ? detailFile(month)
                                : financialFile(filters.value(u"regionCode"_s), month, tamper);
    if (text.isEmpty()) {
        // Apple has no report when nothing was sold or refunded in the region that month (real API: 404).
        result.kind = FileResult::Kind::NoSales;
        result.detail = u"There were no sales for the date specified."_s;
        return result;
    }
    result.gzip = GzipWriter::compress(text);
    return result;
}

} // namespace ascsync::sandbox
