#pragma once

#include <QInflux/cancellation.h>
#include "transport_p.h"
#include "waker_p.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <QCoroAsyncGenerator>
#include <QCoroTask>

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

class QTcpSocket;

namespace QInflux::detail {

/// Keep-alive HTTP/1.1 connections for /write and /query, on QTcpSocket / QSslSocket with TCP_NODELAY.
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
    /// POSTs `body` and yields the answer as it arrives. Every item carries the status and headers;
    /// its `body` holds the next bytes of the answer's body (at most `maxPiece`; the first item may
    /// have none). The generator ends after the body's last byte; a failure is the last item, with
    /// networkError set. Nothing more is read from the socket while the caller holds an item, so
    /// the memory an answer takes stays bounded however fast the server sends.
    QCoro::AsyncGenerator<HttpReply> postStreamed(QByteArray pathAndQuery, Headers headers, QByteArray body,
                                                  std::optional<Cancellation> cancellation, qint64 maxPiece);
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
