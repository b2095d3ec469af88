#include "apierror.h"

#include "stableid.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

QJsonObject ApiError::toJsonObject() const
{
    // Apple gives every error an id; ours is derived from its content so that documents stay reproducible.
    QJsonObject error{
        {u"id"_s, StableId::uuid({QByteArray::number(status), code.toUtf8(), detail.toUtf8(),
                                  sourceParameter.toUtf8(), sourcePointer.toUtf8()})},
        {u"status"_s, QString::number(status)}, // a string, as in Apple's documents
        {u"code"_s, code},
        {u"title"_s, title},
        {u"detail"_s, detail},
    };
    if (!sourceParameter.isEmpty())
        error.insert(u"source"_s, QJsonObject{{u"parameter"_s, sourceParameter}});
    else if (!sourcePointer.isEmpty())
        error.insert(u"source"_s, QJsonObject{{u"pointer"_s, sourcePointer}});
    return error;
}

QByteArray ApiError::toDocument() const
{
    return QJsonDocument(QJsonObject{{u"errors"_s, QJsonArray{toJsonObject()}}})
        .toJson(QJsonDocument::Compact);
}

ApiError ApiError::notAuthorized()
{
    // Verbatim from bodies clients observed (API-NOTES §1).
    return {
        401,
        u"NOT_AUTHORIZED"_s,
        u"Authentication credentials are missing or invalid."_s,
        u"Provide a properly configured and signed bearer token, and make sure that it has not expired. "
        "Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens"_s,
        {},
        {}};
}

ApiError ApiError::forbidden(const QString &detail)
{
    // Title as Apple sends it for role and scope refusals [observed; UNVERIFIED in reference/].
    return {403, u"FORBIDDEN_ERROR"_s, u"This request is forbidden for security reasons"_s, detail, {}, {}};
}

ApiError ApiError::resourceNotFound(const QString &type, const QString &id)
{
    return {404,
            u"NOT_FOUND"_s,
            u"The specified resource does not exist"_s,
            u"There is no resource of type '%1' with id '%2'"_s.arg(type, id),
            {},
            {}};
}

ApiError ApiError::pathNotFound()
{
    return {404,
            u"NOT_FOUND"_s,
            u"The specified resource does not exist"_s,
            u"The path provided does not match a defined resource type."_s,
            {},
            {}};
}

ApiError ApiError::methodNotAllowed(const QByteArray &method, const QString &path)
{
    // Code and wording UNVERIFIED: Apple documents the 405 status only (API-NOTES §3).
    return {405,
            u"METHOD_NOT_ALLOWED"_s,
            u"The request method is not valid for the resource path."_s,
            u"The resource '%1' does not allow '%2'."_s.arg(path, QString::fromLatin1(method)),
            {},
            {}};
}

ApiError ApiError::parameterInvalid(const QString &parameter, const QString &detail)
{
    return {400, u"PARAMETER_ERROR.INVALID"_s, u"A parameter has an invalid value"_s, detail, parameter, {}};
}

ApiError ApiError::parameterNotAllowed(const QString &parameter)
{
    return {400,
            u"PARAMETER_ERROR.ILLEGAL"_s,
            u"A parameter is not allowed for this request"_s,
            u"The parameter '%1' can not be used with this request"_s.arg(parameter),
            parameter,
            {}};
}

ApiError ApiError::rateLimitExceeded()
{
    // Verbatim from bodies clients observed (API-NOTES §2).
    return {
        429,
        u"RATE_LIMIT_EXCEEDED"_s,
        u"The request rate limit has been reached."_s,
        u"We've received too many requests for this API. Please wait and try again or slow down your request rate."_s,
        {},
        {}};
}

ApiError ApiError::unexpected()
{
    return {500,
            u"UNEXPECTED_ERROR"_s,
            u"An unexpected error occurred."_s,
            u"An unexpected error occurred on the server side. If this issue continues, contact us at "
            "https://developer.apple.com/contact/."_s,
            {},
            {}};
}

ApiError ApiError::entityUnparsable(const QString &detail)
{
    // Code UNVERIFIED: Apple's answer to a body that is not JSON is not in reference/.
    return {400, u"ENTITY_UNPARSABLE"_s, u"The request entity is not parsable."_s, detail, {}, {}};
}

ApiError ApiError::entityInvalid(int status, const QString &code, const QString &pointer,
                                 const QString &detail)
{
    return {status, code, u"The request entity is not valid."_s, detail, {}, pointer};
}

ApiError ApiError::duplicateEntity()
{
    // Detail as observed; the code is reported as ENTITY_ERROR by one client and STATE_ERROR by another
    // (API-NOTES §4.3) - we send ENTITY_ERROR, so clients must branch on the 409 status.
    return {409,
            u"ENTITY_ERROR"_s,
            u"There is a problem with the request entity"_s,
            u"You already have such an entity"_s,
            {},
            {}};
}

ApiError ApiError::reportNotFound(const QString &detail)
{
    return {404, u"NOT_FOUND"_s, u"The specified resource does not exist"_s, detail, {}, {}};
}

ApiError ApiError::reportGone(const QString &detail)
{
    // Status observed by two clients (API-NOTES §6.4); code UNVERIFIED.
    return {410, u"GONE"_s, u"The specified resource is no longer available"_s, detail, {}, {}};
}

ApiError ApiError::agreementsMissing()
{
    // Apple's code for unsigned or expired agreements (issue 18); the wording is UNVERIFIED in reference/.
    return {403,
            u"FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED"_s,
            u"A required agreement is missing or has expired."_s,
            u"This request requires an in-effect agreement that has not been signed or has expired."_s,
            {},
            {}};
}

} // namespace ascsync::sandbox
