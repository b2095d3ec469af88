#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringEncoder>

namespace ascsync::storage {

// Writes rows in PostgreSQL's COPY text format (https://www.postgresql.org/docs/15/sql-copy.html): UTF-8
// values separated by TAB, each row ended by LF, NULL as \N, and the four bytes that would break a row --
// backslash, TAB, LF and CR -- escaped as \\, \t, \n and \r. Encodes straight into the caller's buffer, which
// keeps its capacity between batches, so appending a row allocates nothing once the buffer has grown.
class CopyEncoder {
public:
    void appendRow(const QList<QString> &values, QByteArray &out);

private:
    void appendValue(const QString &value, QByteArray &out);

    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
};

} // namespace ascsync::storage
