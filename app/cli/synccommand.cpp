#include "synccommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"
#include "namedreports.h"
#include "tableprinter.h"

#include "core/common/plaintext.h"
#include "core/common/sqltext.h"
#include "core/storage/destination.h"
#include "core/storage/destinationspec.h"
#include "core/sync/rawarchive.h"
#include "core/sync/syncengine.h"
#include "core/sync/syncplan.h"
#include "core/sync/syncsetup.h"
#include "core/sync/unitprogress.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <sys/ioctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

// Progress on one rewritten stderr line when it is a terminal: the stream's units, then the unit being
// loaded with its rows, rate and estimate (and Apple's request budget while pacing). Messages always, one per
// line.
class TerminalObserver : public sync::SyncObserver {
public:
    TerminalObserver()
        : m_terminal(isatty(STDERR_FILENO) == 1)
    {
        m_clock.start();
    }

    void message(Level level, const QString &text) override
    {
        clearProgress();
        const char *prefix = level == Level::Error ? "error: " : level == Level::Warning ? "note: " : "";
        standardError() << prefix << escapeForTerminal(text) << Qt::endl;
    }

    void progress(const QString &stream, int done, int total) override
    {
        m_units = u"%1: %2/%3"_s.arg(stream).arg(done).arg(total);
        showProgress();
    }

    void unitActivity(const sync::UnitActivity &activity) override
    {
        m_meter.update(activity, m_clock.elapsed());
        m_unit = activity.phase == sync::UnitActivity::Phase::Finished ? QString() : m_meter.describe();
        showProgress();
    }

private:
    void showProgress()
    {
        if (!m_terminal) {
            return;
        }
        QString line = m_unit.isEmpty() ? m_units : m_units + u" · "_s + m_unit;
        // One line that fits the terminal, or the carriage return cannot rewrite it.
        const int width = terminalWidth() - 1;
        if (line.size() > width) {
            line = line.left(width - 1) + u'…';
        }
        const qsizetype previous = m_shownLength;
        standardError() << "\r" << line;
        if (previous > line.size()) {
            standardError() << QString(previous - line.size(), u' ');
        }
        standardError().flush();
        m_shownLength = line.size();
    }

    void clearProgress()
    {
        if (m_shownLength > 0) {
            standardError() << "\r" << QString(m_shownLength, u' ') << "\r";
            m_shownLength = 0;
        }
    }

    static int terminalWidth()
    {
        winsize size{};
        if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) {
            return size.ws_col;
        }
        return 80;
    }

    bool m_terminal = false;
    qsizetype m_shownLength = 0;
    QString m_units;
    QString m_unit;
    sync::UnitRateMeter m_meter;
    QElapsedTimer m_clock;
};

// `ascsync query` reads what a sync wrote: it never creates a database (a typo in the path would otherwise
// leave an empty one behind and answer "no such table").
Status checkQueryable(const config::Settings &settings)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    if (spec && spec->kind() == storage::DestinationSpec::Kind::Sqlite &&
        !QFileInfo::exists(spec->sqlitePath())) {
        return makeError(u"usage"_s,
                         u"there is no database at %1. Check --destination, or run `ascsync sync` "
                         u"first to create it."_s.arg(spec->sqlitePath()));
    }
    return {};
}

// Read-only unless --write: a mistyped statement must not change or delete synced data.
Status makeReadOnly(storage::Destination &destination)
{
    const bool sqlite = destination.spec().kind() == storage::DestinationSpec::Kind::Sqlite;
    const QString sql =
        sqlite ? u"PRAGMA query_only = ON"_s : u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s;
    const auto done = destination.query(sql, {}, {});
    if (!done) {
        return makeError(u"storage"_s, u"cannot make the connection read-only (%1); pass --write to run the "
                                       u"query anyway."_s.arg(done.errorMessage()));
    }
    return {};
}

