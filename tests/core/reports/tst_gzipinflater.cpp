// GzipInflater against real gzip/zlib data: members, every read boundary, every truncation point, damage.
#include "core/reports/gzipinflater.h"
#include "tests/testkit/testfiles.h"

#include <QBuffer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ascsync::reports;
using namespace ascsync::reports::test;

namespace {

struct Drained {
    QByteArray content;
    ascsync::Status status;
    GzipInflater::Format format = GzipInflater::Format::Unknown;
    int members = 0;
    qsizetype largestChunk = 0;
    qsizetype largestBuffer = 0;
};

Drained drain(QIODevice *device)
{
    GzipInflater inflater(device);
    Drained result;
    QByteArray chunk;
    while (inflater.next(chunk)) {
        if (chunk.isEmpty()) {
            qFatal("next() returned true with an empty chunk");
        }
        result.content.append(chunk);
        result.largestChunk = std::max(result.largestChunk, chunk.size());
        result.largestBuffer = std::max(result.largestBuffer, inflater.bufferCapacity() + chunk.capacity());
    }
    result.status = inflater.status();
    result.format = inflater.format();
    result.members = inflater.members();
    return result;
}

Drained drainBytes(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return drain(&buffer);
}

QByteArray sampleText()
{
    QByteArray text = "Date\tApp Name\tCounts\n";
    for (int i = 0; i < 200; ++i) {
        text += "2024-03-" + QByteArray::number(i % 28 + 1).rightJustified(2, '0') + "\tApp \xC3\xA9 " +
                QByteArray::number(i) + "\t" + QByteArray::number(i * 7) + "\n";
    }
    return text;
}

// A device whose reads fail, like a file on a disk that went away.
class FailingDevice : public QIODevice {
public:
    FailingDevice() { open(QIODevice::ReadOnly); }

protected:
    qint64 readData(char *, qint64) override
    {
        setErrorString(u"Input/output error"_s);
        return -1;
    }
    qint64 writeData(const char *, qint64) override { return -1; }
};

} // namespace

