#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace ascsync::api {

// One entry of App Store Connect's `errors[]` document (API-NOTES §3). Clients branch on `code` only.
struct AppleError {
    QString status;
    QString code;
    QString title;
    QString detail;
    QString sourceParameter; // `source.parameter` or `source.pointer`, when given
};

// Parses an ErrorResponse body; an empty list when the body is not one (e.g. a plain-text 406).
QList<AppleError> parseAppleErrors(const QByteArray &body);

// A sentence for the user: what App Store Connect said for this HTTP status, and what to do next. Known
// codes and situations get their own fix (README "Apple's errors and what to do"): unsigned or expired
// agreements, a vendor number Apple does not know, and the generic advice per status otherwise.
QString describeHttpFailure(int httpStatus, const QList<AppleError> &errors, const QString &what);

// Which report files a request asked for, for advice that depends on it (roles, key kinds).
enum class ReportFiles { Sales, Finance };

// describeHttpFailure for /v1/salesReports and /v1/financeReports: a 403 names the roles these reports need,
// or, for an individual key (no issuer ID), that only team keys can download them.
QString describeReportFileFailure(int httpStatus, const QList<AppleError> &errors, const QString &what,
                                  ReportFiles files, bool individualKey);

// True when the errors name the vendor number (the filter[vendorNumber] parameter, or "vendor number").
bool namesVendorNumber(const QList<AppleError> &errors);

// True when one of `errors` has `code` or a more specific code below it ("FORBIDDEN" matches
// "FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED").
bool hasErrorCode(const QList<AppleError> &errors, QStringView code);

} // namespace ascsync::api
