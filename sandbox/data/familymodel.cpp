#include "data/familymodel.h"

#include "data/osreleases.h"
#include "data/rng.h"
#include "data/stablehash.h"
#include "data/territories.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
const QDate kCampaignsIntroduced(2024, 11, 19); // API-NOTES §5.6: "Campaign (from 2024-11-19)"
} // namespace

struct FamilyModel::Expansion {
    const DayContext &day;
    Rng &rng;
    std::vector<AnalyticsRow> &rows;
    std::vector<std::vector<Choice>> scratch;
    std::vector<std::vector<qint64>> counts;
};

FamilyModel::FamilyModel(const AppProfile &app)
    : m_app(app)
{
    buildSharedVocabularies();
}

FamilyModel::~FamilyModel() = default;

std::vector<Choice> FamilyModel::weighted(const QList<std::pair<QString, double>> &options)
{
    std::vector<Choice> result;
    for (const auto &[text, weight] : options)
        result.push_back({id(text), weight});
    return result;
}

void FamilyModel::buildSharedVocabularies()
{
    for (qsizetype i = 0; i < Territories::all().size(); ++i)
        m_territories.push_back({id(Territories::all()[i].code), m_app.territoryWeights.value(i)});
    for (const QString &device : AppProfile::deviceNames())
        m_deviceIds.push_back(id(device));
    for (const QString &platform : {u"iOS"_s, u"macOS"_s, u"tvOS"_s, u"visionOS"_s}) {
        for (const OsReleases::Release &release : OsReleases::releases(platform))
            id(release.label);
    }
    for (const AppRelease &release : m_app.releases)
        m_versionIds.push_back(id(release.version));

    m_sourceTypes = weighted({{u"App Store search"_s, 0.45},
                              {u"App Store browse"_s, 0.28},
                              {u"App referrer"_s, 0.10},
                              {u"Web referrer"_s, 0.09},
                              {u"App Clip"_s, 0.01},
                              {u"Notification"_s, 0.02},
                              {u"Unavailable"_s, 0.05}});
    m_updateSourceTypes = weighted({{u"Unavailable"_s, 0.9}, {u"App Store browse"_s, 0.1}});
    m_appReferrer = id(u"App referrer"_s);
    m_webReferrer = id(u"Web referrer"_s);
    m_empty = {{0, 1.0}};
    m_appReferrers = weighted({{u"com.google.ios.youtube"_s, 0.3},
                               {u"com.burbn.instagram"_s, 0.25},
                               {u"com.zhiliaoapp.musically"_s, 0.2},
                               {u"com.reddit.Reddit"_s, 0.15},
                               {u"com.facebook.Facebook"_s, 0.1}});
    m_webReferrers = weighted({{u"google.com"_s, 0.4},
                               {m_app.studio + u".com"_s, 0.25},
                               {u"reddit.com"_s, 0.15},
                               {u"macstories.net"_s, 0.1},
                               {u"duckduckgo.com"_s, 0.05},
                               {u"producthunt.com"_s, 0.05}});
    m_campaignNames = weighted({{QString(), 0.55},
                                {u"spring_launch"_s, 0.15},
                                {u"newsletter"_s, 0.15},
                                {u"creator_collab"_s, 0.15}});

    m_pageImpression = weighted({{u"No page"_s, 0.55},
                                 {u"Product page"_s, 0.13},
                                 {u"In-app event"_s, 0.15},
                                 {u"Store sheet"_s, 0.10},
                                 {u"Developer page"_s, 0.05},
                                 {u"Notification"_s, 0.02}});
    m_pageView = weighted({{u"Product page"_s, 0.85},
                           {u"In-app event"_s, 0.06},
                           {u"App privacy"_s, 0.02},
                           {u"App version history"_s, 0.03},
                           {u"Media view"_s, 0.02},
                           {u"Developer page"_s, 0.02}});
    m_pageTap = weighted(
        {{u"Product page"_s, 0.7}, {u"Store sheet"_s, 0.15}, {u"No page"_s, 0.1}, {u"In-app event"_s, 0.05}});
    m_pageAttribution = weighted({{u"Product page"_s, 0.62},
                                  {u"Store sheet"_s, 0.2},
                                  {u"No page"_s, 0.1},
                                  {u"In-app event"_s, 0.04},
                                  {u"Developer page"_s, 0.04}});
    m_pageUpdate = weighted({{u"No page"_s, 1.0}});
    m_productPage = id(u"Product page"_s);
    m_inAppEventPage = id(u"In-app event"_s);
    // Custom product pages (UNVERIFIED: the title Apple writes for the default page).
    m_productPageTitles = weighted({{u"Default Product Page"_s, 0.7},
                                    {m_app.app.name + u" – Get Started"_s, 0.18},
                                    {m_app.app.name + u" – Spring Promo"_s, 0.12}});
    m_eventPageTitles = weighted({{u"Summer Challenge"_s, 0.5}, {u"Live Q&A Session"_s, 0.5}});
}

