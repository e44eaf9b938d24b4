#pragma once

#include "cancellation.h"
#include "transport_p.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <QCoroTask>

#include <chrono>
#include <coroutine>
#include <memory>
#include <optional>
#include <utility>

class QTcpSocket;

namespace QInflux::detail {

/// Wakes the coroutine that drives a connection: connected, encrypted, bytes arrived, closed,
/// failed, or the timeout passed. poke() may be called from any of the socket's signals, several
/// times in a row; the coroutine resumes once, later, from the event loop (never inside the
/// socket's own signal, where deleting or aborting the socket is not allowed).
class ConnectionWaker : public QObject
{
public:
    ConnectionWaker();
    /// Something happened; resumes the waiting coroutine soon.
    void poke();

    struct Awaiter
    {
        ConnectionWaker *waker;
        bool await_ready() const noexcept { return waker->m_pending; }
        void await_suspend(std::coroutine_handle<> handle);
        /// false: the timeout passed with nothing happening.
        bool await_resume() noexcept;
    };
    /// co_await waker.wait(timeout): true when poked, false after `timeout` of silence.
    Awaiter wait(std::chrono::milliseconds timeout)
    {
        m_timer.setInterval(timeout);
        return Awaiter{this};
    }

private:
    void resume();

    std::coroutine_handle<> m_waiter;
    bool m_pending = false;
    bool m_scheduled = false;
    QTimer m_timer;
};

/// Keep-alive HTTP/1.1 connections for /write, on QTcpSocket / QSslSocket with TCP_NODELAY.
///
/// Why not QNetworkAccessManager: Qt 6.4 never sets TCP_NODELAY on its sockets, so the last
/// segment of every request body waits for the server's delayed ACK (up to 40 ms per batch); that
/// capped bulk writes at about 0.6x of curl's rate. Here the request head and body leave in one go
/// and the socket has Nagle's algorithm off.
///
/// post() takes an idle connection or opens a new one; the caller bounds how many run at once.
/// A reused connection that the server closed while idle (no byte of an answer yet) is retried
/// once on a fresh connection. Errors come back in the HttpReply like Transport::send's, so
/// Transport::errorOf() maps them.
class HttpConnectionPool
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    /// `base`: scheme, host, port and path prefix. `ssl` is used for https.
    HttpConnectionPool(QUrl base, QSslConfiguration ssl, std::chrono::milliseconds timeout);
    ~HttpConnectionPool();

    /// POSTs `body` to `pathAndQuery` (already percent-encoded, relative to the base path).
    QCoro::Task<HttpReply> post(QByteArray pathAndQuery, Headers headers, QByteArray body,
                                std::optional<Cancellation> cancellation);
    /// Aborts every exchange in flight; each resolves as cancelled.
    void cancelAll();
    /// Connections currently open and idle (for tests).
    qsizetype idleCount() const;

    struct Connection;
    struct State;

private:
    /// Shared with the running exchanges, so that one still in flight when the pool goes away
    /// finds it closed instead of dangling.
    std::shared_ptr<State> m_state;
};

} // namespace QInflux::detail
