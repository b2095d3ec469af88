#pragma once

#include "data/salesledger.h"
#include "data/salesrequest.h"
#include "data/subscriptionsales.h"

#include <QList>
#include <QStringList>

namespace ascsync::sandbox {

// Writes the Sales and Trends files (gzip TSV, header first; API-NOTES §6.3) from the sales ledger: SALES,
// PRE_ORDER and the EU install reports here, the subscription reports through SubscriptionSales. NEWSSTAND
// never has sales (the simulated developer publishes no magazines).
class SalesGenerator {
public:
    explicit SalesGenerator(const SalesLedger &ledger);

    // Kind::Ok with the file, or Kind::NoSales when the period sold nothing of this kind.
    FileResult generate(const SalesQuery &query) const;

private:
    QList<QStringList> salesSummary(const SalesQuery &query) const;
    QList<QStringList> preOrderSummary(const SalesQuery &query) const;
    QList<QStringList> installs(const SalesQuery &query) const;
    QList<QStringList> firstAnnual(const SalesQuery &query) const;

    const SalesLedger &m_ledger;
    SubscriptionSales m_subscriptions;
};

} // namespace ascsync::sandbox
