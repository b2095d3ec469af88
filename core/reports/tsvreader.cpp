#include "tsvreader.h"

#include "fielddecoder.h"
#include "reportslog.h"

#include <QIODevice>

#include <cstring>

using namespace Qt::StringLiterals;

namespace ascsync::reports {

namespace {

constexpr QByteArrayView kUtf8Bom("\xEF\xBB\xBF");

// Calls `onField` for each TAB-separated field of `line`.
template <typename OnField> void forEachField(QByteArrayView line, OnField onField)
{
    const char *start = line.data();
    const char *end = start + line.size();
    while (true) {
        const auto *tab = static_cast<const char *>(std::memchr(start, '\t', end - start));
        if (!tab) {
            onField(QByteArrayView(start, end - start));
            return;
        }
        onField(QByteArrayView(start, tab - start));
        start = tab + 1;
    }
}

Error lineTooLongError(qint64 lineNumber, qsizetype limit)
{
    return makeError(u"reports.lineTooLong"_s,
                     u"Line %1 of the report is longer than %2 bytes, so the file is not a report or is "
                     u"damaged. Download it again."_s.arg(lineNumber)
                         .arg(limit));
}

} // namespace

TsvReader::TsvReader(QIODevice *device, TsvOptions options)
    : m_options(options)
    , m_inflater(device)
{
    m_buffer.reserve(2 * GzipInflater::ChunkSize);
}

TsvReader::TsvReader(TsvReader &&other) noexcept = default;
TsvReader &TsvReader::operator=(TsvReader &&other) noexcept = default;
TsvReader::~TsvReader() = default;

Result<TsvReader> TsvReader::open(QIODevice *device, TsvOptions options)
{
    if (!device || !device->isReadable()) {
        return makeError(u"reports.notOpen"_s, u"The report file is not open for reading."_s);
    }
    TsvReader reader(device, options);
    if (Status header = reader.readHeader(); !header) {
        return header.error();
    }
    return reader;
}

qsizetype TsvReader::columnIndex(QStringView name) const
{
    for (qsizetype i = 0; i < m_header.size(); ++i) {
        if (m_header.at(i) == name) {
            return i;
        }
    }
    for (qsizetype i = 0; i < m_header.size(); ++i) {
        if (m_header.at(i).compare(name, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    return -1;
}

qsizetype TsvReader::bufferCapacity() const
{
    return m_buffer.capacity() + m_chunk.capacity() + m_inflater.bufferCapacity();
}

bool TsvReader::fail(Error error)
{
    qCDebug(lcReports) << "TSV reading stopped at line" << m_lineNumber << ':' << error.code;
    m_status = Status(std::move(error));
    return false;
}

bool TsvReader::readLine(QByteArrayView &line)
{
    if (!m_status) {
        return false;
    }
    while (true) {
        const qsizetype newline = m_buffer.indexOf('\n', m_bufferPos);
        const qsizetype pending = m_buffer.size() - m_bufferPos;
        if (newline < 0 && m_contentEnded && !m_inflater.status()) {
            // The content broke off: what is pending is part of a line, never a row.
            return fail(m_inflater.status().error());
        }
        if (newline >= 0 || (m_contentEnded && pending > 0)) {
            const qsizetype end = newline >= 0 ? newline : m_buffer.size();
            line = QByteArrayView(m_buffer.constData() + m_bufferPos, end - m_bufferPos);
            if (line.endsWith('\r')) {
                line.chop(1);
            }
            m_bufferPos = newline >= 0 ? newline + 1 : m_buffer.size();
            ++m_lineNumber;
            if (line.size() > m_options.maxLineBytes) {
                return fail(lineTooLongError(m_lineNumber, m_options.maxLineBytes));
            }
            return true;
        }
        if (m_contentEnded) {
            return false;
        }
        if (pending > m_options.maxLineBytes) {
            ++m_lineNumber;
            return fail(lineTooLongError(m_lineNumber, m_options.maxLineBytes));
        }
        // Keep only the unfinished line at the front, then append the next piece of content. Moving it by
        // hand (not QByteArray::remove, which may just advance the start) keeps the capacity in use and
        // bounded.
        if (m_bufferPos > 0) {
            std::memmove(m_buffer.data(), m_buffer.constData() + m_bufferPos, pending);
            m_buffer.resize(pending);
            m_bufferPos = 0;
        }
        if (m_inflater.next(m_chunk)) {
            m_buffer.append(QByteArrayView(m_chunk)); // a copy: sharing would make the next chunk allocate
        } else {
            m_contentEnded = true;
        }
    }
}

void TsvReader::keepSkippedLine(QByteArrayView line, QStringList &kept, qint64 &count)
{
    ++count;
    if (kept.size() < SkippedLines::MaxKeptLines) {
        // Kept for messages only: a hostile preamble of long lines must not fill memory (1000 x 4 MiB).
        const bool cut = line.size() > SkippedLines::MaxKeptLineBytes;
        qsizetype keep = cut ? SkippedLines::MaxKeptLineBytes : line.size();
        while (cut && keep > 0 && (static_cast<unsigned char>(line.at(keep)) & 0xC0) == 0x80) {
            --keep; // never split a UTF-8 sequence
        }
        QString text;
        if (decodeField(line.first(keep), text)) {
            ++m_stats.nonUtf8Fields;
        }
        if (cut) {
            text += u"…"_s;
        }
        kept.append(text);
    }
}

Status TsvReader::readHeader()
{
    QByteArrayView line;
    while (true) {
        if (!readLine(line)) {
            if (!m_status) {
                return m_status;
            }
            const QString what = m_options.layout == ReportLayout::Finance
                                     ? u"it has no header line naming Start Date or Transaction Date"_s
                                     : u"it is empty"_s;
            return makeError(u"reports.noHeader"_s,
                             u"The report file cannot be read: %1. Download it again."_s.arg(what));
        }
        if (m_lineNumber == 1 && line.startsWith(kUtf8Bom)) {
            line = line.sliced(kUtf8Bom.size());
        }
        if (m_options.layout == ReportLayout::Finance) {
            if (isFinanceHeaderLine(line)) {
                break;
            }
            if (line.isEmpty()) {
                ++m_stats.blankLines;
            } else {
                keepSkippedLine(line, m_skipped.preamble, m_skipped.preambleCount);
            }
            continue;
        }
        if (!line.isEmpty()) {
            break;
        }
        ++m_stats.blankLines;
    }
    forEachField(line, [this](QByteArrayView field) {
        QString name;
        if (decodeField(field, name)) {
            ++m_stats.nonUtf8Fields;
        }
        m_header.append(name.trimmed());
    });
    return {};
}

bool TsvReader::splitNextRow()
{
    QByteArrayView line;
    while (readLine(line)) {
        if (line.isEmpty()) {
            ++m_stats.blankLines;
            continue;
        }
        if (m_options.layout == ReportLayout::Finance && !startsWithDate(line)) {
            keepSkippedLine(line, m_skipped.trailer, m_skipped.trailerCount);
            continue;
        }
        m_line = line;
        const qsizetype columns = m_header.size();
        m_fields.resize(columns);
        qsizetype index = 0;
        qsizetype nonEmptyExtra = 0;
        forEachField(line, [&](QByteArrayView field) {
            if (index < columns) {
                // Never a null view, also for an empty field: null means "missing from the line".
                m_fields[index] = field.isNull() ? QByteArrayView("", 0) : field;
            } else if (!field.isEmpty()) {
                ++nonEmptyExtra;
            }
            ++index;
        });
        if (nonEmptyExtra > 0) {
            return fail(
                makeError(u"reports.tooManyFields"_s,
                          u"Line %1 of the report has %2 fields but its header has %3 columns, so values "
                          u"cannot be matched to columns. The file is damaged or not a report; download "
                          u"it again."_s.arg(m_lineNumber)
                              .arg(index)
                              .arg(columns)));
        }
        if (index > columns) {
            ++m_stats.rowsWithEmptyExtraFields;
        }
        if (index < columns) {
            ++m_stats.paddedRows;
            for (qsizetype i = index; i < columns; ++i) {
                m_fields[i] = QByteArrayView();
            }
        }
        ++m_stats.rows;
        return true;
    }
    return false;
}

bool TsvReader::next(QStringList &row)
{
    if (!splitNextRow()) {
        return false;
    }
    row.resize(m_fields.size());
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (m_fields[i].isNull()) {
            row[i] = QString();
        } else if (decodeField(m_fields[i], row[i])) {
            ++m_stats.nonUtf8Fields;
        }
    }
    return true;
}

bool TsvReader::nextUtf8(QList<QByteArrayView> &row)
{
    if (!splitNextRow()) {
        return false;
    }
    row.resize(m_fields.size());
    m_transcoded.resize(0);
    m_transcodedEnds.resize(0);
    // Fields end at TABs, which are ASCII: when the whole line is UTF-8, so is every field (one check
    // per line instead of one per field).
    if (isValidUtf8(m_line)) {
        for (qsizetype i = 0; i < m_fields.size(); ++i) {
            row[i] = m_fields[i];
        }
        return true;
    }
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const QByteArrayView field = m_fields[i];
        row[i] = field;
        if (!field.isEmpty() && !isValidUtf8(field)) {
            ++m_stats.nonUtf8Fields;
            appendWindows1252AsUtf8(field, m_transcoded);
            m_transcodedEnds.append(m_transcoded.size());
            row[i] = QByteArrayView(); // set below, once m_transcoded no longer moves
        }
    }
    if (!m_transcodedEnds.isEmpty()) {
        qsizetype next = 0;
        qsizetype begin = 0;
        for (qsizetype i = 0; i < m_fields.size(); ++i) {
            if (row[i].isNull() && !m_fields[i].isNull()) {
                const qsizetype end = m_transcodedEnds[next++];
                row[i] = QByteArrayView(m_transcoded.constData() + begin, end - begin);
                begin = end;
            }
        }
    }
    return true;
}

} // namespace ascsync::reports
