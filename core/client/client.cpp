#include <QInflux/client.h>

#include "httpconnectionpool_p.h"
#include <QInflux/influxql.h>
#include "linescanner_p.h"
#include "logging_p.h"
#include <QInflux/responsedecoder.h>
#include "transport_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <QCoroFuture>
#include <QCoroNetworkReply>
#include <QCoroSignal>
#include <QCoroTimer>

#include <zlib.h>

#include <deque>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16 /* gzip header */, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : QByteArray();
}

/// Batches of whole lines: at most `maxLines` lines and `maxBytes` bytes each (a single longer line
/// goes alone). Empty lines are skipped. Returns [begin, end) byte ranges and their first line number.
struct Batch
{
    qsizetype begin = 0;
    qsizetype end = 0;
    qsizetype firstLine = 1;
    qsizetype lines = 0;
};

std::vector<Batch> splitBatches(const QByteArray &data, int maxLines, qsizetype maxBytes)
{
    // Points end where the server's scanner says (a string field may hold newlines): a batch is
    // never cut inside a point. Blank lines between points are skipped.
    std::vector<Batch> batches;
    Batch current;
    LineProtocol::LineScanner scanner;
    qsizetype lineNumber = 0;
    qsizetype pointStart = -1;
    qsizetype pointLine = 0;
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype eol = data.indexOf('\n', pos);
        const qsizetype lineEnd = eol < 0 ? data.size() : eol + 1;
        ++lineNumber;
        const QByteArrayView physical(data.constData() + pos, lineEnd - pos);
        if (pointStart < 0) {
            bool blank = true;
            for (char c : physical)
                blank = blank && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
            if (blank) {
                pos = lineEnd;
                continue;
            }
            pointStart = pos;
            pointLine = lineNumber;
        }
        if (scanner.endsLine(physical)) {
            if (current.lines > 0 && (current.lines >= maxLines || lineEnd - current.begin > maxBytes)) {
                batches.push_back(current);
                current = {};
            }
            if (current.lines == 0) {
                current.begin = pointStart;
                current.firstLine = pointLine;
            }
            current.end = lineEnd;
            ++current.lines;
            pointStart = -1;
        }
        pos = lineEnd;
    }
    if (current.lines > 0)
        batches.push_back(current);
    return batches;
}

std::optional<ResponseFormat> formatOf(const QByteArray &contentType)
{
    if (contentType.startsWith("application/json"))
        return ResponseFormat::Json;
    if (contentType.startsWith("application/x-msgpack"))
        return ResponseFormat::MessagePack;
    return std::nullopt;
}

bool retryable(const detail::HttpReply &reply)
{
    if (reply.cancelled)
        return false;
    if (reply.status == 0)
        return reply.networkError != QNetworkReply::NoError && reply.sslErrors.isEmpty()
            && reply.networkError != QNetworkReply::SslHandshakeFailedError;
    return reply.status == 429 || reply.status >= 500;
}

} // namespace

class Client::Private
{
public:
    Private(ClientSettings settings, QObject *owner)
        : transport(std::move(settings), owner),
          writes(transport.settings.baseUrl(), transport.sslConfiguration(), transport.settings.timeout)
    {
    }

    detail::Transport transport;
    /// /write and /query go through their own keep-alive connections (see HttpConnectionPool).
    detail::HttpConnectionPool writes;
    /// False once the Client is destroyed. A request in flight then ends as cancelled, and its
    /// coroutine, resumed later, must not touch the Client: each copies this flag before its
    /// first co_await and checks it after every one.
    std::shared_ptr<bool> alive = std::make_shared<bool>(true);

    static Error destroyed(const QString &what)
    {
        return Error(Error::Kind::Cancelled, u"%1 was cancelled: the client was destroyed."_s.arg(what));
    }

    QByteArray queryBody(const QString &query, const QueryOptions &options, bool chunked) const
    {
        const ClientSettings &s = transport.settings;
        QByteArray body;
        detail::appendFormField(body, "q", query);
        detail::appendFormField(body, "db", options.database.isEmpty() ? s.database : options.database);
        detail::appendFormField(body, "rp", options.retentionPolicy.isEmpty() ? s.retentionPolicy : options.retentionPolicy);
        if (!options.rfc3339)
            detail::appendFormField(body, "epoch", epochParameter(options.epoch));
        if (!options.params.isEmpty()) {
            const QJsonDocument params(QJsonObject::fromVariantMap(options.params));
            detail::appendFormField(body, "params", QString::fromUtf8(params.toJson(QJsonDocument::Compact)));
        }
        if (chunked) {
            detail::appendFormField(body, "chunked", u"true"_s);
            detail::appendFormField(body, "chunk_size", QString::number(std::max(1, options.chunkSize)));
        }
        return body;
    }

