#pragma once

#include "data/familymodel.h"

namespace ascsync::sandbox {

// App Store Pre-orders (API-NOTES §5.6): only the app that was offered for pre-order has rows, during its
// pre-order period.
class PreOrdersFamily : public FamilyModel {
public:
    explicit PreOrdersFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("preorders"); }
    double expectedVolume(QDate date) const override;

protected:
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        Device,
        Platform,
        SourceType,
        SourceInfo,
        Campaign,
        PageType,
        PageTitle,
        Territory,
        StartDate,
        EndDate
    };
};

} // namespace ascsync::sandbox
