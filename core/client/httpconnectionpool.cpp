#include "httpconnectionpool_p.h"

#include "logging_p.h"

#include <QSslSocket>
#include <QTcpSocket>


using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

QNetworkReply::NetworkError networkErrorOf(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QNetworkReply::ConnectionRefusedError;
    case QAbstractSocket::RemoteHostClosedError:
        return QNetworkReply::RemoteHostClosedError;
    case QAbstractSocket::HostNotFoundError:
        return QNetworkReply::HostNotFoundError;
    case QAbstractSocket::SocketTimeoutError:
        return QNetworkReply::TimeoutError;
    case QAbstractSocket::SslHandshakeFailedError:
        return QNetworkReply::SslHandshakeFailedError;
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return QNetworkReply::ProxyConnectionRefusedError;
    default:
        return QNetworkReply::UnknownNetworkError;
    }
}

/// An HTTP/1.x response read from the bytes received so far.
class ResponseReader
{
public:
    enum class Step { NeedMore, Done, Malformed };

    /// Reads what `buffer` holds and removes what it used; `closed`: the peer closed the
    /// connection (the end of a body without a length).
    Step read(QByteArray &buffer, bool closed)
    {
        // One position through the buffer and one removal at the end: an answer of many small
        // HTTP chunks must not move the rest of the buffer once per chunk.
        qsizetype pos = 0;
        const Step step = readFrom(buffer, pos, closed);
        if (pos == buffer.size())
            buffer.clear();
        else if (pos > 0)
            buffer.remove(0, pos);
        return step;
    }

    HttpReply reply;
    QString problem;
    bool headDone() const { return m_headDone; }
    bool keepAlive() const { return m_keepAlive; }

private:
    Step fail(const QString &what)
    {
        problem = what;
        return Step::Malformed;
    }

