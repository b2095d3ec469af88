#include "territories.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

Territory make(const char16_t *code, const char16_t *currency, double rate, double vat, double weight,
               const char16_t *region, bool whole = false, bool eu = false)
{
    Territory t;
    t.code = QString::fromUtf16(code);
    t.customerCurrency = QString::fromUtf16(currency);
    t.financeRegion = QString::fromUtf16(region);
    const bool usdRegion = t.financeRegion == u"LL" || t.financeRegion == u"AP" || t.financeRegion == u"WW";
    t.proceedsCurrency = usdRegion ? u"USD"_s : t.customerCurrency;
    t.unitsPerUsd = rate;
    t.vat = vat;
    t.weight = weight;
    t.wholePrices = whole;
    t.euMember = eu;
    return t;
}

QList<Territory> buildTerritories()
{
    const bool whole = true;
    const bool eu = true;
    return {
        make(u"US", u"USD", 1.0, 0.0, 30.0, u"US"),
        make(u"GB", u"GBP", 0.79, 0.20, 6.0, u"GB"),
        make(u"DE", u"EUR", 0.92, 0.19, 6.0, u"EU", false, eu),
        make(u"FR", u"EUR", 0.92, 0.20, 4.0, u"EU", false, eu),
        make(u"IT", u"EUR", 0.92, 0.22, 2.5, u"EU", false, eu),
        make(u"ES", u"EUR", 0.92, 0.21, 2.5, u"EU", false, eu),
        make(u"NL", u"EUR", 0.92, 0.21, 1.5, u"EU", false, eu),
        make(u"BE", u"EUR", 0.92, 0.21, 0.8, u"EU", false, eu),
        make(u"AT", u"EUR", 0.92, 0.20, 0.8, u"EU", false, eu),
        make(u"IE", u"EUR", 0.92, 0.23, 0.5, u"EU", false, eu),
        make(u"FI", u"EUR", 0.92, 0.24, 0.4, u"EU", false, eu),
        make(u"PT", u"EUR", 0.92, 0.23, 0.4, u"EU", false, eu),
        make(u"CA", u"CAD", 1.36, 0.0, 4.0, u"CA"),
        make(u"AU", u"AUD", 1.52, 0.10, 3.0, u"AU"),
        make(u"NZ", u"NZD", 1.65, 0.15, 0.5, u"NZ"),
        make(u"JP", u"JPY", 150.0, 0.10, 7.0, u"JP", whole),
        make(u"CN", u"CNY", 7.2, 0.06, 5.0, u"CN"),
        make(u"KR", u"KRW", 1350.0, 0.10, 2.0, u"KR", whole),
        make(u"TW", u"TWD", 32.0, 0.05, 1.0, u"TW", whole),
        make(u"HK", u"HKD", 7.8, 0.0, 1.0, u"HK"),
        make(u"SG", u"SGD", 1.35, 0.09, 0.8, u"SG"),
        make(u"IN", u"INR", 83.0, 0.18, 3.0, u"IN", whole),
        make(u"ID", u"IDR", 15700.0, 0.11, 0.8, u"ID", whole),
        make(u"TH", u"THB", 35.0, 0.07, 0.6, u"TH", whole),
        make(u"MY", u"MYR", 4.7, 0.08, 0.5, u"MY"),
        make(u"PH", u"PHP", 56.0, 0.12, 0.5, u"PH", whole),
        make(u"VN", u"VND", 24500.0, 0.10, 0.5, u"VN", whole),
        make(u"BR", u"BRL", 5.0, 0.0, 3.0, u"BR"),
        make(u"MX", u"MXN", 17.0, 0.16, 2.0, u"MX"),
        make(u"CL", u"CLP", 900.0, 0.19, 0.4, u"CL", whole),
        make(u"CO", u"COP", 3900.0, 0.19, 0.4, u"CO", whole),
        make(u"PE", u"PEN", 3.7, 0.18, 0.3, u"PE"),
        make(u"SE", u"SEK", 10.5, 0.25, 1.0, u"SE"),
        make(u"NO", u"NOK", 10.7, 0.25, 0.6, u"NO"),
        make(u"DK", u"DKK", 6.9, 0.25, 0.6, u"DK"),
        make(u"CH", u"CHF", 0.88, 0.081, 1.0, u"CH"),
        make(u"PL", u"PLN", 4.0, 0.23, 1.0, u"PL", false, eu),
        make(u"CZ", u"CZK", 23.0, 0.21, 0.5, u"CZ", whole, eu),
        make(u"HU", u"HUF", 360.0, 0.27, 0.3, u"HU", whole, eu),
        make(u"RO", u"RON", 4.6, 0.19, 0.3, u"RO", false, eu),
        make(u"BG", u"BGN", 1.8, 0.20, 0.2, u"BG", false, eu),
        make(u"HR", u"EUR", 0.92, 0.25, 0.2, u"HR", false, eu),
        make(u"TR", u"TRY", 32.0, 0.20, 1.0, u"TR", whole),
        make(u"IL", u"ILS", 3.7, 0.17, 0.5, u"IL"),
        make(u"AE", u"AED", 3.67, 0.05, 0.6, u"AE"),
        make(u"SA", u"SAR", 3.75, 0.15, 0.6, u"SA"),
        make(u"QA", u"QAR", 3.64, 0.0, 0.1, u"QA"),
        make(u"EG", u"EGP", 48.0, 0.14, 0.3, u"EG", whole),
        make(u"ZA", u"ZAR", 18.5, 0.15, 0.5, u"ZA"),
        make(u"NG", u"NGN", 1500.0, 0.075, 0.3, u"NG", whole),
        make(u"KZ", u"KZT", 470.0, 0.12, 0.2, u"KZ", whole),
        make(u"PK", u"PKR", 280.0, 0.0, 0.3, u"PK", whole),
        make(u"TZ", u"TZS", 2600.0, 0.18, 0.1, u"TZ", whole),
        make(u"AR", u"USD", 1.0, 0.0, 0.4, u"LL"),
        make(u"UY", u"USD", 1.0, 0.0, 0.1, u"LL"),
        make(u"CR", u"USD", 1.0, 0.0, 0.1, u"LL"),
        make(u"LK", u"USD", 1.0, 0.0, 0.1, u"AP"),
        make(u"KH", u"USD", 1.0, 0.0, 0.1, u"AP"),
        make(u"NP", u"USD", 1.0, 0.0, 0.1, u"AP"),
        make(u"UA", u"USD", 1.0, 0.0, 0.3, u"WW"),
        make(u"IS", u"USD", 1.0, 0.0, 0.1, u"WW"),
        make(u"MA", u"USD", 1.0, 0.0, 0.2, u"WW"),
        make(u"KE", u"USD", 1.0, 0.0, 0.1, u"WW"),
    };
}

} // namespace

