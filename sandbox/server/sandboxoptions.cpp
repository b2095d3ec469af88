#include "sandboxoptions.h"

#include "faultplan.h"

#include <QCommandLineParser>

#include <limits>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

QList<QCommandLineOption> allOptions()
{
    // The defaults shown are SandboxOptions' own, so help and behaviour cannot disagree.
    const SandboxOptions defaults;
    const auto withDefault = [](const QString &text, const auto &value) {
        return u"%1 (default %2)."_s.arg(text).arg(value);
    };
    return {
        {u"port"_s, u"API port on 127.0.0.1 (0: a free port)."_s, u"N"_s},
        {u"segment-port"_s, u"Port of the second origin that serves segment downloads (0: a free port)."_s,
         u"N"_s},
        {u"state-dir"_s,
         u"Where credentials.json, the AuthKey_<KEYID>.p8 files and state.json live; reused on restart."_s,
         u"DIR"_s},
        {u"keys"_s, u"JSON list of further trusted keys: {issuerId, keyId, publicKeyPem, role | roles}."_s,
         u"FILE"_s},
        {u"seed"_s,
         withDefault(u"Seed of the simulated universe: apps, data, ids, fault draws"_s, defaults.seed),
         u"N"_s},
        {u"apps"_s, withDefault(u"Number of apps"_s, defaults.apps), u"N"_s},
        {u"enabled-apps"_s,
         u"Apps that already have ONGOING and ONE_TIME_SNAPSHOT requests (default: all)."_s, u"N"_s},
        {u"history-start"_s,
         withDefault(u"First date of any report data"_s, defaults.historyStart.toString(Qt::ISODate)),
         u"YYYY-MM-DD"_s},
        {u"today"_s, u"The simulated today (default: the current UTC date)."_s, u"YYYY-MM-DD"_s},
        {u"legacy-sales-before"_s,
         withDefault(
             u"SALES files of periods beginning before this date have Apple's older 22-column layout"_s,
             defaults.legacySalesLayoutBefore.toString(Qt::ISODate)),
         u"YYYY-MM-DD"_s},
        {u"report-versions"_s,
         u"The current version of Sales and Trends report types, TYPE=VERSION comma-separated (e.g. "
         u"SUBSCRIPTION=1_4): every other version of that type is refused as Apple refuses a retired one. "
         u"Default: Apple's documented versions."_s,
         u"SPEC"_s},
        {u"latency-ms"_s, withDefault(u"Delay added to every response"_s, defaults.latencyMs), u"N"_s},
        {u"rate-limit"_s, withDefault(u"Requests per key per rolling hour"_s, defaults.rateLimit), u"N"_s},
        {u"faults"_s, u"Injected faults, name=probability comma-separated."_s, u"SPEC"_s},
        {u"requests-log"_s, u"Append one JSON line per request received (headers as received)."_s, u"FILE"_s},
        {u"report-delay-seconds"_s,
         withDefault(u"Apple's report generation delay for new requests"_s, defaults.reportDelaySeconds),
         u"N"_s},
        {u"url-ttl-seconds"_s, withDefault(u"Lifetime of pre-signed segment URLs"_s, defaults.urlTtlSeconds),
         u"N"_s},
        {u"slow-ms"_s, withDefault(u"Delay of a response hit by the `slow` fault"_s, defaults.slowMs),
         u"N"_s},
        {u"skip-instances"_s,
         u"Comma-separated processing dates whose ONGOING daily instances Apple never publishes; the Date "
         u"before each is then in no ONGOING instance (only a snapshot has it)."_s,
         u"DATES"_s},
        {u"duplicate-instances"_s,
         u"Comma-separated processing dates whose ONGOING daily instance repeats the previous one byte for "
         u"byte (identical checksums); the Date before each is then in no ONGOING instance."_s,
         u"DATES"_s},
        {u"traffic-scale"_s,
         u"Multiplies every app's traffic (default 1: realistic volumes; 0.05 makes small, fast test data)."_s,
         u"FACTOR"_s},
    };
}

