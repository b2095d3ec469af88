#pragma once

#include "fiscalcalendar.h"
#include "salesledger.h"
#include "world.h"

#include <QMap>
#include <QStringList>

namespace ascsync::sandbox {

// GET /v1/financeReports (API-NOTES §7): validates the four filters and writes FINANCIAL files (22 columns,
// one fiscal month, one row per returned unit, the Total_ trailer right after the data) and FINANCE_DETAIL
// files (preamble, transactions, per-country summary) from the sales ledger's paid units. Months without paid
// sales in the region answer NoSales.
class FinanceGenerator {
public:
    FinanceGenerator(const SalesLedger &ledger, QString vendorNumber, QDate today);

    FileResult report(const QMap<QString, QString> &filters, FileTamper tamper = {}) const;
    // Cache key for a valid request, empty for one that fails validation.
    static QString cacheKey(const QMap<QString, QString> &filters);

    static QStringList financialColumns();
    static QStringList detailColumns();

private:
    FileResult validate(const QMap<QString, QString> &filters, FiscalCalendar::Month &month) const;
    QByteArray financialFile(const QString &region, const FiscalCalendar::Month &month,
                             FileTamper tamper) const;
    QByteArray detailFile(const FiscalCalendar::Month &month) const;
    bool inRegion(int territory, const QString &region) const;

    const SalesLedger &m_ledger;
    QString m_vendorNumber;
    QDate m_today;
};

} // namespace ascsync::sandbox
