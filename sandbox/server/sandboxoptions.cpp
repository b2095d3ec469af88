#include "sandboxoptions.h"

#include "faultplan.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

struct IntegerOption {
    QString name;
    qint64 minimum;
    qint64 maximum;
};

QList<QCommandLineOption> allOptions()
{
    return {
        {u"port"_s, u"API port on 127.0.0.1 (0: a free port)."_s, u"N"_s, u"0"_s},
        {u"segment-port"_s, u"Port of the second origin that serves segment downloads (0: a free port)."_s,
         u"N"_s, u"0"_s},
        {u"state-dir"_s,
         u"Where credentials.json, the AuthKey_<KEYID>.p8 files and state.json live; reused on restart."_s,
         u"DIR"_s},
        {u"keys"_s, u"JSON list of further trusted keys: {issuerId, keyId, publicKeyPem, role | roles}."_s,
         u"FILE"_s},
        {u"seed"_s, u"Seed of the simulated universe (apps, data, ids, fault draws)."_s, u"N"_s, u"1"_s},
        {u"apps"_s, u"Number of apps."_s, u"N"_s, u"3"_s},
        {u"enabled-apps"_s,
         u"Apps that already have ONGOING and ONE_TIME_SNAPSHOT requests (default: all)."_s, u"N"_s},
        {u"history-start"_s, u"First date of any report data."_s, u"YYYY-MM-DD"_s, u"2024-01-01"_s},
        {u"today"_s, u"The simulated today (default: the current UTC date)."_s, u"YYYY-MM-DD"_s},
        {u"latency-ms"_s, u"Delay added to every response."_s, u"N"_s, u"0"_s},
        {u"rate-limit"_s, u"Requests per key per rolling hour."_s, u"N"_s, u"3600"_s},
        {u"faults"_s, u"Injected faults, name=probability comma-separated."_s, u"SPEC"_s},
        {u"requests-log"_s, u"Append one JSON line per request received (headers as received)."_s, u"FILE"_s},
        {u"report-delay-seconds"_s, u"Apple's report generation delay for new requests."_s, u"N"_s, u"60"_s},
        {u"url-ttl-seconds"_s, u"Lifetime of pre-signed segment URLs."_s, u"N"_s, u"300"_s},
        {u"slow-ms"_s, u"Delay of a response hit by the `slow` fault."_s, u"N"_s, u"20000"_s},
    };
}

bool readInteger(const QCommandLineParser &parser, const IntegerOption &option, qint64 *value, QString *error)
{
    if (!parser.isSet(option.name))
        return true;
    bool ok = false;
    const qint64 parsed = parser.value(option.name).toLongLong(&ok);
    if (!ok || parsed < option.minimum || parsed > option.maximum) {
        *error = u"--%1 must be an integer from %2 to %3, not \"%4\""_s.arg(option.name)
                     .arg(option.minimum)
                     .arg(option.maximum)
                     .arg(parser.value(option.name));
        return false;
    }
    *value = parsed;
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

} // namespace

QString SandboxOptionsParser::helpText()
{
    QCommandLineParser parser;
    parser.addOptions(allOptions());
    parser.addHelpOption();
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

Faults (--faults): http429, http500, reset, truncate, badchecksum, slow, drift, e.g.
"http500=0.1,reset=0.05". Each draw depends on (seed, fault, method + path + query, how many times that
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
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
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
    qint64 port = 0, segmentPort = 0, apps = options.apps, enabledApps = -1, latency = 0,
           rateLimit = options.rateLimit, delay = options.reportDelaySeconds, ttl = options.urlTtlSeconds,
           slow = options.slowMs;
    qint64 seed = 1;
    QString &error = outcome.error;
    const bool integersOk =
        readInteger(parser, {u"port"_s, 0, 65535}, &port, &error) &&
        readInteger(parser, {u"segment-port"_s, 0, 65535}, &segmentPort, &error) &&
        readInteger(parser, {u"seed"_s, 0, std::numeric_limits<qint64>::max()}, &seed, &error) &&
        readInteger(parser, {u"apps"_s, 1, 1000}, &apps, &error) &&
        readInteger(parser, {u"enabled-apps"_s, 0, 1000}, &enabledApps, &error) &&
        readInteger(parser, {u"latency-ms"_s, 0, 600000}, &latency, &error) &&
        readInteger(parser, {u"rate-limit"_s, 1, 100000000}, &rateLimit, &error) &&
        readInteger(parser, {u"report-delay-seconds"_s, 0, 30 * 86400}, &delay, &error) &&
        readInteger(parser, {u"url-ttl-seconds"_s, 1, 7 * 86400}, &ttl, &error) &&
        readInteger(parser, {u"slow-ms"_s, 0, 3600000}, &slow, &error);
    if (!integersOk || !readDate(parser, u"history-start"_s, &options.historyStart, &error) ||
        !readDate(parser, u"today"_s, &options.today, &error))
        return outcome;

    options.port = quint16(port);
    options.segmentPort = quint16(segmentPort);
    options.seed = quint64(seed);
    options.apps = int(apps);
    options.enabledApps = int(enabledApps);
    options.latencyMs = int(latency);
    options.rateLimit = int(rateLimit);
    options.reportDelaySeconds = int(delay);
    options.urlTtlSeconds = int(ttl);
    options.slowMs = int(slow);
    options.stateDir = parser.value(u"state-dir"_s);
    options.keysFile = parser.value(u"keys"_s);
    options.requestsLog = parser.value(u"requests-log"_s);
    options.faults = parser.value(u"faults"_s);

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
