#include "appleerror.h"

#include "core/common/plaintext.h"

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

namespace {

QString appleSaid(const QList<AppleError> &errors)
{
    if (errors.isEmpty()) {
        return QString();
    }
    const AppleError &first = errors.constFirst();
    QString apple = first.detail.isEmpty() ? first.title : first.detail;
    if (!first.sourceParameter.isEmpty()) {
        apple += u" (%1)"_s.arg(first.sourceParameter);
    }
    return apple.isEmpty() ? QString() : u" App Store Connect said: \"%1\""_s.arg(apple.left(500));
}

} // namespace

// A vendor number Apple does not know: the error names the parameter or speaks of the vendor number.
bool namesVendorNumber(const QList<AppleError> &errors)
{
    for (const AppleError &error : errors) {
        if (error.sourceParameter == u"filter[vendorNumber]"_s ||
            error.detail.contains(u"vendor number"_s, Qt::CaseInsensitive) ||
            error.title.contains(u"vendor number"_s, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

namespace {

// Advice for what Apple's code (or the parameter it names) says, whatever the HTTP status; empty if none.
QString describeKnownCode(int httpStatus, const QList<AppleError> &errors, const QString &what)
{
    if (hasErrorCode(errors, u"FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED")) {
        return u"App Store Connect refused %1 because a required agreement is missing or has expired "
               u"(HTTP %2, FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED).%3 The Account Holder must "
               u"sign or renew the agreements (usually the Paid Apps agreement) in App Store Connect under "
               u"Business (Agreements, Tax, and Banking); run the sync again once they show as Active."_s
                   .arg(what)
                   .arg(httpStatus)
                   .arg(appleSaid(errors));
    }
    if ((httpStatus == 400 || httpStatus == 404) && namesVendorNumber(errors)) {
        return u"App Store Connect did not accept the vendor number while %1 (HTTP %2).%3 Check the vendor "
               u"number in App Store Connect under Payments and Financial Reports (shown beside your "
               u"name, top left) and set it with --vendor-number or in the settings."_s.arg(what)
                   .arg(httpStatus)
                   .arg(appleSaid(errors));
    }
    return QString();
}

} // namespace

bool hasErrorCode(const QList<AppleError> &errors, QStringView code)
{
    for (const AppleError &error : errors) {
        if (error.code == code || (error.code.startsWith(code) && error.code.size() > code.size() &&
                                   error.code.at(code.size()) == u'.')) {
            return true;
        }
    }
    return false;
}

QString describeReportFileFailure(int httpStatus, const QList<AppleError> &errors, const QString &what,
                                  ReportFiles files, bool individualKey)
{
    if (httpStatus != 403 || !describeKnownCode(httpStatus, errors, what).isEmpty()) {
        return describeHttpFailure(httpStatus, errors, what);
    }
    if (individualKey) {
        return u"App Store Connect refused %1 (HTTP 403): individual API keys cannot download Sales and "
               u"Trends or finance reports.%2 Create a team key in App Store Connect (Users and Access > "
               u"Integrations > App Store Connect API > Team Keys) with the %3 role and use it with "
               u"`ascsync login`."_s.arg(what, appleSaid(errors),
                                         files == ReportFiles::Finance ? u"Finance"_s
                                                                       : u"Finance or Sales"_s);
    }
    const QString roles =
        files == ReportFiles::Finance
            ? u"finance reports need a key with the Admin or Finance role"_s
            : u"Sales and Trends reports need a key with the Admin, Finance or Sales role"_s;
    return u"App Store Connect refused %1 (HTTP 403): this key's role does not allow it.%2 %3. A key's role "
           u"cannot be changed: create a team key with that role in App Store Connect (Users and Access > "
           u"Integrations) and use it with `ascsync login`."_s.arg(what, appleSaid(errors), roles);
}

QString describeHttpFailure(int httpStatus, const QList<AppleError> &errors, const QString &what)
{
    if (const QString known = describeKnownCode(httpStatus, errors, what); !known.isEmpty()) {
        return known;
    }
    const QString said = appleSaid(errors);
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
