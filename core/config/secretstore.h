#pragma once

#include "ascsync/version.h"
#include "core/common/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace ascsync::config {

// The only place ascsync keeps secrets (the regular API key, database passwords): the OS keychain through
// QtKeychain (Secret Service, KWallet, macOS Keychain, Windows Credential Manager). There is deliberately no
// plain-text fallback: without a keychain every call fails with a message naming the alternatives.
//
// Entries are scoped by an account (e.g. an issuer ID or a database URL) so several configurations coexist.
// Each operation has its own timeout: a keychain that never answers (a locked wallet waiting for a prompt) is
// abandoned, not deleted -- QtKeychain jobs delete themselves when they finish, and deleting a pending job
// crashes.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using StatusCallback = std::function<void(Status)>;
    using SecretCallback = std::function<void(Result<QByteArray>)>;

    explicit SecretStore(QString service = QStringLiteral(ASCSYNC_APP_ID),
                         std::chrono::milliseconds timeout = std::chrono::seconds(20),
                         QObject *parent = nullptr);

    // Asynchronous forms: `done` runs exactly once on this object's thread, unless the store is destroyed
    // first.
    void write(const QString &account, const QString &name, const QByteArray &secret, StatusCallback done);
    void read(const QString &account, const QString &name, SecretCallback done);
    void remove(const QString &account, const QString &name, StatusCallback done);

    // Blocking forms for the command line only (they spin a local event loop); the GUI uses the async ones.
    Status writeNow(const QString &account, const QString &name, const QByteArray &secret);
    Result<QByteArray> readNow(const QString &account, const QString &name);
    Status removeNow(const QString &account, const QString &name);

    static QString entryKey(const QString &account, const QString &name);

private:
    const QString m_service;
    const std::chrono::milliseconds m_timeout;
};

} // namespace ascsync::config
