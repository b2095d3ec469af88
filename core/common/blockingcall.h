#pragma once

#include <QEventLoop>

#include <optional>
#include <utility>

namespace ascsync {

// The blocking form of an asynchronous core call, for the command line and the sync engine whose plans read
// top to bottom: `start` is handed the callback that ends a local event loop, and the value it receives is
// returned. The call must answer exactly once; it may answer inside `start` or later from the loop.
template <typename T, typename Start> T blockingCall(Start start)
{
    std::optional<T> result;
    QEventLoop loop;
    start([&result, &loop](T value) {
        result = std::move(value);
        loop.quit();
    });
    if (!result) {
        loop.exec();
    }
    return std::move(*result);
}

} // namespace ascsync
