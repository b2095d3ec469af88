#include "analyticsreports.h"

#include "tablenames.h"

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

QList<AnalyticsReportChoice> buildChoices()
{
    QList<AnalyticsReportChoice> choices;
    const auto pair = [&choices](const QString &base, const QString &category, const QString &holds) {
        choices.append({base + u" Standard"_s, category, holds});
        choices.append({base + u" Detailed"_s, category,
                        holds + u" (with the dimensions Standard leaves out, rows under Apple's privacy "
                                u"threshold dropped)"_s});
    };
    pair(u"App Store Discovery and Engagement"_s, u"APP_STORE_ENGAGEMENT"_s,
         u"Impressions, product page views and taps by source, page type and territory"_s);
    pair(u"App Store Web Preview Engagement"_s, u"APP_STORE_ENGAGEMENT"_s,
         u"Views of and taps on the app's web preview page on apps.apple.com"_s);
    pair(u"App Downloads"_s, u"COMMERCE"_s,
         u"First-time downloads, redownloads, updates and restores by source, device and territory"_s);
    pair(u"App Store Purchases"_s, u"COMMERCE"_s,
         u"In-app purchases and paid downloads with proceeds, by territory and device"_s);
    pair(u"App Store Pre-Orders"_s, u"COMMERCE"_s, u"Pre-orders placed and cancelled"_s);
    pair(u"App Sessions"_s, u"APP_USAGE"_s,
         u"Sessions and their length, from users who share analytics with developers"_s);
    pair(u"App Store Installation and Deletion"_s, u"APP_USAGE"_s,
         u"Installations and deletions, from users who share analytics with developers"_s);
    choices.append({u"App Crashes"_s, u"APP_USAGE"_s, u"Crashes by app version, device and OS version"_s});
    choices.append({u"CarPlay App Usage"_s, u"APP_USAGE"_s, u"Use of the app in CarPlay"_s});
    choices.append(
        {u"Home Screen Widget Installs"_s, u"FRAMEWORK_USAGE"_s, u"Home Screen widgets added and removed"_s});
    choices.append(
        {u"App Crashes Expanded"_s, u"PERFORMANCE"_s, u"Crashes with more detail (crash type, process)"_s});
    return choices;
}

} // namespace

QString AnalyticsReportChoice::stream() const
{
    return u"analytics:"_s + analyticsTableName(name);
}

const QList<AnalyticsReportChoice> &analyticsReportChoices()
{
    static const QList<AnalyticsReportChoice> choices = buildChoices();
    return choices;
}

QString categoryTitle(const QString &category)
{
    if (category == u"APP_STORE_ENGAGEMENT"_s) {
        return u"App Store engagement"_s;
    }
    if (category == u"COMMERCE"_s) {
        return u"Commerce"_s;
    }
    if (category == u"APP_USAGE"_s) {
        return u"App usage"_s;
    }
    if (category == u"FRAMEWORK_USAGE"_s) {
        return u"Framework usage"_s;
    }
    if (category == u"PERFORMANCE"_s) {
        return u"Performance"_s;
    }
    return category;
}

QStringList defaultAnalyticsStreams()
{
    return {u"analytics:discovery_and_engagement"_s, u"analytics:downloads"_s};
}

} // namespace ascsync::reports
