#pragma once

#include "familymodel.h"

#include <QDate>
#include <QList>
#include <QString>

#include <memory>

namespace ascsync::sandbox {

// One analytics report as Apple lists it for every request (API-NOTES §5.5), and how its data behave.
struct ReportDefinition {
    enum class Variant { Standard, Detailed, Single };
    QString name;     // API name, exact spelling
    QString category; // API category enum value
    QString family;   // FamilyModel::key() of its data
    Variant variant = Variant::Single;
    int completenessDays = 2; // a Date is complete in the instance processed this many days later (§5.3)
    bool weekly = true;
    bool monthly = true;
};

// The report catalogue: every APP_STORE_ENGAGEMENT, COMMERCE and APP_USAGE report of API-NOTES §5.5 with a
// column list in §5.6, plus a few reports of other shapes (CarPlay, a framework and a performance report)
// so clients meet reports they do not know.
class AnalyticsCatalog {
public:
    static const QList<ReportDefinition> &reports();
    static const ReportDefinition *find(const QString &name);
    static QStringList familyKeys();
    static std::unique_ptr<FamilyModel> createFamily(const QString &familyKey, const AppProfile &app);
    // Apple's analytics history starts here (API-NOTES §5.1).
    static QDate historyFloor() { return QDate(2024, 1, 1); }
};

} // namespace ascsync::sandbox
