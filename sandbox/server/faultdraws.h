#pragma once

#include "faultplan.h"
#include "httpexchange.h"

#include <QStringList>

namespace ascsync::sandbox {

// The fault draws of one request: counts the request's sighting once, then answers "does this fault hit?"
// and remembers which did, for the X-Sandbox-Fault header and the requests log.
class FaultDraws {
public:
    FaultDraws(FaultPlan &plan, QString requestKey);

    // `salt` separates several draws of one fault within the request (e.g. one per listed segment).
    bool fires(FaultPlan::Fault fault, const QString &salt = QString());
    // "http500,slow": the faults that hit, each once, in the order they were drawn.
    QString firedNames() const;
    // Names the faults in an X-Sandbox-Fault header (a reset connection carries no header at all).
    void label(HttpReply &reply) const;

private:
    FaultPlan &m_plan;
    QString m_requestKey;
    int m_sighting;
    QStringList m_fired;
};

} // namespace ascsync::sandbox
