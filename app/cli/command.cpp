#include "command.h"

#include "common/plaintext.h"

#include <QFile>

#include <cstdio>

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

Result<auth::P8Key> loadKeyArgument(const QString &path)
{
    if (path != u"-"_s) {
        return auth::P8Key::fromFile(path);
    }
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        return makeError(u"key.unreadable"_s, u"Cannot read the key from standard input."_s);
    }
    return auth::P8Key::fromPem(input.read(64 * 1024)); // fromPem wipes the bytes it was given
}

} // namespace ascsync::cli
