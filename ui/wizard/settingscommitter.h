#pragma once

#include "core/config/secretstore.h"
#include "core/config/settings.h"

#include <QObject>

namespace ascsync::ui {

// Saves what the wizard or the settings dialog collected, secrets first: the API key's PEM and the PostgreSQL
// password go to the keychain (asynchronously, never into the file), and only when they are stored is the
// settings file written -- so a failed keychain never leaves settings that point at a key that is not there.
class SettingsCommitter : public QObject {
    Q_OBJECT
public:
    SettingsCommitter(config::SecretStore &secrets, QString settingsPath, QObject *parent = nullptr);

    // `apiKeyPem` empty: the key is already stored (or settings.keyFile names it). `databasePassword` empty:
    // the keychain entry is left as it is (libpq may use ~/.pgpass or PGPASSWORD instead).
    void commit(const config::Settings &settings, const QByteArray &apiKeyPem,
                const QString &databasePassword);
    bool isBusy() const { return m_busy; }
    QString settingsPath() const { return m_path; }
    void setSettingsPath(const QString &path) { m_path = path; }

Q_SIGNALS:
    // `message` says what failed and what to do next; empty on success.
    void finished(bool ok, const QString &message);

private:
    void storeDatabasePassword(const config::Settings &settings, const QString &password);
    void saveFile(const config::Settings &settings);
    void finish(bool ok, const QString &message);

    config::SecretStore &m_secrets;
    QString m_path;
    bool m_busy = false;
};

} // namespace ascsync::ui
