#pragma once

#include <QList>
#include <QString>

namespace ascsync::sandbox {

// The App Store storefronts the simulated apps sell in: ISO code, currencies, VAT and the financial-report
// region (API-NOTES §7.2) each one is paid out in. Rates are round, plausible figures, not live ones.
struct Territory {
    QString code;             // ISO 3166-1 alpha-2, as in "Territory" / "Country Code" columns
    QString customerCurrency; // what customers pay in
    QString proceedsCurrency; // what the developer is paid in (USD for the LL/AP/WW regions)
    double unitsPerUsd = 1.0; // customer currency units per USD
    double vat = 0.0;         // included in customer prices, excluded from proceeds
    double weight = 1.0;      // relative share of App Store traffic
    QString financeRegion;    // region code of the FINANCIAL file this territory appears in
    bool wholePrices = false; // currencies priced without minor units (JPY, KRW ...)
    bool euMember = false;    // where alternative distribution (INSTALLS, FIRST_ANNUAL reports) applies
};

class Territories {
public:
    static const QList<Territory> &all();
    // Every region code Apple accepts for FINANCIAL reports (ZZ and Z1 excluded).
    static const QList<QString> &financeRegions();

    // A customer price in `territory`'s currency for a USD list price, rounded the way price tiers look.
    static double localPrice(const Territory &territory, double usdPrice);
    // The developer's share of one sale at `localPrice` (commission and VAT removed), in proceeds currency.
    static double proceeds(const Territory &territory, double localPrice, double commission);
};

} // namespace ascsync::sandbox
