#pragma once

// A loopback HTTP/1.1 peer for client tests that need exact, deterministic server behaviour the simulator
// only produces at random (a reset after the headers, a redirect to another origin, a Retry-After), and the
// hostile answers of tst_hostileanswers (huge bodies, endless pages, trickled bytes, hostile ids). It listens
// on 127.0.0.1 only. Each request is answered by the next scripted reply for its path; what the client sent
// is recorded.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

struct ReceivedRequest {
    QByteArray method;
    QByteArray target;                    // path and query as sent
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct ScriptedReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    qint64 announcedLength = -1; // Content-Length to announce; -1: the body's real size
    bool silent = false;         // never answer (the client's transfer timeout must fire)
    bool resetAfterHeaders = false;
    int trickleMs = 0; // > 0: the body goes out one byte per interval (a slow-loris answer)

    static ScriptedReply json(int status, const QByteArray &body);
};

class ScriptedServer : public QObject {
    Q_OBJECT
public:
    explicit ScriptedServer(QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    QByteArray origin() const;

    // Replies for a path (without query), used in order; the last one repeats.
    void script(const QByteArray &path, QList<ScriptedReply> replies);
    // Or compute each reply.
    void handle(const QByteArray &path, std::function<ScriptedReply(const ReceivedRequest &)> handler);
    // Answers every request no script or handler matches (instead of a 404).
    void fallback(std::function<ScriptedReply(const ReceivedRequest &)> handler)
    {
        m_fallback = std::move(handler);
    }

    const QList<ReceivedRequest> &received() const { return m_received; }
    int count(const QByteArray &path) const;

private:
    void serve(QTcpSocket *socket);
    ScriptedReply replyFor(const ReceivedRequest &request);
    static void trickle(QTcpSocket *socket, const QByteArray &body, int intervalMs);

    QTcpServer m_server;
    QHash<QByteArray, QList<ScriptedReply>> m_scripts;
    QHash<QByteArray, std::function<ScriptedReply(const ReceivedRequest &)>> m_handlers;
    std::function<ScriptedReply(const ReceivedRequest &)> m_fallback;
    QList<ReceivedRequest> m_received;
};
