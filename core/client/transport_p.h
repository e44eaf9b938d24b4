#pragma once

#include <QInflux/cancellation.h>
#include <QInflux/clientsettings.h>
#include <QInflux/error.h>
#include "waker_p.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>

#include <QCoroTask>

#include <memory>
#include <optional>
#include <set>

class QNetworkAccessManager;

namespace QInflux::detail {

/// Everything an exchange left behind, copied out of the QNetworkReply.
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    QStringList sslErrors;
    bool cancelled = false;
    QByteArray versionHeader;
    QByteArray buildHeader;
    QByteArray contentType;
    QByteArray influxError;
    QByteArray retryAfter;
};

/// Owns a reply and deletes it with deleteLater(): a coroutine resumes inside the reply's
/// finished() signal, and deleting the reply there would pull it from under Qt's own code.
struct DeleteLater
{
    void operator()(QObject *object) const { object->deleteLater(); }
};
using ReplyPtr = std::unique_ptr<QNetworkReply, DeleteLater>;

/// Wakes a coroutine when a reply has more bytes or has finished: co_await waiter.wait().
class ReplyWaiter : public Waker
{
public:
    explicit ReplyWaiter(QNetworkReply *reply);
};

/// The HTTP side of Client: requests with auth, TLS and timeouts; replies mapped to Errors.
class Transport
{
public:
    Transport(ClientSettings settings, QObject *owner);

    ClientSettings settings;
    QNetworkAccessManager *network = nullptr;
    /// A setting that cannot work (e.g. an unreadable CA file): every request fails with it.
    std::optional<Error> configurationError;

    QNetworkRequest request(const QString &endpoint, const QByteArray &query = {}) const;
    /// User-Agent and Authorization, as request() sets them.
    QList<std::pair<QByteArray, QByteArray>> commonHeaders() const;
    const QSslConfiguration &sslConfiguration() const { return m_ssl; }
    /// Starts an exchange; the reply is tracked for cancelAll() and bound to `cancellation`.
    ReplyPtr start(const QNetworkRequest &request, const QByteArray &verb, const QByteArray &body,
                                         const std::optional<Cancellation> &cancellation);
    /// start() and wait for the whole answer.
    QCoro::Task<HttpReply> send(QNetworkRequest request, QByteArray verb, QByteArray body,
                                std::optional<Cancellation> cancellation);
    /// Copies status, headers and errors out of a finished (or failing) reply.
    static HttpReply collect(QNetworkReply *reply, QByteArray body);
    /// The error a failed exchange stands for, or nullopt when `reply` is a success.
    std::optional<Error> errorOf(const HttpReply &reply, const QString &what) const;
    void cancelAll();

private:
    void applyTls();
    /// Context of the connections to replies: they go away with the Transport.
    std::unique_ptr<QObject> m_context = std::make_unique<QObject>();
    QSslConfiguration m_ssl;
    std::set<QNetworkReply *> m_inFlight;
};

/// The server's error text: the X-Influxdb-Error header, or {"error": ...} in the body, or the body.
QString serverMessage(const HttpReply &reply);
/// Appends `key=value` to an application/x-www-form-urlencoded body (nothing when value is empty).
void appendFormField(QByteArray &body, const char *key, const QString &value);

} // namespace QInflux::detail
