#pragma once

#include "salesledger.h"
#include "salesrequest.h"
#include "subscriptionsales.h"

#include <QList>
#include <QStringList>

namespace ascsync::sandbox {

// Writes the Sales and Trends files (gzip TSV, header first; API-NOTES §6.3) from the sales ledger: SALES,
// PRE_ORDER and the EU install reports here, the subscription reports through SubscriptionSales. NEWSSTAND
// never has sales (the simulated developer publishes no magazines).
class SalesGenerator {
public:
    SalesGenerator(const SalesLedger &ledger, QDate legacySalesLayoutBefore);

    // Kind::Ok with the file, or Kind::NoSales when the period sold nothing of this kind. Written as Apple
    // writes it: a single space in every empty field (also the last one of a line), the file's layout per
    // version and period (SalesColumns::layout), and `tamper`'s faults.
    FileResult generate(const SalesQuery &query, FileTamper tamper = {}) const;

private:
    // Rows of Units 0 with proceeds and a negative customer price, as real SALES files carry (adjustments).
    void addAdjustments(const SalesQuery &query, QList<QStringList> &rows) const;
    QList<QStringList> salesSummary(const SalesQuery &query) const;
    QList<QStringList> preOrderSummary(const SalesQuery &query) const;
    QList<QStringList> installs(const SalesQuery &query) const;
    QList<QStringList> firstAnnual(const SalesQuery &query) const;

    const SalesLedger &m_ledger;
    SubscriptionSales m_subscriptions;
    QDate m_legacySalesLayoutBefore;
};

} // namespace ascsync::sandbox
