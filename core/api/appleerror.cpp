#include "api/appleerror.h"

#include "common/plaintext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ascsync::api {

QList<AppleError> parseAppleErrors(const QByteArray &body)
{
    QList<AppleError> errors;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonArray array = document.object().value(u"errors"_s).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        const QJsonObject source = object.value(u"source"_s).toObject();
        AppleError error;
        // Server text ends up in terminals and logs: its control characters are escaped once, here.
        const auto text = [&](const QJsonObject &from, const QString &key) {
            return escapeControlCharacters(from.value(key).toString());
        };
        error.status = text(object, u"status"_s);
        error.code = text(object, u"code"_s);
        error.title = text(object, u"title"_s);
        error.detail = text(object, u"detail"_s);
        error.sourceParameter =
            source.contains(u"parameter"_s) ? text(source, u"parameter"_s) : text(source, u"pointer"_s);
        errors.append(error);
    }
    return errors;
}

QString describeHttpFailure(int httpStatus, const QList<AppleError> &errors, const QString &what)
{
    QString apple;
    if (!errors.isEmpty()) {
        const AppleError &first = errors.constFirst();
        apple = first.detail.isEmpty() ? first.title : first.detail;
        if (!first.sourceParameter.isEmpty()) {
            apple += u" (%1)"_s.arg(first.sourceParameter);
        }
    }
    const QString said = apple.isEmpty() ? QString() : u" App Store Connect said: \"%1\""_s.arg(apple);
    switch (httpStatus) {
    case 401:
        return u"App Store Connect rejected the credentials while %1 (HTTP 401).%2 Likely causes: the Issuer "
               u"ID or "
               u"Key ID does not belong to this key, the key was revoked, or this computer's clock is wrong. "
               u"Check "
               u"them in App Store Connect (Users and Access > Integrations) and run `ascsync login` again."_s
                   .arg(what, said);
    case 403:
        return u"App Store Connect refused access while %1 (HTTP 403).%2 The key's role does not allow this: "
               u"reports need the Admin, Sales and Reports, or Finance role; finance reports need Admin or "
               u"Finance; "
               u"creating report requests needs Admin."_s.arg(what, said);
    case 404:
        return u"App Store Connect found nothing while %1 (HTTP 404).%2 Check the app ID, vendor number or date."_s
            .arg(what, said);
    case 409:
        return u"App Store Connect reported a conflict while %1 (HTTP 409).%2"_s.arg(what, said);
    case 410:
        return u"This report is no longer available while %1 (HTTP 410).%2 Apple keeps daily, weekly and "
               u"monthly "
               u"sales reports for one year."_s.arg(what, said);
    case 429:
        return u"App Store Connect's hourly request limit was reached while %1 (HTTP 429).%2 ascsync retried "
               u"with "
               u"increasing pauses; run the sync again later, it resumes where it stopped."_s.arg(what, said);
    default:
        break;
    }
    if (httpStatus >= 500) {
        return u"App Store Connect had a server error while %1 (HTTP %2).%3 ascsync retried several times; "
               u"try again "
               u"later, the sync resumes where it stopped."_s.arg(what)
                   .arg(httpStatus)
                   .arg(said);
    }
    return u"App Store Connect answered HTTP %1 while %2.%3"_s.arg(httpStatus).arg(what, said);
}

} // namespace ascsync::api
