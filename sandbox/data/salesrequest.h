#pragma once

#include "world.h"

#include <QDate>
#include <QMap>
#include <QString>

#include <variant>

namespace ascsync::sandbox {

// A validated GET /v1/salesReports request: one of API-NOTES §6.1's tuples and the period its reportDate
// names (§6.2).
struct SalesQuery {
    QString reportType;
    QString reportSubType;
    QString frequency;
    QString version;
    QDate begin; // first day of the period
    QDate end;   // last day of the period

    QString cacheKey() const;
};

// Checks the filters the way Apple does and returns the query, or the error Apple would answer: a 400 for
// missing or invalid filters (naming the parameter), 404 "not available yet" before the report's release,
// 410 past its retention (API-NOTES §6.4).
class SalesRequest {
public:
    // `currentVersions`: report type -> the only version still served (WorldOptions::currentSalesVersions).
    static std::variant<SalesQuery, FileResult> parse(const QMap<QString, QString> &filters,
                                                      const QString &vendorNumber, QDate today,
                                                      const QMap<QString, QString> &currentVersions = {});
    // Apple's 400 for a version it no longer serves [observed: Ponytech/appstoreconnectapi #62, rorkai
    // #1841].
    static FileResult retiredVersion(const QString &latest);

    static QStringList reportTypes();
    static QStringList reportSubTypes();
    static QStringList frequencies();
    // Every valid (type, subType, frequency, version) tuple of §6.1.
    struct Tuple {
        QString reportType;
        QString reportSubType;
        QString frequency;
        QStringList versions; // the last one is the default when filter[version] is omitted
    };
    static const QList<Tuple> &tuples();

    // When a report for the period ending `end` comes out (§6.4), and until when it is kept.
    static QDate releaseDate(const QString &frequency, QDate end);
    static QDate retainedUntil(const QString &frequency, QDate end);

    static QString notYetAvailableDetail();
    static QString noSalesDetail();
    static QString goneDetail();
};

} // namespace ascsync::sandbox
