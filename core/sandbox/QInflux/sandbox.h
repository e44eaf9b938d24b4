#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/clientsettings.h>
#include <QInflux/result.h>

#include <QObject>
#include <QUrl>

#include <QCoroTask>

#include <memory>

namespace QInflux {

class LocalServer;

/// The built-in sandbox: a private influxd loaded with the SampleData database. Owns the server; the
/// server stops when the Sandbox is destroyed or its owning process ends.
class QINFLUX_CORE_EXPORT Sandbox : public QObject
{
    Q_OBJECT
public:
    /// `dataDirectory` empty = a fresh temporary directory (and a fresh sample) each time. With a
    /// directory that already holds the sample, the data is kept and not written again.
    explicit Sandbox(QString dataDirectory = {}, QObject *parent = nullptr);
    ~Sandbox() override;

    /// Starts influxd and loads the sample data.
    QCoro::Task<Result<void>> start();
    void stop();

    /// Settings to reach the running sandbox, with the sample database as default database.
    ClientSettings clientSettings() const;
    /// The running server's address (empty before start() succeeded), its process and data folder.
    QUrl url() const;
    qint64 processId() const;
    QString dataDirectory() const;

Q_SIGNALS:
    /// influxd ended while it should be running; `logTail` holds the last lines it logged.
    void crashed(const QString &logTail);

private:
    std::unique_ptr<LocalServer> const m_server;
};

} // namespace QInflux
