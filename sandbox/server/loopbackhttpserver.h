#pragma once

#include "httpexchange.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <functional>

class QTcpSocket;

namespace ascsync::sandbox {

// A plain HTTP/1.1 server on 127.0.0.1 that hands every request to one handler and writes the handler's
// reply itself. Writing the wire format here (instead of QHttpServerResponder) is what lets the simulator
// send the broken replies real networks produce: a reset connection, a body cut short, a late answer.
// Both of the simulator's origins (the API and the segment downloads) are one instance each.
// The handler runs on a worker thread under the simulator's state lock (statelock.h), never on the event
// loop's: a request whose data take a minute to generate holds up neither signals nor other requests.
class LoopbackHttpServer : public QAbstractHttpServer {
    Q_OBJECT

public:
    using Handler = std::function<HttpReply(const HttpRequestData &request)>;

    explicit LoopbackHttpServer(Handler handler, QObject *parent = nullptr);
    // Waits for the handlers still running.
    ~LoopbackHttpServer() override;

    // Listens on 127.0.0.1 only; `port` 0 picks a free port. Returns false with errorString() on failure.
    bool listenOnLoopback(quint16 port);
    quint16 port() const { return m_port; }
    // Handlers running or waiting for a worker.
    bool isBusy() const { return m_pool.activeThreadCount() > 0; }
    QString errorString() const { return m_errorString; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // On the event loop's thread, with the handler's reply: now or after its delay.
    void answer(const QPointer<QTcpSocket> &socket, const HttpReply &reply, bool closeAfterwards);
    // `closeAfterwards`: the client asked for "Connection: close".
    void deliver(const QPointer<QTcpSocket> &socket, const HttpReply &reply, bool closeAfterwards);

    Handler m_handler;
    quint16 m_port = 0;
    QString m_errorString;
    QThreadPool m_pool; // last: destroyed (and waited for) first
};

} // namespace ascsync::sandbox
