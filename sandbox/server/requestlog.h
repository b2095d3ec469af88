#pragma once

#include "httpexchange.h"

#include <QDateTime>
#include <QFile>
#include <QString>

namespace ascsync::sandbox {

// --requests-log: one JSON line per request received, with its headers exactly as they arrived, so tests
// can prove what a client sent (e.g. that no key material ever travels) and what the simulator answered.
class RequestLog {
public:
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_file.isOpen(); }

    // `origin` is "api" or "segments"; `fault` names the injected fault, if any.
    void record(const QString &origin, const QDateTime &now, const HttpRequestData &request,
                const HttpReply &reply, const QString &fault);

private:
    QFile m_file;
};

} // namespace ascsync::sandbox
