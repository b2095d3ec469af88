#include "schemacommand.h"

#include "clicontext.h"
#include "command.h"
#include "destinationaccess.h"

#include "core/reports/dictionaryformat.h"
#include "core/storage/destinationspec.h"
#include "core/storage/schemadescriber.h"
#include "core/storage/sqlidentifier.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace ascsync::cli {

namespace {

const QString kCommand = u"schema"_s;

// The destination's dictionary, or the message of why it cannot be read. A SQLite file that does not exist
// is not created just to be described.
Result<reports::DataDictionary> describeConfigured(const config::Settings &settings)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    if (!spec)
        return spec.error();
    if (spec->kind() == storage::DestinationSpec::Kind::Sqlite && !QFileInfo::exists(spec->sqlitePath())) {
        return makeError(
            u"cli.schema.missing"_s,
            u"%1 does not exist yet: run `ascsync sync` first, or leave out --destination to see "
            u"the tables ascsync would create."_s.arg(spec->describe()));
    }
    config::SecretStore secrets;
    auto destination = openDestination(settings, secrets);
    if (!destination)
        return destination.error();
    return storage::describeDestination(**destination);
}

} // namespace

int runSchemaCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints the data dictionary: every table with its columns, types, keys and meaning, and how the "
        u"tables relate (rows -> _ascsync_instances -> apps). Without --destination (or "
        u"ASCSYNC_DESTINATION) it describes the tables ascsync knows, as in docs/schema.md; with one, the "
        u"tables that destination has."_s);
    CommonOptions options;
    options.addConnectionOptions(parser);
    options.addDestinationOptions(parser);
    const QCommandLineOption format(u"format"_s, u"markdown (default), json or mermaid (an ER diagram)."_s,
                                    u"FORMAT"_s, u"markdown"_s);
    parser.addOption(format);
    if (const auto exit = parseOrExit(parser, arguments, kCommand))
        return *exit;
    const auto chosen = reports::parseDictionaryFormat(parser.value(format));
    if (!chosen) {
        return fail(kCommand,
                    u"unknown format \"%1\": use markdown, json or mermaid."_s.arg(parser.value(format)),
                    kExitUsage);
    }
    // The catalogue does not depend on the settings file, so docs/schema.md is the same on every machine.
    const bool hasDestination =
        parser.isSet(u"destination"_s) || !qEnvironmentVariableIsEmpty("ASCSYNC_DESTINATION");
    reports::DataDictionary dictionary;
    if (hasDestination) {
        const auto settings = options.resolve(parser);
        if (!settings)
            return fail(kCommand, settings.errorMessage(), kExitUsage);
        auto described = describeConfigured(settings.value());
        if (!described)
            return fail(kCommand, described.errorMessage());
        dictionary = std::move(described).value();
    } else {
        const QString schema =
            parser.isSet(u"schema"_s) ? parser.value(u"schema"_s) : storage::DestinationSpec::defaultSchema();
        if (const Status valid = storage::checkSchemaName(schema); !valid)
            return fail(kCommand, valid.errorMessage(), kExitUsage);
        dictionary = reports::catalogueDictionary(schema);
    }
    standardOutput() << reports::renderDictionary(dictionary, *chosen);
    standardOutput().flush();
    return kExitOk;
}

} // namespace ascsync::cli