void FamilyModel::addDateColumn(const QString &name)
{
    m_columns.append({name, ColumnKind::Date, -1, false});
}

void FamilyModel::addAppNameColumn()
{
    m_columns.append({u"App Name"_s, ColumnKind::AppName, -1, false});
}

void FamilyModel::addAppIdColumn()
{
    m_columns.append({u"App Apple Identifier"_s, ColumnKind::AppId, -1, false});
}

void FamilyModel::addDimension(const QString &name, bool detailedOnly)
{
    Q_ASSERT(m_dimensionCount < kMaxDimensions);
    m_columns.append({name, ColumnKind::Dimension, m_dimensionCount++, detailedOnly});
}

void FamilyModel::addMetric(const QString &name, MetricKind kind, bool thresholded)
{
    Q_ASSERT(m_metrics.size() < kMaxMetrics);
    m_columns.append({name, ColumnKind::Metric, int(m_metrics.size()), false});
    m_metrics.append({kind, thresholded});
}

bool FamilyModel::hasData(QDate date) const
{
    const double volume = expectedVolume(date);
    return appUsage() ? std::llround(volume) >= 5 : volume >= 0.5;
}

const std::vector<Choice> &FamilyModel::sourceInfos(qint32 sourceType) const
{
    if (sourceType == m_appReferrer)
        return m_appReferrers;
    if (sourceType == m_webReferrer)
        return m_webReferrers;
    return m_empty;
}

const std::vector<Choice> &FamilyModel::campaignsFor(qint32 sourceType, const DayContext &day) const
{
    if (sourceType == m_appReferrer || sourceType == m_webReferrer)
        return day.campaigns;
    return m_empty;
}

const std::vector<Choice> &FamilyModel::pageTypes(PageMix mix) const
{
    switch (mix) {
    case PageMix::Impression:
        return m_pageImpression;
    case PageMix::PageView:
        return m_pageView;
    case PageMix::Tap:
        return m_pageTap;
    case PageMix::Attribution:
        return m_pageAttribution;
    case PageMix::Update:
        return m_pageUpdate;
    }
    return m_empty;
}

const std::vector<Choice> &FamilyModel::pageTitles(qint32 pageType) const
{
    if (pageType == m_productPage)
        return m_productPageTitles;
    if (pageType == m_inAppEventPage)
        return m_eventPageTitles;
    return m_empty;
}

int FamilyModel::deviceIndex(qint32 device) const
{
    const auto it = std::find(m_deviceIds.begin(), m_deviceIds.end(), device);
    return it == m_deviceIds.end() ? -1 : int(it - m_deviceIds.begin());
}

const std::vector<Choice> &FamilyModel::platforms(qint32 device, const DayContext &day) const
{
    const int index = deviceIndex(device);
    return index < 0 ? m_empty : day.platformsByDevice[size_t(index)];
}

const std::vector<Choice> &FamilyModel::single(qint32 value, std::vector<Choice> &scratch) const
{
    scratch.assign(1, Choice{value, 1.0});
    return scratch;
}

void FamilyModel::prepareDay(DayContext &) const {}