const QList<Territory> &Territories::all()
{
    static const QList<Territory> territories = buildTerritories();
    return territories;
}

const QList<QString> &Territories::financeRegions()
{
    static const QList<QString> regions = {
        u"EU"_s, u"LL"_s, u"AP"_s, u"WW"_s, u"US"_s, u"AU"_s, u"BR"_s, u"BG"_s, u"CA"_s, u"CL"_s,
        u"CN"_s, u"CO"_s, u"CZ"_s, u"HR"_s, u"DK"_s, u"EG"_s, u"HK"_s, u"HU"_s, u"IN"_s, u"ID"_s,
        u"IL"_s, u"JP"_s, u"KZ"_s, u"KR"_s, u"MY"_s, u"MX"_s, u"NZ"_s, u"NG"_s, u"NO"_s, u"PK"_s,
        u"PE"_s, u"PH"_s, u"PL"_s, u"QA"_s, u"RO"_s, u"RU"_s, u"SA"_s, u"SG"_s, u"ZA"_s, u"SE"_s,
        u"CH"_s, u"TW"_s, u"TH"_s, u"TR"_s, u"AE"_s, u"GB"_s, u"TZ"_s, u"VN"_s,
    };
    return regions;
}

double Territories::localPrice(const Territory &territory, double usdPrice)
{
    if (usdPrice <= 0.0)
        return 0.0;
    const double raw = (usdPrice + 0.01) * territory.unitsPerUsd;
    if (territory.wholePrices) {
        // Whole-unit currencies use round steps: 160, 1,500, 39,000 ...
        const double step = std::pow(10.0, std::max(0.0, std::floor(std::log10(raw)) - 1.0));
        return std::round(raw / step) * step;
    }
    return std::max(0.0, std::round(raw) - 0.01); // x.99 like the App Store's price points
}

double Territories::proceeds(const Territory &territory, double localPrice, double commission)
{
    const double net = localPrice / (1.0 + territory.vat) * (1.0 - commission);
    return territory.wholePrices ? std::round(net) : std::round(net * 100.0) / 100.0;
}

} // namespace ascsync::sandbox
