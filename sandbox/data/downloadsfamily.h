#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Store Downloads (API-NOTES §5.6). First-time downloads follow the app's conversion of unique
// impressions (2-8 %); updates come in waves after each release; the launch day of a pre-ordered app
// delivers its pre-orders ("Pre-Order" = Yes).
class DownloadsFamily : public FamilyModel {
public:
    explicit DownloadsFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("downloads"); }
    double expectedVolume(QDate date) const override;

protected:
    void prepareDay(DayContext &day) const override;
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        DownloadType,
        AppVersion,
        Device,
        Platform,
        SourceType,
        SourceInfo,
        Campaign,
        PageType,
        PageTitle,
        PreOrder,
        Territory
    };
    bool isUpdate(qint32 downloadType) const;

    qint32 m_firstTime = 0, m_redownload = 0, m_manualUpdate = 0, m_autoUpdate = 0, m_restore = 0;
    qint32 m_yes = 0, m_no = 0, m_unavailable = 0;
};

} // namespace ascsync::sandbox
