#include "coveragecommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"

#include "core/common/plaintext.h"
#include "core/status/statusqueries.h"
#include "core/storage/destinationspec.h"
#include "core/sync/syncsetup.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"coverage"_s;

const QList<status::CoverageState> kStates = {
    status::CoverageState::Loaded,  status::CoverageState::NoData,  status::CoverageState::NotPublished,
    status::CoverageState::Pending, status::CoverageState::Missing, status::CoverageState::DeletedUnloaded};

void printSeries(QTextStream &out, const status::CoverageSeries &series)
{
    // Ids and names came from Apple through the destination: no control character reaches the terminal.
    out << (series.appId.isEmpty() ? u"Sales (vendor-wide)"_s
                                   : u"App "_s + escapeControlCharacters(series.appId))
        << ", " << escapeControlCharacters(series.reportName) << " (" << escapeControlCharacters(series.table)
        << ", " << escapeControlCharacters(series.granularity) << "): " << series.days.size() << " dates\n";
    for (status::CoverageState state : kStates) {
        const int count = series.count(state);
        if (count == 0)
            continue;
        out << "  " << QString(status::describe(state) + u':').leftJustified(32) << count << "  "
            << series.ranges(state).join(u", "_s) << '\n';
    }
    for (const status::CoverageDay &day : series.days) {
        if (day.state != status::CoverageState::Missing)
            continue;
        out << "  gap " << day.date.toString(Qt::ISODate) << ": ";
        if (!day.duplicateOf.isEmpty())
            out << "the instance processed on " << day.processingDate.toString(Qt::ISODate)
                << " repeated the one before it (identical checksums), so this date was never delivered\n";
        else
            out << "Apple published no instance for processing date "
                << day.processingDate.toString(Qt::ISODate) << " and no later one holds it\n";
    }
}

} // namespace

int runCoverageCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Shows, per app, analytics report, granularity and date, what the destination knows: loaded (from "
        u"which instance), no data, not published yet, published but not loaded yet, missing (Apple skipped "
        u"the date or published a duplicate instance), or deleted before it was loaded. Reads the "
        u"destination "
        u"only; no request goes to Apple. Exit code 0, or 4 when some dates are missing."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addJsonOption(parser);
    const QCommandLineOption app(u"app"_s, u"Only this app ID."_s, u"ID"_s);
    const QCommandLineOption report(u"report"_s, u"Only this report (Apple's name or the table name)."_s,
                                    u"NAME"_s);
    const QCommandLineOption from(u"from"_s, u"First date (default: the oldest date known)."_s, u"DATE"_s);
    const QCommandLineOption to(u"to"_s, u"Last date (default: today)."_s, u"DATE"_s);
    const QCommandLineOption asOf(u"as-of"_s, u"Compute for this UTC time instead of now (tests, audits)."_s,
                                  u"TIME"_s);
    parser.addOptions({app, report, from, to, asOf});
    if (const auto exit = parseOrExit(parser, arguments, kCommand))
        return *exit;
    const auto settings = options.resolve(parser);
    if (!settings)
        return fail(kCommand, settings.errorMessage(), kExitUsage);
    status::CoverageFilter filter;
    filter.appId = parser.value(app);
    filter.reportName = parser.value(report);
    const auto fromDate = dayOption(parser, from);
    const auto toDate = dayOption(parser, to);
    if (!fromDate || !toDate)
        return fail(kCommand, (!fromDate ? fromDate : toDate).errorMessage(), kExitUsage);
    filter.from = fromDate.value();
    filter.to = toDate.value();
    const auto when = timeOption(parser, asOf);
    if (!when)
        return fail(kCommand, when.errorMessage(), kExitUsage);
    const QDateTime now = when.value().value_or(QDateTime::currentDateTimeUtc());
    if (!sync::destinationExists(settings.value())) {
        const auto spec = storage::DestinationSpec::parse(settings->destination, settings->schema);
        return fail(kCommand, u"%1 does not exist yet: run `ascsync sync` first."_s.arg(
                                  spec ? spec->describe() : settings->destination));
    }
    config::SecretStore secrets;
    const auto computed = status::coverageFor(settings.value(), secrets, filter, now, withTerminalProgress());
    if (!computed)
        return fail(kCommand, computed.errorMessage());
    const status::CoverageReport &coverage = computed.value();
    if (options.json(parser)) {
        standardOutput() << QJsonDocument(coverage.toJson()).toJson(QJsonDocument::Indented);
    } else if (coverage.series.isEmpty()) {
        standardOutput() << "No analytics instance is loaded"
                         << (filter.appId.isEmpty() && filter.reportName.isEmpty() ? ""
                                                                                   : " for this selection")
                         << ": run `ascsync sync` first.\n";
    } else {
        for (const status::CoverageSeries &series : coverage.series)
            printSeries(standardOutput(), series);
        for (const QString &warning : coverage.warnings())
            standardError() << "warning: " << escapeControlCharacters(warning) << '\n';
    }
    standardOutput().flush();
    standardError().flush();
    return coverage.count(status::CoverageState::Missing) > 0 ? kExitCoverageGaps : kExitOk;
}

} // namespace ascsync::cli