// The SQL of `ascsync query`: its arguments or --file, one statement. Error code "usage" for a mistake in
// the command line, "io" for a file that cannot be read.
Result<QString> sqlToRun(const QCommandLineParser &parser, const QCommandLineOption &file)
{
    QString sql = parser.positionalArguments().join(u' ');
    if (parser.isSet(file)) {
        QFile input(parser.value(file));
        if (!input.open(QIODevice::ReadOnly))
            return makeError(u"io"_s, u"cannot read %1: %2"_s.arg(parser.value(file), input.errorString()));
        sql = QString::fromUtf8(input.readAll());
    }
    if (sql.trimmed().isEmpty()) {
        return makeError(u"usage"_s, u"give the SQL to run, e.g. `ascsync query 'SELECT count(*) FROM "
                                     u"apple_app_store.downloads'`, or --file FILE, or --report NAME."_s);
    }
    if (const int statements = countSqlStatements(sql); statements > 1) {
        return makeError(u"usage"_s,
                         u"give one SQL statement at a time: this text holds %1 (separated by ;). "
                         u"Run them as separate `ascsync query` commands."_s.arg(statements));
    }
    return sql;
}

Result<NamedReportRequest> namedReportRequest(const QCommandLineParser &parser,
                                              const QCommandLineOption &report, const QCommandLineOption &app,
                                              const QCommandLineOption &from, const QCommandLineOption &to)
{
    NamedReportRequest request;
    request.name = parser.value(report);
    request.appId = parser.value(app);
    const auto first = dayOption(parser, from);
    if (!first)
        return first.error();
    const auto last = dayOption(parser, to);
    if (!last)
        return last.error();
    request.from = first.value();
    request.to = last.value();
    if (const Status valid = checkNamedReportRequest(request); !valid)
        return valid.error();
    return request;
}

struct SyncCommandOptions {
    QCommandLineOption plan{
        u"plan"_s, u"Print what the sync would do (requests by kind, downloads, their size where known, the "
                   u"time at Apple's current request budget) and exit without downloading. Planning asks "
                   u"what the sync itself asks before its first download."_s};
    QCommandLineOption relist{
        u"relist"_s, u"List every selected analytics report, also those no new instance of which can exist "
                     u"yet by Apple's cadence (e.g. after deleting and re-creating a snapshot request)."_s};
    QCommandLineOption asOf{u"as-of"_s,
                            u"Plan as if it were this UTC time (YYYY-MM-DDTHH:MM:SSZ), e.g. to follow "
                            u"the simulator's --today in tests and benchmarks."_s,
                            u"TIME"_s};
};

void describeSyncCommand(QCommandLineParser &parser, CommonOptions &options, const SyncCommandOptions &sync)
{
    parser.setApplicationDescription(
        u"Brings the destination up to date with App Store Connect: analytics reports, Sales and Trends "
        u"reports and "
        u"finance reports. Incremental and resumable: run it as often as you like."_s);
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addSyncOptions(parser);
    options.addArchiveOptions(parser);
    options.addJsonOption(parser);
    parser.addOptions({sync.plan, sync.relist, sync.asOf});
}

Result<sync::SyncOptions> syncOptionsFor(const config::Settings &settings, const QCommandLineParser &parser,
                                         const SyncCommandOptions &sync)
{
    sync::SyncOptions syncOptions = sync::syncOptionsFrom(settings);
    syncOptions.relist = parser.isSet(sync.relist);
    const auto asOf = timeOption(parser, sync.asOf);
    if (!asOf)
        return asOf.error();
    if (const std::optional<QDateTime> when = asOf.value())
        syncOptions.clock = [utc = when->toUTC()] { return utc; };
    return syncOptions;
}

int printPlan(const sync::SyncPlan &planned, bool json)
{
    standardOutput() << (json ? QString::fromUtf8(QJsonDocument(planned.toJson()).toJson()).trimmed() + u'\n'
                              : planned.toText());
    standardOutput().flush();
    return planned.failures.isEmpty() ? kExitOk : kExitFailure;
}

