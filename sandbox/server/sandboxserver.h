#pragma once

#include "apirouter.h"
#include "clocksource.h"
#include "faultplan.h"
#include "jwtverifier.h"
#include "keyregistry.h"
#include "ratelimiter.h"
#include "requestlog.h"
#include "sandboxoptions.h"
#include "teamcredentials.h"

#include <QObject>

#include <memory>

class QTemporaryDir;

namespace ascsync::sandbox {

class AnalyticsIndex;
class AppsEndpoints;
class FaultDraws;
class JsonApi;
class LoopbackHttpServer;
class ReportDataEndpoints;
class ReportFileEndpoints;
class ReportRequestEndpoints;
class RequestState;
class SegmentOrigin;
class World;

// The whole simulator: the API origin (JWT check -> rate limit -> injected faults -> route -> role ->
// endpoint), the segment origin, the team keys and the persisted report requests. Construct, start(),
// and talk to apiOrigin() over loopback HTTP; everything runs on the caller's event loop.
class SandboxServer : public QObject {
    Q_OBJECT

public:
    explicit SandboxServer(SandboxOptions options, ClockSource clock = systemClockSource(),
                           QObject *parent = nullptr);
    ~SandboxServer() override;

    // Binds both origins on 127.0.0.1 and writes the state directory. False with `error` on failure.
    bool start(QString *error);

    QString apiOrigin() const;     // "http://127.0.0.1:PORT"
    QString segmentOrigin() const; // the second origin, for pre-signed downloads
    QString stateDirectory() const { return m_stateDir; }
    bool usesTemporaryStateDirectory() const { return m_temporaryStateDir != nullptr; }
    // A request is being handled (perhaps generating a large report).
    bool isBusy() const;
    // For a quick exit that skips the destructors: removes the temporary state directory, if any.
    void removeTemporaryStateDirectory();
    QDate today() const { return m_today; }
    const World &world() const { return *m_world; }
    const TeamCredentials &credentials() const { return m_credentials; }

private:
    bool prepareState(QString *error);
    void registerRoutes();
    HttpReply handleApi(const HttpRequestData &request);
    // Injected faults, then route().
    HttpReply dispatch(const HttpRequestData &request, const RegisteredKey &key, const QDateTime &now,
                       FaultDraws &draws);
    // Path -> 404/405, role -> 403, then the endpoint.
    HttpReply route(const HttpRequestData &request, const RegisteredKey &key, const QDateTime &now,
                    FaultDraws &draws);

    SandboxOptions m_options;
    ClockSource m_clock;
    QDate m_today;
    std::unique_ptr<QTemporaryDir> m_temporaryStateDir;
    QString m_stateDir;
    std::unique_ptr<World> m_world;
    KeyRegistry m_registry;
    TeamCredentials m_credentials;
    std::unique_ptr<RequestState> m_requests;
    std::unique_ptr<AnalyticsIndex> m_index;
    FaultPlan m_faults;
    RateLimiter m_rateLimiter;
    RequestLog m_log;
    JwtVerifier m_verifier;
    ApiRouter m_router;
    std::unique_ptr<JsonApi> m_json;
    std::unique_ptr<AppsEndpoints> m_appsEndpoints;
    std::unique_ptr<ReportRequestEndpoints> m_requestEndpoints;
    std::unique_ptr<ReportDataEndpoints> m_dataEndpoints;
    std::unique_ptr<ReportFileEndpoints> m_fileEndpoints;
    SegmentOrigin *m_segmentOrigin = nullptr;
    LoopbackHttpServer *m_apiServer = nullptr;
};

} // namespace ascsync::sandbox
