#include "secretstore.h"

#include "configlog.h"

#include "core/common/blockingcall.h"

#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace ascsync::config {

namespace {

const QString kNoKeychainAdvice =
    u"ascsync never stores keys or passwords in plain text. Start your desktop's keyring (GNOME Keyring or "
    u"KWallet) and try again, or do without it: give the key file with --key-file PATH (or ASC_KEY_FILE) and "
    u"the "
    u"database password with PGPASSWORD or ~/.pgpass."_s;

Error describeFailure(QKeychain::Error error, const QString &detail, const QString &what)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return makeError(u"keychain.unavailable"_s,
                         u"No system keychain is available (%1). "_s.arg(detail) + kNoKeychainAdvice);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return makeError(u"keychain.denied"_s,
                         u"The keychain refused access to %1 (%2). Unlock your keyring, allow "
                         u"ascsync access, and try again."_s.arg(what, detail));
    case QKeychain::EntryNotFound:
        return makeError(
            u"keychain.notFound"_s,
            u"The keychain holds no %1. Store it again (ascsync login, or the setup wizard)."_s.arg(what));
    case QKeychain::CouldNotDeleteEntry:
        return makeError(u"keychain.deleteFailed"_s,
                         u"The keychain could not delete %1 (%2). Remove it with your keyring manager "
                         u"(Seahorse or KWalletManager)."_s.arg(what, detail));
    case QKeychain::NoError:
    case QKeychain::OtherError:
        break;
    }
    // QtKeychain reports a missing D-Bus session ("Could not connect: ...") or a missing Secret Service
    // ("org.freedesktop.secrets was not provided by any .service files") as OtherError with D-Bus's text.
    static const QStringList unavailableMarkers{u"Could not connect"_s, u"org.freedesktop"_s, u"D-Bus"_s,
                                                u"DBus"_s, u"ServiceUnknown"_s};
    const bool unavailable =
        std::any_of(unavailableMarkers.begin(), unavailableMarkers.end(),
                    [&](const QString &m) { return detail.contains(m, Qt::CaseInsensitive); });
    if (unavailable) {
        return makeError(u"keychain.unavailable"_s,
                         u"No system keychain is available (%1). "_s.arg(detail) + kNoKeychainAdvice);
    }
    return makeError(u"keychain.failed"_s, u"The keychain failed while handling %1: %2."_s.arg(what, detail));
}

QString describeEntry(const QString &account, const QString &name)
{
    return u"\"%1\" for %2"_s.arg(name, account);
}

// Runs `job`, delivering exactly one outcome: the job's, or a timeout error if the job outlives `timeout`.
// The job is never deleted by us; QtKeychain's auto-delete frees it whenever it finally finishes.
void runJob(QObject *context, QKeychain::Job *job, std::chrono::milliseconds timeout, const QString &what,
            std::function<void(QKeychain::Job *, std::optional<Error>)> deliver)
{
    auto delivered = std::make_shared<bool>(false);
    QObject::connect(job, &QKeychain::Job::finished, context, [=](QKeychain::Job *finished) {
        if (*delivered) {
            return;
        }
        *delivered = true;
        if (finished->error() == QKeychain::NoError) {
            deliver(finished, std::nullopt);
        } else {
            qCInfo(lcConfig) << "keychain job failed:" << finished->error() << finished->errorString();
            deliver(finished, describeFailure(finished->error(), finished->errorString(), what));
        }
    });
    QTimer::singleShot(timeout, context, [=] {
        if (*delivered) {
            return;
        }
        *delivered = true;
        qCWarning(lcConfig) << "keychain job abandoned after" << timeout.count() << "ms";
        deliver(nullptr,
                makeError(u"keychain.timeout"_s,
                          u"The keychain did not answer within %1 seconds while handling %2. If it is "
                          u"locked, unlock it (a password prompt may be waiting) and try again."_s
                              .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count())
                              .arg(what)));
    });
    job->start();
}

} // namespace

SecretStore::SecretStore(QString service, std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
    , m_timeout(timeout)
{}

QString SecretStore::entryKey(const QString &account, const QString &name)
{
    return account + u'/' + name;
}

void SecretStore::write(const QString &account, const QString &name, const QByteArray &secret,
                        StatusCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(entryKey(account, name));
    job->setBinaryData(secret);
    runJob(this, job, m_timeout, describeEntry(account, name),
           [done = std::move(done)](QKeychain::Job *, std::optional<Error> error) {
               done(error ? Status(*error) : Status());
           });
}

void SecretStore::read(const QString &account, const QString &name, SecretCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(entryKey(account, name));
    runJob(this, job, m_timeout, describeEntry(account, name),
           [done = std::move(done)](QKeychain::Job *finished, std::optional<Error> error) {
               if (error) {
                   done(*error);
               } else {
                   done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
               }
           });
}

void SecretStore::remove(const QString &account, const QString &name, StatusCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(entryKey(account, name));
    runJob(this, job, m_timeout, describeEntry(account, name),
           [done = std::move(done)](QKeychain::Job *, std::optional<Error> error) {
               done(error ? Status(*error) : Status());
           });
}

Status SecretStore::writeNow(const QString &account, const QString &name, const QByteArray &secret)
{
    return blockingCall<Status>([&](auto done) { write(account, name, secret, std::move(done)); });
}

Result<QByteArray> SecretStore::readNow(const QString &account, const QString &name)
{
    return blockingCall<Result<QByteArray>>([&](auto done) { read(account, name, std::move(done)); });
}

Status SecretStore::removeNow(const QString &account, const QString &name)
{
    return blockingCall<Status>([&](auto done) { remove(account, name, std::move(done)); });
}

} // namespace ascsync::config
