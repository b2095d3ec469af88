#pragma once

#include "eckey.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace ascsync::sandbox {

// A key App Store Connect would accept: a team key (tokens carry `iss` = its issuer ID) or an individual
// key (no issuer; tokens carry `sub: "user"`), with the roles of the account it belongs to.
struct RegisteredKey {
    QString keyId;
    QString issuerId;    // empty for an individual key
    QSet<QString> roles; // Apple's UserRole values: ADMIN, FINANCE, SALES, DEVELOPER, ...
    EcKey publicKey;

    bool isIndividual() const { return issuerId.isEmpty(); }
};

class KeyRegistry {
public:
    void add(RegisteredKey key);
    const RegisteredKey *find(const QString &keyId) const;
    QStringList keyIds() const;

    // --keys FILE: a JSON array of { "issuerId", "keyId", "publicKeyPem", "role" | "roles": [...] };
    // an entry without "issuerId" is an individual key. Returns an empty string or what is wrong.
    QString loadTrustedKeysFile(const QString &path);

private:
    QHash<QString, RegisteredKey> m_keys;
};

} // namespace ascsync::sandbox