int printSummary(const sync::SyncSummary &summary, bool json)
{
    if (json) {
        standardOutput() << QJsonDocument(summary.toJson()).toJson(QJsonDocument::Indented);
    } else {
        standardOutput() << u"%1 units loaded (%2 rows, %3 older rows replaced), %4 already up to date, %5 "
                            u"without data, %6 not published yet, %7 failed.\n"_s.arg(summary.unitsLoaded)
                                .arg(summary.rowsLoaded)
                                .arg(summary.rowsReplaced)
                                .arg(summary.unitsUpToDate)
                                .arg(summary.unitsEmpty)
                                .arg(summary.unitsPending)
                                .arg(summary.unitsFailed);
        if (summary.archiving) {
            standardOutput() << u"Archive: %1 units kept, %2 pruned (%3).\n"_s.arg(summary.unitsArchived)
                                    .arg(summary.archivePrunedUnits)
                                    .arg(sync::describeBytes(summary.archivePrunedBytes));
        }
    }
    standardOutput().flush();
    if (summary.budgetSpent())
        return kExitBudgetSpent;
    return summary.ok() ? kExitOk : kExitFailure;
}

struct QueryCommandOptions {
    QCommandLineOption file{u"file"_s, u"Read the SQL from this file."_s, u"FILE"_s};
    QCommandLineOption write{u"write"_s, u"Allow a statement that changes the database (by default the query "
                                         u"runs read-only)."_s};
    QCommandLineOption report{u"report"_s,
                              u"Print a named report instead of running SQL. %1."_s.arg(namedReportsHelp()),
                              u"NAME"_s};
    QCommandLineOption app{u"app"_s, u"--report: only this app (its Apple ID)."_s, u"ID"_s};
    QCommandLineOption from{u"from"_s, u"--report: from this day (YYYY-MM-DD)."_s, u"DATE"_s};
    QCommandLineOption to{u"to"_s, u"--report: to this day (YYYY-MM-DD)."_s, u"DATE"_s};
    QCommandLineOption help{{u"h"_s, u"help"_s}, u"Show this help."_s};

    static QString namedReportsHelp()
    {
        QStringList lines;
        for (const auto &report : namedReports())
            lines << u"%1: %2"_s.arg(report.first, report.second);
        return lines.join(u"; "_s);
    }
};

void describeQueryCommand(QCommandLineParser &parser, CommonOptions &options,
                          const QueryCommandOptions &query)
{
    parser.setApplicationDescription(u"Runs SQL against the destination and prints the result as "
                                     u"tab-separated text (or JSON). On SQLite the "
                                     u"tables are attached under the schema name, so `SELECT * FROM "
                                     u"apple_app_store.downloads` works as on "
                                     u"PostgreSQL."_s);
    parser.addPositionalArgument(u"SQL"_s, u"The statement to run (or use --file)."_s);
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addJsonOption(parser);
    parser.addOptions({query.file, query.write, query.report, query.app, query.from, query.to, query.help});
}

// What to run: a named report, or one SQL statement from the command line or a file.
struct QueryRequest {
    NamedReportRequest named;
    QString sql;
};

Result<QueryRequest> queryRequest(const QCommandLineParser &parser, const QueryCommandOptions &query)
{
    QueryRequest request;
    if (parser.isSet(query.report)) {
        const auto named = namedReportRequest(parser, query.report, query.app, query.from, query.to);
        if (!named)
            return makeError(u"usage"_s, named.errorMessage());
        if (!parser.positionalArguments().isEmpty() || parser.isSet(query.file) ||
            parser.isSet(query.write)) {
            return makeError(u"usage"_s,
                             u"--report prints a named report: give it without SQL, --file or --write."_s);
        }
        request.named = named.value();
        return request;
    }
    const auto read = sqlToRun(parser, query.file);
    if (!read)
        return read.error();
    request.sql = read.value();
    return request;
}

