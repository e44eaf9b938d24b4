#include "faultserver.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace detail {

// QT_LOGGING_RULES=qinflux.faultserver.debug=true shows reads, requests and closes.
Q_LOGGING_CATEGORY(lcFaultServer, "qinflux.faultserver", QtInfoMsg)

namespace {

constexpr qsizetype MaxHeadSize = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue"_ba;
    case 200: return "OK"_ba;
    case 201: return "Created"_ba;
    case 204: return "No Content"_ba;
    case 301: return "Moved Permanently"_ba;
    case 302: return "Found"_ba;
    case 304: return "Not Modified"_ba;
    case 400: return "Bad Request"_ba;
    case 401: return "Unauthorized"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 405: return "Method Not Allowed"_ba;
    case 408: return "Request Timeout"_ba;
    case 413: return "Request Entity Too Large"_ba;
    case 429: return "Too Many Requests"_ba;
    case 500: return "Internal Server Error"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    case 504: return "Gateway Timeout"_ba;
    default: return "Status"_ba;
    }
}

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

QByteArray findHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// True if the comma-separated header value contains `token` (case-insensitive).
bool hasToken(const QByteArray &value, const QByteArray &token)
{
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &part : parts) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

/// One accepted connection: parses requests as bytes arrive and answers them one at a time, in order.
/// Owned by the FaultServer (as QObject child); `closed` tells the server when the socket is gone.
class FaultConnection : public QObject
{
public:
    using Handler = std::function<FaultServer::Response(FaultServer::Request)>;