    /// MessagePack is typed (1 and 1.0 differ) and cheaper to decode; a server that cannot send it
    /// answers JSON, which the decoder takes as well. (influxd compares the Accept header as a
    /// whole: "application/x-msgpack, application/json;q=0.5" gets JSON.)
    static QByteArray acceptHeader(ResponseFormat format)
    {
        return format == ResponseFormat::MessagePack ? "application/x-msgpack" : "application/json";
    }

    QNetworkRequest queryRequest(ResponseFormat format) const
    {
        QNetworkRequest req = transport.request(u"/query"_s);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
        req.setRawHeader("Accept", acceptHeader(format));
        // QNetworkAccessManager asks for gzip on its own; on a LAN the server's compressing costs
        // more than the bytes it saves (it took 4x curl's server CPU for a 1M-row answer).
        if (!transport.settings.gzipAnswers)
            req.setRawHeader("Accept-Encoding", "identity");
        return req;
    }

    /// The answers to a /query request, decoded as their bytes arrive: one per top-level object
    /// (one for a plain answer, one per chunk for a chunked one). A failure is yielded last.
    QCoro::AsyncGenerator<Result<QueryResult>> answers(QString query, QueryOptions options, bool chunked);
    /// answers() through QNetworkAccessManager (for gzip answers).
    QCoro::AsyncGenerator<Result<QueryResult>> answersThroughQnam(QString query, QueryOptions options, bool chunked);

    /// Errors of a /query exchange that are not about one statement.
    std::optional<Error> queryError(const detail::HttpReply &reply) const
    {
        // 400: the server could not parse the query; the body says why.
        if (reply.status == 400)
            return Error(Error::Kind::Statement, u"The server rejected the query: %1"_s.arg(detail::serverMessage(reply)),
                         {}, reply.status);
        if (auto error = transport.errorOf(reply, u"Query"_s))
            return error;
        if (!formatOf(reply.contentType))
            return Error(Error::Kind::Server,
                         u"The server answered the query with \"%1\" instead of JSON or MessagePack."_s.arg(
                             QString::fromUtf8(reply.contentType)),
                         QString::fromUtf8(reply.body.left(200)), reply.status);
        return std::nullopt;
    }

    /// One batch, with retries.
    QCoro::Task<Result<void>> writeBatch(QByteArray target, detail::HttpConnectionPool::Headers headers, QByteArray body,
                                         std::optional<Cancellation> cancellation, QString where)
    {
        const std::shared_ptr<bool> living = alive;
        const RetryPolicy policy = transport.settings.retry;
        const auto started = std::chrono::steady_clock::now();
        for (int attempt = 0;; ++attempt) {
            const detail::HttpReply reply = co_await writes.post(target, headers, body, cancellation);
            if (!*living)
                co_return destroyed(u"Write"_s);
            if (reply.status == 400 && reply.influxError.startsWith("partial write"))
                co_return Error(Error::Kind::PartialWrite,
                                u"Only part of the points%1 were written: the server refused some lines."_s.arg(where),
                                QString::fromUtf8(reply.influxError), reply.status);
            auto error = transport.errorOf(reply, u"Write"_s);
            if (!error)
                co_return {};
            if (!where.isEmpty())
                *error = Error(error->kind(), error->message() + where, error->detail(), error->httpStatus());
            if (!retryable(reply) || attempt >= policy.maxRetries)
                co_return *error;
            auto delay = policy.jitteredDelayBefore(attempt + 1);
            if (auto after = RetryPolicy::parseRetryAfter(reply.retryAfter))
                delay = std::max(delay, *after);
            const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            if (elapsed + delay > policy.maxTotal)
                co_return *error;
            qCInfo(lcClient).noquote() << "write failed (" << error->message() << "); retry" << attempt + 1 << "of"
                                       << policy.maxRetries << "in" << delay.count() << "ms";
            co_await QCoro::sleepFor(delay);
            if (!*living)
                co_return destroyed(u"Write"_s);
            if (cancellation && cancellation->isCancelled())
                co_return Error(Error::Kind::Cancelled, u"Write was cancelled."_s);
        }
    }
};

