#pragma once

#include "client/client.h"

#include <QObject>

#include <QCoroTask>

#include <memory>

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

    /// nullptr until a connection succeeded.
    Client *client() const { return m_client.get(); }
    bool isSandbox() const { return m_sandbox != nullptr; }
    /// "sandbox (http://127.0.0.1:port)" or the server URL, and the database.
    QString description() const;

    // --- editor helper: placeholder until the admin branch adds the session's QueryCache ---
    /// The query cache for this connection; nullptr when caching is off. (Placeholder: always nullptr.)
    QueryCache *cache() const { return nullptr; }
    // --- end editor helper placeholder ---

Q_SIGNALS:
    /// A connection succeeded: client() is a new Client (the schema, completion and admin views reload).
    void changed();
    /// The sandbox server ended without being asked to.
    void sandboxCrashed(const QString &logTail);

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Client> m_client;
    ServerInfo m_info;
};

} // namespace QInflux
