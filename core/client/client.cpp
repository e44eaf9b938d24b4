#include "client.h"

#include "influxql.h"
#include "logging_p.h"
#include "results/jsondecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <QtConcurrent/QtConcurrentRun>

#include <QCoroFuture>
#include <QCoroNetworkReply>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

void appendFormField(QByteArray &body, const char *key, const QString &value)
{
    if (value.isEmpty())
        return;
    if (!body.isEmpty())
        body += '&';
    body += key;
    body += '=';
    // toPercentEncoding leaves only unreserved characters as they are, so '+' becomes %2B
    // (a raw '+' would be read as a space by the server's form parser).
    body += QUrl::toPercentEncoding(value);
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    QByteArray versionHeader;
    QByteArray buildHeader;
    QByteArray contentType;
    QByteArray influxError;
};

QString serverMessage(const Reply &reply)
{
    if (!reply.influxError.isEmpty())
        return QString::fromUtf8(reply.influxError);
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
    if (doc.isObject() && doc.object().value("error"_L1).isString())
        return doc.object().value("error"_L1).toString();
    return QString::fromUtf8(reply.body.left(2000)).trimmed();
}

} // namespace

class Client::Private
{
public:
    ClientSettings settings;
    QNetworkAccessManager *network = nullptr;

    QNetworkRequest request(const QString &endpoint) const
    {
        QUrl url = settings.baseUrl();
        url.setPath(url.path() + endpoint);
        QNetworkRequest req(url);
        req.setTransferTimeout(int(settings.timeout.count()));
        req.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("qinflux/" QINFLUX_VERSION_STRING));
        if (!settings.username.isEmpty()) {
            const QByteArray credentials = (settings.username + u':' + settings.password).toUtf8().toBase64();
            req.setRawHeader("Authorization", "Basic " + credentials);
        }
        return req;
    }

    static Reply collect(QNetworkReply *reply, QByteArray body)
    {
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = std::move(body);
        r.networkError = reply->error();
        r.networkErrorString = reply->errorString();
        r.versionHeader = reply->rawHeader("X-Influxdb-Version");
        r.buildHeader = reply->rawHeader("X-Influxdb-Build");
        r.contentType = reply->rawHeader("Content-Type");
        r.influxError = reply->rawHeader("X-Influxdb-Error");
        return r;
    }

    QCoro::Task<Reply> send(QNetworkRequest req, QByteArray verb, QByteArray body)
    {
        qCDebug(lcClient).noquote() << verb << req.url().toString(QUrl::RemoveUserInfo) << body.size() << "bytes";
        std::unique_ptr<QNetworkReply> reply;
        if (verb == "GET")
            reply.reset(network->get(req));
        else
            reply.reset(network->post(req, body));
        co_await reply.get();
        co_return collect(reply.get(), reply->isOpen() ? reply->readAll() : QByteArray());
    }

    /// The error a failed exchange stands for, or nullopt when `reply` is a success.
    std::optional<Error> errorOf(const Reply &reply, const QString &what) const
    {
        const QString where = settings.baseUrl().toString();
        if (reply.status == 0) {
            switch (reply.networkError) {
            case QNetworkReply::NoError:
                return std::nullopt;
            case QNetworkReply::OperationCanceledError:
            case QNetworkReply::TimeoutError:
                return Error(Error::Kind::Timeout,
                             u"%1: no answer from %2 within %3 s."_s.arg(what, where).arg(double(settings.timeout.count()) / 1000.0),
                             reply.networkErrorString);
            default:
                return Error(Error::Kind::Network, u"%1: cannot reach the server at %2."_s.arg(what, where),
                             reply.networkErrorString);
            }
        }
        if (reply.status >= 200 && reply.status < 300)
            return std::nullopt;
        const QString message = serverMessage(reply);
        switch (reply.status) {
        case 401:
        case 403:
            return Error(Error::Kind::Auth, u"%1: the server refused the credentials (HTTP %2)."_s.arg(what).arg(reply.status),
                         message, reply.status);
        case 404:
            return Error(Error::Kind::NotFound, u"%1: not found (HTTP 404)."_s.arg(what), message, reply.status);
        default:
            return Error(Error::Kind::Http, u"%1 failed with HTTP %2: %3"_s.arg(what).arg(reply.status).arg(message),
                         {}, reply.status);
        }
    }
};

