#include "analyticsgenerator.h"

#include "familymodel.h"
#include "rng.h"
#include "rowaggregator.h"
#include "stablehash.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

// Scales every metric of a row by `factor`. Counts round randomly (unbiased), so the many small rows of a big
// report shrink by `factor` on average instead of vanishing; money follows the first metric's ratio.
void scaleRow(AnalyticsRow &row, const QList<FamilyModel::Metric> &metrics, double factor, Rng &rng)
{
    const double before = row.metrics[0];
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        double &value = row.metrics[size_t(i)];
        if (metrics[i].kind == FamilyModel::MetricKind::Money)
            continue;
        const double magnitude = double(rng.roundRandomly(std::abs(value) * factor));
        value = std::copysign(magnitude, value);
    }
    const double ratio = before != 0.0 ? row.metrics[0] / before : 0.0;
    for (qsizetype i = 0; i < metrics.size(); ++i) {
        if (metrics[i].kind == FamilyModel::MetricKind::Money)
            row.metrics[size_t(i)] = std::round(row.metrics[size_t(i)] * ratio * 100.0) / 100.0;
    }
}

} // namespace

AnalyticsGenerator::AnalyticsGenerator(const FamilyModel &family, const ReportDefinition &report)
    : m_family(family)
    , m_report(report)
    , m_appName(family.app().app.name.toUtf8())
    , m_appId(family.app().app.id.toUtf8())
{
    m_keptDimension.fill(true);
    for (const FamilyModel::Column &column : family.columns()) {
        if (column.kind == FamilyModel::ColumnKind::Dimension && !includes(column))
            m_keptDimension[size_t(column.index)] = false;
    }
}

bool AnalyticsGenerator::includes(const FamilyModel::Column &column) const
{
    return !(column.detailedOnly && m_report.variant == ReportDefinition::Variant::Standard);
}

QStringList AnalyticsGenerator::columnNames() const
{
    QStringList names;
    for (const FamilyModel::Column &column : m_family.columns()) {
        if (includes(column))
            names.append(column.name);
    }
    return names;
}

DimensionKey AnalyticsGenerator::projected(const DimensionKey &dims) const
{
    DimensionKey key = dims;
    for (size_t i = 0; i < key.size(); ++i) {
        if (!m_keptDimension[i])
            key[i] = 0;
    }
    return key;
}

Rng AnalyticsGenerator::rngFor(QStringView purpose, QDate date, quint64 extra) const
{
    const AppProfile &app = m_family.app();
    return Rng(StableHash(app.seed)
                   .add(quint64(app.index))
                   .add(m_family.key())
                   .add(purpose)
                   .add(date)
                   .add(extra)
                   .value());
}

void AnalyticsGenerator::applyRevision(std::vector<AnalyticsRow> &rows, QDate date, Revision revision) const
{
    const QList<FamilyModel::Metric> &metrics = m_family.metrics();
    if (revision.stage == Revision::Stage::Partial) {
        // Keyed by the age, so the partial state of a Date is the same wherever it is shown (an ongoing
        // instance and a snapshot processed on the same day agree).
        Rng rng = rngFor(u"partial", date, quint64(revision.age));
        const double base = 0.6 + 0.3 * double(revision.age) / double(m_report.completenessDays);
        for (AnalyticsRow &row : rows)
            scaleRow(row, metrics, std::clamp(base + rng.uniform(-0.05, 0.05), 0.5, 0.95), rng);
    } else if (revision.stage == Revision::Stage::PreCorrection) {
        Rng rng = rngFor(u"precorrection", date, 0);
        for (AnalyticsRow &row : rows) {
            if (!rng.chance(0.3))
                continue;
            double factor = rng.uniform(0.9, 1.08);
            if (std::abs(factor - 1.0) < 0.01)
                factor = 0.95;
            scaleRow(row, metrics, factor, rng);
        }
    }
    std::erase_if(rows, [](const AnalyticsRow &row) { return row.metrics[0] == 0.0; });
}

