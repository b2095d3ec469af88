#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Crashes (API-NOTES §5.6): a single report (no Standard/Detailed pair) of crashes per version, device
// and OS; an app-usage report, so absent for Dates with fewer than 5 users.
class CrashesFamily : public FamilyModel {
public:
    explicit CrashesFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("crashes"); }
    double expectedVolume(QDate date) const override;
    bool appUsage() const override { return true; }

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level { AppVersion, Device, Platform };
};

} // namespace ascsync::sandbox
