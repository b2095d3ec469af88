#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>

#include <zlib.h>

#include <functional>

namespace ascsync::reports::test {

// zlib's own encoders, so the reader is checked against the real format, not against itself.
QByteArray gzipCompress(QByteArrayView data, int level = 6);
QByteArray zlibCompress(QByteArrayView data);

// Serves `data` in pieces that end at the given offsets (and at most what was asked for), to put read
// boundaries exactly where a test wants them. Counts how many reads returned data.
class SplitDevice : public QIODevice {
public:
    SplitDevice(QByteArray data, QList<qsizetype> cuts);
    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_pos >= m_data.size(); }
    qint64 bytesAvailable() const override { return m_data.size() - m_pos + QIODevice::bytesAvailable(); }
    int reads() const { return m_reads; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    QList<qsizetype> m_cuts;
    qsizetype m_pos = 0;
    int m_reads = 0;
};

// A report file of any size that never exists in memory: `line(i)` produces line i (with its newline) until
// it returns an empty array; the text is gzip-compressed on the fly when `compress` is set. Memory stays a
// few hundred KiB whatever the size, so the reader's own memory use can be measured.
class GeneratedReportDevice : public QIODevice {
public:
    using LineGenerator = std::function<QByteArray(qint64 index)>;
    GeneratedReportDevice(LineGenerator line, bool compress);
    ~GeneratedReportDevice() override;
    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_finished && m_outPos >= m_out.size(); }
    qint64 plainBytes() const { return m_plainBytes; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void produce();

    LineGenerator m_line;
    bool m_compress;
    z_stream m_zs{};
    qint64 m_index = 0;
    qint64 m_plainBytes = 0;
    bool m_linesDone = false;
    bool m_finished = false;
    QByteArray m_plain;
    QByteArray m_out;
    qsizetype m_outPos = 0;
};

// Peak resident memory of this process (VmHWM) in bytes, 0 when /proc is not there.
qint64 peakResidentBytes();

} // namespace ascsync::reports::test
