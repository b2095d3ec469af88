#include "coveragecalendarmodel.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

constexpr int kWeeks = 6;
constexpr int kWeekDays = 7;

QDate periodEnd(const QString &granularity, QDate start)
{
    if (granularity == u"WEEKLY"_s)
        return start.addDays(6);
    if (granularity == u"MONTHLY"_s)
        return start.addMonths(1).addDays(-1);
    return start;
}

} // namespace

CoverageCalendarModel::CoverageCalendarModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_first(QDate::currentDate().addDays(1 - QDate::currentDate().day()))
{}

QColor CoverageCalendarModel::colorFor(status::CoverageState state)
{
    // Distinct for the common kinds of colour blindness too: blue/orange carry the important difference.
    switch (state) {
    case status::CoverageState::Loaded:
        return QColor(0x4c, 0x9a, 0xd6); // blue
    case status::CoverageState::NoData:
        return QColor(0xc8, 0xdc, 0xee); // pale blue: Apple had nothing to report
    case status::CoverageState::NotPublished:
        return QColor(0xe8, 0xe8, 0xe8); // light grey: nothing to do yet
    case status::CoverageState::Pending:
        return QColor(0xf2, 0xd4, 0x8c); // sand: the next sync loads it
    case status::CoverageState::Missing:
        return QColor(0xe0, 0x6c, 0x1f); // orange: a gap
    case status::CoverageState::DeletedUnloaded:
        return QColor(0x6e, 0x6e, 0x6e); // dark grey: gone at Apple
    }
    return {};
}

void CoverageCalendarModel::setSeries(const status::CoverageSeries &series)
{
    beginResetModel();
    m_granularity = series.granularity;
    m_days.clear();
    for (const status::CoverageDay &day : series.days) {
        const QDate end = periodEnd(series.granularity, day.date);
        for (QDate date = day.date; date <= end; date = date.addDays(1))
            m_days.insert(date, day);
    }
    endResetModel();
}

void CoverageCalendarModel::setMonth(int year, int month)
{
    const QDate first(year, month, 1);
    if (!first.isValid())
        return;
    beginResetModel();
    m_first = first;
    endResetModel();
}

QDate CoverageCalendarModel::dateAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const QDate gridStart = m_first.addDays(1 - m_first.dayOfWeek());
    const QDate date = gridStart.addDays(index.row() * kWeekDays + index.column());
    return date.month() == m_first.month() ? date : QDate();
}

QModelIndex CoverageCalendarModel::indexOf(QDate date) const
{
    if (date.year() != m_first.year() || date.month() != m_first.month())
        return {};
    const qint64 offset = m_first.addDays(1 - m_first.dayOfWeek()).daysTo(date);
    return index(int(offset / kWeekDays), int(offset % kWeekDays));
}

const status::CoverageDay *CoverageCalendarModel::dayOf(QDate date) const
{
    const auto found = m_days.constFind(date);
    return found == m_days.cend() ? nullptr : &found.value();
}

QString CoverageCalendarModel::tooltipFor(QDate date, const status::CoverageDay &day) const
{
    QString text = QLocale().toString(date, QLocale::LongFormat) + u": "_s + status::describe(day.state);
    switch (day.state) {
    case status::CoverageState::Loaded:
        text += u"\n%1 rows from the instance processed on %2"_s.arg(day.rows).arg(
            day.processingDate.toString(Qt::ISODate));
        break;
    case status::CoverageState::Missing:
        text +=
            day.duplicateOf.isEmpty()
                ? u"\nApple published no instance for %1 and no later one holds this date"_s.arg(
                      day.processingDate.toString(Qt::ISODate))
                : u"\nThe instance processed on %1 repeated the one before it (identical checksums)"_s.arg(
                      day.processingDate.toString(Qt::ISODate));
        text += u"\nA new ONE_TIME_SNAPSHOT may recover it: see Admin Setup."_s;
        break;
    case status::CoverageState::DeletedUnloaded:
        text += u"\nApple keeps instances 35 days; a new ONE_TIME_SNAPSHOT may recover it."_s;
        break;
    case status::CoverageState::Pending:
        text += u"\nThe next sync loads it."_s;
        break;
    default:
        break;
    }
    return text;
}

int CoverageCalendarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kWeeks;
}

int CoverageCalendarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kWeekDays;
}

QVariant CoverageCalendarModel::data(const QModelIndex &index, int role) const
{
    const QDate date = dateAt(index);
    if (!date.isValid())
        return {};
    const status::CoverageDay *day = dayOf(date);
    switch (role) {
    case Qt::DisplayRole:
        return date.day();
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case DateRole:
        return date;
    case StateRole:
        return day ? QVariant(int(day->state)) : QVariant();
    case Qt::BackgroundRole:
        return day ? QVariant(colorFor(day->state)) : QVariant();
    case Qt::ForegroundRole:
        return day && (day->state == status::CoverageState::DeletedUnloaded ||
                       day->state == status::CoverageState::Loaded ||
                       day->state == status::CoverageState::Missing)
                   ? QVariant(QColor(Qt::white))
                   : QVariant();
    case Qt::ToolTipRole:
        return day ? tooltipFor(date, *day) : QLocale().toString(date, QLocale::LongFormat);
    default:
        return {};
    }
}

QVariant CoverageCalendarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    return QLocale().dayName(section + 1, QLocale::ShortFormat);
}

} // namespace ascsync::ui
