#pragma once

#include <QInflux/querycache.h>
#include <QInflux/client.h>
#include "connections/savedconnection.h"

#include <QObject>

#include <QCoroTask>

#include <memory>
#include <vector>

namespace QInflux {

class QueryCache;
class Sandbox;

/// The explorer's current connection: a Client, and the built-in Sandbox when that is what it talks to.
class ConnectionSession : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionSession(QObject *parent = nullptr);
    ~ConnectionSession() override;

    /// Connects to a server and pings it.
    QCoro::Task<Result<ServerInfo>> connectToServer(ClientSettings settings);
    /// Starts the built-in sandbox (a private influxd with the sample database) and connects to it.
    QCoro::Task<Result<ServerInfo>> connectToSandbox();
    /// Connects to a saved connection with `secret` as its password or token (unused when it needs
    /// none); the sandbox one starts the sandbox, or reuses it when it runs. Connecting elsewhere
    /// stops the sandbox. Takes the connection's id and "cache results" flag on success.
    QCoro::Task<Result<ServerInfo>> connectTo(SavedConnection connection, QString secret);
    /// Pings the server with a new Client and, when `settings` carry credentials, checks them with
    /// SHOW DATABASES (/ping answers without them): the server's version, or its error.
    static QCoro::Task<Result<ServerInfo>> test(ClientSettings settings);

    /// The saved connection in use: its id (SavedConnection::sandboxId() for the sandbox), empty
    /// for a URL given on the command line or when not connected.
    QString connectionId() const { return m_connectionId; }

    /// nullptr until a connection succeeded.
    Client *client() const { return m_client.get(); }
    bool isSandbox() const { return m_sandbox != nullptr; }
    /// "sandbox (http://127.0.0.1:port)" or the server URL, and the database.
    QString description() const;

    /// The query cache for this connection's runs: nullptr when caching is off for it or there is
    /// no connection. Valid as long as the session lives (a run in progress keeps using it).
    QueryCache *cache() const;
    /// Whether this connection's queries go through the cache: opt-in, off by default; the
    /// connections manager keeps the flag per saved connection. Emits cacheChanged().
    bool cacheEnabled() const { return m_cacheEnabled; }
    void setCacheEnabled(bool enabled);
    /// The cache's location, size limit and time-to-live, from CacheSettings at first. Applies to
    /// the next run; emits cacheChanged().
    const QueryCache::Options &cacheOptions() const { return m_cacheOptions; }
    void setCacheOptions(const QueryCache::Options &options);

Q_SIGNALS:
    /// cacheEnabled() or cacheOptions() changed.
    void cacheChanged();
    /// A connection succeeded: client() is a new Client (the schema, completion and admin views reload).
    void changed();
    /// The sandbox server ended without being asked to.
    void sandboxCrashed(const QString &logTail);

private:
    /// Checks `settings` (see test()) and makes them the current connection with this id and flag.
    QCoro::Task<Result<ServerInfo>> open(ClientSettings settings, QString id, bool cacheEnabled);
    QCoro::Task<Result<ServerInfo>> startSandbox(bool cacheEnabled);

    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Client> m_client;
    ServerInfo m_info;
    QString m_connectionId;
    bool m_cacheEnabled = false;
    QueryCache::Options m_cacheOptions;
    /// The current cache is the last one; earlier ones stay alive for runs that still use them.
    std::vector<std::unique_ptr<QueryCache>> m_caches;
};

} // namespace QInflux
