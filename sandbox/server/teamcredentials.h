#pragma once

#include "keyregistry.h"

#include <QString>

namespace ascsync::sandbox {

// The two team keys every simulator run trusts, kept in the state directory like a user keeps downloads:
// credentials.json (ids and file paths, no key material) beside AuthKey_<KEYID>.p8 files (mode 0600).
// An existing set is reused, so a client configured once keeps working across restarts.
class TeamCredentials {
public:
    // Loads credentials.json from `stateDir`, or creates both keys there. Returns false with `error`.
    bool loadOrCreate(const QString &stateDir, QString *error);

    // Rewrites credentials.json with the current vendor number and API origin (they may change per run).
    bool write(const QString &vendorNumber, const QString &apiBaseUrl, QString *error) const;

    const RegisteredKey &admin() const { return m_admin; }
    const RegisteredKey &reader() const { return m_reader; }
    QString adminKeyFile() const { return m_adminKeyFile; }
    QString readerKeyFile() const { return m_readerKeyFile; }
    QString credentialsPath() const;

private:
    bool load(QString *error);
    bool create(QString *error);

    QString m_stateDir;
    RegisteredKey m_admin;
    RegisteredKey m_reader;
    QString m_adminKeyFile;
    QString m_readerKeyFile;
};

} // namespace ascsync::sandbox
