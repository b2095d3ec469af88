#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Store Installation and Deletion (API-NOTES §5.6), an app-usage report: installs track downloads,
// deletions the active base; "App Download Date" is set only for downloads within the last 30 days.
class InstallsFamily : public FamilyModel {
public:
    explicit InstallsFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("installs"); }
    double expectedVolume(QDate date) const override;
    bool appUsage() const override { return true; }

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        Event,
        DownloadType,
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
    qint32 m_install = 0;
    qint32 m_delete = 0;
    std::vector<Choice> m_downloadTypes;
};

} // namespace ascsync::sandbox
