#include "familymodel.h"

#include "osreleases.h"
#include "rng.h"
#include "stablehash.h"
#include "territories.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {
const QDate kCampaignsIntroduced(2024, 11, 19); // API-NOTES §5.6: "Campaign (from 2024-11-19)"
} // namespace

// A DimensionRule with its texts interned and the columns it reads turned into levels.
struct FamilyModel::Resolved {
    ValueSource source = ValueSource::Empty;
    PageMix mix = PageMix::Attribution;
    std::vector<Choice> options; // Options, AppOptions
    QHash<qint32, qint32> lookup;
    int input = -1; // the level whose value the source reads
    int dayValue = 0;
};

struct FamilyModel::Level {
    int switchOn = 0;
    std::vector<std::pair<qint32, Resolved>> cases;
    Resolved rule;
};

struct FamilyModel::Expansion {
    const FamilyDay &day;
    Rng &rng;
    std::vector<AnalyticsRow> &rows;
    std::vector<std::vector<Choice>> scratch;
    std::vector<std::vector<qint64>> counts;
};

FamilyModel::FamilyModel(const FamilySpec &spec, const AppProfile &app)
    : m_spec(spec)
    , m_app(app)
{
    buildSharedVocabularies();
    for (const RootSpec &root : spec.roots)
        m_roots.push_back(id(root.value));
    for (const ColumnSpec &column : spec.columns)
        addColumn(column);
    // Rules are resolved once every column is known: they name the columns they read.
    for (const ColumnSpec &column : spec.columns) {
        if (column.kind != ColumnKind::Dimension)
            continue;
        Level level;
        level.switchOn = column.switchOn.isEmpty() ? 0 : levelNamed(column.switchOn);
        for (const DimensionCase &option : column.cases)
            level.cases.emplace_back(id(option.value), resolve(option.rule));
        level.rule = resolve(column.rule);
        m_levels.push_back(std::move(level));
    }
    if (spec.intern)
        spec.intern(m_values, m_app);
    if (spec.numbers) {
        for (const auto &[text, number] : spec.numbers(m_app))
            m_numbers.insert(id(text), number);
    }
}

FamilyModel::~FamilyModel() = default;

std::vector<Choice> FamilyModel::weighted(const WeightedTexts &options)
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
    m_yes = id(u"Yes"_s); // UNVERIFIED: Apple's spelling of the Pre-Order flag
    m_no = id(u"No"_s);
}

void FamilyModel::addColumn(const ColumnSpec &spec)
{
    switch (spec.kind) {
    case ColumnKind::Dimension:
        Q_ASSERT(m_dimensionCount < kMaxDimensions);
        m_columns.append({spec.name, spec.kind, m_dimensionCount++, spec.detailedOnly});
        break;
    case ColumnKind::Metric:
        Q_ASSERT(m_metrics.size() < kMaxMetrics);
        m_columns.append({spec.name, spec.kind, int(m_metrics.size()), false});
        m_metrics.append({spec.metric, spec.thresholded, spec.fill});
        break;
    default:
        m_columns.append({spec.name, spec.kind, -1, false});
        break;
    }
}

int FamilyModel::levelNamed(const QString &name) const
{
    for (const Column &column : m_columns) {
        if (column.kind == ColumnKind::Dimension && column.name == name)
            return column.index;
    }
    qFatal("report family %s has no dimension %s", qPrintable(m_spec.key), qPrintable(name));
}