namespace {

/// Decodes a /query body as its bytes arrive: the part both transports share.
class AnswerDecoding
{
public:
    AnswerDecoding(const QString &query, const QueryOptions &options, bool chunked)
        : m_query(query), m_options(options), m_chunked(chunked)
    {
    }

    bool started() const { return m_decoder.has_value(); }

    void start(ResponseFormat format)
    {
        m_decoder.emplace(format, m_options.epoch);
        if (!m_options.fieldTypes.isEmpty())
            m_decoder->setFieldTypes(m_options.fieldTypes);
        m_decoder->setTimelessStatements(InfluxQL::timelessStatements(m_query));
    }

    /// Decodes `bytes`; the answers they complete go to `out`, then an error if they are bad
    /// (false: the answer is over).
    bool feed(QByteArrayView bytes, std::vector<Result<QueryResult>> &out)
    {
        if (auto fed = m_decoder->feed(bytes); !fed) {
            out.emplace_back(located(fed.error()));
            return false;
        }
        while (std::optional<QueryResult> answer = m_decoder->takeResult()) {
            ++m_answers;
            m_moreAnnounced = std::any_of(answer->statements.cbegin(), answer->statements.cend(),
                                          [](const StatementResult &st) { return st.partial; });
            out.emplace_back(std::move(*answer));
        }
        return true;
    }

    /// After the body's last byte: an error if the body was incomplete.
    std::optional<Error> finish()
    {
        if (auto end = m_decoder->finish(); !end)
            return located(end.error());
        if (m_chunked && m_moreAnnounced)
            // The last chunk said more would follow: the answer was cut short, even if the
            // transport did not notice.
            return Error(Error::Kind::Network, u"Query: the chunked answer ended before its last chunk."_s,
                         u"%1 chunk(s) arrived; the last one announced more."_s.arg(m_answers));
        return std::nullopt;
    }

    /// `error` with how far the answer had come.
    Error located(const Error &error) const
    {
        const QString before = m_chunked ? u"%1 chunk(s) arrived before the failure."_s.arg(m_answers)
                                         : u"%1 answer(s) decoded before it."_s.arg(m_answers);
        return Error(error.kind(), error.message(), QString(before + u' ' + error.detail()).trimmed(), error.httpStatus());
    }

private:
    const QString &m_query;
    const QueryOptions &m_options;
    bool m_chunked;
    std::optional<ResponseDecoder> m_decoder;
    bool m_moreAnnounced = false;
    int m_answers = 0;
};

/// Bytes of an answer decoded at a time: bounds both the memory an answer holds before it is
/// decoded and how long one decoding step keeps the thread (often the GUI's).
constexpr qint64 answerSlice = 4 << 20;

} // namespace

