#pragma once

#include <QInflux/clientsettings.h>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrlQuery>

#include <chrono>
#include <memory>
#include <utility>

namespace QInflux::Test {

/// An in-process HTTP/1.1 server on a free loopback port that answers each request with the next
/// scripted Response, for the faults a real influxd will not produce on demand (a connection dropped
/// mid-chunk, 503 with Retry-After, malformed JSON, a wrong content type, no answer at all).
/// Never a stand-in for influxd in a feature test (STYLE.md 7).
///
/// Runs on the thread that owns it and only while its event loop runs; delays use timers.
/// Keep-alive, concurrent connections and `Connection: close` are supported. The destructor closes
/// every connection. Do not destroy the server from a slot connected to requestReceived().
///
/// Note for client tests: QNetworkAccessManager silently resends a request when its connection
/// closes before any byte of the answer (once with Qt 6.4), and that resend takes the next response.
/// So a `closeWithoutAnswer` response is usually wanted as the default response too (or enqueued
/// twice); compare requestCount() to see how often the client really asked.
class FaultServer : public QObject
{
    Q_OBJECT
public:
    struct Response {
        int status = 200;
        /// Sent as given, e.g. {"Content-Type", "application/json"}. A Content-Length,
        /// Transfer-Encoding or Connection header given here replaces the one the server would add.
        QList<std::pair<QByteArray, QByteArray>> headers;
        /// Sent with Content-Length when `chunks` is empty (never for 1xx, 204, 304 or HEAD).
        QByteArray body;
        /// Non-empty: Transfer-Encoding: chunked, one HTTP chunk per non-empty entry, then the
        /// zero-length terminator.
        QList<QByteArray> chunks;
        /// Wait before sending anything.
        std::chrono::milliseconds delay{0};
        /// Wait after each chunk, before the next chunk, the terminator or the drop.
        std::chrono::milliseconds chunkDelay{0};
        /// >= 0: close the connection after sending that many chunks, without the terminator. With a
        /// Content-Length body (no chunks) any value >= 0 closes right after the header. What was
        /// written is flushed first, so the client does receive those bytes.
        int dropAfterChunks = -1;
        /// Read the request and never answer (client timeouts). Later requests on the same
        /// connection are not answered either.
        bool noAnswer = false;
        /// Read the request, then close the connection without sending a byte.
        bool closeWithoutAnswer = false;
    };

    struct Request {
        QByteArray method;
        QByteArray path; ///< without the query string, not percent-decoded
        QUrlQuery query; ///< parsed from the request target; '+' is a space, as influxd reads it
        QList<std::pair<QByteArray, QByteArray>> headers; ///< in arrival order, values trimmed
        QByteArray body; ///< Content-Length or chunked request body, decoded
        int connection = 0; ///< which connection it came on: 0 for the first one accepted, 1 for the next...
        /// Case-insensitive lookup of the first header called `name`; empty if absent.
        QByteArray header(const QByteArray &name) const;
    };

    explicit FaultServer(QObject *parent = nullptr);
    ~FaultServer() override;

    /// Listens on 127.0.0.1 on a free port; false if that fails.
    bool listen();
    quint16 port() const;
    /// "http://127.0.0.1:<port>"
    QString url() const;
    /// Client settings for this server: database "db", retries after 20 ms, 40 ms, ... without jitter.
    ClientSettings clientSettings() const;

    /// Responses are used in order, one per request (across all connections).
    void enqueue(Response response);
    /// Used when the queue is empty; initially 404 with a short text body, as influxd answers.
    void setDefaultResponse(Response response);

    /// Every complete request received so far, in arrival order.
    QList<Request> requests() const;
    int requestCount() const;

    /// `status` with Content-Type: application/json and X-Influxdb-Version: 1.6.7.
    static Response json(int status, QByteArray body);
    /// 204 with X-Influxdb-Version: 1.6.7 and X-Influxdb-Build: OSS, as GET /ping answers.
    static Response influxPing();
    /// 204 with X-Influxdb-Version: 1.6.7, as a successful write answers.
    static Response noContent();

Q_SIGNALS:
    /// A complete request arrived; `index` is its position in requests(). Emitted before the
    /// response is taken from the queue, so a connected slot may still enqueue the answer to it.
    void requestReceived(int index);

private:
    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux::Test
