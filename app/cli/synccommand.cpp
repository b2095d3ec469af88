#include "synccommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"
#include "sync/syncengine.h"
#include "sync/syncplan.h"
#include "sync/syncsetup.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

// Progress on one rewritten stderr line when it is a terminal; messages always, one per line.
class TerminalObserver : public sync::SyncObserver {
public:
    TerminalObserver()
        : m_terminal(isatty(STDERR_FILENO) == 1)
    {}

    void message(Level level, const QString &text) override
    {
        clearProgress();
        const char *prefix = level == Level::Error ? "error: " : level == Level::Warning ? "note: " : "";
        standardError() << prefix << text << Qt::endl;
    }

    void progress(const QString &stream, int done, int total) override
    {
        if (!m_terminal) {
            return;
        }
        standardError() << "\r" << stream << ": " << done << "/" << total << "   ";
        standardError().flush();
        m_progressShown = true;
    }

private:
    void clearProgress()
    {
        if (m_progressShown) {
            standardError() << "\r" << QString(60, u' ') << "\r";
            m_progressShown = false;
        }
    }

    bool m_terminal = false;
    bool m_progressShown = false;
};

} // namespace

int runSyncCommand(const QStringList &arguments)
{
    const QString command = u"sync"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Brings the destination up to date with App Store Connect: analytics reports, Sales and Trends "
        u"reports and "
        u"finance reports. Incremental and resumable: run it as often as you like."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addSyncOptions(parser);
    options.addJsonOption(parser);
    const QCommandLineOption plan(
        u"plan"_s, u"Print what the sync would do (requests by kind, downloads, their size where known, the "
                   u"time at Apple's current request budget) and exit without downloading. Planning asks "
                   u"what the sync itself asks before its first download."_s);
    const QCommandLineOption relist(
        u"relist"_s, u"List every selected analytics report, also those no new instance of which can exist "
                     u"yet by Apple's cadence (e.g. after deleting and re-creating a snapshot request)."_s);
    const QCommandLineOption asOf(u"as-of"_s,
                                  u"Plan as if it were this UTC time (YYYY-MM-DDTHH:MM:SSZ), e.g. to follow "
                                  u"the simulator's --today in tests and benchmarks."_s,
                                  u"TIME"_s);
    parser.addOptions({plan, relist, asOf});
    if (const auto exit = parseOrExit(parser, arguments, command)) {
        return *exit;
    }
    const auto settings = options.resolve(parser);
    if (!settings) {
        return fail(command, settings.errorMessage(), kExitUsage);
    }
    sync::SyncOptions syncOptions = sync::syncOptionsFrom(settings.value());
    syncOptions.relist = parser.isSet(relist);
    if (parser.isSet(asOf)) {
        const QDateTime when = QDateTime::fromString(parser.value(asOf), Qt::ISODate);
        if (!when.isValid()) {
            return fail(
                command,
                u"--as-of needs a time like 2026-11-21T06:00:00Z, not \"%1\"."_s.arg(parser.value(asOf)),
                kExitUsage);
        }
        syncOptions.clock = [when] { return when.toUTC(); };
    }
    config::SecretStore secrets;
    auto client = makeApiClient(settings.value(), secrets);
    if (!client) {
        return fail(command, client.errorMessage());
    }
    auto destination = openDestination(settings.value(), secrets);
    if (!destination) {
        return fail(command, destination.errorMessage());
    }
    TerminalObserver observer;
    if (parser.isSet(plan)) {
        const auto planned = sync::planSync(*client.value(), *destination.value(), syncOptions, observer);
        if (!planned) {
            return fail(command, planned.errorMessage());
        }
        standardOutput() << (options.json(parser)
                                 ? QString::fromUtf8(QJsonDocument(planned->toJson()).toJson()).trimmed() +
                                       u'\n'
                                 : planned->toText());
        standardOutput().flush();
        return planned->failures.isEmpty() ? kExitOk : kExitFailure;
    }
    const auto summary = sync::runSync(*client.value(), *destination.value(), syncOptions, observer);
    if (!summary) {
        return fail(command, summary.errorMessage());
    }
    if (options.json(parser)) {
        standardOutput() << QJsonDocument(summary->toJson()).toJson(QJsonDocument::Indented);
    } else {
        standardOutput()
            << u"%1 units loaded (%2 rows, %3 older rows replaced), %4 already up to date, %5 without "
               u"data, %6 not published yet, %7 failed.\n"_s.arg(summary->unitsLoaded)
                   .arg(summary->rowsLoaded)
                   .arg(summary->rowsReplaced)
                   .arg(summary->unitsUpToDate)
                   .arg(summary->unitsEmpty)
                   .arg(summary->unitsPending)
                   .arg(summary->unitsFailed);
    }
    standardOutput().flush();
    if (summary->budgetSpent()) {
        return kExitBudgetSpent;
    }
    return summary->ok() ? kExitOk : kExitFailure;
}

