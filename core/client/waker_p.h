#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <coroutine>

namespace QInflux::detail {

/// Wakes a coroutine waiting for a socket or a network reply: poke() it from their signals
/// (connected, readyRead, finished, errors...), as often as they fire; the coroutine resumes once,
/// later, from the event loop, never inside the emitter's own signal (where deleting or aborting it
/// is not allowed).
///
/// Why not QCoro's qCoro(object, &signal): QCoro 0.8 resumes through a queued call that still
/// runs when the signal fired twice before the first call arrived, and then resumes a coroutine
/// that has moved on (qcoro/qcoro#167, fixed in 0.9). A fast answer (readyRead, then finished)
/// did exactly that.
class Waker : public QObject
{
public:
    Waker();
    /// Something happened; resumes the waiting coroutine soon (or makes the next wait return at once).
    void poke();

    struct Awaiter
    {
        Waker *waker;
        bool await_ready() const noexcept { return waker->m_pending; }
        void await_suspend(std::coroutine_handle<> handle);
        /// false: the timeout passed with nothing happening.
        bool await_resume() noexcept;
    };
    /// co_await waker.wait(timeout): true when poked, false after `timeout` of silence (a negative
    /// timeout waits for ever).
    Awaiter wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(-1))
    {
        m_timeout = timeout;
        return Awaiter{this};
    }

private:
    void resume();

    std::coroutine_handle<> m_waiter;
    bool m_pending = false;
    bool m_scheduled = false;
    std::chrono::milliseconds m_timeout{-1};
    QTimer m_timer;
};

} // namespace QInflux::detail