class TestGzipInflater : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plainTextPassesThrough()
    {
        const QByteArray text = sampleText();
        const Drained out = drainBytes(text);
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.format, GzipInflater::Format::Plain);
        QCOMPARE(out.content, text);
        QCOMPARE(out.members, 0);
    }

    void emptyFileIsEmptyContent()
    {
        const Drained out = drainBytes(QByteArray());
        QVERIFY(out.status.ok());
        QVERIFY(out.content.isEmpty());
    }

    void gzipFromZlib()
    {
        const QByteArray text = sampleText();
        const Drained out = drainBytes(gzipCompress(text));
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.format, GzipInflater::Format::Gzip);
        QCOMPARE(out.members, 1);
        QCOMPARE(out.content, text);
    }

    void gzipFromTheGzipCommand()
    {
        // gzip(1) writes a file name into the header (FNAME), which zlib's own encoder does not.
        const QString gzip = QStandardPaths::findExecutable(u"gzip"_s);
        if (gzip.isEmpty()) {
            QSKIP("gzip(1) is not installed");
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"report.txt"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(sampleText());
        file.close();
        QCOMPARE(QProcess::execute(gzip, {path}), 0);
        QFile compressed(path + u".gz"_s);
        QVERIFY(compressed.open(QIODevice::ReadOnly));
        const Drained out = drain(&compressed);
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.content, sampleText());
    }

    void zlibStream()
    {
        const Drained out = drainBytes(zlibCompress(sampleText()));
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.format, GzipInflater::Format::Zlib);
        QCOMPARE(out.content, sampleText());
    }

    void concatenatedMembers()
    {
        const QByteArray a = "Date\tCounts\n2024-01-01\t1\n";
        const QByteArray b = "2024-01-02\t2\n";
        const QByteArray c = "2024-01-03\t3\n";
        const Drained out =
            drainBytes(gzipCompress(a) + gzipCompress(QByteArray()) + gzipCompress(b) + gzipCompress(c, 1));
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.members, 4);
        QCOMPARE(out.content, a + b + c);
    }

    void everyReadBoundary()
    {
        // Two members so that boundaries also fall between members and inside the second header.
        const QByteArray text = sampleText();
        const QByteArray file = gzipCompress(text.left(1000)) + gzipCompress(text.mid(1000));
        for (qsizetype cut = 1; cut < file.size(); ++cut) {
            SplitDevice device(file, {cut});
            const Drained out = drain(&device);
            QVERIFY2(out.status.ok(), qPrintable(u"cut %1: %2"_s.arg(cut).arg(out.status.errorMessage())));
            QCOMPARE(out.content, text);
            QCOMPARE(out.members, 2);
        }
        // And one byte per read.
        QList<qsizetype> everyByte;
        for (qsizetype i = 1; i < file.size(); ++i) {
            everyByte.append(i);
        }
        SplitDevice device(file, everyByte);
        const Drained out = drain(&device);
        QVERIFY(out.status.ok());
        QCOMPARE(out.content, text);
        QCOMPARE(device.reads(), file.size());
    }

    void truncatedAtEveryPoint()
    {
        const QByteArray file = gzipCompress(sampleText());
        for (qsizetype length = 1; length < file.size(); ++length) {
            const Drained out = drainBytes(file.left(length));
            QVERIFY2(!out.status.ok(),
                     qPrintable(u"cut at %1 of %2 was accepted"_s.arg(length).arg(file.size())));
            QCOMPARE(out.status.error().code, u"reports.truncated"_s);
            QVERIFY(out.status.errorMessage().contains(u"cut short"_s));
        }
    }

    void truncatedZlib()
    {
        const QByteArray file = zlibCompress(sampleText());
        const Drained out = drainBytes(file.left(file.size() - 3));
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.truncated"_s);
    }

    void damagedChecksumIsCorrupt()
    {
        QByteArray file = gzipCompress(sampleText());
        file[file.size() - 6] = static_cast<char>(file.at(file.size() - 6) ^ 0x01); // inside the CRC-32
        const Drained out = drainBytes(file);
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.corrupt"_s);
        QVERIFY(out.status.errorMessage().contains(u"Download the report again"_s));
    }

    void everyDamagedBodyByteIsAnError()
    {
        // Flipping a bit of the compressed body or the trailer must never produce different content silently.
        // (A flip in the padding bits after the last block changes nothing, so that file is still good.)
        const QByteArray text = sampleText();
        const QByteArray file = gzipCompress(text);
        constexpr qsizetype kGzipHeader = 10;
        const QStringList acceptable{u"reports.corrupt"_s, u"reports.truncated"_s, u"reports.trailingData"_s};
        int detected = 0;
        for (qsizetype i = kGzipHeader; i < file.size(); ++i) {
            for (const char bit : {'\x01', '\x10', '\x80'}) {
                QByteArray damaged = file;
                damaged[i] = static_cast<char>(damaged.at(i) ^ bit);
                const Drained out = drainBytes(damaged);
                if (out.status.ok()) {
                    QVERIFY2(out.content == text, qPrintable(u"damage at byte %1 went unnoticed"_s.arg(i)));
                } else {
                    QVERIFY2(acceptable.contains(out.status.error().code),
                             qPrintable(out.status.error().code));
                    ++detected;
                }
            }
        }
        QVERIFY(detected > (file.size() - kGzipHeader) * 3 * 9 / 10);
    }

    void damagedMagic()
    {
        QByteArray file = gzipCompress(sampleText());
        file[1] = 'x';
        Drained out = drainBytes(file);
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.corrupt"_s);

        file = gzipCompress(sampleText());
        file[0] = 'x'; // no longer a gzip start: the zero bytes of the header show it is not text either
        out = drainBytes(file);
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.notText"_s);
    }

    void trailingGarbageIsAnError()
    {
        const Drained out = drainBytes(gzipCompress(sampleText()) + "GARBAGE");
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.trailingData"_s);
        QCOMPARE(out.content, sampleText()); // what came before was delivered, the error follows it
    }

    void zeroPaddingIsAccepted()
    {
        const Drained out = drainBytes(gzipCompress(sampleText()) + QByteArray(700, '\0'));
        QVERIFY2(out.status.ok(), qPrintable(out.status.errorMessage()));
        QCOMPARE(out.content, sampleText());

        const Drained zeroThenData = drainBytes(gzipCompress(sampleText()) + QByteArray(5, '\0') + "x");
        QVERIFY(!zeroThenData.status.ok());
        QCOMPARE(zeroThenData.status.error().code, u"reports.trailingData"_s);
    }

    void binaryAndUtf16AreRefused()
    {
        Drained out = drainBytes(QByteArray("PK\x03\x04\0\0\0\0", 8)); // a zip file
        QCOMPARE(out.status.error().code, u"reports.notText"_s);
        out = drainBytes(QByteArray("\xFF\xFE"
                                    "D\0a\0t\0e\0",
                                    10));
        QCOMPARE(out.status.error().code, u"reports.utf16"_s);
    }

    void readErrorIsReported()
    {
        FailingDevice device;
        const Drained out = drain(&device);
        QVERIFY(!out.status.ok());
        QCOMPARE(out.status.error().code, u"reports.readFailed"_s);
        QVERIFY(out.status.errorMessage().contains(u"Input/output error"_s));
    }

    void outputIsBoundedWhateverTheRatio()
    {
        // 24 MiB of one byte compress to ~25 KiB: a 64 KiB input read must not become 24 MiB of output.
        // (Below Limits::ratioFloor: beyond it such a ratio is refused, see aGzipBombIsStopped.)
        const QByteArray text(24 * 1024 * 1024, 'a');
        const QByteArray file = gzipCompress(text, 9);
        QVERIFY(file.size() < GzipInflater::ChunkSize * 2);
        const Drained out = drainBytes(file);
        QVERIFY(out.status.ok());
        QCOMPARE(out.content.size(), text.size());
        QVERIFY(out.content == text);
        QVERIFY(out.largestChunk <= GzipInflater::ChunkSize);
        QVERIFY2(out.largestBuffer <= 4 * GzipInflater::ChunkSize,
                 qPrintable(QString::number(out.largestBuffer)));
    }

    void aGzipBombIsStopped()
    {
        // Issue 13: 10 MB of gzip inflated to 10 GB of blank lines. 256 MiB of newlines compress ~1,000:1.
        const QByteArray file = gzipCompress(QByteArray(256 * 1024 * 1024, '\n'), 9);
        QBuffer buffer;
        buffer.setData(file);
        buffer.open(QIODevice::ReadOnly);
        GzipInflater inflater(&buffer);
        QByteArray chunk;
        while (inflater.next(chunk)) {
        }
        QCOMPARE(inflater.status().error().code, u"reports.tooLarge"_s);
        QVERIFY2(inflater.status().errorMessage().contains(u"inflates more than 500 times"_s),
                 qPrintable(inflater.status().errorMessage()));
        // Stopped soon after the floor, not at the end of the bomb.
        QVERIFY(inflater.bytesProduced() <= GzipInflater::Limits().ratioFloor + GzipInflater::ChunkSize);
    }

    void contentBeyondTheCapIsStopped()
    {
        GzipInflater::Limits limits;
        limits.maxBytes = 1024 * 1024;
        QBuffer buffer;
        buffer.setData(QByteArray(3 * 1024 * 1024, 'x')); // plain text: the ratio is 1, the cap still holds
        buffer.open(QIODevice::ReadOnly);
        GzipInflater inflater(&buffer, limits);
        QByteArray chunk;
        while (inflater.next(chunk)) {
        }
        QCOMPARE(inflater.status().error().code, u"reports.tooLarge"_s);
        QVERIFY(inflater.bytesProduced() <= limits.maxBytes + GzipInflater::ChunkSize);
        QCOMPARE(GzipInflater::Limits().maxBytes, 4LL * 1024 * 1024 * 1024);
    }

    void movedInflaterKeepsWorking()
    {
        // zlib keeps a pointer to its stream: moving the inflater mid-stream must not break it.
        const QByteArray text = sampleText().repeated(100);
        QVERIFY(text.size() > 2 * GzipInflater::ChunkSize);
        QBuffer buffer;
        buffer.setData(gzipCompress(text));
        buffer.open(QIODevice::ReadOnly);
        GzipInflater first(&buffer);
        QByteArray chunk;
        QByteArray content;
        QVERIFY(first.next(chunk));
        content += chunk;
        GzipInflater second = std::move(first);
        while (second.next(chunk)) {
            content += chunk;
        }
        QVERIFY(second.status().ok());
        QCOMPARE(content, text);
    }
};

QTEST_GUILESS_MAIN(TestGzipInflater)
#include "tst_gzipinflater.moc"
