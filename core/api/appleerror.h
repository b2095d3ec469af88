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

// A sentence for the user: what App Store Connect said for this HTTP status, and what to do next.
QString describeHttpFailure(int httpStatus, const QList<AppleError> &errors, const QString &what);

} // namespace ascsync::api
