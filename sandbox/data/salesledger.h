#pragma once

#include "appprofile.h"

#include <QDate>
#include <QList>
#include <QStringList>

#include <vector>

namespace ascsync::sandbox {

// What was sold on one day, per app or in-app product, territory, device and kind: the single source of the
// Sales and Trends and the financial reports, so they agree with each other. Unit counts follow the same
// day model as the analytics reports (first-time downloads = the analytics' conversion of impressions).
class SalesLedger {
public:
    enum class Kind {
        FirstTime,
        Redownload,
        Update,
        InAppPurchase,
        SubscriptionNew,
        SubscriptionRenewal,
        PreOrder,
        PreOrderCancel
    };
    struct Cell {
        int app = 0;
        int product = -1;  // index into AppProfile::products; -1: the app itself
        int territory = 0; // index into Territories::all()
        int device = 0;    // index into deviceNames()
        Kind kind = Kind::FirstTime;
        bool refund = false;
        qint64 units = 0; // negative for refunds
    };

    SalesLedger(const QList<AppProfile> &apps, quint64 seed, QDate historyStart);

    // False before the history or on the ~3 % of days the account sold nothing at all.
    bool hasSales(QDate date) const;
    void day(QDate date, std::vector<Cell> &out) const;
    const QList<AppProfile> &apps() const { return m_apps; }

    // Sales reports' device names: iPhone, iPad, Desktop, Apple TV, Apple Vision Pro.
    static const QStringList &deviceNames();
    // The customer price of one unit in the territory's currency (0 for free downloads and updates).
    double customerPrice(const Cell &cell) const;
    double proceedsPerUnit(const Cell &cell) const;
    bool isPaid(const Cell &cell) const { return customerPrice(cell) > 0.0; }
    // A paid sale or refund that earns proceeds (pre-orders earn nothing until delivered).
    bool isRevenue(const Cell &cell) const;

    // Product Type Identifier codes (API-NOTES §6.3): 1F/3F/7F universal app download, redownload and update,
    // F1/F7 their Mac versions, IA1/FI1 in-app purchases, IAY auto-renewable subscriptions.
    static QString productTypeIdentifier(const Cell &cell);
    static QString supportedPlatform(int device); // "Supported Platforms" of a sales device
    static bool isSubscription(Kind kind)
    {
        return kind == Kind::SubscriptionNew || kind == Kind::SubscriptionRenewal;
    }

private:
    void split(QDate date, int app, int product, Kind kind, bool refund, double expected,
               std::vector<Cell> &out) const;

    const QList<AppProfile> &m_apps;
    quint64 m_seed;
    QDate m_historyStart;
};

} // namespace ascsync::sandbox
