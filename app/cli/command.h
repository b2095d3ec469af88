#pragma once

#include "core/auth/p8key.h"
#include "core/common/result.h"

#include <QCommandLineParser>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace ascsync::cli {

// Exit codes of every `ascsync` command (documented in README.md).
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,      // the command ran and failed: bad key, network, database...
    kExitUsage = 2,        // the command line itself is wrong
    kExitBudgetSpent = 3,  // sync: Apple's hourly request budget ran out; stopped cleanly, run again later
    kExitCoverageGaps = 4, // coverage: some dates are missing (Apple skipped them or published a duplicate)
};

// Terminal output of the command line: results go to stdout, messages for the user to stderr.
QTextStream &standardOutput();
QTextStream &standardError();

// Prints "ascsync <command>: <message>" on stderr and returns `code`.
int fail(const QString &command, const QString &message, int code = kExitFailure);

// The value of a flag, else of an environment variable, else empty: flags override the environment.
QString flagOrEnvironment(const QCommandLineParser &parser, const QString &flag, const char *variable);

// Parses `arguments` (argv[0] is the command name) and handles --help. Returns nothing when the command
// should go on, or the exit code to return at once (after --help, or after reporting a usage error).
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &command);

// A day option (--from, --to): a null QDate when it is not given, a usage error naming the option when it is
// not exactly YYYY-MM-DD.
Result<QDate> dayOption(const QCommandLineParser &parser, const QCommandLineOption &option);

// A time option (--as-of, e.g. 2026-11-21T06:00:00Z), as written: nullopt when it is not given, a usage
// error naming the option when it is not an ISO date and time.
Result<std::optional<QDateTime>> timeOption(const QCommandLineParser &parser,
                                            const QCommandLineOption &option);

// A key given on the command line: a .p8 path, or "-" for standard input. Kept in memory only; the PEM bytes
// are wiped once parsed.
Result<auth::P8Key> loadKeyArgument(const QString &path);

} // namespace ascsync::cli
