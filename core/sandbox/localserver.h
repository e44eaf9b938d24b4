#pragma once

#include <QInflux/result.h>

#include <QObject>
#include <QUrl>

#include <QCoroTask>

#include <chrono>
#include <memory>

namespace QInflux {

/// A private influxd for tests, `qinflux sandbox` and the explorer's sandbox mode.
///
/// It listens only on 127.0.0.1, on free ports, keeps its files in its own directory (a temporary
/// one unless given), with reporting, HTTP logging and monitoring off. The server is stopped when
/// this object is destroyed, and it also dies with the owning process, however that ends
/// (PR_SET_PDEATHSIG), so no server is ever left behind. Create and use it in one thread.
class LocalServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        /// Where meta/, data/ and wal/ go. Empty = a new temporary directory, removed on stop().
        QString dataDirectory;
        /// The influxd binary. Empty = "influxd" from PATH.
        QString program;
        /// How long to wait for /ping after starting.
        std::chrono::milliseconds startTimeout{30'000};
        /// Turn on [http] auth-enabled (the caller then creates the first admin user).
        bool authEnabled = false;
        /// Serve HTTPS with this PEM certificate and private key (both set) instead of HTTP.
        QString httpsCertificate;
        QString httpsPrivateKey;
    };

    explicit LocalServer(QObject *parent = nullptr);
    explicit LocalServer(Options options, QObject *parent = nullptr);
    ~LocalServer() override;

    /// Starts influxd and resolves once it answers /ping. Errors: influxd missing (Kind::Io), or it
    /// exited or did not answer in time (Kind::Server, with the tail of its log in detail()).
    QCoro::Task<Result<void>> start();
    /// Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for it. Safe to call twice.
    void stop();

    bool isRunning() const;
    bool isHttps() const;
    /// http://127.0.0.1:<port> (https with a certificate); empty before start() succeeded.
    QUrl url() const;
    quint16 port() const;
    QString dataDirectory() const;
    /// Process id of influxd, 0 when not running.
    qint64 processId() const;
    /// The last lines influxd wrote to its log.
    QString logTail(int lines = 20) const;

Q_SIGNALS:
    /// influxd exited without stop() being called.
    void crashed(const QString &logTail);

private:
    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