void FamilyModel::generateDay(QDate date, std::vector<AnalyticsRow> &rows) const
{
    DayContext day;
    day.date = date;
    const QList<double> deviceWeights = m_app.deviceWeights();
    day.platformsByDevice.resize(m_deviceIds.size());
    for (size_t i = 0; i < m_deviceIds.size(); ++i) {
        const QList<OsReleases::Share> shares =
            OsReleases::sharesOn(AppProfile::deviceNames()[qsizetype(i)], date);
        for (const OsReleases::Share &share : shares)
            day.platformsByDevice[i].push_back({m_values.idOf(share.label), share.weight});
        if (deviceWeights.value(qsizetype(i)) > 0.0 && !shares.isEmpty())
            day.devices.push_back({m_deviceIds[i], deviceWeights.value(qsizetype(i))});
    }
    const int current = m_app.releaseIndexOn(date);
    if (current >= 0) {
        day.currentVersion.push_back({m_versionIds[size_t(current)], 1.0});
        const double ramp = std::min(1.0, double(m_app.releases[current].date.daysTo(date) + 1) / 7.0);
        static constexpr double kOlder[] = {0.25, 0.1, 0.05};
        day.versionsInUse.push_back({m_versionIds[size_t(current)], 0.6 * ramp});
        for (int back = 1; back <= 3 && current - back >= 0; ++back)
            day.versionsInUse.push_back({m_versionIds[size_t(current - back)], kOlder[back - 1]});
    }
    day.campaigns = date >= kCampaignsIntroduced ? m_campaignNames : m_empty;
    const QDate earliest = m_app.launchDate.isValid() ? m_app.launchDate : QDate(1970, 1, 1);
    static constexpr double kRecent[] = {0.85, 0.1, 0.05};
    for (int back = 0; back < 3; ++back) {
        if (date.addDays(-back) >= earliest)
            day.recentDownloadDates.push_back({ValuePool::dateId(date.addDays(-back)), kRecent[back]});
    }
    day.olderDownloadDates.push_back({0, 0.6}); // downloaded more than 30 days ago: no date (API-NOTES §5.6)
    for (int back = 0; back < 30; ++back) {
        if (date.addDays(-back) >= earliest)
            day.olderDownloadDates.push_back(
                {ValuePool::dateId(date.addDays(-back)), 0.05 * std::exp(-back / 8.0)});
    }
    prepareDay(day);

    std::vector<Choice> roots;
    rootChoices(day, roots);
    Rng rng(StableHash(m_app.seed).add(quint64(m_app.index)).add(key()).add(date).value());
    Expansion expansion{day, rng, rows, {}, {}};
    expansion.scratch.resize(size_t(m_dimensionCount) + 1);
    expansion.counts.resize(size_t(m_dimensionCount) + 1);
    AnalyticsRow row;
    for (const Choice &root : roots) {
        const qint64 volume = rng.roundRandomly(root.weight);
        if (volume <= 0)
            continue;
        row.dims[0] = root.value;
        expand(1, volume, row, expansion);
    }
}

void FamilyModel::expand(int level, qint64 volume, AnalyticsRow &row, Expansion &expansion) const
{
    if (level >= m_dimensionCount) {
        AnalyticsRow leaf = row;
        fillMetrics(leaf, volume, expansion.day, expansion.rng);
        expansion.rows.push_back(leaf);
        return;
    }
    std::vector<Choice> &scratch = expansion.scratch[size_t(level)];
    const std::vector<Choice> &options = choices(level, row, expansion.day, scratch);
    double total = 0.0;
    for (const Choice &option : options)
        total += option.weight;
    if (!(total > 0.0))
        return;
    std::vector<qint64> &counts = expansion.counts[size_t(level)];
    counts.assign(options.size(), 0);
    if (volume < qint64(options.size())) {
        // Few units: give each unit its own value (a multinomial draw), cheaper than visiting every option.
        for (qint64 unit = 0; unit < volume; ++unit) {
            double pick = expansion.rng.uniform() * total;
            size_t k = 0;
            while (k + 1 < options.size() && pick >= options[k].weight) {
                pick -= options[k].weight;
                ++k;
            }
            ++counts[k];
        }
    } else {
        for (size_t k = 0; k < options.size(); ++k)
            counts[k] = expansion.rng.roundRandomly(double(volume) * options[k].weight / total);
    }
    for (size_t k = 0; k < options.size(); ++k) {
        if (counts[k] <= 0)
            continue;
        row.dims[size_t(level)] = options[k].value;
        expand(level + 1, counts[k], row, expansion);
    }
    row.dims[size_t(level)] = 0;
}

void FamilyModel::addNoise(AnalyticsRow &row, Rng &rng) const
{
    for (qsizetype i = 0; i < m_metrics.size(); ++i) {
        if (m_metrics[i].kind != MetricKind::Count)
            continue;
        double &value = row.metrics[size_t(i)];
        value = std::max(0.0, value + double(std::lround(2.0 * rng.normal())));
    }
}

bool FamilyModel::passesThreshold(const AnalyticsRow &row) const
{
    for (qsizetype i = 0; i < m_metrics.size(); ++i) {
        if (m_metrics[i].thresholded && std::abs(row.metrics[size_t(i)]) < 5.0)
            return false;
    }
    return true;
}

} // namespace ascsync::sandbox