QCoro::AsyncGenerator<Result<QueryResult>> Client::Private::answers(QString query, QueryOptions options, bool chunked)
{
    if (transport.configurationError) {
        Result<QueryResult> item(*transport.configurationError);
        co_yield item;
        co_return;
    }
    if (transport.settings.gzipAnswers) {
        // QNetworkAccessManager inflates gzip answers as they arrive.
        auto viaQnam = answersThroughQnam(std::move(query), std::move(options), chunked);
        for (auto it = co_await viaQnam.begin(); it != viaQnam.end(); co_await ++it)
            co_yield std::move(*it);
        co_return;
    }
    // The keep-alive connections read in the calling thread with bounded buffers: the socket
    // reads no more from the kernel until a slice is decoded, so a 1M-row answer never piles up
    // between threads (QNetworkAccessManager's HTTP thread reads ahead of the decoder).
    const ResponseFormat wanted = transport.settings.messagePack ? ResponseFormat::MessagePack : ResponseFormat::Json;
    detail::HttpConnectionPool::Headers headers = transport.commonHeaders();
    headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/x-www-form-urlencoded"));
    headers.append(std::pair<QByteArray, QByteArray>("Accept", acceptHeader(wanted)));
    headers.append(std::pair<QByteArray, QByteArray>("Accept-Encoding", "identity"));
    const std::shared_ptr<bool> living = alive;
    auto pieces = writes.postStreamed("/query", headers, queryBody(query, options, chunked), options.cancellation, answerSlice);
    AnswerDecoding decoding(query, options, chunked);
    std::optional<detail::HttpReply> refused; // a status other than 200, or a body that is not a query answer
    std::vector<Result<QueryResult>> decoded;
    for (auto it = co_await pieces.begin(); it != pieces.end(); co_await ++it) {
        detail::HttpReply &piece = *it;
        if (!*living) {
            Result<QueryResult> item(destroyed(u"Query"_s));
            co_yield item;
            co_return;
        }
        if (piece.networkError != QNetworkReply::NoError) {
            // (Named values only around co_yield: GCC 12 destroys some temporaries there twice.)
            const Error error = transport.errorOf(piece, u"Query"_s).value_or(Error(Error::Kind::Network, piece.networkErrorString));
            Result<QueryResult> item(refused ? error : decoding.located(error));
            co_yield item;
            co_return;
        }
        if (!decoding.started() && !refused) {
            const auto format = formatOf(piece.contentType);
            if (piece.status != 200 || !format)
                refused = piece;
            else
                decoding.start(*format);
            if (refused)
                continue;
        }
        if (refused) {
            if (refused->body.size() < (1 << 20)) // the server's words, not a whole foreign document
                refused->body += piece.body;
            continue;
        }
        decoded.clear();
        const bool ok = decoding.feed(piece.body, decoded);
        for (Result<QueryResult> &answer : decoded)
            co_yield std::move(answer);
        if (!ok)
            co_return;
    }
    if (!*living) {
        Result<QueryResult> item(destroyed(u"Query"_s));
        co_yield item;
        co_return;
    }
    if (refused) {
        Result<QueryResult> item(queryError(*refused).value_or(
            Error(Error::Kind::Http, u"Query failed with HTTP %1."_s.arg(refused->status), {}, refused->status)));
        co_yield item;
        co_return;
    }
    if (!decoding.started()) {
        Result<QueryResult> item(Error(Error::Kind::Network, u"Query: the server sent no answer."_s));
        co_yield item;
        co_return;
    }
    if (auto error = decoding.finish()) {
        Result<QueryResult> item(*error);
        co_yield item;
    }
}

QCoro::AsyncGenerator<Result<QueryResult>> Client::Private::answersThroughQnam(QString query, QueryOptions options, bool chunked)
{
    const ResponseFormat wanted = transport.settings.messagePack ? ResponseFormat::MessagePack : ResponseFormat::Json;
    detail::ReplyPtr reply =
        transport.start(queryRequest(wanted), "POST", queryBody(query, options, chunked), options.cancellation);
    // Back-pressure: Qt stops handing on bytes while this much is waiting to be decoded.
    reply->setReadBufferSize(16 << 20);
    detail::ReplyWaiter waiter(reply.get());
    AnswerDecoding decoding(query, options, chunked);
    std::vector<Result<QueryResult>> decoded;
    const std::shared_ptr<bool> living = alive;
    for (;;) {
        // Checked after every co_await, before the reply is touched again.
        if (!*living) {
            (void)reply.release(); // deleted with the client's QNetworkAccessManager
            Result<QueryResult> item(destroyed(u"Query"_s));
            co_yield item;
            co_return;
        }
        if (reply->bytesAvailable() == 0 && !reply->isFinished()) {
            co_await waiter.wait();
            continue;
        }
        if (!decoding.started() && (reply->isFinished() || reply->bytesAvailable() > 0)) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const auto format = formatOf(reply->rawHeader("Content-Type"));
            if (status != 200 || !format) {
                if (!reply->isFinished())
                    co_await qCoro(reply.get()).waitForFinished();
                if (!*living) {
                    (void)reply.release();
                    Result<QueryResult> item(destroyed(u"Query"_s));
                    co_yield item;
                    co_return;
                }
                const auto whole = detail::Transport::collect(reply.get(), reply->isOpen() ? reply->readAll() : QByteArray());
                Result<QueryResult> item(queryError(whole).value_or(
                    Error(Error::Kind::Http, u"Query failed with HTTP %1."_s.arg(whole.status), {}, whole.status)));
                co_yield item;
                co_return;
            }
            decoding.start(*format);
        }
        if (decoding.started() && reply->isOpen() && reply->bytesAvailable() > 0) {
            decoded.clear();
            const bool ok = decoding.feed(reply->read(answerSlice), decoded);
            for (Result<QueryResult> &answer : decoded)
                co_yield std::move(answer);
            if (!ok)
                co_return;
        }
        if (reply->isFinished() && reply->bytesAvailable() == 0) {
            const auto last = detail::Transport::collect(reply.get(), {});
            std::optional<Error> error = transport.errorOf(last, u"Query"_s);
            if (error)
                error = decoding.located(*error);
            else
                error = decoding.finish();
            if (error) {
                Result<QueryResult> item(*error);
                co_yield item;
            }
            co_return;
        }
        if (reply->bytesAvailable() > 0)
            co_await QCoro::sleepFor(std::chrono::milliseconds(0)); // let the event loop breathe between slices
    }
}