FamilyModel::Resolved FamilyModel::resolve(const DimensionRule &rule)
{
    Resolved resolved;
    resolved.source = rule.source;
    resolved.mix = rule.mix;
    resolved.dayValue = rule.dayValue;
    switch (rule.source) {
    case ValueSource::Options:
        resolved.options = weighted(rule.options);
        break;
    case ValueSource::AppOptions:
        resolved.options = weighted(rule.appOptions(m_app));
        break;
    case ValueSource::Lookup:
        resolved.input = levelNamed(rule.input);
        for (const auto &[from, to] : rule.lookup(m_app))
            resolved.lookup.insert(id(from), id(to));
        break;
    case ValueSource::Platforms:
        resolved.input = levelNamed(u"Device"_s);
        break;
    case ValueSource::SourceInfos:
    case ValueSource::Campaigns:
        resolved.input = levelNamed(u"Source Type"_s);
        break;
    case ValueSource::PageTitles:
        resolved.input = levelNamed(u"Page Type"_s);
        break;
    case ValueSource::PreOrderFlag:
        m_usesPreOrderShare = true;
        break;
    default:
        break;
    }
    return resolved;
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

const std::vector<Choice> &FamilyModel::campaignsFor(qint32 sourceType, const FamilyDay &day) const
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

const std::vector<Choice> &FamilyModel::platforms(qint32 device, const FamilyDay &day) const
{
    const int index = deviceIndex(device);
    return index < 0 ? m_empty : day.platformsByDevice[size_t(index)];
}

const std::vector<Choice> &FamilyModel::single(qint32 value, std::vector<Choice> &scratch)
{
    scratch.assign(1, Choice{value, 1.0});
    return scratch;
}

const std::vector<Choice> &FamilyModel::preOrderFlag(const FamilyDay &day, std::vector<Choice> &scratch) const
{
    if (!(day.preOrderShare > 0.0))
        return single(m_no, scratch);
    scratch = {{m_yes, day.preOrderShare}, {m_no, 1.0 - day.preOrderShare}};
    return scratch;
}

const std::vector<Choice> &FamilyModel::evaluate(const Resolved &rule, const AnalyticsRow &row,
                                                 const FamilyDay &day, std::vector<Choice> &scratch) const
{
    const qint32 input = rule.input >= 0 ? row.dims[size_t(rule.input)] : 0;
    switch (rule.source) {
    case ValueSource::Empty:
        return single(0, scratch);
    case ValueSource::Options:
    case ValueSource::AppOptions:
        return rule.options;
    case ValueSource::Lookup:
        return single(rule.lookup.value(input), scratch);
    case ValueSource::Territories:
        return m_territories;
    case ValueSource::Devices:
        return day.devices;
    case ValueSource::Platforms:
        return platforms(input, day);
    case ValueSource::SourceTypes:
        return m_sourceTypes;
    case ValueSource::UpdateSourceTypes:
        return m_updateSourceTypes;
    case ValueSource::SourceInfos:
        return sourceInfos(input);
    case ValueSource::Campaigns:
        return campaignsFor(input, day);
    case ValueSource::PageTypes:
        return pageTypes(rule.mix);
    case ValueSource::PageTitles:
        return pageTitles(input);
    case ValueSource::CurrentVersion:
        return day.currentVersion;
    case ValueSource::VersionsInUse:
        return day.versionsInUse;
    case ValueSource::RecentDownloadDates:
        return day.recentDownloadDates;
    case ValueSource::OlderDownloadDates:
        return day.olderDownloadDates;
    case ValueSource::PreOrderFlag:
        return preOrderFlag(day, scratch);
    case ValueSource::PreOrderStart:
        return single(ValuePool::dateId(m_app.preOrderStart), scratch);
    case ValueSource::PreOrderEnd:
        return single(ValuePool::dateId(m_app.launchDate.addDays(-1)), scratch);
    case ValueSource::DayOptions:
        return day.options;
    case ValueSource::DayValue:
        return single(day.values[size_t(rule.dayValue)], scratch);
    }
    return m_empty;
}

const std::vector<Choice> &FamilyModel::choices(int level, const AnalyticsRow &row, const FamilyDay &day,
                                                std::vector<Choice> &scratch) const
{
    const Level &entry = m_levels[size_t(level)];
    for (const auto &[value, rule] : entry.cases) {
        if (row.dims[size_t(entry.switchOn)] == value)
            return evaluate(rule, row, day, scratch);
    }
    return evaluate(entry.rule, row, day, scratch);
}

void FamilyModel::prepareDay(FamilyDay &day) const
{
    const QList<double> deviceWeights = m_app.deviceWeights();
    day.platformsByDevice.resize(m_deviceIds.size());
    for (size_t i = 0; i < m_deviceIds.size(); ++i) {
        const QList<OsReleases::Share> shares =
            OsReleases::sharesOn(AppProfile::deviceNames()[qsizetype(i)], day.date);
        for (const OsReleases::Share &share : shares)
            day.platformsByDevice[i].push_back({m_values.idOf(share.label), share.weight});
        if (deviceWeights.value(qsizetype(i)) > 0.0 && !shares.isEmpty())
            day.devices.push_back({m_deviceIds[i], deviceWeights.value(qsizetype(i))});
    }
    const int current = m_app.releaseIndexOn(day.date);
    if (current >= 0) {
        day.currentVersion.push_back({m_versionIds[size_t(current)], 1.0});
        const double ramp = std::min(1.0, double(m_app.releases[current].date.daysTo(day.date) + 1) / 7.0);
        static constexpr double kOlder[] = {0.25, 0.1, 0.05};
        day.versionsInUse.push_back({m_versionIds[size_t(current)], 0.6 * ramp});
        for (int back = 1; back <= 3 && current - back >= 0; ++back)
            day.versionsInUse.push_back({m_versionIds[size_t(current - back)], kOlder[back - 1]});
    }
    day.campaigns = day.date >= kCampaignsIntroduced ? m_campaignNames : m_empty;
    const QDate earliest = m_app.launchDate.isValid() ? m_app.launchDate : QDate(1970, 1, 1);
    static constexpr double kRecent[] = {0.85, 0.1, 0.05};
    for (int back = 0; back < 3; ++back) {
        if (day.date.addDays(-back) >= earliest)
            day.recentDownloadDates.push_back({ValuePool::dateId(day.date.addDays(-back)), kRecent[back]});
    }
    day.olderDownloadDates.push_back({0, 0.6}); // downloaded more than 30 days ago: no date (API-NOTES §5.6)
    for (int back = 0; back < 30; ++back) {
        if (day.date.addDays(-back) >= earliest)
            day.olderDownloadDates.push_back(
                {ValuePool::dateId(day.date.addDays(-back)), 0.05 * std::exp(-back / 8.0)});
    }
    if (m_usesPreOrderShare) {
        const double deliveries = m_app.preOrderDeliveries(day.date);
        const double total = deliveries + m_app.firstTimeDownloads(day.date);
        day.preOrderShare = total > 0.0 ? deliveries / total : 0.0;
    }
    if (m_spec.prepareDay)
        m_spec.prepareDay(*this, day);
}

void FamilyModel::rootChoices(const FamilyDay &day, std::vector<Choice> &out) const
{
    if (!m_spec.roots.isEmpty()) {
        for (qsizetype i = 0; i < m_spec.roots.size(); ++i)
            out.push_back({m_roots[size_t(i)], m_spec.roots[i].volume(m_app, day.date)});
        return;
    }
    std::vector<Choice> scratch;
    const std::vector<Choice> &options = evaluate(m_levels.front().rule, AnalyticsRow{}, day, scratch);
    const double volume = m_spec.spreadVolume(m_app, day.date);
    if (!m_spec.normaliseSpread) {
        for (const Choice &option : options)
            out.push_back({option.value, volume * option.weight});
        return;
    }
    double total = 0.0;
    for (const Choice &option : options)
        total += option.weight;
    if (!(volume > 0.0) || !(total > 0.0))
        return;
    for (const Choice &option : options)
        out.push_back({option.value, volume * option.weight / total});
}

void FamilyModel::generateDay(QDate date, std::vector<AnalyticsRow> &rows) const
{
    FamilyDay day;
    day.date = date;
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
        fillMetrics(leaf, volume, expansion.rng);
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

void FamilyModel::fillMetrics(AnalyticsRow &row, qint64 volume, Rng &rng) const
{
    if (m_spec.fillMetrics) {
        m_spec.fillMetrics(*this, row, volume, rng);
        return;
    }
    for (qsizetype i = 0; i < m_metrics.size(); ++i) {
        const MetricFill &fill = m_metrics[i].fill;
        if (fill.kind == MetricFill::Kind::Volume) {
            row.metrics[size_t(i)] = double(volume);
            continue;
        }
        qint64 value = std::llround(double(volume) * rng.uniform(fill.low, fill.high));
        if (fill.atLeastOne)
            value = std::max<qint64>(1, value);
        row.metrics[size_t(i)] = double(value);
    }
}

void FamilyModel::addNoise(AnalyticsRow &row, Rng &rng) const
{
    if (m_spec.addNoise) {
        m_spec.addNoise(row, rng);
        return;
    }
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
