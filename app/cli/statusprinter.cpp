#include "statusprinter.h"

#include "core/status/statusadvice.h"

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : u"-"_s;
}

QString ongoingText(status::OngoingState state)
{
    switch (state) {
    case status::OngoingState::Active:
        return u"active"_s;
    case status::OngoingState::StoppedForInactivity:
        return u"STOPPED for inactivity"_s;
    case status::OngoingState::Missing:
        break;
    }
    return u"MISSING"_s;
}

QString snapshotText(const status::AppStatus &app)
{
    if (app.snapshot == status::SnapshotState::Missing) {
        return u"MISSING"_s;
    }
    if (!app.snapshotAgeDays) {
        return u"present (not generated yet)"_s;
    }
    return u"present, %1 days old (one new snapshot allowed every %2 days)"_s.arg(*app.snapshotAgeDays)
        .arg(status::kSnapshotWindowDays);
}

void printApp(QTextStream &out, const status::AppStatus &app, bool destinationChecked)
{
    out << app.name << " (" << app.appId << (app.bundleId.isEmpty() ? QString() : u", "_s + app.bundleId)
        << "): " << status::toString(app.readiness) << '\n';
    out << "  ONGOING request:            " << ongoingText(app.ongoing) << '\n';
    out << "  ONE_TIME_SNAPSHOT request:  " << snapshotText(app) << '\n';
    out << "  reports:                    " << app.reportCount << '\n';
    for (const status::GranularityStatus &granularity :
         app.reportCount > 0 ? app.granularities : QList<status::GranularityStatus>()) {
        out << "  " << granularity.granularity.leftJustified(8) << "processing days "
            << granularity.processingDays << ", newest " << dateText(granularity.newestProcessingDate);
        if (destinationChecked) {
            out << ", loaded up to " << dateText(granularity.loadedProcessingDate);
            if (granularity.unloadedInstances > 0) {
                out << ", " << granularity.unloadedInstances << " to load";
            }
        }
        out << '\n';
    }
    if (destinationChecked) {
        out << "  last loaded:                "
            << (app.lastLoadedAt.isValid() ? app.lastLoadedAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s)
                                           : u"never"_s)
            << '\n';
    }
    for (const QString &gap : app.gaps) {
        out << "  gap: " << gap << '\n';
    }
    for (const QString &step : app.nextSteps) {
        out << "  next: " << step << '\n';
    }
    if (app.nextSteps.isEmpty()) {
        out << "  next: nothing to do.\n";
    }
}

} // namespace

void printStatus(QTextStream &out, const status::StatusReport &report)
{
    if (const QString headline = report.headline(); !headline.isEmpty()) {
        out << headline << '\n';
    } else {
        out << "Every app has its report requests.\n";
    }
    if (!report.destinationChecked && !report.destinationNote.isEmpty()) {
        out << "Destination not checked: " << report.destinationNote << '\n';
    }
    for (auto it = report.salesReportVersions.cbegin(); it != report.salesReportVersions.cend(); ++it) {
        out << "Sales report " << QString(it.key()).replace(u'/', u' ') << ": version " << it.value()
            << " (Apple moved it; used from then on)\n";
    }
    out << '\n';
    for (const status::AppStatus &app : report.apps) {
        printApp(out, app, report.destinationChecked);
        out << '\n';
    }
    out << report.apps.size() << " apps, Apple's date " << dateText(report.today) << " (Pacific)\n";
    out.flush();
}

} // namespace ascsync::cli
