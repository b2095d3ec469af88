#include "salestotals.h"

#include <vector>

namespace ascsync::sandbox {

SalesTotals::Map SalesTotals::sum(const SalesLedger &ledger, QDate begin, QDate end, const Filter &filter)
{
    Map result;
    std::vector<SalesLedger::Cell> cells;
    for (QDate date = begin; date <= end; date = date.addDays(1)) {
        cells.clear();
        ledger.day(date, cells);
        for (const SalesLedger::Cell &cell : cells) {
            if (filter(cell))
                result[pack(cell)] += cell.units;
        }
    }
    return result;
}

quint64 SalesTotals::pack(const SalesLedger::Cell &cell)
{
    return (quint64(cell.app) << 40) | (quint64(cell.product + 1) << 32) | (quint64(cell.territory) << 16) |
           (quint64(cell.device) << 8) | (quint64(cell.kind) << 1) | quint64(cell.refund);
}

SalesTotals::Key SalesTotals::unpack(quint64 key)
{
    return {int((key >> 40) & 0xff), int((key >> 32) & 0xff) - 1,          int((key >> 16) & 0xffff),
            int((key >> 8) & 0xff),  SalesLedger::Kind((key >> 1) & 0x7f), bool(key & 1)};
}

SalesLedger::Cell SalesTotals::cell(const Key &key, qint64 units)
{
    return {key.app, key.product, key.territory, key.device, key.kind, key.refund, units};
}

} // namespace ascsync::sandbox
