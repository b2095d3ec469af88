#pragma once

#include "core/common/result.h"
#include "core/storage/destination.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace ascsync::cli {

// `ascsync query --report NAME`: the desktop app's reads of the destination (core/metrics), printed.
struct NamedReportRequest {
    QString name;
    QString appId; // empty: every app with data (conversion-rate only)
    QDate from;    // invalid: from the first day there is
    QDate to;      // invalid: to the last day there is
};

struct ReportTable {
    QStringList columns;
    QList<QList<QString>> rows;
};

// The names `--report` takes, each with a sentence for --help.
QList<QPair<QString, QString>> namedReports();

// A known name, --app where the report needs one, --from not after --to; the error says which and how.
Status checkNamedReportRequest(const NamedReportRequest &request);

Result<ReportTable> runNamedReport(storage::Destination &destination, const NamedReportRequest &request);

} // namespace ascsync::cli
