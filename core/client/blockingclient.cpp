#include "blockingclient.h"

#include "wait.h"

namespace QInflux {

BlockingClient::BlockingClient(ClientSettings settings)
    : m_client(std::make_unique<Client>(std::move(settings)))
{
}

BlockingClient::~BlockingClient() = default;

Result<ServerInfo> BlockingClient::ping()
{
    return blockOn(m_client->ping());
}

Result<QueryResult> BlockingClient::query(const QString &query, const QueryOptions &options)
{
    return blockOn(m_client->query(query, options));
}

Result<void> BlockingClient::write(const QByteArray &lineProtocol, const WriteOptions &options)
{
    return blockOn(m_client->write(lineProtocol, options));
}

Result<void> BlockingClient::createDatabase(const QString &name)
{
    return blockOn(m_client->createDatabase(name));
}

} // namespace QInflux