QCommandLineOption helpOption()
{
    return QCommandLineOption({u"h"_s, u"help"_s}, u"Show this help."_s);
}

// Reads --name into `target` when given; an integer outside [minimum, maximum] is an error.
template <typename Integer>
bool readInteger(const QCommandLineParser &parser, const QString &name, qint64 minimum, qint64 maximum,
                 Integer *target, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 parsed = parser.value(name).toLongLong(&ok);
    if (!ok || parsed < minimum || parsed > maximum) {
        *error =
            u"--%1 must be an integer from %2 to %3, not \"%4\""_s.arg(name).arg(minimum).arg(maximum).arg(
                parser.value(name));
        return false;
    }
    *target = Integer(parsed);
    return true;
}

bool readDate(const QCommandLineParser &parser, const QString &name, QDate *date, QString *error)
{
    if (!parser.isSet(name))
        return true;
    const QDate parsed = QDate::fromString(parser.value(name), u"yyyy-MM-dd"_s);
    if (!parsed.isValid()) {
        *error = u"--%1 must be a date YYYY-MM-DD, not \"%2\""_s.arg(name, parser.value(name));
        return false;
    }
    *date = parsed;
    return true;
}

// --report-versions TYPE=VERSION,...: the version text is not checked (tests make the simulator name a
// hostile "latest version"), only bounded.
bool readReportVersions(const QString &spec, QMap<QString, QString> *versions, QString *error)
{
    for (const QString &entry : spec.split(u',', Qt::SkipEmptyParts)) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString type = entry.left(equals).trimmed();
        const QString version = entry.mid(equals + 1);
        if (equals <= 0 || version.isEmpty() || version.size() > 100000) {
            *error = u"--report-versions takes TYPE=VERSION entries, not \"%1\""_s.arg(entry.left(80));
            return false;
        }
        versions->insert(type, version);
    }
    return true;
}

bool readDates(const QCommandLineParser &parser, const QString &name, QList<QDate> *dates, QString *error)
{
    if (!parser.isSet(name))
        return true;
    for (const QString &text : parser.value(name).split(u',', Qt::SkipEmptyParts)) {
        const QDate parsed = QDate::fromString(text.trimmed(), u"yyyy-MM-dd"_s);
        if (!parsed.isValid()) {
            *error = u"--%1 takes dates YYYY-MM-DD separated by commas, not \"%2\""_s.arg(name, text);
            return false;
        }
        dates->append(parsed);
    }
    return true;
}

} // namespace

QString SandboxOptionsParser::helpText()
{
    QCommandLineParser parser;
    parser.addOptions(allOptions());
    parser.addOption(helpOption());
    return u"ascsync-sandbox: a loopback App Store Connect simulator for tests and demos.\n\n"_s +
           parser.helpText() + uR"(
Output: the first stdout line is "listening on http://127.0.0.1:PORT" (the API origin), the second
"segments on http://127.0.0.1:PORT" (pre-signed downloads), the third where the state directory is.

Keys: the state directory holds credentials.json with two team keys of one issuer: "admin" (role ADMIN)
and "reader" (roles SALES and FINANCE), each {issuerId, keyId, keyFile}, plus "vendorNumber" and
"apiBaseUrl". The AuthKey_<KEYID>.p8 files beside it are PKCS#8 P-256 (mode 0600), reused on restart.

Report requests at start (when state.json does not exist yet): each of the first --enabled-apps apps has an
ONGOING request with reports from --history-start and a ONE_TIME_SNAPSHOT processed 20 days before --today.
When two or more apps are enabled, the last enabled app's ONGOING request is stoppedDueToInactivity,
stopped 10 days before --today. Requests created by clients get their reports --report-delay-seconds later.

Faults (--faults): http429, http500, reset, truncate, badchecksum, slow, drift, wrongperiod (a sales or
FINANCIAL file dated with the previous period), droppedrow (a FINANCIAL file missing its last data row while
its trailer still counts it), agreements (sales and finance reports answer Apple's 403
FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED), notyet (a sales report answers 404 "not available yet"), e.g. "http500=0.1,reset=0.05". Each draw depends on (seed, fault, method + path + query, how many times that
same request was seen), so retries may succeed and a run is reproducible. A faulted answer carries
"X-Sandbox-Fault: <names>", and the requests log names the fault of each request.

Segment downloads: pre-signed URLs on the second origin, valid --url-ttl-seconds; a download that carries
an Authorization header is refused (400), an expired or altered URL answers 403. GET
/v1/analyticsReportSegments/{id} knows the segments listed since the simulator started.
)"_s;
}

