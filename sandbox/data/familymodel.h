#pragma once

#include "data/analyticsrow.h"
#include "data/appprofile.h"
#include "data/valuepool.h"

#include <QDate>
#include <QList>
#include <QString>

#include <vector>

namespace ascsync::sandbox {

class Rng;

// The data behind one analytics report family (e.g. "downloads", shared by App Downloads Standard and
// Detailed) for one app. A day's rows come from splitting the day's volume down a tree of dimensions, one
// level per dimension, by realistic shares; every split rounds randomly from a generator keyed by
// (seed, app, family, date), so the rows are a pure function of those. The rows are the complete, final
// truth at Detailed resolution; revisions, privacy and Standard aggregation are applied on top by
// AnalyticsGenerator.
class FamilyModel {
public:
    enum class MetricKind { Count, Seconds, Money };
    enum class ColumnKind { Date, AppName, AppId, Dimension, Metric };

    struct Column {
        QString name;
        ColumnKind kind = ColumnKind::Dimension;
        int index = -1;            // dimension or metric index
        bool detailedOnly = false; // absent from the Standard report (API-NOTES §5.6 "(D)")
    };
    struct Metric {
        MetricKind kind = MetricKind::Count;
        bool thresholded = false; // Detailed rows below 5 are dropped (API-NOTES §5.4)
    };

    explicit FamilyModel(const AppProfile &app);
    virtual ~FamilyModel();
    FamilyModel(const FamilyModel &) = delete;
    FamilyModel &operator=(const FamilyModel &) = delete;

    virtual QString key() const = 0;
    // Expected volume of the day's root metric; 0 means the report has nothing for that Date.
    virtual double expectedVolume(QDate date) const = 0;
    // App-usage reports are not generated at all for Dates with fewer than 5 users (API-NOTES §5.4).
    virtual bool appUsage() const { return false; }
    bool hasData(QDate date) const;

    const QList<Column> &columns() const { return m_columns; }
    int dimensionCount() const { return m_dimensionCount; }
    const QList<Metric> &metrics() const { return m_metrics; }
    const ValuePool &values() const { return m_values; }
    const AppProfile &app() const { return m_app; }

    // The final rows of one Date, in a stable order.
    void generateDay(QDate date, std::vector<AnalyticsRow> &rows) const;
    // Apple's privacy noise for Detailed reports: small integers, ~68% within +-2.
    virtual void addNoise(AnalyticsRow &row, Rng &rng) const;
    bool passesThreshold(const AnalyticsRow &row) const;

protected:
    // Precomputed options of the common dimensions for one date.
    struct DayContext {
        QDate date;
        std::vector<Choice> devices;
        std::vector<std::vector<Choice>> platformsByDevice; // indexed like AppProfile::deviceNames()
        std::vector<Choice> versionsInUse;
        std::vector<Choice> currentVersion;
        std::vector<Choice> campaigns; // attribution campaigns (from 2024-11-19 on)
        std::vector<Choice> recentDownloadDates;
        std::vector<Choice> olderDownloadDates;
        std::array<double, 4> scalars{};   // family-specific numbers (prepareDay)
        std::vector<Choice> familyChoices; // one family-specific option list (prepareDay)
    };

    // Declares the report's columns in Apple's order; dimensions are split in that order.
    void addDateColumn(const QString &name = QStringLiteral("Date"));
    void addAppNameColumn();
    void addAppIdColumn();
    void addDimension(const QString &name, bool detailedOnly = false);
    void addMetric(const QString &name, MetricKind kind, bool thresholded = false);

    virtual void prepareDay(DayContext &day) const;
    virtual void rootChoices(const DayContext &day, std::vector<Choice> &out) const = 0; // absolute volumes
    virtual const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const DayContext &day,
                                               std::vector<Choice> &scratch) const = 0; // relative shares
    virtual void fillMetrics(AnalyticsRow &row, qint64 volume, const DayContext &day, Rng &rng) const = 0;

    // Shared vocabularies (API-NOTES §5.6).
    enum class PageMix { Impression, PageView, Tap, Attribution, Update };
    const std::vector<Choice> &territories() const { return m_territories; }
    const std::vector<Choice> &sourceTypes() const { return m_sourceTypes; }
    const std::vector<Choice> &updateSourceTypes() const { return m_updateSourceTypes; }
    const std::vector<Choice> &sourceInfos(qint32 sourceType) const;
    const std::vector<Choice> &campaignsFor(qint32 sourceType, const DayContext &day) const;
    const std::vector<Choice> &pageTypes(PageMix mix) const;
    const std::vector<Choice> &pageTitles(qint32 pageType) const;
    const std::vector<Choice> &platforms(qint32 device, const DayContext &day) const;
    const std::vector<Choice> &single(qint32 value, std::vector<Choice> &scratch) const;
    std::vector<Choice> weighted(const QList<std::pair<QString, double>> &options);
    int deviceIndex(qint32 device) const;

    qint32 id(const QString &text) { return m_values.intern(text); }

    const AppProfile &m_app;
    ValuePool m_values;

private:
    struct Expansion;
    void expand(int level, qint64 volume, AnalyticsRow &row, Expansion &expansion) const;
    void buildSharedVocabularies();

    QList<Column> m_columns;
    QList<Metric> m_metrics;
    int m_dimensionCount = 0;

    std::vector<Choice> m_territories;
    std::vector<Choice> m_sourceTypes;
    std::vector<Choice> m_updateSourceTypes;
    std::vector<Choice> m_empty;
    std::vector<Choice> m_appReferrers;
    std::vector<Choice> m_webReferrers;
    std::vector<Choice> m_campaignNames;
    std::vector<Choice> m_pageImpression, m_pageView, m_pageTap, m_pageAttribution, m_pageUpdate;
    std::vector<Choice> m_productPageTitles;
    std::vector<Choice> m_eventPageTitles;
    std::vector<qint32> m_deviceIds;
    std::vector<qint32> m_versionIds;
    qint32 m_appReferrer = 0, m_webReferrer = 0, m_productPage = 0, m_inAppEventPage = 0;
};

} // namespace ascsync::sandbox