    bool parseHead(QByteArrayView head)
    {
        const QList<QByteArray> lines = head.toByteArray().split('\n');
        const QByteArray statusLine = lines.value(0).trimmed();
        // "HTTP/1.1 204 No Content"
        const QList<QByteArray> parts = statusLine.split(' ');
        bool ok = false;
        const int status = parts.size() >= 2 ? parts[1].toInt(&ok) : 0;
        if (!statusLine.startsWith("HTTP/1.") || !ok || status < 100 || status > 999) {
            problem = u"the status line is not HTTP/1.x: %1"_s.arg(QString::fromLatin1(statusLine.left(80)));
            return false;
        }
        reply.status = status;
        m_keepAlive = !statusLine.startsWith("HTTP/1.0");
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                m_contentLength = value.toLongLong(&ok);
                if (!ok || m_contentLength < 0) {
                    problem = u"invalid Content-Length: %1"_s.arg(QString::fromLatin1(value.left(40)));
                    return false;
                }
            } else if (name == "transfer-encoding") {
                m_chunked = value.toLower().contains("chunked");
            } else if (name == "connection") {
                const QByteArray v = value.toLower();
                if (v.contains("close"))
                    m_keepAlive = false;
                else if (v.contains("keep-alive"))
                    m_keepAlive = true;
            } else if (name == "x-influxdb-version") {
                reply.versionHeader = value;
            } else if (name == "x-influxdb-build") {
                reply.buildHeader = value;
            } else if (name == "content-type") {
                reply.contentType = value;
            } else if (name == "x-influxdb-error") {
                reply.influxError = value;
            } else if (name == "retry-after") {
                reply.retryAfter = value;
            }
        }
        m_headDone = true;
        return true;
    }

    Step readFrom(const QByteArray &buffer, qsizetype &pos, bool closed)
    {
        while (!m_headDone) {
            const qsizetype end = buffer.indexOf("\r\n\r\n", pos);
            if (end < 0)
                return buffer.size() - pos > 64 * 1024 ? fail("the response head is longer than 64 KiB"_L1) : Step::NeedMore;
            if (!parseHead(QByteArrayView(buffer.constData() + pos, end - pos)))
                return Step::Malformed;
            pos = end + 4;
            if (reply.status >= 100 && reply.status < 200) { // 100 Continue and friends: the answer follows
                m_headDone = false;
                m_contentLength = -1;
                m_chunked = false;
            }
        }
        if (reply.status == 204 || reply.status == 304)
            return Step::Done;
        if (m_chunked)
            return readChunks(buffer, pos);
        if (m_contentLength >= 0) {
            const qint64 n = std::min<qint64>(buffer.size() - pos, m_contentLength - m_bodyRead);
            takeBody(buffer, pos, n);
            m_bodyRead += n;
            return m_bodyRead == m_contentLength ? Step::Done : Step::NeedMore;
        }
        // No length: the body ends when the connection does.
        m_keepAlive = false;
        takeBody(buffer, pos, buffer.size() - pos);
        return closed ? Step::Done : Step::NeedMore;
    }

    /// Appends `n` bytes of `buffer` from `pos` to the body.
    void takeBody(const QByteArray &buffer, qsizetype &pos, qint64 n)
    {
        if (n <= 0)
            return;
        reply.body.append(buffer.constData() + pos, n);
        pos += n;
    }

    Step readChunks(const QByteArray &buffer, qsizetype &pos)
    {
        for (;;) {
            if (m_chunkLeft > 0) {
                // A chunk's data may arrive in pieces: it goes to the body as it comes.
                const qint64 n = std::min<qint64>(buffer.size() - pos, m_chunkLeft);
                takeBody(buffer, pos, n);
                m_chunkLeft -= n;
                if (m_chunkLeft > 0)
                    return Step::NeedMore;
                m_chunkEnd = true;
            }
            if (m_chunkEnd) {
                if (buffer.size() - pos < 2)
                    return Step::NeedMore;
                if (buffer.at(pos) != '\r' || buffer.at(pos + 1) != '\n')
                    return fail("a chunk does not end with CRLF"_L1);
                pos += 2;
                m_chunkEnd = false;
            }
            const qsizetype eol = buffer.indexOf("\r\n", pos);
            if (m_trailers) {
                // Trailer lines, then an empty line.
                if (eol < 0)
                    return Step::NeedMore;
                const bool last = eol == pos;
                pos = eol + 2;
                if (last)
                    return Step::Done;
                continue;
            }
            if (eol < 0)
                return buffer.size() - pos > 1024 ? fail("a chunk size line is longer than 1 KiB"_L1) : Step::NeedMore;
            QByteArray sizeText = buffer.mid(pos, eol - pos);
            if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText.truncate(semicolon);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail(u"invalid chunk size: %1"_s.arg(QString::fromLatin1(sizeText.left(40))));
            pos = eol + 2;
            if (size == 0)
                m_trailers = true;
            else
                m_chunkLeft = size;
        }
    }

    bool m_headDone = false;
    bool m_chunked = false;
    bool m_trailers = false;
    bool m_chunkEnd = false; ///< a chunk's data is complete; its CRLF follows
    bool m_keepAlive = true;
    qint64 m_contentLength = -1;
    qint64 m_bodyRead = 0;
    qint64 m_chunkLeft = 0;
};

} // namespace

struct HttpConnectionPool::Connection
{
    std::unique_ptr<QTcpSocket> socket;
    std::unique_ptr<Waker> waker = std::make_unique<Waker>();
    QStringList sslErrors;
    bool cancelled = false;
    bool used = false; ///< has carried an exchange before (so the server may have closed it while idle)
};

struct HttpConnectionPool::State
{
    QUrl base;
    QSslConfiguration ssl;
    std::chrono::milliseconds timeout;
    std::vector<std::unique_ptr<Connection>> idle;
    std::set<Connection *> busy;
    bool closed = false;

