#pragma once

#include <QByteArrayList>
#include <QString>

namespace ascsync::sandbox {

// Identifiers that look like Apple's (lower-case UUIDs) but are a pure function of their inputs, so the
// same seed and the same history of requests mint the same ids on every run and after a restart.
class StableId {
public:
    static QString uuid(const QByteArrayList &parts);
    // A uniform draw in [0, 1) from the same kind of hash: the fault plan's deterministic coin.
    static double unitInterval(const QByteArrayList &parts);
};

} // namespace ascsync::sandbox