int runQueryCommand(const QStringList &arguments)
{
    const QString command = u"query"_s;
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Runs SQL against the destination and prints the result as "
                                     u"tab-separated text (or JSON). On SQLite the "
                                     u"tables are attached under the schema name, so `SELECT * FROM "
                                     u"apple_app_store.downloads` works as on "
                                     u"PostgreSQL."_s);
    parser.addPositionalArgument(u"SQL"_s, u"The statement to run (or use --file)."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    options.addJsonOption(parser);
    const QCommandLineOption file(u"file"_s, u"Read the SQL from this file."_s, u"FILE"_s);
    parser.addOption(file);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        return fail(command, parser.errorText() + u". See `ascsync query --help`."_s, kExitUsage);
    }
    if (parser.isSet(help)) {
        standardOutput() << parser.helpText().replace(arguments.value(0), u"ascsync query"_s);
        standardOutput().flush();
        return kExitOk;
    }
    QString sql = parser.positionalArguments().join(u' ');
    if (parser.isSet(file)) {
        QFile input(parser.value(file));
        if (!input.open(QIODevice::ReadOnly)) {
            return fail(command, u"cannot read %1: %2"_s.arg(parser.value(file), input.errorString()));
        }
        sql = QString::fromUtf8(input.readAll());
    }
    if (sql.trimmed().isEmpty()) {
        return fail(
            command,
            u"give the SQL to run, e.g. `ascsync query 'SELECT count(*) FROM apple_app_store.downloads'`, "
            u"or --file FILE."_s,
            kExitUsage);
    }
    const auto settings = options.resolve(parser);
    if (!settings) {
        return fail(command, settings.errorMessage(), kExitUsage);
    }
    config::SecretStore secrets;
    auto destination = openDestination(settings.value(), secrets);
    if (!destination) {
        return fail(command, destination.errorMessage());
    }
    const bool json = options.json(parser);
    QStringList columns;
    QJsonArray rows;
    QTextStream &out = standardOutput();
    const auto result =
        (*destination)
            ->query(
                sql,
                [&](const QStringList &names) {
                    columns = names;
                    if (!json) {
                        out << names.join(u'\t') << '\n';
                    }
                },
                [&](const QList<QString> &values) {
                    if (json) {
                        QJsonObject row;
                        for (qsizetype i = 0; i < values.size(); ++i) {
                            row.insert(columns.value(i),
                                       values[i].isNull() ? QJsonValue() : QJsonValue(values[i]));
                        }
                        rows.append(row);
                    } else {
                        QStringList cells;
                        for (const QString &value : values) {
                            cells << (value.isNull() ? u"NULL"_s : value);
                        }
                        out << cells.join(u'\t') << '\n';
                    }
                    return true;
                });
    if (!result) {
        return fail(command, result.errorMessage());
    }
    if (json) {
        out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    }
    out.flush();
    return kExitOk;
}

} // namespace ascsync::cli
