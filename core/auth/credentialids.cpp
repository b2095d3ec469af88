#include "credentialids.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ascsync::auth {

namespace {

constexpr qsizetype kKeyIdLength = 10;
constexpr qsizetype kUuidLength = 36;

bool isUpperAlnum(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

bool looksLikeKeyId(const QString &text)
{
    return text.size() == kKeyIdLength && std::all_of(text.begin(), text.end(), isUpperAlnum);
}

} // namespace

Result<QString> validateIssuerId(const QString &input)
{
    const QString id = input.trimmed();
    if (id.isEmpty()) {
        return makeError(u"issuerId.empty"_s,
                         u"Enter the Issuer ID: the UUID shown above the key list in App Store "
                         u"Connect (Users and Access > Integrations)."_s);
    }
    if (looksLikeKeyId(id)) {
        return makeError(u"issuerId.isKeyId"_s,
                         u"\"%1\" looks like a Key ID. The Issuer ID is the longer UUID "
                         u"(like 57246542-96fe-1a63-e053-0824d011072a) shown above the key "
                         u"list."_s.arg(id));
    }
    static const QRegularExpression uuid(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    if (uuid.match(id).hasMatch()) {
        return id.toLower();
    }
    const auto bad = std::find_if(id.begin(), id.end(), [](QChar c) {
        return !(c.isDigit() || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F') || c == u'-');
    });
    if (bad != id.end()) {
        return makeError(
            u"issuerId.badCharacter"_s,
            u"The Issuer ID contains \"%1\", but it may hold only hexadecimal digits (0-9, a-f) and "
            u"dashes, like 57246542-96fe-1a63-e053-0824d011072a."_s.arg(*bad));
    }
    if (id.size() != kUuidLength) {
        return makeError(u"issuerId.length"_s,
                         u"The Issuer ID has %1 characters but must have 36 (a UUID like "
                         u"57246542-96fe-1a63-e053-0824d011072a); was part of it cut off "
                         u"when copying?"_s.arg(id.size()));
    }
    return makeError(u"issuerId.format"_s, u"The Issuer ID must be grouped 8-4-4-4-12 with dashes, like "
                                           u"57246542-96fe-1a63-e053-0824d011072a."_s);
}

Result<QString> validateKeyId(const QString &input)
{
    const QString id = input.trimmed();
    if (id.isEmpty()) {
        return makeError(u"keyId.empty"_s, u"Enter the Key ID: the 10 characters in the key's file name "
                                           u"AuthKey_<KEYID>.p8, also listed in App Store Connect."_s);
    }
    static const QRegularExpression fileName(u"^AuthKey_([A-Za-z0-9]+)\\.p8$"_s);
    if (const auto match = fileName.match(id); match.hasMatch()) {
        return makeError(u"keyId.isFileName"_s,
                         u"That is the key's file name. The Key ID is only the part between "
                         u"\"AuthKey_\" and \".p8\": %1."_s.arg(match.captured(1)));
    }
    if (id.contains(u'-') && id.size() > kKeyIdLength) {
        return makeError(u"keyId.isIssuerId"_s, u"This looks like an Issuer ID (a UUID). The Key ID is the "
                                                u"10-character code of the key, like 2X9R4HXF34."_s);
    }
    const auto bad = std::find_if(id.begin(), id.end(), [](QChar c) { return !isUpperAlnum(c.toUpper()); });
    if (bad != id.end()) {
        return makeError(u"keyId.badCharacter"_s,
                         u"The Key ID contains \"%1\", but it may hold only letters A-Z "
                         u"and digits 0-9, like 2X9R4HXF34."_s.arg(*bad));
    }
    if (id.size() != kKeyIdLength) {
        return makeError(u"keyId.length"_s, u"The Key ID has %1 characters but must have exactly 10, like "
                                            u"2X9R4HXF34."_s.arg(id.size()));
    }
    if (id != id.toUpper()) {
        return makeError(u"keyId.lowercase"_s, u"Key IDs are upper-case: use %1."_s.arg(id.toUpper()));
    }
    return id;
}

} // namespace ascsync::auth
