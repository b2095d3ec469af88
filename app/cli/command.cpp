#include "command.h"

#include "core/common/plaintext.h"

#include <QFile>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

QTextStream &standardOutput()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &standardError()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &command, const QString &message, int code)
{
    standardError() << "ascsync " << command << ": " << escapeForTerminal(message) << Qt::endl;
    return code;
}

QString flagOrEnvironment(const QCommandLineParser &parser, const QString &flag, const char *variable)
{
    if (parser.isSet(flag)) {
        return parser.value(flag);
    }
    return qEnvironmentVariable(variable);
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments,
                               const QString &command)
{
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        return fail(command, parser.errorText() + u". See `ascsync %1 --help`."_s.arg(command), kExitUsage);
    }
    if (parser.isSet(help)) {
        standardOutput() << parser.helpText().replace(arguments.value(0), u"ascsync "_s + command);
        standardOutput().flush();
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return fail(command,
                    u"unexpected argument \"%1\". See `ascsync %2 --help`."_s.arg(
                        parser.positionalArguments().constFirst(), command),
                    kExitUsage);
    }
    return std::nullopt;
}

Result<QDate> dayOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return QDate();
    const QString text = parser.value(option);
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (!day.isValid() || text.size() != 10) {
        return makeError(u"usage"_s, u"--%1 takes a day as YYYY-MM-DD, not \"%2\"."_s.arg(
                                         option.names().constFirst(), escapeControlCharacters(text)));
    }
    return day;
}

Result<std::optional<QDateTime>> timeOption(const QCommandLineParser &parser,
                                            const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return std::optional<QDateTime>();
    const QString text = parser.value(option);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
        return makeError(u"usage"_s, u"--%1 needs a time like 2026-11-21T06:00:00Z, not \"%2\"."_s.arg(
                                         option.names().constFirst(), escapeControlCharacters(text)));
    }
    return std::optional<QDateTime>(time);
}

Result<auth::P8Key> loadKeyArgument(const QString &path)
{
    if (path != u"-"_s) {
        return auth::P8Key::fromFile(path);
    }
    // The descriptor, unbuffered: stdio's FILE buffer would keep a copy of the key nobody wipes.
    QFile input;
    if (!input.open(STDIN_FILENO, QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        return makeError(u"key.unreadable"_s, u"Cannot read the key from standard input."_s);
    }
    QByteArray pem(64 * 1024, '\0');
    qsizetype got = 0;
    while (got < pem.size()) {
        const qint64 n = input.read(pem.data() + got, pem.size() - got);
        if (n <= 0) {
            break;
        }
        got += n;
    }
    pem.truncate(got);                           // same buffer, no copy
    return auth::P8Key::fromPem(std::move(pem)); // fromPem wipes the bytes it was given
}

} // namespace ascsync::cli
