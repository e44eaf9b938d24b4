#pragma once

#include <QInflux/clientsettings.h>
#include "localserver_p.h"

#include <QString>

#include <memory>

namespace QInflux::Test {

/// A real influxd for one test program: started in initTestCase() on a free loopback port with its
/// own temporary directory, stopped when the fixture is destroyed.
class InfluxFixture
{
public:
    /// Starts the server; false (and a message in error()) when it cannot.
    bool start(LocalServer::Options options = {});
    /// Starts a server with auth enabled and creates the admin user `user` with `password`.
    bool startWithAuth(const QString &user, const QString &password, LocalServer::Options options = {});
    void stop();

    LocalServer &server() { return *m_server; }
    /// Settings reaching the server, with `database` as default database.
    ClientSettings settings(const QString &database = {}) const;
    QString url() const;
    QString error() const { return m_error; }

    /// A database name unique within this test run: "test_<name>_<n>".
    static QString uniqueDatabase(const QString &name);
    /// Creates uniqueDatabase(name) on the server and returns its name (qFatal when it cannot).
    QString freshDatabase(const QString &name) const;

private:
    std::unique_ptr<LocalServer> m_server;
    QString m_error;
};

} // namespace QInflux::Test
