#pragma once

#include <QtGlobal>

namespace ascsync::sandbox {

// xoshiro256** seeded through splitmix64: fast, well distributed and identical on every platform.
// Never std::random_device, std::*_distribution (implementation-defined) or QRandomGenerator::global().
class Rng {
public:
    explicit Rng(quint64 seed);

    quint64 next();
    double uniform(); // [0, 1)
    double uniform(double low, double high);
    qint64 range(qint64 low, qint64 high); // inclusive on both ends
    bool chance(double probability);
    double normal(); // standard normal (Box-Muller)

    // floor(value + u): an unbiased integer whose expectation is `value` (value >= 0).
    qint64 roundRandomly(double value);

private:
    quint64 m_state[4]; // a plain array: std::array's accessors are slow in unoptimised builds
};

} // namespace ascsync::sandbox
