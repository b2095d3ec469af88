#pragma once

#include "world.h"

#include <QDate>
#include <QList>
#include <QString>

namespace ascsync::sandbox {

struct InAppProduct {
    enum class Kind { Consumable, NonConsumable, AutoRenewable };
    QString name;      // "Pro Monthly"
    QString productId; // "com.studio.app.pro.monthly" (the SKU column of sales reports)
    QString appleId;   // 10-digit Apple ID of the product
    double usdPrice = 0.0;
    Kind kind = Kind::Consumable;
    QString period;         // "1 Month" / "1 Year" for subscriptions, empty otherwise
    int periodDays = 0;     // 30 / 365 for subscriptions
    QString groupId;        // subscription group id, empty for other kinds
    double dailyRate = 0.0; // purchases (or new subscriptions) per active device per day
};

struct AppRelease {
    QString version; // "3.4.1"
    QDate date;
};

// One simulated app: its public identity (SimApp) plus the traits and the day-level model every report is
// derived from. All functions are pure: they depend on the seed and the calendar date only, never on the
// simulator's "today", so a value stays the same as the simulated days go by.
class AppProfile {
public:
    SimApp app;
    int index = 0;
    quint64 seed = 0;
    QString studio;            // reverse-DNS part of the bundle id
    QString developerName;     // "Northwind Apps Ltd."
    QString category;          // "Finance", "Music" ...
    double scale = 1000.0;     // unique product-page impressions per day, before trend and seasonality
    double conversion = 0.04;  // first-time downloads per unique impression
    double pageViewRate = 0.2; // page views per unique impression
    double usageRatio = 1.0;   // active devices per unique impression
    double sessionsPerDevice = 2.0;
    double sessionSeconds = 240.0;
    double crashRate = 0.004; // crashes per session
    double growthPerYear = 0.2;
    double seasonPeakDay = 5; // day of year with the most traffic
    bool weekendHeavy = true;
    double usdPrice = 0.0;   // 0 = free download
    double commission = 0.3; // 0.15 for the Small Business Program
    QList<InAppProduct> products;
    bool onMac = false;
    bool onAppleTv = false;
    bool onVision = false;
    bool carPlay = false;
    bool widgets = false;
    QDate launchDate;    // invalid: launched long before any report history
    QDate preOrderStart; // invalid: never offered for pre-order
    QList<AppRelease> releases;
    QList<double> territoryWeights; // aligned with Territories::all(), normalised

    bool launched(QDate date) const;
    double audience(QDate date) const;           // expected unique impressions
    double firstTimeDownloads(QDate date) const; // expected first-time downloads
    double preOrdersPlaced(QDate date) const;    // expected pre-orders placed on that day
    double preOrderDeliveries(QDate date) const; // pre-orders turned into downloads (launch day)
    double activeDevices(QDate date) const;      // expected devices that used the app that day
    double autoUpdates(QDate date) const;

    int releaseIndexOn(QDate date) const; // -1 before the first release
    QString versionOn(QDate date) const;
    QList<double> deviceWeights() const; // aligned with deviceNames()
    static const QStringList &deviceNames();

    // exp(sigma * N(0,1)) drawn once per (app, tag, date): a stable day-to-day wobble.
    double dayNoise(QStringView tag, QDate date, double sigma) const;

private:
    double calendarFactor(QDate date) const;
    double featureBoost(QDate date) const;
};

} // namespace ascsync::sandbox
