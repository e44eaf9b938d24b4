#pragma once

#include <QInflux/clientsettings.h>
#include <QInflux/result.h>
#include "localserver_p.h"

#include <QObject>

#include <QCoroTask>

namespace QInflux {

/// The built-in sandbox: a LocalServer loaded with the SampleData database. Owns the server; the
/// server stops when the Sandbox is destroyed or its owning process ends.
class Sandbox : public QObject
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
    LocalServer &server() { return m_server; }

private:
    LocalServer m_server;
};

} // namespace QInflux
