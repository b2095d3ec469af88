#include "sandboxserver.h"

#include "analyticsindex.h"
#include "appsendpoints.h"
#include "faultdraws.h"
#include "jsonapi.h"
#include "loopbackhttpserver.h"
#include "reportdataendpoints.h"
#include "reportfileendpoints.h"
#include "reportrequestendpoints.h"
#include "requeststate.h"
#include "segmentorigin.h"
#include "serverlog.h"

#include "sandbox/data/world.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

QByteArray randomSecret()
{
    QByteArray secret(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(secret.data()), secret.size() / 4);
    return secret;
}

} // namespace

SandboxServer::SandboxServer(SandboxOptions options, ClockSource clock, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(std::move(clock))
    , m_rateLimiter(m_options.rateLimit)
    , m_verifier(m_registry, m_clock)
{}

SandboxServer::~SandboxServer()
{
    // The origins' handlers use the members below: wait for them (and stop listening) before those go.
    delete m_apiServer;
    delete m_segmentOrigin;
}

bool SandboxServer::isBusy() const
{
    return (m_apiServer && m_apiServer->isBusy()) || (m_segmentOrigin && m_segmentOrigin->isBusy());
}

void SandboxServer::removeTemporaryStateDirectory()
{
    if (m_temporaryStateDir) {
        m_temporaryStateDir->remove();
    }
}

QString SandboxServer::apiOrigin() const
{
    return m_apiServer ? u"http://127.0.0.1:%1"_s.arg(m_apiServer->port()) : QString();
}

QString SandboxServer::segmentOrigin() const
{
    return m_segmentOrigin ? m_segmentOrigin->origin() : QString();
}

bool SandboxServer::prepareState(QString *error)
{
    if (m_options.stateDir.isEmpty()) {
        m_temporaryStateDir =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/ascsync-sandbox-XXXXXX"_s);
        if (!m_temporaryStateDir->isValid()) {
            *error =
                u"cannot create a temporary state directory: %1"_s.arg(m_temporaryStateDir->errorString());
            return false;
        }
        m_stateDir = m_temporaryStateDir->path();
    } else {
        m_stateDir = QDir(m_options.stateDir).absolutePath();
    }
    if (!m_credentials.loadOrCreate(m_stateDir, error))
        return false;
    m_registry.add(m_credentials.admin());
    m_registry.add(m_credentials.reader());
    if (!m_options.keysFile.isEmpty()) {
        *error = m_registry.loadTrustedKeysFile(m_options.keysFile);
        if (!error->isEmpty())
            return false;
    }

    RequestState::StartState start;
    start.apps = m_world->apps();
    start.enabledApps = m_options.enabledApps < 0 ? int(start.apps.size()) : m_options.enabledApps;
    start.historyStart = m_options.historyStart;
    start.today = m_today;
    m_requests =
        std::make_unique<RequestState>(m_options.seed, QDir(m_stateDir).absoluteFilePath(u"state.json"_s));
    return m_requests->loadOrInitialize(start, error);
}

bool SandboxServer::start(QString *error)
{
    m_today = m_options.today.isValid() ? m_options.today : m_clock().toUTC().date();
    if (m_today < m_options.historyStart) {
        *error = u"today (%1) is before the history start (%2)"_s.arg(
            m_today.toString(Qt::ISODate), m_options.historyStart.toString(Qt::ISODate));
        return false;
    }
    const std::optional<FaultPlan> faults = FaultPlan::parse(m_options.faults, m_options.seed, error);
    if (!faults)
        return false;
    m_faults = *faults;

    WorldOptions worldOptions;
    worldOptions.seed = m_options.seed;
    worldOptions.appCount = m_options.apps;
    worldOptions.historyStart = m_options.historyStart;
    worldOptions.legacySalesLayoutBefore = m_options.legacySalesLayoutBefore;
    worldOptions.currentSalesVersions = m_options.salesReportVersions;
    worldOptions.today = m_today;
    worldOptions.trafficScale = m_options.trafficScale;
    worldOptions.skippedInstances = m_options.skippedInstances;
    worldOptions.duplicateInstances = m_options.duplicateInstances;
    m_world = std::make_unique<World>(worldOptions);

    if (!prepareState(error))
        return false;
    if (!m_options.requestsLog.isEmpty() && !m_log.open(m_options.requestsLog, error))
        return false;
    m_index = std::make_unique<AnalyticsIndex>(*m_world, *m_requests, m_options.seed);

    SegmentOrigin::Settings settings;
    settings.secret = m_options.urlSecret.isEmpty() ? randomSecret() : m_options.urlSecret;
    settings.urlTtlSeconds = m_options.urlTtlSeconds;
    settings.latencyMs = m_options.latencyMs;
    settings.slowMs = m_options.slowMs;
    m_segmentOrigin = new SegmentOrigin(*m_index, m_faults, m_log, m_clock, settings, this);
    if (!m_segmentOrigin->listen(m_options.segmentPort, error))
        return false;
    m_apiServer =
        new LoopbackHttpServer([this](const HttpRequestData &request) { return handleApi(request); }, this);
    if (!m_apiServer->listenOnLoopback(m_options.port)) {
        *error = m_apiServer->errorString();
        return false;
    }

    m_json = std::make_unique<JsonApi>(apiOrigin());
    registerRoutes();
    return m_credentials.write(m_world->vendorNumber(), apiOrigin(), error);
}

void SandboxServer::registerRoutes()
{
    m_appsEndpoints = std::make_unique<AppsEndpoints>(*m_world);
    m_requestEndpoints = std::make_unique<ReportRequestEndpoints>(*m_world, *m_requests, *m_index,
                                                                  m_options.reportDelaySeconds, m_today);
    m_dataEndpoints = std::make_unique<ReportDataEndpoints>(*m_index, *m_segmentOrigin);
    m_fileEndpoints = std::make_unique<ReportFileEndpoints>(*m_world);
    m_appsEndpoints->registerRoutes(m_router);
    m_requestEndpoints->registerRoutes(m_router);
    m_dataEndpoints->registerRoutes(m_router);
    m_fileEndpoints->registerRoutes(m_router);
}

HttpReply SandboxServer::handleApi(const HttpRequestData &request)
{
    const QDateTime now = m_clock();
    HttpReply reply;
    RateLimiter::Decision budget{true, m_rateLimiter.limit(), m_rateLimiter.limit()};
    // Faults are drawn for authenticated requests within budget only: the gatekeeping stays exact.
    std::optional<FaultDraws> draws;

    const JwtVerifier::Outcome auth = m_verifier.verify(request);
    if (!auth.key) {
        qCDebug(lcSandboxServer) << request.method << request.path << "refused:" << auth.reason;
        reply = ApiReply::error(*auth.error);
    } else if (budget = m_rateLimiter.consume(auth.key->keyId, now.toMSecsSinceEpoch()); !budget.allowed) {
        reply = ApiReply::error(ApiError::rateLimitExceeded());
    } else {
        draws.emplace(m_faults, QString::fromLatin1(request.method) + u' ' + request.path +
                                    (request.rawQuery.isEmpty() ? QString() : u'?' + request.rawQuery));
        reply = dispatch(request, *auth.key, now, *draws);
    }

    reply.setHeader(QByteArrayLiteral("X-Rate-Limit"), budget.headerValue());
    reply.delayMs += m_options.latencyMs;
    if (draws)
        draws->label(reply);
    m_log.record(u"api"_s, now, request, reply, draws ? draws->firedNames() : QString());
    return reply;
}

HttpReply SandboxServer::dispatch(const HttpRequestData &request, const RegisteredKey &key,
                                  const QDateTime &now, FaultDraws &draws)
{
    using Fault = FaultPlan::Fault;
    HttpReply reply;
    if (draws.fires(Fault::Reset)) {
        reply.delivery = HttpReply::Delivery::Reset;
        return reply;
    }
    if (draws.fires(Fault::Http500)) {
        reply = ApiReply::error(ApiError::unexpected());
    } else if (draws.fires(Fault::Http429)) {
        reply = ApiReply::error(ApiError::rateLimitExceeded());
    } else {
        reply = route(request, key, now, draws);
        if (!reply.body.isEmpty() && draws.fires(Fault::Truncate))
            reply.delivery = HttpReply::Delivery::Truncate;
    }
    if (draws.fires(Fault::Slow))
        reply.delayMs += m_options.slowMs;
    return reply;
}

HttpReply SandboxServer::route(const HttpRequestData &request, const RegisteredKey &key, const QDateTime &now,
                               FaultDraws &draws)
{
    const std::variant<ApiRouter::Match, ApiError> match = m_router.match(request.method, request.path);
    if (const ApiError *error = std::get_if<ApiError>(&match))
        return ApiReply::error(*error);
    const ApiRouter::Match &route = std::get<ApiRouter::Match>(match);
    if (const std::optional<ApiError> refusal = AccessPolicy::check(key, route.route->access))
        return ApiReply::error(*refusal);
    const ApiCall call{request, route.parameters, key, now, *m_json, draws};
    return route.route->handler(call);
}

} // namespace ascsync::sandbox
