#pragma once

#include "data/familymodel.h"

#include <QHash>

namespace ascsync::sandbox {

// "CarPlay App Usage" (API-NOTES §5.6 lists its columns): a report of another shape than the App Store ones
// (metric first, no App Name / App Apple Identifier, a lower-camel-case "visibleTime"), so clients meet a
// report they must not assume the layout of. Only apps with CarPlay support have rows; value vocabularies
// are UNVERIFIED.
class CarPlayFamily : public FamilyModel {
public:
    explicit CarPlayFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("carplay"); }
    double expectedVolume(QDate date) const override;
    bool appUsage() const override { return true; }

protected:
    void prepareDay(DayContext &day) const override;
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level { Territory, Platform, Device, Build, ReleaseType, Category };
    enum Metric { Count, UniqueDevices, DashboardTime, PlaybackTime, SiriCount, VisibleTime };
    qint32 m_ios = 0;
    qint32 m_iphone = 0;
    qint32 m_category = 0;
    bool m_audio = false;
    std::vector<Choice> m_releaseTypes;
    QHash<QString, qint32> m_buildOfRelease;
};

} // namespace ascsync::sandbox
