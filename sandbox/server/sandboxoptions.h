#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ascsync::sandbox {

// Everything `ascsync-sandbox` can be told on its command line (see helpText()).
struct SandboxOptions {
    quint16 port = 0;        // API origin; 0 picks a free port
    quint16 segmentPort = 0; // the second origin serving pre-signed segment downloads
    QString stateDir;        // empty: a temporary directory for this run
    QString keysFile;        // further trusted keys
    quint64 seed = 1;
    int apps = 3;
    int enabledApps = -1; // -1: all apps
    QDate historyStart = QDate(2024, 1, 1);
    QDate today;                                       // invalid: the current UTC date
    QDate legacySalesLayoutBefore = QDate(2016, 1, 1); // see WorldOptions
    QMap<QString, QString> salesReportVersions;        // see WorldOptions::currentSalesVersions
    int latencyMs = 0;
    int rateLimit = 3600;
    QString faults;
    QString requestsLog;
    int reportDelaySeconds = 60;
    int urlTtlSeconds = 300;
    int slowMs = 20000;
    double trafficScale =
        1.0;              // multiplies every app's traffic: small for fast tests, 1.0 for realistic demos
    QByteArray urlSecret; // empty: random per run (tests set it to compare URLs across runs)
    // Outages of Apple's ONGOING daily instances (see WorldOptions): processing dates skipped, and processing
    // dates whose instance repeats the one before it.
    QList<QDate> skippedInstances;
    QList<QDate> duplicateInstances;
};

class SandboxOptionsParser {
public:
    struct Outcome {
        SandboxOptions options;
        bool helpRequested = false;
        QString error; // non-empty: the arguments are unusable, say why
    };

    // `arguments` includes the program name first, as QCoreApplication::arguments() does.
    static Outcome parse(const QStringList &arguments);
    static QString helpText();
};

} // namespace ascsync::sandbox
