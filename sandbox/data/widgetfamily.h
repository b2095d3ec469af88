#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// "Home Screen Widget Installs" (FRAMEWORK_USAGE; name and columns UNVERIFIED, API-NOTES §5.5 only says
// ~100 framework reports exist): widgets added and removed by widget family. No App Name column.
class WidgetFamily : public FamilyModel {
public:
    explicit WidgetFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("widgets"); }
    double expectedVolume(QDate date) const override;

protected:
    void prepareDay(DayContext &day) const override;
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level { WidgetKind, Device, Platform, Territory };
    std::vector<Choice> m_widgetFamilies;
};

} // namespace ascsync::sandbox
