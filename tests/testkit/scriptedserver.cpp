#include "scriptedserver.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

ScriptedReply ScriptedReply::json(int status, const QByteArray &body)
{
    ScriptedReply reply;
    reply.status = status;
    reply.headers = {{"Content-Type", "application/json"}};
    reply.body = body;
    return reply;
}

ScriptedServer::ScriptedServer(QObject *parent)
    : QObject(parent)
{
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        qFatal("scripted server cannot listen");
    }
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        }
    });
}

QByteArray ScriptedServer::origin() const
{
    return "http://127.0.0.1:" + QByteArray::number(port());
}

void ScriptedServer::script(const QByteArray &path, QList<ScriptedReply> replies)
{
    m_scripts.insert(path, std::move(replies));
}

void ScriptedServer::handle(const QByteArray &path,
                            std::function<ScriptedReply(const ReceivedRequest &)> handler)
{
    m_handlers.insert(path, std::move(handler));
}

int ScriptedServer::count(const QByteArray &path) const
{
    return static_cast<int>(
        std::count_if(m_received.begin(), m_received.end(),
                      [&](const ReceivedRequest &r) { return r.target.split('?').constFirst() == path; }));
}

ScriptedReply ScriptedServer::replyFor(const ReceivedRequest &request)
{
    const QByteArray path = request.target.split('?').constFirst();
    if (const auto handler = m_handlers.constFind(path); handler != m_handlers.constEnd()) {
        return (*handler)(request);
    }
    auto script = m_scripts.find(path);
    if ((script == m_scripts.end() || script->isEmpty()) && m_fallback) {
        return m_fallback(request);
    }
    if (script == m_scripts.end() || script->isEmpty()) {
        return ScriptedReply::json(
            404,
            R"({"errors":[{"status":"404","code":"NOT_FOUND","title":"Not found","detail":"no script"}]})");
    }
    return script->size() > 1 ? script->takeFirst() : script->constFirst();
}

void ScriptedServer::serve(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            break;
        }
        ReceivedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.constFirst().trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0) {
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
            }
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length) {
            break;
        }
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_received.append(request);

        const ScriptedReply reply = replyFor(request);
        if (reply.silent) {
            continue;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
        for (const auto &[name, value] : reply.headers) {
            out += name + ": " + value + "\r\n";
        }
        const qint64 announced = reply.announcedLength >= 0 ? reply.announcedLength : reply.body.size();
        out += "Content-Length: " + QByteArray::number(announced) + "\r\n\r\n";
        if (reply.resetAfterHeaders) {
            socket->write(out);
            socket->flush();
            socket->abort();
            return;
        }
        if (reply.trickleMs > 0) {
            socket->write(out);
            trickle(socket, reply.body, reply.trickleMs);
            continue;
        }
        out += reply.body;
        socket->write(out);
        if (announced != reply.body.size()) {
            socket->flush();
            socket->disconnectFromHost(); // the body was cut short: close so the client sees the end
            return;
        }
    }
    socket->setProperty("buffer", buffer);
}

void ScriptedServer::trickle(QTcpSocket *socket, const QByteArray &body, int intervalMs)
{
    auto *timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [socket, timer, body, sent] {
        if (*sent >= body.size() || socket->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        socket->write(body.mid((*sent)++, 1));
    });
    timer->start(intervalMs);
}