SandboxOptionsParser::Outcome SandboxOptionsParser::parse(const QStringList &arguments)
{
    Outcome outcome;
    QCommandLineParser parser;
    parser.addOptions(allOptions());
    const QCommandLineOption help = helpOption();
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        outcome.error = parser.errorText();
        return outcome;
    }
    if (parser.isSet(help)) {
        outcome.helpRequested = true;
        return outcome;
    }
    if (!parser.positionalArguments().isEmpty()) {
        outcome.error = u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().constFirst());
        return outcome;
    }

    SandboxOptions &options = outcome.options;
    QString &error = outcome.error;
    const bool valuesOk =
        readInteger(parser, u"port"_s, 0, 65535, &options.port, &error) &&
        readInteger(parser, u"segment-port"_s, 0, 65535, &options.segmentPort, &error) &&
        readInteger(parser, u"seed"_s, 0, std::numeric_limits<qint64>::max(), &options.seed, &error) &&
        readInteger(parser, u"apps"_s, 1, 1000, &options.apps, &error) &&
        readInteger(parser, u"enabled-apps"_s, 0, 1000, &options.enabledApps, &error) &&
        readInteger(parser, u"latency-ms"_s, 0, 600000, &options.latencyMs, &error) &&
        readInteger(parser, u"rate-limit"_s, 1, 100000000, &options.rateLimit, &error) &&
        readInteger(parser, u"report-delay-seconds"_s, 0, 30 * 86400, &options.reportDelaySeconds, &error) &&
        readInteger(parser, u"url-ttl-seconds"_s, 1, 7 * 86400, &options.urlTtlSeconds, &error) &&
        readInteger(parser, u"slow-ms"_s, 0, 3600000, &options.slowMs, &error) &&
        readDate(parser, u"history-start"_s, &options.historyStart, &error) &&
        readDate(parser, u"today"_s, &options.today, &error) &&
        readDate(parser, u"legacy-sales-before"_s, &options.legacySalesLayoutBefore, &error) &&
        readDates(parser, u"skip-instances"_s, &options.skippedInstances, &error) &&
        readDates(parser, u"duplicate-instances"_s, &options.duplicateInstances, &error);
    if (!valuesOk)
        return outcome;
    options.stateDir = parser.value(u"state-dir"_s);
    options.keysFile = parser.value(u"keys"_s);
    options.requestsLog = parser.value(u"requests-log"_s);
    options.faults = parser.value(u"faults"_s);
    if (!readReportVersions(parser.value(u"report-versions"_s), &options.salesReportVersions, &error))
        return outcome;
    if (parser.isSet(u"traffic-scale"_s)) {
        bool isNumber = false;
        options.trafficScale = parser.value(u"traffic-scale"_s).toDouble(&isNumber);
        if (!isNumber || options.trafficScale <= 0 || options.trafficScale > 100) {
            error = u"--traffic-scale takes a factor above 0 and at most 100, not \"%1\""_s.arg(
                parser.value(u"traffic-scale"_s));
            return outcome;
        }
    }

    if (options.enabledApps > options.apps) {
        error = u"--enabled-apps (%1) cannot exceed --apps (%2)"_s.arg(options.enabledApps).arg(options.apps);
        return outcome;
    }
    if (options.today.isValid() && options.today < options.historyStart) {
        error = u"--today must not be before --history-start"_s;
        return outcome;
    }
    if (!FaultPlan::parse(options.faults, options.seed, &error))
        return outcome;
    return outcome;
}

} // namespace ascsync::sandbox
