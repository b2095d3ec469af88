#include "faultplan.h"

#include "stableid.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ascsync::sandbox {

namespace {

const QList<FaultPlan::Fault> &allFaults()
{
    static const QList<FaultPlan::Fault> faults{
        FaultPlan::Fault::Http429,    FaultPlan::Fault::Http500,     FaultPlan::Fault::Reset,
        FaultPlan::Fault::Truncate,   FaultPlan::Fault::BadChecksum, FaultPlan::Fault::Slow,
        FaultPlan::Fault::Drift,      FaultPlan::Fault::WrongPeriod, FaultPlan::Fault::DroppedRow,
        FaultPlan::Fault::Agreements, FaultPlan::Fault::NotYet,
    };
    return faults;
}

} // namespace

QString FaultPlan::name(Fault fault)
{
    switch (fault) {
    case Fault::Http429:
        return u"http429"_s;
    case Fault::Http500:
        return u"http500"_s;
    case Fault::Reset:
        return u"reset"_s;
    case Fault::Truncate:
        return u"truncate"_s;
    case Fault::BadChecksum:
        return u"badchecksum"_s;
    case Fault::Slow:
        return u"slow"_s;
    case Fault::Drift:
        return u"drift"_s;
    case Fault::WrongPeriod:
        return u"wrongperiod"_s;
    case Fault::DroppedRow:
        return u"droppedrow"_s;
    case Fault::Agreements:
        return u"agreements"_s;
    case Fault::NotYet:
        return u"notyet"_s;
    }
    return {};
}

QStringList FaultPlan::names()
{
    QStringList list;
    for (Fault fault : allFaults())
        list.append(name(fault));
    return list;
}

std::optional<FaultPlan> FaultPlan::parse(const QString &spec, quint64 seed, QString *error)
{
    FaultPlan plan;
    plan.m_seed = seed;
    const QStringList entries = spec.split(u',', Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const QStringList pair = entry.trimmed().split(u'=');
        bool isNumber = false;
        const double probability = pair.size() == 2 ? pair.at(1).toDouble(&isNumber) : 0.0;
        if (pair.size() != 2 || !isNumber || probability < 0.0 || probability > 1.0) {
            *error =
                u"--faults: \"%1\" is not name=probability with a probability between 0 and 1"_s.arg(entry);
            return std::nullopt;
        }
        const auto it = std::find_if(allFaults().begin(), allFaults().end(),
                                     [&](Fault fault) { return name(fault) == pair.at(0).trimmed(); });
        if (it == allFaults().end()) {
            *error = u"--faults: unknown fault \"%1\" (known: %2)"_s.arg(pair.at(0), names().join(u", "_s));
            return std::nullopt;
        }
        plan.m_probabilities.insert(*it, probability);
    }
    return plan;
}

int FaultPlan::see(const QString &requestKey)
{
    return ++m_sightings[requestKey];
}

bool FaultPlan::fires(Fault fault, const QString &requestKey, int sighting) const
{
    const double probability = this->probability(fault);
    if (probability <= 0.0)
        return false;
    const double draw = StableId::unitInterval({QByteArray::number(m_seed), name(fault).toLatin1(),
                                                requestKey.toUtf8(), QByteArray::number(sighting)});
    return draw < probability;
}

} // namespace ascsync::sandbox
