#pragma once

#include "result.h"

#include <QList>

#include <functional>
#include <memory>

namespace ascsync {

// Asynchronous steps over a list, one at a time: each step gets the callback that starts the next one, and
// `done` hears the first error or, after the last step, success. A step may answer at once or later.
template <typename Item>
using TurnStep = std::function<void(const Item &item, std::function<void(Status)> next)>;

namespace detail {

template <typename Item> struct Turns {
    QList<Item> items;
    qsizetype next = 0;
    TurnStep<Item> step;
    std::function<void(Status)> done;
};

template <typename Item> void takeTurn(const std::shared_ptr<Turns<Item>> &turns, const Status &previous)
{
    if (!previous || turns->next == turns->items.size()) {
        turns->done(previous);
        return;
    }
    const qsizetype index = turns->next++;
    turns->step(turns->items.at(index), [turns](const Status &status) { takeTurn(turns, status); });
}

} // namespace detail

template <typename Item>
void forEachInTurn(QList<Item> items, TurnStep<Item> step, std::function<void(Status)> done)
{
    auto turns = std::make_shared<detail::Turns<Item>>();
    turns->items = std::move(items);
    turns->step = std::move(step);
    turns->done = std::move(done);
    detail::takeTurn(turns, Status{});
}

} // namespace ascsync