void AnalyticsGenerator::emitRow(const AnalyticsRow &row, const QByteArray &dateText,
                                 QList<QByteArray> &fields, const RowSink &sink) const
{
    fields.clear();
    for (const FamilyModel::Column &column : m_family.columns()) {
        if (!includes(column))
            continue;
        switch (column.kind) {
        case FamilyModel::ColumnKind::Date:
            fields.append(dateText);
            break;
        case FamilyModel::ColumnKind::AppName:
            fields.append(m_appName);
            break;
        case FamilyModel::ColumnKind::AppId:
            fields.append(m_appId);
            break;
        case FamilyModel::ColumnKind::Dimension:
            fields.append(m_family.values().utf8(row.dims[size_t(column.index)]));
            break;
        case FamilyModel::ColumnKind::Metric: {
            const double value = row.metrics[size_t(column.index)];
            if (m_family.metrics()[column.index].kind == FamilyModel::MetricKind::Money)
                fields.append(QByteArray::number(value, 'f', 2));
            else
                fields.append(QByteArray::number(qint64(std::llround(value))));
            break;
        }
        }
    }
    sink(fields);
}

void AnalyticsGenerator::emitRows(const std::vector<AnalyticsRow> &rows, QDate date, QStringView noiseTag,
                                  const RowSink &sink) const
{
    const QByteArray dateText = date.toString(Qt::ISODate).toLatin1();
    QList<QByteArray> fields;
    fields.reserve(m_family.columns().size());
    switch (m_report.variant) {
    case ReportDefinition::Variant::Single:
        for (const AnalyticsRow &row : rows)
            emitRow(row, dateText, fields, sink);
        break;
    case ReportDefinition::Variant::Detailed: {
        // Noise first, then thresholding, as Apple describes it; the noise is stable for a given file.
        Rng rng = rngFor(noiseTag, date, 0);
        for (AnalyticsRow row : rows) {
            m_family.addNoise(row, rng);
            if (m_family.passesThreshold(row))
                emitRow(row, dateText, fields, sink);
        }
        break;
    }
    case ReportDefinition::Variant::Standard: {
        RowAggregator aggregate;
        for (const AnalyticsRow &row : rows)
            aggregate.add(projected(row.dims), row.metrics);
        for (const AnalyticsRow &row : aggregate.rows()) {
            if (row.metrics[0] != 0.0)
                emitRow(row, dateText, fields, sink);
        }
        break;
    }
    }
}

void AnalyticsGenerator::writeDay(QDate date, Revision revision, const RowSink &sink) const
{
    if (m_family.appUsage() && !m_family.hasData(date))
        return; // Apple generates no app-usage data for a Date with fewer than 5 users
    std::vector<AnalyticsRow> rows;
    m_family.generateDay(date, rows);
    applyRevision(rows, date, revision);
    // Noise is a function of the Date and its state: a partial state differs by age, a complete one is the
    // same in every instance that shows it (Apple: noise is stable across repeated requests).
    const QString tag = revision.stage == Revision::Stage::Partial
                            ? u"noise/partial/"_s + QString::number(revision.age)
                            : u"noise/"_s + QString::number(int(revision.stage));
    emitRows(rows, date, tag, sink);
}

void AnalyticsGenerator::writePeriod(QDate start, QDate end, const RowSink &sink) const
{
    // Detailed periods aggregate full rows and apply privacy to the sums; Standard ones project first.
    const bool standard = m_report.variant == ReportDefinition::Variant::Standard;
    RowAggregator aggregate;
    std::vector<AnalyticsRow> rows;
    for (QDate date = start; date <= end; date = date.addDays(1)) {
        if (m_family.appUsage() && !m_family.hasData(date))
            continue;
        rows.clear();
        m_family.generateDay(date, rows);
        for (const AnalyticsRow &row : rows)
            aggregate.add(standard ? projected(row.dims) : row.dims, row.metrics);
    }
    rows = aggregate.takeRows();
    emitRows(rows, start, QString(u"noise/period/"_s + end.toString(Qt::ISODate)), sink);
}

} // namespace ascsync::sandbox
