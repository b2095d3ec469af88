#pragma once

#include "analyticsrow.h"

#include <QDate>
#include <QList>
#include <QString>

#include <array>
#include <utility>
#include <vector>

namespace ascsync::sandbox {

class AppProfile;
class FamilyModel;
class Rng;
class ValuePool;

enum class MetricKind { Count, Seconds, Money };
enum class ColumnKind { Date, AppName, AppId, Dimension, Metric };
// The page types a source leads to (API-NOTES §5.6): what was seen, viewed, tapped or led to a download.
enum class PageMix { Impression, PageView, Tap, Attribution, Update };

// Where the options of one dimension come from. Most are vocabularies every family shares (FamilyModel
// builds them from the app's profile); a family's own values are Options, AppOptions or the Day* pair.
enum class ValueSource {
    Empty,             // the empty value: the column does not apply to the row
    Options,           // DimensionRule::options
    AppOptions,        // DimensionRule::appOptions(app)
    Lookup,            // DimensionRule::lookup(app) maps the value of column DimensionRule::input to this one
    Territories,       // the app's territory mix
    Devices,           // the day's devices the app runs on
    Platforms,         // OS versions of the device in dimension "Device"
    SourceTypes,       // how users found the app
    UpdateSourceTypes, // how updates were found (mostly unavailable)
    SourceInfos,       // the referrer behind "Source Type" (apps and websites)
    Campaigns,         // campaign of an app or web referrer in "Source Type" (from 2024-11-19)
    PageTypes,         // DimensionRule::mix
    PageTitles,        // the custom product page or in-app event behind "Page Type"
    CurrentVersion,    // the release current that day
    VersionsInUse,     // the current release ramping up and the three before it
    RecentDownloadDates, // downloads of the last three days
    OlderDownloadDates,  // mostly over 30 days ago (no date), else the last 30 days
    PreOrderFlag,        // "Yes" for the day's share of pre-orders delivered, else "No"
    PreOrderStart,       // the app's pre-order period
    PreOrderEnd,
    DayOptions, // FamilyDay::options, filled by FamilySpec::prepareDay
    DayValue,   // FamilyDay::values[DimensionRule::dayValue], filled by FamilySpec::prepareDay
};

using WeightedTexts = QList<std::pair<QString, double>>;
using TextPairs = QList<std::pair<QString, QString>>;
using VolumeFunction = double (*)(const AppProfile &app, QDate date);

// How one dimension's options are found for a row.
struct DimensionRule {
    ValueSource source = ValueSource::Empty;
    PageMix mix = PageMix::Attribution;                        // PageTypes
    WeightedTexts options;                                     // Options
    WeightedTexts (*appOptions)(const AppProfile &) = nullptr; // AppOptions
    TextPairs (*lookup)(const AppProfile &) = nullptr;         // Lookup: (value of `input`, value)
    QString input;                                             // Lookup: the column whose value is looked up
    int dayValue = 0;                                          // DayValue
};

// The rule for rows whose dimension `ColumnSpec::switchOn` has the value `value`.
struct DimensionCase {
    QString value;
    DimensionRule rule;
};

// How a metric follows from the row's volume: the volume itself, or a random fraction of it.
struct MetricFill {
    enum class Kind { Volume, Fraction };
    Kind kind = Kind::Volume;
    double low = 0.0;
    double high = 0.0;
    bool atLeastOne = false;
};

// One column of a report, in Apple's order. Dimensions are split in that order, the first one at the root.
struct ColumnSpec {
    ColumnKind kind = ColumnKind::Dimension;
    QString name;
    bool detailedOnly = false;  // absent from the Standard report (API-NOTES §5.6 "(D)")
    DimensionRule rule;         // Dimension
    QList<DimensionCase> cases; // Dimension: rules for particular values of `switchOn`, before `rule`
    QString switchOn;           // Dimension: the column `cases` look at; empty: the first dimension
    MetricKind metric = MetricKind::Count; // Metric
    bool thresholded = false;              // Metric: Detailed rows below 5 are dropped (API-NOTES §5.4)
    MetricFill fill;                       // Metric, unless FamilySpec::fillMetrics is set
};

// A named value of the root dimension with its own expected volume.
struct RootSpec {
    QString value;
    VolumeFunction volume = nullptr;
};

// The options of the common dimensions for one date, plus what a family's prepareDay adds.
struct FamilyDay {
    QDate date;
    std::vector<Choice> devices;
    std::vector<std::vector<Choice>> platformsByDevice; // indexed like AppProfile::deviceNames()
    std::vector<Choice> versionsInUse;
    std::vector<Choice> currentVersion;
    std::vector<Choice> campaigns; // attribution campaigns (from 2024-11-19 on)
    std::vector<Choice> recentDownloadDates;
    std::vector<Choice> olderDownloadDates;
    double preOrderShare = 0.0;     // of the day's first-time downloads (only when a family asks)
    std::array<qint32, 2> values{}; // ValueSource::DayValue
    std::vector<Choice> options;    // ValueSource::DayOptions
};

// One analytics report family as data (e.g. "downloads", shared by App Downloads Standard and Detailed):
// its columns, how the day's volume splits at the root, and the few things that are a family's own, as
// named functions (familyspecs.cpp). FamilyModel reads it.
struct FamilySpec {
    QString key;
    VolumeFunction volume = nullptr; // expected volume of the day's root metric; 0: nothing for that Date
    bool appUsage = false; // not generated at all for Dates with fewer than 5 users (API-NOTES §5.4)
    QList<ColumnSpec> columns;
    // The root: named values, each with its own volume; when empty, `spreadVolume` is spread over the first
    // dimension's options, by their weights (divided by their sum when `normaliseSpread`).
    QList<RootSpec> roots;
    VolumeFunction spreadVolume = nullptr;
    bool normaliseSpread = true;

    // Interns the values prepareDay looks up: the pool is read-only (shared between threads) afterwards.
    void (*intern)(ValuePool &values, const AppProfile &app) = nullptr;
    void (*prepareDay)(const FamilyModel &model, FamilyDay &day) = nullptr;
    // A number per dimension value (a content's price) for fillMetrics.
    WeightedTexts (*numbers)(const AppProfile &app) = nullptr;
    // Metrics that are more than a volume or a fraction of it; replaces every MetricFill.
    void (*fillMetrics)(const FamilyModel &model, AnalyticsRow &row, qint64 volume, Rng &rng) = nullptr;
    // Privacy noise of Detailed rows when the per-metric default (counts +-2) does not fit.
    void (*addNoise)(AnalyticsRow &row, Rng &rng) = nullptr;
};

// The report families of the catalogue (API-NOTES §5.6 and a few of other shapes).
class FamilySpecs {
public:
    static const QList<FamilySpec> &all();
    static const FamilySpec *find(const QString &key);
};

} // namespace ascsync::sandbox