Client::Client(ClientSettings settings, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->settings = std::move(settings);
    d->network = new QNetworkAccessManager(this);
}

Client::~Client() = default;

const ClientSettings &Client::settings() const
{
    return d->settings;
}

void Client::setDatabase(const QString &database)
{
    d->settings.database = database;
}

QCoro::Task<Result<ServerInfo>> Client::ping()
{
    const Reply reply = co_await d->send(d->request(u"/ping"_s), "GET", {});
    if (auto error = d->errorOf(reply, u"Ping"_s))
        co_return *error;
    if (reply.versionHeader.isEmpty())
        co_return Error(Error::Kind::Server,
                        u"The server at %1 answered, but it is not InfluxDB (no X-Influxdb-Version header)."_s.arg(
                            d->settings.baseUrl().toString()),
                        u"HTTP %1"_s.arg(reply.status));
    co_return ServerInfo{QString::fromUtf8(reply.versionHeader), QString::fromUtf8(reply.buildHeader)};
}

QCoro::Task<Result<QueryResult>> Client::query(QString query, QueryOptions options)
{
    QByteArray body;
    appendFormField(body, "q", query);
    appendFormField(body, "db", options.database.isEmpty() ? d->settings.database : options.database);
    appendFormField(body, "rp", options.retentionPolicy.isEmpty() ? d->settings.retentionPolicy : options.retentionPolicy);
    appendFormField(body, "epoch", epochParameter(options.epoch));
    QNetworkRequest req = d->request(u"/query"_s);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    req.setRawHeader("Accept", "application/json");

    const Reply reply = co_await d->send(std::move(req), "POST", std::move(body));
    // A 400 with a JSON {"error": ...} body is a query the server could not parse.
    if (reply.status == 400)
        co_return Error(Error::Kind::Statement, u"The server rejected the query: %1"_s.arg(serverMessage(reply)), {},
                        reply.status);
    if (auto error = d->errorOf(reply, u"Query"_s))
        co_return *error;
    if (!reply.contentType.startsWith("application/json"))
        co_return Error(Error::Kind::Server,
                        u"The server answered the query with \"%1\" instead of JSON."_s.arg(QString::fromUtf8(reply.contentType)),
                        QString::fromUtf8(reply.body.left(200)), reply.status);
    // Small answers decode in place; large ones on a worker thread so the caller's thread (often the
    // GUI thread) stays responsive.
    if (reply.body.size() < 256 * 1024)
        co_return JsonDecoder::decode(reply.body, options.epoch);
    co_return co_await QtConcurrent::run(&JsonDecoder::decode, reply.body, options.epoch);
}

QCoro::Task<Result<void>> Client::write(QByteArray lineProtocol, WriteOptions options)
{
    QUrl url = d->settings.baseUrl();
    url.setPath(url.path() + u"/write"_s);
    QByteArray query;
    appendFormField(query, "db", options.database.isEmpty() ? d->settings.database : options.database);
    appendFormField(query, "rp", options.retentionPolicy.isEmpty() ? d->settings.retentionPolicy : options.retentionPolicy);
    appendFormField(query, "precision", precisionParameter(options.precision));
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    QNetworkRequest req = d->request({});
    req.setUrl(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain; charset=utf-8"));

    const Reply reply = co_await d->send(std::move(req), "POST", std::move(lineProtocol));
    if (reply.status == 400 && reply.influxError.startsWith("partial write"))
        co_return Error(Error::Kind::PartialWrite, u"Only part of the points were written."_s,
                        QString::fromUtf8(reply.influxError), reply.status);
    if (auto error = d->errorOf(reply, u"Write"_s))
        co_return *error;
    co_return {};
}

QCoro::Task<Result<void>> Client::createDatabase(QString name)
{
    auto result = co_await query(u"CREATE DATABASE "_s + InfluxQL::quoteIdentifier(name));
    if (!result)
        co_return result.error();
    if (auto error = result->firstError())
        co_return *error;
    co_return {};
}

} // namespace QInflux
