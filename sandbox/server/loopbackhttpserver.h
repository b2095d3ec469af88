#pragma once

#include "httpexchange.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QString>

#include <functional>

class QTcpSocket;

namespace ascsync::sandbox {

// A plain HTTP/1.1 server on 127.0.0.1 that hands every request to one handler and writes the handler's
// reply itself. Writing the wire format here (instead of QHttpServerResponder) is what lets the simulator
// send the broken replies real networks produce: a reset connection, a body cut short, a late answer.
// Both of the simulator's origins (the API and the segment downloads) are one instance each.
class LoopbackHttpServer : public QAbstractHttpServer {
    Q_OBJECT

public:
    using Handler = std::function<HttpReply(const HttpRequestData &request)>;

    explicit LoopbackHttpServer(Handler handler, QObject *parent = nullptr);

    // Listens on 127.0.0.1 only; `port` 0 picks a free port. Returns false with errorString() on failure.
    bool listenOnLoopback(quint16 port);
    quint16 port() const { return m_port; }
    QString errorString() const { return m_errorString; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // `closeAfterwards`: the client asked for "Connection: close".
    void deliver(const QPointer<QTcpSocket> &socket, const HttpReply &reply, bool closeAfterwards);

    Handler m_handler;
    quint16 m_port = 0;
    QString m_errorString;
};

} // namespace ascsync::sandbox
