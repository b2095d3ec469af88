#pragma once

#include "core/auth/p8key.h"
#include "core/common/result.h"
#include "core/config/settings.h"
#include "core/status/statuscollector.h"
#include "core/sync/syncplan.h"

#include <QMutex>

#include <memory>

namespace ascsync::api {
class ApiClient;
}

namespace ascsync::ui {

// Lets the UI thread abort an App Store Connect call running on a worker thread (the wizard closed, the user
// changed a field). The worker attaches its client for the duration of the call.
class ApiCancellation {
public:
    void cancel();
    bool isCancelled() const;

    // While attached, cancel() aborts `client` (ApiClient::cancel is thread-safe).
    void attach(api::ApiClient *client);
    void detach();

private:
    mutable QMutex m_mutex;
    api::ApiClient *m_client = nullptr;
    bool m_cancelled = false;
};

// A client for a person waiting at a dialog (few retries, short timeouts), from the settings' IDs and base
// URL and the given key. Used in the UI thread with the asynchronous calls, or by the helpers below.
std::unique_ptr<api::ApiClient> makeApiClient(const config::Settings &settings, const auth::P8Key &key);

// What the wizard asks status::collectStatusAsync for: the report requests of the selected apps
// (settings.apps; empty = all the key sees), as `ascsync status` computes them, without a destination.
// appsWithoutRequests() are the apps the Admin Setup dialog can fix.
status::StatusOptions requestStatusOptions(const config::Settings &settings);

// Blocking, for a worker thread (runInBackground): what a first sync of these settings would cost (`ascsync
// sync --plan` against an empty destination, so nothing is written where the settings point before Finish).
// Planning spends the requests a sync spends before its first download.
Result<sync::SyncPlan> estimateFirstSync(const config::Settings &settings, const auth::P8Key &key,
                                         ApiCancellation &cancellation);

} // namespace ascsync::ui
