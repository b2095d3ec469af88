#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

#include <memory>

namespace ascsync::storage {

// A bulk load into one table, opened by Destination::openSink inside the destination's transaction.
// Values are text already normalised by the reader (dates ISO, decimals with '.'); a null QString is SQL
// NULL. While a sink is open its destination runs nothing else; finish() (or destroying the sink) ends it.
// Nothing is kept unless the destination's transaction commits afterwards.
class RowSink {
public:
    // Shared between a destination and its open sink, so each side knows whether the other is still there.
    struct Lease {
        RowSink *sink = nullptr;
    };

    virtual ~RowSink();
    RowSink(const RowSink &) = delete;
    RowSink &operator=(const RowSink &) = delete;

    // One row, its values in the order of the sink's columns. After the first error the sink refuses more.
    virtual Status append(const QList<QString> &values) = 0;
    // Sends what is buffered and ends the load; gives the number of rows written.
    virtual Result<qint64> finish() = 0;

    // Frees the native statement or COPY without finishing; the destination calls it when it closes first.
    virtual void abandon() = 0;

protected:
    explicit RowSink(std::shared_ptr<Lease> lease);
    // Tells the destination the sink is done (after finish, abandon or on destruction).
    void releaseLease();

private:
    std::shared_ptr<Lease> m_lease;
};

} // namespace ascsync::storage
