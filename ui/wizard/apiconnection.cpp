#include "apiconnection.h"

#include "core/api/apiclient.h"
#include "core/auth/tokenprovider.h"
#include "core/status/statusqueries.h"
#include "core/storage/destination.h"
#include "core/sync/syncsetup.h"

#include <QMutexLocker>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace ascsync::ui {

namespace {

Error cancelledError()
{
    return makeError(u"api.cancelled"_s, u"The check was cancelled."_s);
}

// Attaches a client to a cancellation for the lifetime of one call.
class AttachedClient {
public:
    AttachedClient(ApiCancellation &cancellation, api::ApiClient &client)
        : m_cancellation(cancellation)
    {
        m_cancellation.attach(&client);
    }
    ~AttachedClient() { m_cancellation.detach(); }
    AttachedClient(const AttachedClient &) = delete;
    AttachedClient &operator=(const AttachedClient &) = delete;

private:
    ApiCancellation &m_cancellation;
};

} // namespace

void ApiCancellation::cancel()
{
    const QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    if (m_client != nullptr) {
        m_client->cancel();
    }
}

bool ApiCancellation::isCancelled() const
{
    const QMutexLocker lock(&m_mutex);
    return m_cancelled;
}

void ApiCancellation::attach(api::ApiClient *client)
{
    const QMutexLocker lock(&m_mutex);
    m_client = client;
    if (m_cancelled) {
        client->cancel();
    }
}

void ApiCancellation::detach()
{
    const QMutexLocker lock(&m_mutex);
    m_client = nullptr;
}

std::unique_ptr<api::ApiClient> makeApiClient(const config::Settings &settings, const auth::P8Key &key)
{
    api::ApiOptions options = sync::apiOptionsFrom(settings);
    // A connection test should answer within seconds; the sync's patient retry budget is not for people
    // waiting at a dialog.
    options.maxAttempts = 2;
    options.transferTimeout = std::chrono::seconds(20);
    return sync::makeApiClient(options, key, sync::claimsFrom(settings));
}

status::StatusOptions requestStatusOptions(const config::Settings &settings)
{
    status::StatusOptions options = status::statusOptionsFor(settings, status::StatusQuery{});
    // Only what the sync will load, so the check stays short.
    options.granularities = settings.granularities;
    return options;
}

namespace {

// The planner's messages are not needed: the plan carries its notes and failures.
class SilentObserver : public sync::SyncObserver {
public:
    void message(Level, const QString &) override {}
    void progress(const QString &, int, int) override {}
};

} // namespace

Result<sync::SyncPlan> estimateFirstSync(const config::Settings &settings, const auth::P8Key &key,
                                         ApiCancellation &cancellation)
{
    if (cancellation.isCancelled()) {
        return cancelledError();
    }
    QTemporaryDir empty;
    const auto spec = storage::DestinationSpec::parse(u"sqlite:"_s + empty.filePath(u"plan.db"_s));
    if (!empty.isValid() || !spec) {
        return makeError(u"plan.temporary"_s, u"Cannot create a temporary folder for the estimate (%1); free "
                                              u"some disk space or set TMPDIR."_s.arg(empty.errorString()));
    }
    auto destination = storage::Destination::open(spec.value());
    if (!destination) {
        return destination.error();
    }
    const auto client = makeApiClient(settings, key);
    const AttachedClient attached(cancellation, *client);
    SilentObserver observer;
    return sync::planSync(*client, *destination.value(), sync::syncOptionsFrom(settings), observer);
}

} // namespace ascsync::ui
