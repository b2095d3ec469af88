#include "faultdraws.h"

namespace ascsync::sandbox {

FaultDraws::FaultDraws(FaultPlan &plan, QString requestKey)
    : m_plan(plan)
    , m_requestKey(std::move(requestKey))
    , m_sighting(plan.see(m_requestKey))
{}

bool FaultDraws::fires(FaultPlan::Fault fault, const QString &salt)
{
    const bool hit = m_plan.fires(fault, m_requestKey + salt, m_sighting);
    const QString name = FaultPlan::name(fault);
    if (hit && !m_fired.contains(name))
        m_fired.append(name);
    return hit;
}

QString FaultDraws::firedNames() const
{
    return m_fired.join(u',');
}

void FaultDraws::label(HttpReply &reply) const
{
    if (!m_fired.isEmpty() && reply.delivery != HttpReply::Delivery::Reset)
        reply.setHeader(QByteArrayLiteral("X-Sandbox-Fault"), firedNames().toLatin1());
}

} // namespace ascsync::sandbox
