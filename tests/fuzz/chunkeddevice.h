#pragma once

#include <QByteArray>
#include <QIODevice>

#include <algorithm>

namespace ascsync::fuzz {

// A read-only device that hands out its bytes at most `step` at a time, as a slow network download or a
// pipe does, so the fuzzers also reach the code that joins lines and compressed blocks across reads.
class ChunkedDevice : public QIODevice {
public:
    ChunkedDevice(QByteArray bytes, qint64 step)
        : m_bytes(std::move(bytes))
        , m_step(std::max<qint64>(step, 1))
    {
        open(QIODevice::ReadOnly);
    }

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_bytes.size() - m_pos + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min({maxSize, m_step, qint64(m_bytes.size()) - m_pos});
        std::copy_n(m_bytes.constData() + m_pos, count, data);
        m_pos += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_step;
    qint64 m_pos = 0;
};

} // namespace ascsync::fuzz
