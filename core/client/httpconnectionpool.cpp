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

    /// Reads what `buffer` holds; `closed`: the peer closed the connection (the end of a body
    /// without a length).
    Step read(QByteArray &buffer, bool closed)
    {
        while (!m_headDone) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return buffer.size() > 64 * 1024 ? fail("the response head is longer than 64 KiB"_L1) : Step::NeedMore;
            if (!parseHead(QByteArrayView(buffer.constData(), end)))
                return Step::Malformed;
            buffer.remove(0, end + 4);
            if (reply.status >= 100 && reply.status < 200) { // 100 Continue and friends: the answer follows
                m_headDone = false;
                m_contentLength = -1;
                m_chunked = false;
            }
        }
        if (reply.status == 204 || reply.status == 304)
            return Step::Done;
        if (m_chunked)
            return readChunks(buffer);
        if (m_contentLength >= 0) {
            if (buffer.size() < m_contentLength)
                return Step::NeedMore;
            reply.body = buffer.left(m_contentLength);
            buffer.remove(0, m_contentLength);
            return Step::Done;
        }
        // No length: the body ends when the connection does.
        m_keepAlive = false;
        if (!closed)
            return Step::NeedMore;
        reply.body = std::exchange(buffer, {});
        return Step::Done;
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

    Step readChunks(QByteArray &buffer)
    {
        for (;;) {
            if (m_trailers) {
                // Trailer lines, then an empty line.
                const qsizetype eol = buffer.indexOf("\r\n");
                if (eol < 0)
                    return Step::NeedMore;
                buffer.remove(0, eol + 2);
                if (eol == 0)
                    return Step::Done;
                continue;
            }
            const qsizetype eol = buffer.indexOf("\r\n");
            if (eol < 0)
                return buffer.size() > 1024 ? fail("a chunk size line is longer than 1 KiB"_L1) : Step::NeedMore;
            QByteArray sizeText = buffer.left(eol);
            if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText.truncate(semicolon);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail(u"invalid chunk size: %1"_s.arg(QString::fromLatin1(sizeText.left(40))));
            if (size == 0) {
                buffer.remove(0, eol + 2);
                m_trailers = true;
                continue;
            }
            if (buffer.size() < eol + 2 + size + 2)
                return Step::NeedMore;
            reply.body.append(buffer.constData() + eol + 2, size);
            buffer.remove(0, eol + 2 + size + 2);
        }
    }

    bool m_headDone = false;
    bool m_chunked = false;
    bool m_trailers = false;
    bool m_keepAlive = true;
    qint64 m_contentLength = -1;
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

