#include "rng.h"

#include "stablehash.h"

#include <cmath>
#include <numbers>

namespace ascsync::sandbox {

namespace {

quint64 rotateLeft(quint64 value, int shift)
{
    return (value << shift) | (value >> (64 - shift));
}

} // namespace

Rng::Rng(quint64 seed)
{
    quint64 x = seed;
    for (quint64 &word : m_state) {
        x += 0x9e3779b97f4a7c15ULL;
        word = StableHash::mix(x);
    }
}

quint64 Rng::next()
{
    const quint64 result = rotateLeft(m_state[1] * 5, 7) * 9;
    const quint64 t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotateLeft(m_state[3], 45);
    return result;
}

double Rng::uniform()
{
    return double(next() >> 11) * 0x1.0p-53;
}

double Rng::uniform(double low, double high)
{
    return low + (high - low) * uniform();
}

qint64 Rng::range(qint64 low, qint64 high)
{
    if (high <= low)
        return low;
    const quint64 span = quint64(high - low) + 1;
    return low + qint64(next() % span);
}

bool Rng::chance(double probability)
{
    return uniform() < probability;
}

double Rng::normal()
{
    const double u1 = 1.0 - uniform(); // (0, 1], keeps log() finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

qint64 Rng::roundRandomly(double value)
{
    if (!(value > 0.0))
        return 0;
    return qint64(std::floor(value + uniform()));
}

} // namespace ascsync::sandbox
