#pragma once

#include "data/familymodel.h"

#include <QHash>

namespace ascsync::sandbox {

// App Store Purchases (API-NOTES §5.6): paid downloads and in-app purchases in USD, refunds as negative
// purchases. Detailed rows get one noise draw applied to purchases, paying users and both amounts together
// (API-NOTES §5.4). Payment Method values are UNVERIFIED.
class PurchasesFamily : public FamilyModel {
public:
    explicit PurchasesFamily(const AppProfile &app);

    QString key() const override { return QStringLiteral("purchases"); }
    double expectedVolume(QDate date) const override;
    void addNoise(AnalyticsRow &row, Rng &rng) const override;

protected:
    void prepareDay(DayContext &day) const override;
    void rootChoices(const DayContext &day, std::vector<Choice> &out) const override;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                       std::vector<Choice> &scratch) const override;
    void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const override;

private:
    enum Level {
        PurchaseType,
        ContentName,
        ContentId,
        PaymentMethod,
        Device,
        Platform,
        SourceType,
        SourceInfo,
        Campaign,
        PageType,
        PageTitle,
        AppDownloadDate,
        PreOrder,
        Territory
    };
    enum Metric { Purchases, Proceeds, Sales, PayingUsers };
    double inAppPurchases(QDate date) const;

    qint32 m_appPurchase = 0;
    qint32 m_inApp = 0;
    qint32 m_appContent = 0;
    qint32 m_yes = 0, m_no = 0;
    std::vector<Choice> m_inAppContents;
    std::vector<Choice> m_paymentMethods;
    QHash<qint32, qint32> m_contentAppleId;
    QHash<qint32, double> m_contentPrice;
};

} // namespace ascsync::sandbox
