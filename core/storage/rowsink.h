#pragma once

#include "column.h"

#include "core/common/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringEncoder>

#include <memory>

namespace ascsync::storage {

// A bulk load into one table, opened by Destination::openSink inside the destination's transaction.
// Values are text (QString or UTF-8 bytes) already normalised by the reader (dates ISO, decimals with '.'); a
// null QString is SQL NULL. While a sink is open its destination runs nothing else; finish() (or destroying
// the sink) ends it. Nothing is kept unless the destination's transaction commits afterwards.
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
    Status append(const QList<QString> &values);
    // The same as UTF-8 bytes (the bulk-load path, no QString per value): a null view is SQL NULL. The views
    // need to stay valid only during the call.
    virtual Status appendUtf8(const QList<QByteArrayView> &values) = 0;
    // Sends what is buffered and ends the load; gives the number of rows written.
    virtual Result<qint64> finish() = 0;

    // Frees the native statement or COPY without finishing; the destination calls it when it closes first.
    virtual void abandon() = 0;

protected:
    explicit RowSink(std::shared_ptr<Lease> lease);
    // Tells the destination the sink is done (after finish, abandon or on destruction).
    void releaseLease();
    // The error for a value its column's type cannot hold, the same on every back-end.
    static Error valueError(qint64 row, const QString &table, const Column &column, QByteArrayView value);

private:
    std::shared_ptr<Lease> m_lease;
    // append()'s UTF-8 copies of a row, reused so that a row allocates nothing once they have grown.
    QList<QByteArray> m_utf8;
    QList<QByteArrayView> m_utf8Views;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

} // namespace ascsync::storage