    std::unique_ptr<Connection> take()
    {
        while (!idle.empty()) {
            std::unique_ptr<Connection> c = std::move(idle.back());
            idle.pop_back();
            if (c->socket->state() == QAbstractSocket::ConnectedState && !c->socket->bytesAvailable() && !c->cancelled)
                return c; // (bytes while idle would be garbage from the last answer: drop that one)
        }
        auto c = std::make_unique<Connection>();
        if (base.scheme() == "https"_L1) {
            auto tlsSocket = std::make_unique<QSslSocket>();
            tlsSocket->setSslConfiguration(ssl);
            QSslSocket *raw = tlsSocket.get();
            Connection *conn = c.get();
            QObject::connect(raw, &QSslSocket::sslErrors, raw, [conn](const QList<QSslError> &errors) {
                for (const QSslError &e : errors)
                    conn->sslErrors << e.errorString();
            });
            QObject::connect(raw, &QSslSocket::encrypted, c->waker.get(), [w = c->waker.get()] { w->poke(); });
            c->socket = std::move(tlsSocket);
        } else {
            c->socket = std::make_unique<QTcpSocket>();
            QObject::connect(c->socket.get(), &QTcpSocket::connected, c->waker.get(), [w = c->waker.get()] { w->poke(); });
        }
        QTcpSocket *s = c->socket.get();
        Waker *w = c->waker.get();
        QObject::connect(s, &QTcpSocket::readyRead, w, [w] { w->poke(); });
        // Progress while a large body is still going out counts too: the timeout is for silence.
        QObject::connect(s, &QTcpSocket::bytesWritten, w, [w] { w->poke(); });
        QObject::connect(s, &QTcpSocket::disconnected, w, [w] { w->poke(); });
        QObject::connect(s, &QTcpSocket::errorOccurred, w, [w] { w->poke(); });
        return c;
    }
};

namespace {

void abortLater(HttpConnectionPool::Connection *connection);

} // namespace

HttpConnectionPool::HttpConnectionPool(QUrl base, QSslConfiguration ssl, std::chrono::milliseconds timeout)
    : m_state(std::make_shared<State>())
{
    m_state->base = std::move(base);
    m_state->ssl = std::move(ssl);
    m_state->timeout = timeout;
}

HttpConnectionPool::~HttpConnectionPool()
{
    m_state->closed = true;
    m_state->idle.clear();
    cancelAll();
}

qsizetype HttpConnectionPool::idleCount() const
{
    return qsizetype(m_state->idle.size());
}

