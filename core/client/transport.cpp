#include "transport_p.h"

#include "logging_p.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslKey>

#include <QCoroNetworkReply>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

ReplyWaiter::ReplyWaiter(QNetworkReply *reply)
{
    connect(reply, &QNetworkReply::readyRead, this, [this] { poke(); });
    connect(reply, &QNetworkReply::finished, this, [this] { poke(); });
}

QString serverMessage(const HttpReply &reply)
{
    if (!reply.influxError.isEmpty())
        return QString::fromUtf8(reply.influxError);
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body);
    if (doc.isObject() && doc.object().value("error"_L1).isString())
        return doc.object().value("error"_L1).toString();
    return QString::fromUtf8(reply.body.left(2000)).trimmed();
}

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

void abortLater(QNetworkReply *reply)
{
    // Not abort() right here: it emits finished() at once, which resumes the awaiting coroutine,
    // which deletes the reply while abort() is still running in it. Queued, the abort is dropped
    // if the reply is gone by then.
    reply->setProperty("qinfluxCancelled", true);
    QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection);
}

Transport::Transport(ClientSettings s, QObject *owner) : settings(std::move(s))
{
    network = new QNetworkAccessManager(owner);
    if (settings.ssl)
        applyTls();
}

void Transport::applyTls()
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    if (!settings.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(settings.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            configurationError = Error(Error::Kind::Usage,
                                       u"The CA file %1 cannot be read or holds no PEM certificate."_s.arg(settings.caFile));
            return;
        }
        m_ssl.addCaCertificates(cas);
    }
    if (!settings.clientCertificateFile.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(settings.clientCertificateFile, QSsl::Pem);
        QFile keyFile(settings.clientKeyFile.isEmpty() ? settings.clientCertificateFile : settings.clientKeyFile);
        if (certs.isEmpty()) {
            configurationError = Error(Error::Kind::Usage, u"The client certificate %1 cannot be read or holds no PEM "
                                                           "certificate."_s.arg(settings.clientCertificateFile));
            return;
        }
        if (!keyFile.open(QIODevice::ReadOnly)) {
            configurationError = Error(Error::Kind::Usage, u"The client key %1 cannot be read."_s.arg(keyFile.fileName()),
                                       keyFile.errorString());
            return;
        }
        const QByteArray pem = keyFile.readAll();
        QSslKey key(pem, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(pem, QSsl::Ec);
        if (key.isNull()) {
            configurationError = Error(Error::Kind::Usage,
                                       u"The client key %1 is not an unencrypted PEM RSA or EC key."_s.arg(keyFile.fileName()));
            return;
        }
        m_ssl.setLocalCertificate(certs.first());
        m_ssl.setPrivateKey(key);
    }
    if (settings.insecureSkipVerify)
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
}

QNetworkRequest Transport::request(const QString &endpoint, const QByteArray &query) const
{
    QUrl url = settings.baseUrl();
    url.setPath(url.path() + endpoint);
    if (!query.isEmpty())
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    QNetworkRequest req(url);
    req.setTransferTimeout(int(settings.timeout.count()));
    for (const auto &[name, value] : commonHeaders())
        req.setRawHeader(name, value);
    if (settings.ssl)
        req.setSslConfiguration(m_ssl);
    return req;
}

QList<std::pair<QByteArray, QByteArray>> Transport::commonHeaders() const
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    headers.append({"User-Agent", settings.userAgent.isEmpty() ? QByteArray("qinflux/" QINFLUX_VERSION_STRING)
                                                                : settings.userAgent.toUtf8()});
    if (!settings.token.isEmpty())
        headers.append({"Authorization", "Token " + settings.token.toUtf8()});
    else if (!settings.username.isEmpty())
        headers.append({"Authorization", "Basic " + (settings.username + u':' + settings.password).toUtf8().toBase64()});
    return headers;
}

