#pragma once

#include "data/familymodel.h"

#include <QHash>

namespace ascsync::sandbox {

// "App Crashes Expanded" (PERFORMANCE; API-NOTES §5.5 names it, its columns are UNVERIFIED): crashes by build
// and crash type, so clients meet a report whose shape they do not know.
class CrashesExpandedFamily : public FamilyModel {
public:
    explicit CrashesExpandedFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("crashesexpanded"); }
    double expectedVolume(QDate date) const override;
    bool appUsage() const override { return true; }

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level { AppVersion, Build, Device, Platform, CrashType };
    QHash<qint32, qint32> m_buildOfVersion;
    std::vector<Choice> m_crashTypes;
};

} // namespace ascsync::sandbox
