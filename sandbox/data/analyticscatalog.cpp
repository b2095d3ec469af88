#include "analyticscatalog.h"

#include "familymodel.h"

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

using Variant = ReportDefinition::Variant;

QList<ReportDefinition> buildCatalog()
{
    QList<ReportDefinition> reports;
    const auto pair = [&reports](const QString &base, const QString &category, const QString &family,
                                 int completeness, bool standardPeriods = true) {
        reports.append({base + u" Standard"_s, category, family, Variant::Standard, completeness,
                        standardPeriods, standardPeriods});
        reports.append(
            {base + u" Detailed"_s, category, family, Variant::Detailed, completeness, true, true});
    };
    // Completeness per API-NOTES §5.3: engagement and web preview 3 days, commerce 2, app usage 5.
    pair(u"App Store Discovery and Engagement"_s, u"APP_STORE_ENGAGEMENT"_s, u"engagement"_s, 3);
    pair(u"App Store Web Preview Engagement"_s, u"APP_STORE_ENGAGEMENT"_s, u"webpreview"_s, 3);
    pair(u"App Downloads"_s, u"COMMERCE"_s, u"downloads"_s, 2, false); // weekly/monthly: Detailed only
    pair(u"App Store Purchases"_s, u"COMMERCE"_s, u"purchases"_s, 2);
    pair(u"App Store Pre-Orders"_s, u"COMMERCE"_s, u"preorders"_s, 2);
    pair(u"App Sessions"_s, u"APP_USAGE"_s, u"sessions"_s, 5);
    pair(u"App Store Installation and Deletion"_s, u"APP_USAGE"_s, u"installs"_s, 5);
    reports.append({u"App Crashes"_s, u"APP_USAGE"_s, u"crashes"_s, Variant::Single, 5, true, true});
    // §5.5 puts CarPlay under APP_USAGE; "late data up to 8 days" (§5.6) -> an 8-day window. Daily only
    // (UNVERIFIED).
    reports.append({u"CarPlay App Usage"_s, u"APP_USAGE"_s, u"carplay"_s, Variant::Single, 8, false, false});
    reports.append({u"Home Screen Widget Installs"_s, u"FRAMEWORK_USAGE"_s, u"widgets"_s, Variant::Single, 3,
                    true, true});
    reports.append(
        {u"App Crashes Expanded"_s, u"PERFORMANCE"_s, u"crashesexpanded"_s, Variant::Single, 5, true, true});
    return reports;
}

} // namespace

const QList<ReportDefinition> &AnalyticsCatalog::reports()
{
    static const QList<ReportDefinition> catalog = buildCatalog();
    return catalog;
}

const ReportDefinition *AnalyticsCatalog::find(const QString &name)
{
    for (const ReportDefinition &report : reports()) {
        if (report.name == name)
            return &report;
    }
    return nullptr;
}

QStringList AnalyticsCatalog::familyKeys()
{
    QStringList keys;
    for (const ReportDefinition &report : reports()) {
        if (!keys.contains(report.family))
            keys.append(report.family);
    }
    return keys;
}

std::unique_ptr<FamilyModel> AnalyticsCatalog::createFamily(const QString &familyKey, const AppProfile &app)
{
    const FamilySpec *spec = FamilySpecs::find(familyKey);
    return spec ? std::make_unique<FamilyModel>(*spec, app) : nullptr;
}

} // namespace ascsync::sandbox
