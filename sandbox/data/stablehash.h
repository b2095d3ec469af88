#pragma once

#include <QDate>
#include <QString>
#include <QStringView>

namespace ascsync::sandbox {

// A 64-bit hash that is the same on every machine and every run (unlike qHash, which is seeded per process
// and may use AES instructions). Everything random in the simulator is keyed by one of these, so a value is
// a pure function of (seed, what it describes).
class StableHash {
public:
    explicit StableHash(quint64 seed = 0);

    StableHash &add(quint64 value);
    StableHash &add(QStringView text);
    StableHash &add(QDate date);

    quint64 value() const { return m_state; }

    // splitmix64's finaliser: a bijective scramble of 64 bits.
    static quint64 mix(quint64 value);
    // A UUID-shaped id (8-4-4-4-12 lower-case hex, version 5 / RFC 4122 variant bits) from this hash, the
    // shape Apple's resource ids have.
    QString uuid() const;

private:
    quint64 m_state;
};

} // namespace ascsync::sandbox
