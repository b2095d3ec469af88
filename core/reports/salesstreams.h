#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::reports {

enum class SalesFrequency { Daily, Weekly, Monthly, Yearly };

// `DAILY` ... as the API spells them, and back (case-insensitive).
QString frequencyName(SalesFrequency frequency);
std::optional<SalesFrequency> parseFrequency(QStringView name);

// One valid (reportType, reportSubType, frequency) combination of /v1/salesReports (API-NOTES §6.1; other
// combinations are errors at Apple) with the `filter[version]` values Apple accepts, the one to send first.
struct SalesStream {
    QString reportType;
    QString reportSubType;
    SalesFrequency frequency;
    QStringList versions;
};

// Every combination of API-NOTES §6.1, in the table's order.
const QList<SalesStream> &salesStreams();

// The entry for a combination, or nothing when Apple does not offer it.
std::optional<SalesStream> findSalesStream(QStringView reportType, QStringView reportSubType,
                                           SalesFrequency frequency);

} // namespace ascsync::reports
