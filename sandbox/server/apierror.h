#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ascsync::sandbox {

// One entry of Apple's `errors[]` document (API-NOTES §3) plus its HTTP status. The factories hold the
// wording Apple uses where it is known (§1, §2, §3, §6.4); the rest is marked UNVERIFIED at its factory.
struct ApiError {
    int status = 500;
    QString code;
    QString title;
    QString detail;
    QString sourceParameter; // source.parameter, e.g. "limit"
    QString sourcePointer;   // source.pointer, e.g. "/data/attributes/accessType"

    QJsonObject toJsonObject() const;
    // The whole `{"errors":[...]}` document, compact.
    QByteArray toDocument() const;

    static ApiError notAuthorized();
    static ApiError forbidden(const QString &detail);
    static ApiError resourceNotFound(const QString &type, const QString &id);
    static ApiError pathNotFound();
    static ApiError methodNotAllowed(const QByteArray &method, const QString &path);
    static ApiError parameterInvalid(const QString &parameter, const QString &detail);
    static ApiError parameterNotAllowed(const QString &parameter);
    static ApiError rateLimitExceeded();
    static ApiError unexpected();
    static ApiError entityUnparsable(const QString &detail);
    static ApiError entityInvalid(int status, const QString &code, const QString &pointer,
                                  const QString &detail);
    static ApiError duplicateEntity();
    static ApiError reportNotFound(const QString &detail);
    static ApiError reportGone(const QString &detail);
    static ApiError agreementsMissing();
};

} // namespace ascsync::sandbox
