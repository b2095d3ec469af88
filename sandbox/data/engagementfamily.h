#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Store Discovery and Engagement (API-NOTES §5.6): impressions >> page views > taps, each split by page,
// source, engagement type, device, OS and territory. Unique impressions are the audience the download
// conversion is measured against.
class EngagementFamily : public FamilyModel {
public:
    explicit EngagementFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("engagement"); }
    double expectedVolume(QDate date) const override;

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        Event,
        PageType,
        PageTitle,
        SourceType,
        SourceInfo,
        Campaign,
        EngagementType,
        Device,
        Platform,
        Territory
    };
    qint32 m_impression = 0;
    qint32 m_pageView = 0;
    qint32 m_tap = 0;
    std::vector<Choice> m_tapEngagement;
};

} // namespace ascsync::sandbox