/// One request on one connection, until its whole answer has arrived or it failed.
QCoro::Task<HttpReply> exchange(std::shared_ptr<HttpConnectionPool::State> state, HttpConnectionPool::Connection *c,
                                QByteArray head, QByteArray body, bool *nothingReceived, bool *reusable)
{
    HttpReply out;
    QTcpSocket *socket = c->socket.get();
    Waker *waker = c->waker.get();
    const bool tls = state->base.scheme() == "https"_L1;
    auto failed = [&](QNetworkReply::NetworkError error, const QString &text) {
        out.networkError = c->cancelled ? QNetworkReply::OperationCanceledError : error;
        out.networkErrorString = text;
        out.cancelled = c->cancelled;
        out.sslErrors = c->sslErrors;
        *reusable = false;
        return out;
    };

    if (socket->state() != QAbstractSocket::ConnectedState) {
        const QString host = state->base.host();
        const quint16 port = quint16(state->base.port(tls ? 443 : 80));
        if (tls)
            static_cast<QSslSocket *>(socket)->connectToHostEncrypted(host, port);
        else
            socket->connectToHost(host, port);
        for (;;) {
            if (c->cancelled)
                co_return failed(QNetworkReply::OperationCanceledError, u"cancelled"_s);
            const bool ready = tls ? static_cast<QSslSocket *>(socket)->isEncrypted()
                                   : socket->state() == QAbstractSocket::ConnectedState;
            if (ready)
                break;
            if (socket->state() == QAbstractSocket::UnconnectedState)
                co_return failed(networkErrorOf(socket->error()), socket->errorString());
            if (!co_await waker->wait(state->timeout)) {
                socket->abort();
                co_return failed(QNetworkReply::TimeoutError, u"connecting timed out"_s);
            }
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    }
    c->used = true;
    socket->write(head);
    socket->write(body);

    ResponseReader reader;
    QByteArray buffer;
    for (;;) {
        if (socket->bytesAvailable() > 0) {
            buffer += socket->readAll();
            *nothingReceived = false;
        }
        const bool closed = socket->state() != QAbstractSocket::ConnectedState;
        const auto step = reader.read(buffer, closed && socket->bytesAvailable() == 0);
        if (step == ResponseReader::Step::Done) {
            out = std::move(reader.reply);
            *reusable = reader.keepAlive() && !closed && buffer.isEmpty();
            co_return out;
        }
        if (step == ResponseReader::Step::Malformed) {
            socket->abort();
            co_return failed(QNetworkReply::ProtocolFailure, u"malformed HTTP response: "_s + reader.problem);
        }
        if (c->cancelled)
            co_return failed(QNetworkReply::OperationCanceledError, u"cancelled"_s);
        if (closed && socket->bytesAvailable() == 0) {
            const auto error = socket->error() == QAbstractSocket::UnknownSocketError ? QAbstractSocket::RemoteHostClosedError
                                                                                       : socket->error();
            co_return failed(networkErrorOf(error), socket->errorString());
        }
        if (!co_await waker->wait(state->timeout)) {
            socket->abort();
            // Like QNetworkReply's transfer timeout: a status already received is kept.
            out.status = reader.headDone() ? reader.reply.status : 0;
            co_return failed(QNetworkReply::OperationCanceledError, u"no data for %1 ms"_s.arg(state->timeout.count()));
        }
    }
}

} // namespace

QCoro::Task<HttpReply> HttpConnectionPool::post(QByteArray pathAndQuery, Headers headers, QByteArray body,
                                                std::optional<Cancellation> cancellation)
{
    std::shared_ptr<State> state = m_state;
    QByteArray head = "POST " + state->base.path(QUrl::FullyEncoded).toLatin1() + pathAndQuery + " HTTP/1.1\r\nHost: "
        + state->base.host(QUrl::FullyEncoded).toLatin1() + ':' + QByteArray::number(state->base.port(80)) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    qCDebug(lcClient).noquote() << "POST" << pathAndQuery << body.size() << "bytes (keep-alive pool)";

    for (int attempt = 0;; ++attempt) {
        std::unique_ptr<Connection> c = state->take();
        const bool reused = c->used;
        Connection *raw = c.get();
        state->busy.insert(raw);
        std::optional<int> cancelId;
        std::optional<Cancellation> boundTo = cancellation;
        if (boundTo) {
            if (boundTo->isCancelled())
                abortLater(raw);
            else
                cancelId = boundTo->onCancel([raw] { abortLater(raw); });
        }
        bool nothingReceived = true;
        bool reusable = false;
        HttpReply reply = co_await exchange(state, raw, head, body, &nothingReceived, &reusable);
        if (cancelId)
            boundTo->remove(*cancelId);
        state->busy.erase(raw);
        // The server may close a keep-alive connection while it is idle; then the request never
        // reached it, and one more try on a fresh connection is right (as browsers and QNAM do).
        if (reused && nothingReceived && !reply.cancelled && reply.status == 0 && attempt == 0) {
            qCDebug(lcClient) << "idle connection was closed by the server; resending on a new one";
            continue;
        }
        if (reusable && !state->closed && !raw->cancelled) {
            state->idle.push_back(std::move(c));
        } else {
            // We may be inside one of the socket's signals (the exchange resumed there).
            c->socket->abort();
            c->socket.release()->deleteLater();
            c->waker.release()->deleteLater();
        }
        co_return reply;
    }
}

void HttpConnectionPool::cancelAll()
{
    for (Connection *c : m_state->busy)
        abortLater(c);
}

} // namespace QInflux::detail