Client::Client(ClientSettings settings, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(std::move(settings), this))
{
}

Client::~Client()
{
    *d->alive = false;
    d->transport.cancelAll();
    d->writes.cancelAll();
}

const ClientSettings &Client::settings() const
{
    return d->transport.settings;
}

void Client::setDatabase(const QString &database)
{
    d->transport.settings.database = database;
}

void Client::setRetryPolicy(const RetryPolicy &policy)
{
    d->transport.settings.retry = policy;
}

void Client::cancelAll()
{
    d->transport.cancelAll();
    d->writes.cancelAll();
}

QString Client::databaseOr(const QString &database) const
{
    return database.isEmpty() ? d->transport.settings.database : database;
}

QCoro::Task<Result<ServerInfo>> Client::ping()
{
    if (d->transport.configurationError)
        co_return *d->transport.configurationError;
    const std::shared_ptr<bool> living = d->alive;
    const auto reply = co_await d->transport.send(d->transport.request(u"/ping"_s), "GET", {}, std::nullopt);
    if (!*living)
        co_return Private::destroyed(u"Ping"_s);
    if (auto error = d->transport.errorOf(reply, u"Ping"_s))
        co_return *error;
    if (reply.versionHeader.isEmpty())
        co_return Error(Error::Kind::Server,
                        u"The server at %1 answered, but it is not InfluxDB (no X-Influxdb-Version header)."_s.arg(
                            d->transport.settings.baseUrl().toString()),
                        u"HTTP %1"_s.arg(reply.status));
    co_return ServerInfo{QString::fromUtf8(reply.versionHeader), QString::fromUtf8(reply.buildHeader)};
}

QCoro::Task<Result<QueryResult>> Client::query(QString query, QueryOptions options)
{
    // The whole answer decodes as it arrives (never held as one body); a non-chunked answer is one
    // top-level object, but a proxy or a future server may split it, so answers are merged.
    std::optional<QueryResult> merged;
    auto answers = d->answers(std::move(query), std::move(options), false);
    for (auto it = co_await answers.begin(); it != answers.end(); co_await ++it) {
        Result<QueryResult> &answer = *it;
        if (!answer.ok())
            co_return answer.error();
        if (!merged) {
            merged = std::move(*answer);
        } else if (auto appended = merged->append(std::move(*answer)); !appended) {
            co_return appended.error();
        }
    }
    if (!merged)
        co_return Error(Error::Kind::Parse, u"The server's answer to the query was empty."_s);
    co_return std::move(*merged);
}

QCoro::AsyncGenerator<Result<QueryResult>> Client::queryChunked(QString query, QueryOptions options)
{
    return d->answers(std::move(query), std::move(options), true);
}

QCoro::Task<Result<QJsonObject>> Client::queryJson(QString query, QueryOptions options)
{
    if (d->transport.configurationError)
        co_return *d->transport.configurationError;
    const std::shared_ptr<bool> living = d->alive;
    const auto reply = co_await d->transport.send(d->queryRequest(ResponseFormat::Json), "POST",
                                                   d->queryBody(query, options, false), options.cancellation);
    if (!*living)
        co_return Private::destroyed(u"Query"_s);
    if (auto error = d->queryError(reply))
        co_return *error;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body, &parseError);
    if (!document.isObject())
        co_return Error(Error::Kind::Parse, u"The server's JSON answer cannot be parsed: %1 at byte %2."_s
                                                .arg(parseError.errorString()).arg(parseError.offset));
    co_return document.object();
}