    FaultConnection(QTcpSocket *socket, Handler handler, std::function<void(FaultConnection *)> closed,
                    QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_handler(std::move(handler))
        , m_closed(std::move(closed))
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, &FaultConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::disconnected, this, &FaultConnection::finishClose);
        if (m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &FaultConnection::onReadyRead);
    }

    ~FaultConnection() override
    {
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->abort();
    }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkTrailer };

    struct Work {
        FaultServer::Response response;
        bool close = false;
        bool head = false;
    };

    void onReadyRead()
    {
        if (m_closing) {
            m_socket->readAll(); // unread data would turn our FIN into a RST
            return;
        }
        const QByteArray bytes = m_socket->readAll();
        qCDebug(lcFaultServer) << this << "read" << bytes.size() << "bytes";
        m_buffer += bytes;
        if (!parse())
            badRequest();
    }

    // Consumes as much of m_buffer as forms complete requests; false on a malformed request.
    bool parse()
    {
        while (!m_closing) {
            switch (m_state) {
            case State::Head: {
                while (m_buffer.startsWith("\r\n"))
                    m_buffer.remove(0, 2);
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return m_buffer.size() <= MaxHeadSize;
                const QByteArray head = m_buffer.left(end);
                m_buffer.remove(0, end + 4);
                if (!parseHead(head))
                    return false;
                break;
            }
            case State::Body: {
                if (m_buffer.size() < m_remaining)
                    return true;
                m_request.body = m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining);
                finishRequest();
                break;
            }
            case State::ChunkSize: {
                const qsizetype end = m_buffer.indexOf("\r\n");
                if (end < 0)
                    return m_buffer.size() <= MaxHeadSize;
                QByteArray line = m_buffer.left(end);
                m_buffer.remove(0, end + 2);
                if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                    line.truncate(semicolon); // chunk extensions
                bool ok = false;
                m_remaining = line.trimmed().toLongLong(&ok, 16);
                if (!ok || m_remaining < 0)
                    return false;
                m_state = m_remaining == 0 ? State::ChunkTrailer : State::ChunkData;
                break;
            }
            case State::ChunkData: {
                if (m_buffer.size() < m_remaining + 2)
                    return true;
                if (m_buffer.mid(m_remaining, 2) != "\r\n")
                    return false;
                m_request.body += m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining + 2);
                m_state = State::ChunkSize;
                break;
            }
            case State::ChunkTrailer: {
                const qsizetype end = m_buffer.indexOf("\r\n");
                if (end < 0)
                    return m_buffer.size() <= MaxHeadSize;
                m_buffer.remove(0, end + 2);
                if (end == 0)
                    finishRequest(); // trailer fields (end > 0) are skipped
                break;
            }
            }
        }
        return true;
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1."))
            return false;

        m_request = {};
        m_request.method = requestLine[0];
        const QByteArray &target = requestLine[1];
        const qsizetype question = target.indexOf('?');
        m_request.path = target.left(question < 0 ? target.size() : question);
        if (question >= 0) {
            QByteArray query = target.mid(question + 1);
            query.replace('+', "%20"_ba);
            m_request.query = QUrlQuery(QString::fromUtf8(query));
        }
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return false;
            m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }

        const QByteArray connection = m_request.header("Connection"_ba);
        m_requestClose = requestLine[2] == "HTTP/1.0" ? !hasToken(connection, "keep-alive"_ba)
                                                      : hasToken(connection, "close"_ba);
        if (m_request.header("Expect"_ba).compare("100-continue"_ba, Qt::CaseInsensitive) == 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n"_ba);

        if (hasToken(m_request.header("Transfer-Encoding"_ba), "chunked"_ba)) {
            m_state = State::ChunkSize;
            return true;
        }
        const QByteArray length = m_request.header("Content-Length"_ba);
        if (length.isEmpty()) {
            finishRequest();
            return true;
        }
        bool ok = false;
        m_remaining = length.toLongLong(&ok);
        if (!ok || m_remaining < 0)
            return false;
        m_state = State::Body;
        return true;
    }

    void finishRequest()
    {
        m_state = State::Head;
        m_remaining = 0;
        Work work;
        work.close = m_requestClose;
        work.head = m_request.method == "HEAD";
        qCDebug(lcFaultServer) << this << m_request.method << m_request.path << "body" << m_request.body.size();
        work.response = m_handler(std::exchange(m_request, {}));
        if (m_closing)
            return;
        work.response.chunks.removeIf([](const QByteArray &chunk) { return chunk.isEmpty(); });
        work.close = work.close || hasToken(findHeader(work.response.headers, "Connection"_ba), "close"_ba);
        m_work.push_back(std::move(work));
        startNext();
    }

    void startNext()
    {
        if (m_closing || m_current || m_work.empty())
            return;
        m_current = std::move(m_work.front());
        m_work.pop_front();
        if (m_current->response.delay.count() > 0) {
            QTimer::singleShot(m_current->response.delay, this, [this] {
                if (!m_closing)
                    sendResponse();
            });
        } else {
            sendResponse();
        }
    }

    void sendResponse()
    {
        const FaultServer::Response &response = m_current->response;
        if (response.noAnswer)
            return; // stays busy: this and later requests on the connection are never answered
        if (response.closeWithoutAnswer) {
            close();
            return;
        }

        const int status = response.status;
        const bool chunked = !response.chunks.isEmpty();
        const bool bodyAllowed = status >= 200 && status != 204 && status != 304;
        m_sendBody = bodyAllowed && !m_current->head;

        QByteArray head = "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            head += name + ": " + value + "\r\n";
        if (chunked && bodyAllowed && !hasHeader(response.headers, "Transfer-Encoding"_ba))
            head += "Transfer-Encoding: chunked\r\n";
        if (!chunked && bodyAllowed && !hasHeader(response.headers, "Content-Length"_ba))
            head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        if (!hasHeader(response.headers, "Connection"_ba))
            head += m_current->close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
        head += "\r\n";
        m_socket->write(head);

        if (chunked && m_sendBody) {
            m_nextChunk = 0;
            sendChunks();
            return;
        }
        if (response.dropAfterChunks >= 0) {
            close();
            return;
        }
        if (m_sendBody)
            m_socket->write(response.body);
        finishResponse();
    }

    void sendChunks()
    {
        const FaultServer::Response &response = m_current->response;
        while (true) {
            if (response.dropAfterChunks >= 0 && m_nextChunk >= response.dropAfterChunks) {
                close();
                return;
            }
            if (m_nextChunk >= response.chunks.size()) {
                m_socket->write("0\r\n\r\n"_ba);
                finishResponse();
                return;
            }
            const QByteArray &chunk = response.chunks[m_nextChunk++];
            m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            if (response.chunkDelay.count() > 0) {
                QTimer::singleShot(response.chunkDelay, this, [this] {
                    if (!m_closing)
                        sendChunks();
                });
                return;
            }
        }
    }

    void finishResponse()
    {
        const bool closeAfter = m_current->close;
        m_current.reset();
        if (closeAfter)
            close();
        else
            startNext();
    }

    void badRequest()
    {
        qCWarning(lcFaultServer) << this << "malformed request, answering 400";
        m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"_ba);
        close();
    }

    // Graceful close: what was written is flushed, then FIN. The server is told once the socket is down.
    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_work.clear();
        m_current.reset();
        qCDebug(lcFaultServer) << this << "closing";
        m_socket->disconnectFromHost();
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finishClose();
    }

    void finishClose()
    {
        m_closing = true;
        if (m_finished)
            return;
        m_finished = true;
        m_closed(this);
    }

    QTcpSocket *const m_socket;
    const Handler m_handler;
    const std::function<void(FaultConnection *)> m_closed;

    QByteArray m_buffer;
    State m_state = State::Head;
    qint64 m_remaining = 0;
    FaultServer::Request m_request;
    bool m_requestClose = false;

    std::deque<Work> m_work;
    std::optional<Work> m_current;
    bool m_sendBody = false;
    qsizetype m_nextChunk = 0;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace detail

