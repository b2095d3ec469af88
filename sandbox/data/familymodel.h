#pragma once

#include "analyticsrow.h"
#include "appprofile.h"
#include "familyspecs.h"
#include "valuepool.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace ascsync::sandbox {

class Rng;

// The data behind one analytics report family (a FamilySpec) for one app. A day's rows come from splitting
// the day's volume down a tree of dimensions, one level per dimension, by realistic shares; every split
// rounds randomly from a generator keyed by (seed, app, family, date), so the rows are a pure function of
// those. The rows are the complete, final truth at Detailed resolution; revisions, privacy and Standard
// aggregation are applied on top by AnalyticsGenerator.
class FamilyModel {
public:
    using MetricKind = sandbox::MetricKind;
    using ColumnKind = sandbox::ColumnKind;

    struct Column {
        QString name;
        ColumnKind kind = ColumnKind::Dimension;
        int index = -1;            // dimension or metric index
        bool detailedOnly = false; // absent from the Standard report (API-NOTES §5.6 "(D)")
    };
    struct Metric {
        MetricKind kind = MetricKind::Count;
        bool thresholded = false; // Detailed rows below 5 are dropped (API-NOTES §5.4)
        MetricFill fill;
    };

    FamilyModel(const FamilySpec &spec, const AppProfile &app);
    ~FamilyModel();
    FamilyModel(const FamilyModel &) = delete;
    FamilyModel &operator=(const FamilyModel &) = delete;

    QString key() const { return m_spec.key; }
    // Expected volume of the day's root metric; 0 means the report has nothing for that Date.
    double expectedVolume(QDate date) const { return m_spec.volume(m_app, date); }
    bool appUsage() const { return m_spec.appUsage; }
    bool hasData(QDate date) const;

    const QList<Column> &columns() const { return m_columns; }
    int dimensionCount() const { return m_dimensionCount; }
    const QList<Metric> &metrics() const { return m_metrics; }
    const ValuePool &values() const { return m_values; }
    const AppProfile &app() const { return m_app; }
    double number(qint32 value) const { return m_numbers.value(value); } // FamilySpec::numbers

    // The final rows of one Date, in a stable order.
    void generateDay(QDate date, std::vector<AnalyticsRow> &rows) const;
    // Apple's privacy noise for Detailed reports: small integers, ~68% within +-2.
    void addNoise(AnalyticsRow &row, Rng &rng) const;
    bool passesThreshold(const AnalyticsRow &row) const;

private:
    struct Resolved;
    struct Level;
    struct Expansion;

    qint32 id(const QString &text) { return m_values.intern(text); }
    std::vector<Choice> weighted(const WeightedTexts &options);
    void buildSharedVocabularies();
    void addColumn(const ColumnSpec &spec);
    Resolved resolve(const DimensionRule &rule);
    int levelNamed(const QString &name) const;

    void prepareDay(FamilyDay &day) const;
    void rootChoices(const FamilyDay &day, std::vector<Choice> &out) const;
    const std::vector<Choice> &choices(int level, const AnalyticsRow &row, const FamilyDay &day,
                                       std::vector<Choice> &scratch) const;
    const std::vector<Choice> &evaluate(const Resolved &rule, const AnalyticsRow &row, const FamilyDay &day,
                                        std::vector<Choice> &scratch) const;
    const std::vector<Choice> &preOrderFlag(const FamilyDay &day, std::vector<Choice> &scratch) const;
    void fillMetrics(AnalyticsRow &row, qint64 volume, Rng &rng) const;
    void expand(int level, qint64 volume, AnalyticsRow &row, Expansion &expansion) const;

    const std::vector<Choice> &sourceInfos(qint32 sourceType) const;
    const std::vector<Choice> &campaignsFor(qint32 sourceType, const FamilyDay &day) const;
    const std::vector<Choice> &pageTypes(PageMix mix) const;
    const std::vector<Choice> &pageTitles(qint32 pageType) const;
    const std::vector<Choice> &platforms(qint32 device, const FamilyDay &day) const;
    static const std::vector<Choice> &single(qint32 value, std::vector<Choice> &scratch);
    int deviceIndex(qint32 device) const;

    const FamilySpec &m_spec;
    const AppProfile &m_app;
    ValuePool m_values;

    QList<Column> m_columns;
    QList<Metric> m_metrics;
    std::vector<Level> m_levels; // one per dimension
    int m_dimensionCount = 0;
    std::vector<qint32> m_roots; // FamilySpec::roots
    QHash<qint32, double> m_numbers;
    bool m_usesPreOrderShare = false;

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
    qint32 m_yes = 0, m_no = 0;
};

} // namespace ascsync::sandbox
