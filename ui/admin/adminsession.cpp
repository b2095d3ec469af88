#include "adminsession.h"

#include "core/admin/curlscript.h"
#include "core/auth/credentialids.h"
#include "core/common/secureerase.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

Result<auth::P8Key> parseKey(AdminKeyInput &input)
{
    if (!input.pem.trimmed().isEmpty()) {
        // Moved, not copied: fromPem then holds the only reference and wipes it (a shared buffer would
        // detach and leave this copy behind).
        return auth::P8Key::fromPem(std::exchange(input.pem, QByteArray()));
    }
    secureErase(input.pem);
    if (input.keyFile.isEmpty()) {
        return makeError(u"admin.key"_s, u"Choose the Admin key's AuthKey_<KEY ID>.p8 file, or paste its "
                                         u"contents."_s);
    }
    return auth::P8Key::fromFile(input.keyFile);
}

} // namespace

QString AdminPlan::scriptFor(const QString &appId, const QUrl &apiBaseUrl) const
{
    QList<admin::AdminAction> only;
    for (const admin::AdminAction &action : actions) {
        if (action.appId == appId) {
            only << action;
        }
    }
    return admin::renderCurlScript(only, token, apiBaseUrl);
}

Result<AdminKey> readAdminKey(AdminKeyInput input)
{
    auto key = parseKey(input);
    const auto issuerId = auth::validateIssuerId(input.issuerId.trimmed());
    if (!issuerId) {
        return issuerId.error();
    }
    const auto keyId = auth::validateKeyId(input.keyId.trimmed());
    if (!keyId) {
        return keyId.error();
    }
    if (!key) {
        return key.error();
    }
    AdminKey adminKey{key.value(), {}};
    adminKey.claims.issuerId = issuerId.value();
    adminKey.claims.keyId = keyId.value();
    return adminKey;
}

} // namespace ascsync::ui