class FaultServer::Private
{
public:
    QTcpServer server;
    std::deque<Response> queue;
    Response defaultResponse;
    QList<Request> requests;
    QList<detail::FaultConnection *> connections; // open ones; closed ones wait for deleteLater
    int accepted = 0;
};

QByteArray FaultServer::Request::header(const QByteArray &name) const
{
    return detail::findHeader(headers, name);
}

FaultServer::FaultServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->defaultResponse.status = 404;
    d->defaultResponse.headers = {{"Content-Type"_ba, "text/plain; charset=utf-8"_ba}};
    d->defaultResponse.body = "404 page not found\n"_ba;

    connect(&d->server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = d->server.nextPendingConnection()) {
            auto handler = [this, index = d->accepted++](Request request) {
                request.connection = index;
                d->requests.append(std::move(request));
                Q_EMIT requestReceived(int(d->requests.size() - 1));
                if (d->queue.empty())
                    return d->defaultResponse;
                Response response = std::move(d->queue.front());
                d->queue.pop_front();
                return response;
            };
            auto closed = [this](detail::FaultConnection *connection) {
                d->connections.removeOne(connection);
                connection->deleteLater();
            };
            d->connections.append(new detail::FaultConnection(socket, handler, closed, this));
        }
    });
}

FaultServer::~FaultServer()
{
    d->server.close();
    // Closed connections still pending deleteLater are children and go with ~QObject; they no
    // longer call back into d.
    qDeleteAll(std::exchange(d->connections, {}));
}

bool FaultServer::listen()
{
    return d->server.listen(QHostAddress::LocalHost, 0);
}

quint16 FaultServer::port() const
{
    return d->server.serverPort();
}

QString FaultServer::url() const
{
    return u"http://127.0.0.1:%1"_s.arg(port());
}

void FaultServer::enqueue(Response response)
{
    d->queue.push_back(std::move(response));
}

void FaultServer::setDefaultResponse(Response response)
{
    d->defaultResponse = std::move(response);
}

ClientSettings FaultServer::clientSettings() const
{
    ClientSettings s;
    s.host = u"127.0.0.1"_s;
    s.port = port();
    s.database = u"db"_s;
    s.retry.firstDelay = std::chrono::milliseconds(20);
    s.retry.jitter = 0.0;
    return s;
}

QList<FaultServer::Request> FaultServer::requests() const
{
    return d->requests;
}

int FaultServer::requestCount() const
{
    return int(d->requests.size());
}

FaultServer::Response FaultServer::json(int status, QByteArray body)
{
    Response response;
    response.status = status;
    response.headers = {{"Content-Type"_ba, "application/json"_ba}, {"X-Influxdb-Version"_ba, "1.6.7"_ba}};
    response.body = std::move(body);
    return response;
}

FaultServer::Response FaultServer::influxPing()
{
    Response response;
    response.status = 204;
    response.headers = {{"X-Influxdb-Build"_ba, "OSS"_ba}, {"X-Influxdb-Version"_ba, "1.6.7"_ba}};
    return response;
}

FaultServer::Response FaultServer::noContent()
{
    Response response;
    response.status = 204;
    response.headers = {{"X-Influxdb-Version"_ba, "1.6.7"_ba}};
    return response;
}

} // namespace QInflux::Test
