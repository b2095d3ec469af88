#include "loopbackhttpserver.h"

#include "serverlog.h"
#include "statelock.h"

#include <QHttpServerRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

constexpr int kHandlerThreads = 4;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

HttpRequestData copyRequest(const QHttpServerRequest &request)
{
    HttpRequestData data;
    data.method = methodName(request.method());
    const QUrl url = request.url();
    data.path = url.path(QUrl::FullyDecoded);
    data.rawQuery = url.query(QUrl::FullyEncoded);
    data.query = QUrlQuery(url.query(QUrl::FullyEncoded));
    data.headers = request.headers();
    data.body = request.body();
    return data;
}

// SO_LINGER with a zero timeout turns close() into a TCP RST: the client sees "connection reset by peer"
// instead of an orderly end of stream, which is what a dropped connection looks like in the wild.
void resetConnection(QTcpSocket *socket)
{
    const qintptr descriptor = socket->socketDescriptor();
    if (descriptor >= 0) {
        const linger hardClose{1, 0};
        ::setsockopt(int(descriptor), SOL_SOCKET, SO_LINGER, &hardClose, sizeof hardClose);
    }
    socket->abort();
}

} // namespace

LoopbackHttpServer::LoopbackHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
    // Enough for a few generations at once plus the quick requests beside them.
    m_pool.setMaxThreadCount(kHandlerThreads);
}

LoopbackHttpServer::~LoopbackHttpServer()
{
    m_pool.waitForDone();
}

bool LoopbackHttpServer::listenOnLoopback(quint16 port)
{
    auto *tcpServer = new QTcpServer(this);
    if (!tcpServer->listen(QHostAddress::LocalHost, port)) {
        m_errorString = u"cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(tcpServer->errorString());
        delete tcpServer;
        return false;
    }
    m_port = tcpServer->serverPort();
    bind(tcpServer);
    return true;
}

bool LoopbackHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpRequestData data = copyRequest(request);
    const bool closeAfterwards = data.header("connection").toLower().contains("close");
    const QPointer<QTcpSocket> guardedSocket(socket);
    m_pool.start([this, data = std::move(data), guardedSocket, closeAfterwards] {
        HttpReply reply;
        {
            const StateLocker state;
            reply = m_handler(data);
        }
        QMetaObject::invokeMethod(
            this,
            [this, guardedSocket, reply = std::move(reply), closeAfterwards] {
                answer(guardedSocket, reply, closeAfterwards);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void LoopbackHttpServer::answer(const QPointer<QTcpSocket> &guardedSocket, const HttpReply &reply,
                                bool closeAfterwards)
{
    if (reply.delayMs > 0) {
        // The event loop keeps serving other connections meanwhile; a client that gives up closes the
        // socket and the guarded pointer turns null.
        QTimer::singleShot(reply.delayMs, this, [this, guardedSocket, reply, closeAfterwards] {
            deliver(guardedSocket, reply, closeAfterwards);
        });
    } else {
        deliver(guardedSocket, reply, closeAfterwards);
    }
}

void LoopbackHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Never reached: handleRequest() answers everything. Kept for the pure virtual.
    qCWarning(lcSandboxServer) << "unhandled request" << request.url();
    socket->disconnectFromHost();
}

void LoopbackHttpServer::deliver(const QPointer<QTcpSocket> &socket, const HttpReply &reply,
                                 bool closeAfterwards)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        qCDebug(lcSandboxServer) << "client went away before the reply";
        return;
    }
    if (reply.delivery == HttpReply::Delivery::Reset) {
        resetConnection(socket);
        return;
    }

    QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(reply.status) + ' ' +
                      reasonPhrase(reply.status) + QByteArrayLiteral("\r\n");
    for (const auto &[name, value] : reply.headers)
        head += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    if (reply.status != 204)
        head += QByteArrayLiteral("Content-Length: ") + QByteArray::number(reply.body.size()) +
                QByteArrayLiteral("\r\n");
    if (closeAfterwards)
        head += QByteArrayLiteral("Connection: close\r\n");
    head += QByteArrayLiteral("\r\n");
    socket->write(head);

    if (reply.delivery == HttpReply::Delivery::Truncate) {
        socket->write(reply.body.left(reply.body.size() / 2));
        socket->disconnectFromHost(); // flushes what was written, then closes: the body ends early
        return;
    }
    if (reply.status != 204)
        socket->write(reply.body);
    if (closeAfterwards)
        socket->disconnectFromHost();
}

} // namespace ascsync::sandbox