namespace {

void abortLater(HttpConnectionPool::Connection *connection)
{
    connection->cancelled = true;
    // Queued: abort() emits signals that resume the exchange, which must not happen inside the
    // caller (it may be the exchange's own cancellation callback).
    QTcpSocket *socket = connection->socket.get();
    Waker *waker = connection->waker.get();
    QMetaObject::invokeMethod(
        waker,
        [socket, waker] {
            socket->abort();
            waker->poke();
        },
        Qt::QueuedConnection);
}

/// One connection taken from the pool for one exchange, bound to the cancellation; given back
/// (when `reusable`) or closed when it goes away, also when a streamed answer is abandoned.
class Lease
{
public:
    Lease(std::shared_ptr<HttpConnectionPool::State> state, const std::optional<Cancellation> &cancellation)
        : m_state(std::move(state)), m_c(m_state->take()), m_cancellation(cancellation)
    {
        reused = m_c->used;
        HttpConnectionPool::Connection *raw = m_c.get();
        m_state->busy.insert(raw);
        if (m_cancellation) {
            if (m_cancellation->isCancelled())
                abortLater(raw);
            else
                m_cancelId = m_cancellation->onCancel([raw] { abortLater(raw); });
        }
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    ~Lease()
    {
        if (m_cancelId)
            m_cancellation->remove(*m_cancelId);
        HttpConnectionPool::Connection *raw = m_c.get();
        m_state->busy.erase(raw);
        if (reusable && !m_state->closed && !raw->cancelled) {
            m_state->idle.push_back(std::move(m_c));
        } else {
            // We may be inside one of the socket's signals (the exchange resumed there).
            m_c->socket->abort();
            m_c->socket.release()->deleteLater();
            m_c->waker.release()->deleteLater();
        }
    }

    HttpConnectionPool::Connection *operator->() const { return m_c.get(); }
    HttpConnectionPool::Connection *get() const { return m_c.get(); }

    bool reused = false;   ///< has carried an exchange before (the server may have closed it while idle)
    bool reusable = false; ///< the answer was read to its end and the connection stays open

private:
    std::shared_ptr<HttpConnectionPool::State> m_state;
    std::unique_ptr<HttpConnectionPool::Connection> m_c;
    std::optional<Cancellation> m_cancellation;
    std::optional<int> m_cancelId;
};

/// An HttpReply that failed with `error`.
HttpReply failure(HttpConnectionPool::Connection *c, QNetworkReply::NetworkError error, const QString &text)
{
    HttpReply out;
    out.networkError = c->cancelled ? QNetworkReply::OperationCanceledError : error;
    out.networkErrorString = text;
    out.cancelled = c->cancelled;
    out.sslErrors = c->sslErrors;
    return out;
}

/// Connects the lease's socket if it is not connected yet and sends the request; a failure, or
/// nullopt when the request is on its way.
QCoro::Task<std::optional<HttpReply>> sendRequest(std::shared_ptr<HttpConnectionPool::State> state,
                                                  HttpConnectionPool::Connection *c, QByteArray head, QByteArray body)
{
    QTcpSocket *socket = c->socket.get();
    const bool tls = state->base.scheme() == "https"_L1;
    if (socket->state() != QAbstractSocket::ConnectedState) {
        const QString host = state->base.host();
        const quint16 port = quint16(state->base.port(tls ? 443 : 80));
        if (tls)
            static_cast<QSslSocket *>(socket)->connectToHostEncrypted(host, port);
        else
            socket->connectToHost(host, port);
        for (;;) {
            if (c->cancelled)
                co_return failure(c, QNetworkReply::OperationCanceledError, u"cancelled"_s);
            const bool ready = tls ? static_cast<QSslSocket *>(socket)->isEncrypted()
                                   : socket->state() == QAbstractSocket::ConnectedState;
            if (ready)
                break;
            if (socket->state() == QAbstractSocket::UnconnectedState)
                co_return failure(c, networkErrorOf(socket->error()), socket->errorString());
            if (!co_await c->waker->wait(state->timeout)) {
                socket->abort();
                co_return failure(c, QNetworkReply::TimeoutError, u"connecting timed out"_s);
            }
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    }
    c->used = true;
    socket->write(head);
    socket->write(body);
    co_return std::nullopt;
}

/// What reading an answer came to at one step.
enum class ReadState { Continue, Done, Failed };

/// Reads what the socket has into `reader`; on Failed, `*failed` says why. Waits for the socket
/// when there is nothing to read. `maxRead` > 0: a streamed answer, read at most that much and
/// return at once when the reader has body bytes to hand on.
QCoro::Task<ReadState> readStep(std::shared_ptr<HttpConnectionPool::State> state, HttpConnectionPool::Connection *c,
                                ResponseReader *reader, QByteArray *buffer, qint64 maxRead, bool *nothingReceived,
                                HttpReply *failed)
{
    QTcpSocket *socket = c->socket.get();
    if (socket->bytesAvailable() > 0) {
        *buffer += maxRead > 0 ? socket->read(maxRead) : socket->readAll();
        *nothingReceived = false;
    }
    const bool closed = socket->state() != QAbstractSocket::ConnectedState;
    const auto step = reader->read(*buffer, closed && socket->bytesAvailable() == 0);
    if (step == ResponseReader::Step::Done)
        co_return ReadState::Done;
    if (step == ResponseReader::Step::Malformed) {
        socket->abort();
        *failed = failure(c, QNetworkReply::ProtocolFailure, u"malformed HTTP response: "_s + reader->problem);
        co_return ReadState::Failed;
    }
    if (c->cancelled) {
        *failed = failure(c, QNetworkReply::OperationCanceledError, u"cancelled"_s);
        co_return ReadState::Failed;
    }
    if (socket->bytesAvailable() > 0 || (maxRead > 0 && !reader->reply.body.isEmpty()))
        co_return ReadState::Continue; // more to take without waiting
    if (closed) {
        const auto error = socket->error() == QAbstractSocket::UnknownSocketError ? QAbstractSocket::RemoteHostClosedError
                                                                                   : socket->error();
        *failed = failure(c, networkErrorOf(error), socket->errorString());
        co_return ReadState::Failed;
    }
    if (!co_await c->waker->wait(state->timeout)) {
        socket->abort();
        *failed = failure(c, QNetworkReply::OperationCanceledError, u"no data for %1 ms"_s.arg(state->timeout.count()));
        // Like QNetworkReply's transfer timeout: a status already received is kept.
        failed->status = reader->headDone() ? reader->reply.status : 0;
        co_return ReadState::Failed;
    }
    co_return ReadState::Continue;
}

/// The request line and headers of a POST.
QByteArray requestHead(const HttpConnectionPool::State &state, const QByteArray &pathAndQuery,
                       const HttpConnectionPool::Headers &headers, qsizetype bodySize)
{
    QByteArray head = "POST " + state.base.path(QUrl::FullyEncoded).toLatin1() + pathAndQuery + " HTTP/1.1\r\nHost: "
        + state.base.host(QUrl::FullyEncoded).toLatin1() + ':' + QByteArray::number(state.base.port(80)) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(bodySize) + "\r\n\r\n";
    return head;
}

/// The server may close a keep-alive connection while it is idle; then the request never reached
/// it, and one more try on a fresh connection is right (as browsers and QNAM do).
bool closedWhileIdle(const Lease &lease, bool nothingReceived, const HttpReply &reply)
{
    return lease.reused && nothingReceived && !reply.cancelled && reply.status == 0;
}

} // namespace

QCoro::Task<HttpReply> HttpConnectionPool::post(QByteArray pathAndQuery, Headers headers, QByteArray body,
                                                std::optional<Cancellation> cancellation)
{
    std::shared_ptr<State> state = m_state;
    const QByteArray head = requestHead(*state, pathAndQuery, headers, body.size());
    qCDebug(lcClient).noquote() << "POST" << pathAndQuery << body.size() << "bytes (keep-alive pool)";

    for (int attempt = 0;; ++attempt) {
        Lease lease(state, cancellation);
        bool nothingReceived = true;
        HttpReply reply;
        if (auto failed = co_await sendRequest(state, lease.get(), head, body)) {
            reply = std::move(*failed);
        } else {
            ResponseReader reader;
            QByteArray buffer;
            for (;;) {
                const ReadState read = co_await readStep(state, lease.get(), &reader, &buffer, 0, &nothingReceived, &reply);
                if (read == ReadState::Done) {
                    reply = std::move(reader.reply);
                    lease.reusable = reader.keepAlive() && buffer.isEmpty()
                        && lease->socket->state() == QAbstractSocket::ConnectedState;
                    break;
                }
                if (read == ReadState::Failed)
                    break;
            }
        }
        if (attempt == 0 && closedWhileIdle(lease, nothingReceived, reply)) {
            qCDebug(lcClient) << "idle connection was closed by the server; resending on a new one";
            continue;
        }
        co_return reply;
    }
}

QCoro::AsyncGenerator<HttpReply> HttpConnectionPool::postStreamed(QByteArray pathAndQuery, Headers headers, QByteArray body,
                                                                 std::optional<Cancellation> cancellation, qint64 maxPiece)
{
    std::shared_ptr<State> state = m_state;
    const QByteArray head = requestHead(*state, pathAndQuery, headers, body.size());
    qCDebug(lcClient).noquote() << "POST" << pathAndQuery << body.size() << "bytes (keep-alive pool, streamed answer)";

    for (int attempt = 0;; ++attempt) {
        Lease lease(state, cancellation);
        // Qt reads no more than this from the kernel until it is taken: a fast server is held
        // back by TCP flow control instead of filling memory.
        lease->socket->setReadBufferSize(maxPiece);
        bool nothingReceived = true;
        HttpReply failed;
        if (auto notSent = co_await sendRequest(state, lease.get(), head, body)) {
            failed = std::move(*notSent);
        } else {
            ResponseReader reader;
            QByteArray buffer;
            bool headGiven = false;
            for (;;) {
                const ReadState read = co_await readStep(state, lease.get(), &reader, &buffer, maxPiece, &nothingReceived, &failed);
                if (read == ReadState::Failed)
                    break;
                const bool done = read == ReadState::Done;
                if (reader.headDone() && (!headGiven || !reader.reply.body.isEmpty())) {
                    HttpReply piece = reader.reply; // status and headers; the body is taken below
                    piece.body = std::exchange(reader.reply.body, {});
                    headGiven = true;
                    co_yield piece;
                }
                if (done) {
                    lease.reusable = reader.keepAlive() && buffer.isEmpty()
                        && lease->socket->state() == QAbstractSocket::ConnectedState;
                    co_return;
                }
            }
            if (headGiven) {
                co_yield failed;
                co_return;
            }
        }
        if (attempt == 0 && closedWhileIdle(lease, nothingReceived, failed)) {
            qCDebug(lcClient) << "idle connection was closed by the server; resending on a new one";
            continue;
        }
        co_yield failed;
        co_return;
    }
}

void HttpConnectionPool::cancelAll()
{
    for (Connection *c : m_state->busy)
        abortLater(c);
}

} // namespace QInflux::detail
