#pragma once

#include "analyticscatalog.h"
#include "analyticsrow.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QStringList>

#include <array>
#include <functional>
#include <vector>

namespace ascsync::sandbox {

class FamilyModel;
class Rng;

// Turns a family's final rows into the rows of one report file: applies the instance's revision of a Date
// (partial, not yet corrected, final), Apple's privacy rules for Detailed reports (noise, then rows under 5
// dropped), aggregates Standard reports over the Detailed-only columns and weekly/monthly instances over
// their days, and formats each row in the report's column order.
class AnalyticsGenerator {
public:
    using RowSink = std::function<void(const QList<QByteArray> &fields)>;

    AnalyticsGenerator(const FamilyModel &family, const ReportDefinition &report);

    QStringList columnNames() const;

    // The rows of `date` as an instance that shows it in `revision` contains them.
    void writeDay(QDate date, Revision revision, const RowSink &sink) const;
    // The rows of a weekly or monthly instance for [start, end] (final values; Date = start).
    void writePeriod(QDate start, QDate end, const RowSink &sink) const;

private:
    bool includes(const FamilyModel::Column &column) const;
    DimensionKey projected(const DimensionKey &dims) const;
    void applyRevision(std::vector<AnalyticsRow> &rows, QDate date, Revision revision) const;
    void emitRows(const std::vector<AnalyticsRow> &rows, QDate date, QStringView noiseTag,
                  const RowSink &sink) const;
    void emitRow(const AnalyticsRow &row, const QByteArray &dateText, QList<QByteArray> &fields,
                 const RowSink &sink) const;
    Rng rngFor(QStringView purpose, QDate date, quint64 extra) const;

    const FamilyModel &m_family;
    const ReportDefinition &m_report;
    QByteArray m_appName;
    QByteArray m_appId;
    std::array<bool, kMaxDimensions> m_keptDimension{}; // false: Detailed-only, aggregated away in Standard
};

} // namespace ascsync::sandbox
