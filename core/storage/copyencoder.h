#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace ascsync::storage {

// Writes rows in PostgreSQL's COPY text format (https://www.postgresql.org/docs/15/sql-copy.html): UTF-8
// values separated by TAB, each row ended by LF, NULL as \N, and the four bytes that would break a row --
// backslash, TAB, LF and CR -- escaped as \\, \t, \n and \r. Encodes straight into the caller's buffer, which
// keeps its capacity between batches, so appending a row allocates nothing once the buffer has grown.
class CopyEncoder {
public:
    // A null QString is NULL. (Convenience for callers with text; the load path uses the bytes form.)
    static void appendRow(const QList<QString> &values, QByteArray &out);
    // Values as UTF-8 bytes; a null view is NULL.
    static void appendRow(const QList<QByteArrayView> &values, QByteArray &out);

private:
    // Writes `value` at `to` (room for twice its size) and gives the end.
    static char *appendValue(QByteArrayView value, char *to);
};

} // namespace ascsync::storage