QCoro::Task<Result<void>> Client::write(QByteArray lineProtocol, WriteOptions options)
{
    if (d->transport.configurationError)
        co_return *d->transport.configurationError;
    const ClientSettings &s = d->transport.settings;
    QByteArray query;
    detail::appendFormField(query, "db", options.database.isEmpty() ? s.database : options.database);
    detail::appendFormField(query, "rp", options.retentionPolicy.isEmpty() ? s.retentionPolicy : options.retentionPolicy);
    detail::appendFormField(query, "precision", precisionParameter(options.precision));
    const QByteArray target = "/write?" + query;
    detail::HttpConnectionPool::Headers headers = d->transport.commonHeaders();
    headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "text/plain; charset=utf-8"));
    if (s.gzipWrites)
        headers.append(std::pair<QByteArray, QByteArray>("Content-Encoding", "gzip"));

    const std::shared_ptr<bool> living = d->alive;
    const bool gzipWrites = s.gzipWrites;
    const std::vector<Batch> batches = splitBatches(lineProtocol, std::max(1, options.batchSize), std::max<qsizetype>(1, options.maxBatchBytes));
    const size_t concurrency = size_t(std::max(1, options.concurrency));
    // Tasks start at once (QCoro tasks are eager): up to `concurrency` batches are in flight.
    std::deque<QCoro::Task<Result<void>>> inFlight;
    std::optional<Error> firstError;
    for (size_t i = 0; i < batches.size() && !firstError; ++i) {
        const Batch &b = batches[i];
        QByteArray body = lineProtocol.mid(b.begin, b.end - b.begin);
        if (gzipWrites)
            body = gzip(body);
        const QString where = batches.size() == 1
            ? QString()
            : u" (batch %1 of %2, lines %3 to %4; the batches before it were written)"_s.arg(i + 1).arg(batches.size())
                  .arg(b.firstLine).arg(b.firstLine + b.lines - 1);
        inFlight.push_back(d->writeBatch(target, headers, std::move(body), options.cancellation, where));
        if (inFlight.size() >= concurrency) {
            auto written = co_await std::move(inFlight.front());
            inFlight.pop_front();
            if (!written)
                firstError = written.error();
            else if (!*living)
                firstError = Private::destroyed(u"Write"_s);
        }
    }
    // Let the batches still in flight finish: their outcome is part of what was written.
    while (!inFlight.empty()) {
        auto written = co_await std::move(inFlight.front());
        inFlight.pop_front();
        if (!written && !firstError)
            firstError = written.error();
    }
    if (firstError)
        co_return *firstError;
    co_return {};
}

LineProtocol::Options Client::lineProtocolOptions(const WriteOptions &options)
{
    LineProtocol::Options lp;
    lp.measurement = options.measurement;
    lp.tagColumns = options.tagColumns;
    lp.extraTags = options.extraTags;
    lp.precision = options.precision;
    lp.allowUnsigned = options.allowUnsigned;
    return lp;
}

QCoro::Task<Result<void>> Client::writeSerialized(LineProtocol::Output output, WriteOptions options)
{
    if (!output.problems.isEmpty())
        co_return Error(Error::Kind::Usage,
                        u"Nothing was written: "_s
                            + LineProtocol::describeProblems(output.problems, output.points + output.problems.size()) + u'.');
    co_return co_await write(std::move(output.lines), std::move(options));
}

QCoro::Task<Result<void>> Client::write(Point point, WriteOptions options)
{
    QList<Point> points; // (not a braced list: GCC 12 miscompiles one inside a coroutine)
    points.append(std::move(point));
    co_return co_await write(std::move(points), std::move(options));
}

QCoro::Task<Result<void>> Client::write(QList<Point> points, WriteOptions options)
{
    auto out = LineProtocol::serialize(points, lineProtocolOptions(options));
    co_return co_await writeSerialized(std::move(out), std::move(options));
}

QCoro::Task<Result<void>> Client::write(Frame frame, WriteOptions options)
{
    auto out = LineProtocol::serialize(frame, lineProtocolOptions(options));
    co_return co_await writeSerialized(std::move(out), std::move(options));
}

} // namespace QInflux
