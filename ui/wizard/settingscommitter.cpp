#include "settingscommitter.h"

#include "core/config/apikeystore.h"
#include "core/storage/destinationspec.h"
#include "ui/common/uilog.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

QString keychainAdvice(const Error &error)
{
    if (error.code == u"keychain.unavailable"_s) {
        return error.message + u" In ascsync: tick \"Keep using the key file\" on the Credentials page."_s;
    }
    return error.message;
}

} // namespace

SettingsCommitter::SettingsCommitter(config::SecretStore &secrets, QString settingsPath, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_path(std::move(settingsPath))
{}

void SettingsCommitter::commit(const config::Settings &settings, const QByteArray &apiKeyPem,
                               const QString &databasePassword)
{
    if (m_busy) {
        return;
    }
    if (const Status valid = config::validate(settings); !valid) {
        Q_EMIT finished(false, valid.errorMessage());
        return;
    }
    m_busy = true;
    if (apiKeyPem.isEmpty()) {
        storeDatabasePassword(settings, databasePassword);
        return;
    }
    // The callbacks may outlive this object (the keychain answers late): they check the guard first.
    const QPointer<SettingsCommitter> self(this);
    m_secrets.write(config::ApiKeyStore::account(settings), config::ApiKeyStore::entryName(settings),
                    apiKeyPem, [self, settings, databasePassword](Status stored) {
                        if (!self) {
                            return;
                        }
                        if (!stored) {
                            self->finish(false,
                                         u"The API key could not be stored in the keychain, so nothing "
                                         u"was saved. "_s +
                                             keychainAdvice(stored.error()));
                            return;
                        }
                        self->storeDatabasePassword(settings, databasePassword);
                    });
}

void SettingsCommitter::storeDatabasePassword(const config::Settings &settings, const QString &password)
{
    const auto spec = storage::DestinationSpec::parse(settings.destination, settings.schema);
    if (password.isEmpty() || !spec || spec->kind() != storage::DestinationSpec::Kind::Postgres) {
        saveFile(settings);
        return;
    }
    // Where `ascsync` reads it (app/cli/destinationaccess.cpp): account = the destination URL, entry
    // "password".
    const QPointer<SettingsCommitter> self(this);
    m_secrets.write(spec->toString(), u"password"_s, password.toUtf8(), [self, settings](Status stored) {
        if (!self) {
            return;
        }
        if (!stored) {
            self->finish(false, u"The database password could not be stored in the keychain, so the settings "
                                u"were not saved. "_s +
                                    stored.errorMessage() +
                                    u" Or leave the password empty and give it with ~/.pgpass."_s);
            return;
        }
        self->saveFile(settings);
    });
}

void SettingsCommitter::saveFile(const config::Settings &settings)
{
    const Status saved = config::SettingsFile::save(m_path, settings);
    if (!saved) {
        finish(false, saved.errorMessage());
        return;
    }
    qCInfo(lcUi).noquote() << "settings saved to" << m_path;
    finish(true, QString());
}

void SettingsCommitter::finish(bool ok, const QString &message)
{
    m_busy = false;
    Q_EMIT finished(ok, message);
}

} // namespace ascsync::ui