int printQuery(storage::Destination &destination, const QueryRequest &request, TablePrinter &printer)
{
    if (!request.named.name.isEmpty()) {
        const auto table = runNamedReport(destination, request.named);
        if (!table)
            return fail(u"query"_s, table.errorMessage());
        printer.columns(table->columns);
        for (const QList<QString> &row : table->rows)
            printer.row(row);
        printer.finish();
        return kExitOk;
    }
    const auto result = destination.query(
        request.sql, [&printer](const QStringList &names) { printer.columns(names); },
        [&printer](const QList<QString> &values) {
            printer.row(values);
            return true;
        });
    if (!result)
        return fail(u"query"_s, result.errorMessage());
    printer.finish();
    return kExitOk;
}

} // namespace

int runSyncCommand(const QStringList &arguments)
{
    const QString command = u"sync"_s;
    QCommandLineParser parser;
    CommonOptions options;
    const SyncCommandOptions syncCommand;
    describeSyncCommand(parser, options, syncCommand);
    if (const auto exit = parseOrExit(parser, arguments, command))
        return *exit;
    const auto settings = options.resolve(parser);
    if (!settings)
        return fail(command, settings.errorMessage(), kExitUsage);
    const auto syncOptions = syncOptionsFor(settings.value(), parser, syncCommand);
    if (!syncOptions)
        return fail(command, syncOptions.errorMessage(), kExitUsage);
    config::SecretStore secrets;
    auto client = makeApiClient(settings.value(), secrets);
    if (!client)
        return fail(command, client.errorMessage());
    auto destination = openDestination(settings.value(), secrets);
    if (!destination)
        return fail(command, destination.errorMessage());
    TerminalObserver observer;
    if (parser.isSet(syncCommand.plan)) {
        const auto planned =
            sync::planSync(*client.value(), *destination.value(), syncOptions.value(), observer);
        if (!planned)
            return fail(command, planned.errorMessage());
        return printPlan(planned.value(), options.json(parser));
    }
    const auto summary = sync::runSync(*client.value(), *destination.value(), syncOptions.value(), observer);
    if (!summary)
        return fail(command, summary.errorMessage());
    return printSummary(summary.value(), options.json(parser));
}

int runQueryCommand(const QStringList &arguments)
{
    const QString command = u"query"_s;
    QCommandLineParser parser;
    CommonOptions options;
    const QueryCommandOptions queryCommand;
    describeQueryCommand(parser, options, queryCommand);
    if (!parser.parse(arguments))
        return fail(command, parser.errorText() + u". See `ascsync query --help`."_s, kExitUsage);
    if (parser.isSet(queryCommand.help)) {
        standardOutput() << parser.helpText().replace(arguments.value(0), u"ascsync query"_s);
        standardOutput().flush();
        return kExitOk;
    }
    const auto request = queryRequest(parser, queryCommand);
    if (!request)
        return fail(command, request.errorMessage(),
                    request.error().code == u"usage"_s ? kExitUsage : kExitFailure);
    const auto settings = options.resolve(parser);
    if (!settings)
        return fail(command, settings.errorMessage(), kExitUsage);
    if (const Status exists = checkQueryable(settings.value()); !exists)
        return fail(command, exists.errorMessage());
    config::SecretStore secrets;
    auto destination = openDestination(settings.value(), secrets);
    if (!destination)
        return fail(command, destination.errorMessage());
    if (!parser.isSet(queryCommand.write)) {
        if (const Status readOnly = makeReadOnly(**destination); !readOnly)
            return fail(command, readOnly.errorMessage());
    }
    TablePrinter printer(standardOutput(), options.json(parser));
    return printQuery(**destination, request.value(), printer);
}

} // namespace ascsync::cli
