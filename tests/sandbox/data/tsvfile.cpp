#include "tsvfile.h"

#include <zlib.h>

#include <array>

QStringList TsvFile::values(const QString &name) const
{
    QStringList result;
    const int index = column(name);
    for (const QStringList &row : rows)
        result.append(row.value(index));
    return result;
}

QByteArray TsvFile::gunzip(const QByteArray &gzip, bool *ok)
{
    z_stream stream{};
    *ok = inflateInit2(&stream, 31) == Z_OK; // gzip wrapper only
    QByteArray out;
    std::array<char, 64 * 1024> chunk;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gzip.constData()));
    stream.avail_in = uInt(gzip.size());
    int rc = Z_OK;
    while (*ok && rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk.data());
        stream.avail_out = uInt(chunk.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(chunk.data(), qsizetype(chunk.size() - stream.avail_out));
    }
    *ok = *ok && rc == Z_STREAM_END && stream.avail_in == 0;
    inflateEnd(&stream);
    return out;
}

TsvFile TsvFile::parse(const QByteArray &gzip)
{
    TsvFile file;
    file.text = gunzip(gzip, &file.ok);
    QList<QByteArray> lines = file.text.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the final line end
    bool inTrailer = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringList fields = QString::fromUtf8(lines[i]).split(u'\t');
        if (i == 0) {
            file.header = fields;
        } else if (lines[i].isEmpty() || lines[i].startsWith("Total_")) {
            // A blank line, or FINANCIAL's Total_ rows that follow the data without one, start the trailer.
            if (!lines[i].isEmpty())
                file.trailer.append(fields);
            inTrailer = true;
        } else if (inTrailer) {
            file.trailer.append(fields);
        } else {
            file.rows.append(fields);
        }
    }
    return file;
}
