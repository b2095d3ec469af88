#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Sessions (API-NOTES §5.6), an app-usage report: active devices by the version they run and how the
// app was found, with sessions per device and session length from the app's profile.
class SessionsFamily : public FamilyModel {
public:
    explicit SessionsFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("sessions"); }
    double expectedVolume(QDate date) const override;
    bool appUsage() const override { return true; }
    void addNoise(AnalyticsRow &row, Rng &rng) const override;

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        AppVersion,
        Device,
        Platform,
        SourceType,
        SourceInfo,
        Campaign,
        PageType,
        PageTitle,
        AppDownloadDate,
        Territory
    };
    enum Metric { Sessions, Duration, UniqueDevices };
};

} // namespace ascsync::sandbox
