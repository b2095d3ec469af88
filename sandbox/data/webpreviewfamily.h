#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Store Web Preview Engagement (API-NOTES §5.6): visits to the app's apps.apple.com page from browsers.
// Device and browser values beyond Apple's own devices are UNVERIFIED.
class WebPreviewFamily : public FamilyModel {
public:
    explicit WebPreviewFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("webpreview"); }
    double expectedVolume(QDate date) const override;

protected:
    void prepareDay(DayContext &day) const override;
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
        EngagementType,
        Browser,
        BrowserVersion,
        Device,
        Platform,
        Territory
    };
    qint32 m_pageViewEvent = 0;
    qint32 m_tapEvent = 0;
    qint32 m_safari = 0, m_chrome = 0, m_edge = 0, m_firefox = 0;
    std::vector<Choice> m_webPages;
    std::vector<Choice> m_webSources;
    std::vector<Choice> m_tapEngagement;
    std::vector<Choice> m_browsers;
    std::vector<Choice> m_webDevices;
};

} // namespace ascsync::sandbox
