#pragma once

// Shared by every libFuzzer target of tests/fuzz: a check that stays on in optimised builds and names the
// broken promise, and a Qt message handler that keeps the parsers' debug output from slowing the runs.

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A parser's promise that does not hold: print it and abort, so libFuzzer saves the input as a crash.
#define FUZZ_CHECK(condition)                                                                                \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);         \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

namespace ascsync::fuzz {

// Qt's warnings and debug lines are expected for malformed input; only fatal messages (Q_ASSERT) matter.
inline void quietMessageHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "Qt fatal: %s\n", qPrintable(message));
    }
}

inline void installQuietMessageHandler()
{
    qInstallMessageHandler(quietMessageHandler);
}

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace ascsync::fuzz

// Every target silences Qt once, before the first input.
#define ASCSYNC_FUZZ_QUIET_QT()                                                                              \
    extern "C" int LLVMFuzzerInitialize(int *, char ***)                                                     \
    {                                                                                                        \
        ascsync::fuzz::installQuietMessageHandler();                                                         \
        return 0;                                                                                            \
    }
