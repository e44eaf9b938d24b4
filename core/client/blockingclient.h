#pragma once

#include "client.h"

namespace QInflux {

/// The blocking facade over Client: the same calls, each waiting for its result while running a
/// local event loop (QCoro::waitFor). For scripts, tests and the command line, never the GUI thread.
class BlockingClient
{
public:
    explicit BlockingClient(ClientSettings settings = {});
    ~BlockingClient();

    Client &async() { return *m_client; }
    const ClientSettings &settings() const { return m_client->settings(); }
    void setDatabase(const QString &database) { m_client->setDatabase(database); }

    Result<ServerInfo> ping();
    Result<QueryResult> query(const QString &query, const QueryOptions &options = {});
    Result<void> write(const QByteArray &lineProtocol, const WriteOptions &options = {});
    Result<void> createDatabase(const QString &name);

private:
    std::unique_ptr<Client> m_client;
};

} // namespace QInflux
