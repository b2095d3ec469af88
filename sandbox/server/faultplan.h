#pragma once

#include <QHash>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace ascsync::sandbox {

// The faults --faults injects, each with a probability. A draw is a pure function of (seed, fault, the
// request's method + path + query, how many times that same request has been seen), so a client's retry
// is a new draw (and may succeed) while a run is reproducible whatever the interleaving of requests.
class FaultPlan {
public:
    enum class Fault {
        Http429,     // Apple's RATE_LIMIT_EXCEEDED although the budget is not spent
        Http500,     // UNEXPECTED_ERROR
        Reset,       // the connection is dropped without a response
        Truncate,    // Content-Length announced, body cut short, connection closed
        BadChecksum, // a segment listed with a wrong checksum, or downloaded bytes that don't match it
        Slow,        // the reply comes after a long delay
        Drift,       // a segment's columns change: a new column or a new order
        WrongPeriod, // a sales or FINANCIAL file carries the previous period's dates
        DroppedRow,  // a FINANCIAL file lacks its last data row; its trailer still counts it
        Agreements,  // sales and finance reports: 403 FORBIDDEN.REQUIRED_AGREEMENTS_MISSING_OR_EXPIRED
        NotYet,      // a sales report answers 404 "not available yet" although its release date passed
    };

    FaultPlan() = default;
    // "http429=0.1,reset=0.05,..." (probabilities in [0, 1]); nullopt with `error` when malformed.
    static std::optional<FaultPlan> parse(const QString &spec, quint64 seed, QString *error);

    static QString name(Fault fault);
    static QStringList names();

    bool isEmpty() const { return m_probabilities.isEmpty(); }
    double probability(Fault fault) const { return m_probabilities.value(fault, 0.0); }

    // Counts one sighting of `requestKey`; returns how many times it has now been seen (1 the first time).
    int see(const QString &requestKey);
    bool fires(Fault fault, const QString &requestKey, int sighting) const;

private:
    quint64 m_seed = 0;
    QMap<Fault, double> m_probabilities;
    QHash<QString, int> m_sightings;
};

} // namespace ascsync::sandbox
