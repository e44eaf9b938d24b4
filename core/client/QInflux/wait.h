#pragma once

#include <QCoroTask>

#include <optional>

namespace QInflux {

/// Runs `task` to completion with a local event loop and returns its value. For the blocking facade,
/// command-line programs and tests only; never call it on the GUI thread. Unlike QCoro::waitFor it
/// does not need a default-constructible T (Result<T> has no empty state).
template<typename T>
T blockOn(QCoro::Task<T> task)
{
    std::optional<T> out;
    QCoro::waitFor([](QCoro::Task<T> t, std::optional<T> &o) -> QCoro::Task<> { o.emplace(co_await std::move(t)); }(
        std::move(task), out));
    return std::move(*out);
}

} // namespace QInflux