ReplyPtr Transport::start(const QNetworkRequest &req, const QByteArray &verb, const QByteArray &body,
                                                const std::optional<Cancellation> &cancellation)
{
    // Never log headers: they carry the password or token.
    qCDebug(lcClient).noquote() << verb << req.url().toString(QUrl::RemoveUserInfo) << body.size() << "bytes";
    ReplyPtr reply(verb == "GET" ? network->get(req) : network->post(req, body));
    QNetworkReply *raw = reply.get();
    m_inFlight.insert(raw);
    QObject::connect(raw, &QObject::destroyed, m_context.get(), [this, raw] { m_inFlight.erase(raw); });
    QObject::connect(raw, &QNetworkReply::sslErrors, raw, [raw](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        raw->setProperty("qinfluxSslErrors", texts);
    });
    if (cancellation) {
        if (cancellation->isCancelled()) {
            abortLater(raw);
        } else {
            Cancellation c = *cancellation;
            const int id = c.onCancel([raw] { abortLater(raw); });
            QObject::connect(raw, &QObject::destroyed, [c, id]() mutable { c.remove(id); });
        }
    }
    return reply;
}

QCoro::Task<HttpReply> Transport::send(QNetworkRequest req, QByteArray verb, QByteArray body,
                                       std::optional<Cancellation> cancellation)
{
    ReplyPtr reply = start(req, verb, body, cancellation);
    if (!reply->isFinished())
        co_await reply.get();
    co_return collect(reply.get(), reply->isOpen() ? reply->readAll() : QByteArray());
}

HttpReply Transport::collect(QNetworkReply *reply, QByteArray body)
{
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = std::move(body);
    r.networkError = reply->error();
    r.networkErrorString = reply->errorString();
    r.sslErrors = reply->property("qinfluxSslErrors").toStringList();
    r.cancelled = reply->property("qinfluxCancelled").toBool();
    r.versionHeader = reply->rawHeader("X-Influxdb-Version");
    r.buildHeader = reply->rawHeader("X-Influxdb-Build");
    r.contentType = reply->rawHeader("Content-Type");
    r.influxError = reply->rawHeader("X-Influxdb-Error");
    r.retryAfter = reply->rawHeader("Retry-After");
    return r;
}

std::optional<Error> Transport::errorOf(const HttpReply &reply, const QString &what) const
{
    const QString where = settings.baseUrl().toString();
    if (reply.cancelled)
        return Error(Error::Kind::Cancelled, u"%1 was cancelled."_s.arg(what));
    if (!reply.sslErrors.isEmpty() || reply.networkError == QNetworkReply::SslHandshakeFailedError) {
        return Error(Error::Kind::Network,
                     u"%1: the TLS connection to %2 failed: %3. Trust the server's CA with a CA file (--ca-file), "
                     "or, only if you accept the risk, skip verification (--insecure)."_s
                         .arg(what, where, reply.sslErrors.isEmpty() ? reply.networkErrorString : reply.sslErrors.join(u"; "_s)));
    }
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
    if (reply.status >= 200 && reply.status < 300) {
        // The headers said success, but the body broke off (connection dropped, timeout).
        if (reply.networkError == QNetworkReply::OperationCanceledError)
            return Error(Error::Kind::Timeout, u"%1: the answer from %2 stopped arriving."_s.arg(what, where),
                         reply.networkErrorString, reply.status);
        if (reply.networkError != QNetworkReply::NoError)
            return Error(Error::Kind::Network, u"%1: the connection to %2 broke during the answer."_s.arg(what, where),
                         reply.networkErrorString, reply.status);
        return std::nullopt;
    }
    const QString message = serverMessage(reply);
    switch (reply.status) {
    case 401:
    case 403:
        return Error(Error::Kind::Auth, u"%1: the server refused the credentials (HTTP %2): %3"_s.arg(what).arg(reply.status).arg(message),
                     {}, reply.status);
    case 404:
        return Error(Error::Kind::NotFound, u"%1: %2 (HTTP 404)."_s.arg(what, message), {}, reply.status);
    default:
        return Error(Error::Kind::Http, u"%1 failed with HTTP %2: %3"_s.arg(what).arg(reply.status).arg(message), {},
                     reply.status);
    }
}

void Transport::cancelAll()
{
    for (QNetworkReply *reply : m_inFlight)
        abortLater(reply);
}

} // namespace QInflux::detail
