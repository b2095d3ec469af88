#include "stablehash.h"

namespace ascsync::sandbox {

StableHash::StableHash(quint64 seed)
    : m_state(mix(seed ^ 0x9e3779b97f4a7c15ULL))
{}

quint64 StableHash::mix(quint64 value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

StableHash &StableHash::add(quint64 value)
{
    m_state = mix(m_state ^ mix(value));
    return *this;
}

StableHash &StableHash::add(QStringView text)
{
    // FNV-1a over the UTF-16 code units, then folded into the running state.
    quint64 fnv = 0xcbf29ce484222325ULL;
    for (const QChar c : text) {
        fnv ^= c.unicode();
        fnv *= 0x100000001b3ULL;
    }
    return add(fnv ^ quint64(text.size()));
}

StableHash &StableHash::add(QDate date)
{
    return add(quint64(date.toJulianDay()));
}

QString StableHash::uuid() const
{
    quint64 high = m_state;
    quint64 low = mix(m_state ^ 0x5bd1e9955bd1e995ULL);
    high = (high & ~0xf000ULL) | 0x5000ULL;           // version 5 (name-based)
    low = (low & ~(0xc0ULL << 56)) | (0x80ULL << 56); // RFC 4122 variant
    const QString hex = QString::number(high, 16).rightJustified(16, u'0') +
                        QString::number(low, 16).rightJustified(16, u'0');
    return hex.mid(0, 8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) + u'-' +
           hex.mid(20, 12);
}

} // namespace ascsync::sandbox
