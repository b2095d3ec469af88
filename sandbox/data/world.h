#pragma once

// The simulator's data universe: apps, analytics reports, instances, segment files, sales and finance files.
// Everything here is a pure, deterministic function of WorldOptions (same options -> same bytes). It knows
// nothing about HTTP, JWTs or mutable request state; the server (sandbox/server*) owns those and asks this
// class what exists. It shares no code with ascsync's client (core/): one misunderstanding must not pass on
// both sides.

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace ascsync::sandbox {

struct WorldOptions {
    quint64 seed = 1;
    int appCount = 3;
    QDate historyStart = QDate(2024, 1, 1); // first Date any analytics or sales file may contain
    QDate today;                            // the simulator's "today" (UTC); must be valid
    QString vendorNumber;                   // empty: derived from the seed (8 digits, like Apple's)
    // Multiplies every app's traffic. At 1.0 the big app's daily Standard engagement file has ~15,000 rows
    // and a full-history snapshot of it takes a minute to generate; demos and tests may want less.
    double trafficScale = 1.0;
    // SALES files for periods that begin before this date have Apple's older 22-column layout (up to `CMB`);
    // later ones the current 28 columns. Real files switched about 2016 (issue 15); tests move the date into
    // the one-year window a client can still download.
    QDate legacySalesLayoutBefore = QDate(2016, 1, 1);
    // Report type -> the only version Apple still serves (e.g. SUBSCRIPTION -> 1_4): a request for another
    // version gets Apple's 400 naming it as the latest. Types not listed keep API-NOTES §6.1's versions.
    QMap<QString, QString> currentSalesVersions;
    // What users of Apple's API report (issue 18): days that go missing for good. Each processing date in
    // skippedInstances has no ONGOING daily instance; each in duplicateInstances has one that repeats the
    // previous processing date's instance byte for byte. Either way the Date before it is in no ONGOING
    // instance; a ONE_TIME_SNAPSHOT still holds it.
    QList<QDate> skippedInstances;
    QList<QDate> duplicateInstances;
};

struct SimApp {
    QString id; // numeric Apple ID as a string, e.g. "1476097583"
    QString name;
    QString bundleId;
    QString sku;
    QString primaryLocale;
};

enum class AccessType { Ongoing, OneTimeSnapshot };
enum class Granularity { Daily, Weekly, Monthly };
enum class Drift { None, NewColumn, ReorderedColumns };

struct ReportSpec {
    QString name;     // API name, e.g. "App Downloads Standard"
    QString category; // APP_USAGE | APP_STORE_ENGAGEMENT | COMMERCE | FRAMEWORK_USAGE | PERFORMANCE
};

struct InstanceSpec {
    QString id; // stable, derived from seed, app, report, access type, granularity and processingDate
    Granularity granularity = Granularity::Daily;
    QDate processingDate;
};

struct SegmentSpec {
    QString id;       // stable
    QByteArray gzip;  // the whole .txt.gz segment: a header line, then rows, tab-separated, '\n' line ends
    QString checksum; // lower-case MD5 hex of `gzip`
};

// Faults a report file can carry (the server's --faults): what a truncated or edited file, or a file Apple
// produced for another period, looks like to a client.
struct FileTamper {
    bool wrongPeriod = false; // the file's own Begin/End (Start/End) dates name the previous period
    bool droppedRow = false;  // FINANCIAL: the last data row is missing, the trailer still counts it
    QString cacheSuffix() const;
};

struct FileResult {
    enum class Kind { Ok, BadRequest, NoSales, NotYetAvailable, Gone };
    Kind kind = Kind::Ok;
    QByteArray gzip;   // Kind::Ok only: the gzip-compressed TSV file
    QString detail;    // error kinds: Apple-like wording for the errors[].detail member
    QString parameter; // Kind::BadRequest: the query parameter at fault, e.g. "filter[frequency]"
};

class World {
public:
    explicit World(WorldOptions options);
    ~World();
    World(const World &) = delete;
    World &operator=(const World &) = delete;

    const WorldOptions &options() const;
    QString vendorNumber() const;
    const QList<SimApp> &apps() const;

    // The analytics reports Apple lists for every request of an app (same catalogue for each app).
    QList<ReportSpec> reports() const;

    // Instances of one report that exist on options().today for a request of `access` whose reports became
    // available on `readyDate` (the request's creation plus Apple's generation delay). `stoppedOn`, when
    // valid, is the date an ONGOING request was stopped for inactivity: no instance is processed after it.
    // Ongoing: daily instances for the last 35 days (Apple keeps them 35 days), weekly (Fridays, for the
    // previous Monday-Sunday), monthly (the 5th, for the previous month); nothing processed before readyDate.
    // One-time snapshot: history from historyStart up to readyDate, one instance per granularity.
    QList<InstanceSpec> instances(const QString &appId, const QString &reportName, AccessType access,
                                  QDate readyDate, QDate stoppedOn = QDate()) const;

    // The segments (files) of one instance; large instances have several. `drift` alters the file's columns.
    // Results are cached: repeated calls are cheap and return identical bytes.
    QList<SegmentSpec> segments(const QString &appId, const QString &reportName, const InstanceSpec &instance,
                                Drift drift = Drift::None) const;

    // GET /v1/salesReports. `filters` keys without the "filter[...]" wrapping: reportType, reportSubType,
    // frequency, reportDate, version, vendorNumber (absent keys are simply missing).
    FileResult salesReport(const QMap<QString, QString> &filters, FileTamper tamper = {}) const;

    // GET /v1/financeReports. Keys: reportType, regionCode, reportDate, vendorNumber.
    FileResult financeReport(const QMap<QString, QString> &filters, FileTamper tamper = {}) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

QString toApiString(AccessType access);       // "ONGOING" / "ONE_TIME_SNAPSHOT"
QString toApiString(Granularity granularity); // "DAILY" / "WEEKLY" / "MONTHLY"

} // namespace ascsync::sandbox
