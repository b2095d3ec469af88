#pragma once

#include "salesledger.h"

#include <QDate>

#include <functional>
#include <map>

namespace ascsync::sandbox {

// Sums the ledger's cells over a period by (app, product, territory, device, kind, refund), packed into one
// sortable 64-bit key so long periods (a year of days) aggregate fast and come out in a stable order.
class SalesTotals {
public:
    struct Key {
        int app = 0;
        int product = -1;
        int territory = 0;
        int device = 0;
        SalesLedger::Kind kind = SalesLedger::Kind::FirstTime;
        bool refund = false;
    };
    using Map = std::map<quint64, qint64>; // packed key -> units
    using Filter = std::function<bool(const SalesLedger::Cell &)>;

    static Map sum(const SalesLedger &ledger, QDate begin, QDate end, const Filter &filter);

    static quint64 pack(const SalesLedger::Cell &cell);
    static Key unpack(quint64 key);
    static SalesLedger::Cell cell(const Key &key, qint64 units);
    // The same key with kind and refund cleared (rows that fold kinds into columns).
    static quint64 withoutKind(quint64 key) { return key & ~quint64(0xff); }
    // The same key with the device cleared (rows per territory).
    static quint64 withoutDevice(quint64 key) { return key & ~(quint64(0xff) << 8); }
};

} // namespace ascsync::sandbox
