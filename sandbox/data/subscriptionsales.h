#pragma once

#include "salesledger.h"
#include "salesrequest.h"

#include <QList>
#include <QStringList>

namespace ascsync::sandbox {

// The rows of the subscription Sales and Trends reports (SUBSCRIPTION, SUBSCRIPTION_EVENT, SUBSCRIBER,
// SUBSCRIPTION_OFFER_CODE_REDEMPTION, WIN_BACK_ELIGIBILITY), all daily, from the ledger's subscription
// purchases and renewals. Column values follow SalesColumns.
class SubscriptionSales {
public:
    explicit SubscriptionSales(const SalesLedger &ledger);

    QList<QStringList> subscriptionSummary(const SalesQuery &query) const;
    QList<QStringList> subscriptionEvents(const SalesQuery &query) const;
    QList<QStringList> subscribers(const SalesQuery &query) const;
    QList<QStringList> offerCodeRedemptions(const SalesQuery &query) const;
    QList<QStringList> winBackEligibility(const SalesQuery &query) const;

private:
    const SalesLedger &m_ledger;
};

} // namespace ascsync::sandbox
