#include <QInflux/blockingclient.h>

#include <QInflux/wait.h>

namespace QInflux {

BlockingClient::BlockingClient(ClientSettings settings)
    : m_client(std::make_unique<Client>(std::move(settings)))
{
}

BlockingClient::~BlockingClient() = default;

Result<ServerInfo> BlockingClient::ping() { return blockOn(m_client->ping()); }

Result<QueryResult> BlockingClient::query(const QString &query, const QueryOptions &options)
{
    return blockOn(m_client->query(query, options));
}

Result<void> BlockingClient::queryChunked(const QString &query, const std::function<bool(const QueryResult &)> &onChunk,
                                          const QueryOptions &options)
{
    auto consume = [](Client &client, QString q, QueryOptions o,
                      std::function<bool(const QueryResult &)> callback) -> QCoro::Task<Result<void>> {
        auto stream = client.queryChunked(std::move(q), std::move(o));
        for (auto it = co_await stream.begin(); it != stream.end(); co_await ++it) {
            const Result<QueryResult> &chunk = *it;
            if (!chunk.ok())
                co_return chunk.error();
            if (!callback(chunk.value()))
                co_return {};
        }
        co_return {};
    };
    return blockOn(consume(*m_client, query, options, onChunk));
}

Result<void> BlockingClient::write(const QByteArray &lineProtocol, const WriteOptions &options)
{
    return blockOn(m_client->write(lineProtocol, options));
}

Result<void> BlockingClient::createDatabase(const QString &name) { return blockOn(m_client->createDatabase(name)); }
Result<void> BlockingClient::dropDatabase(const QString &name) { return blockOn(m_client->dropDatabase(name)); }

Result<void> BlockingClient::dropMeasurement(const QString &measurement, const QString &database)
{
    return blockOn(m_client->dropMeasurement(measurement, database));
}

Result<QueryResult> BlockingClient::showDatabases() { return blockOn(m_client->showDatabases()); }
Result<QueryResult> BlockingClient::showMeasurements(const QString &database) { return blockOn(m_client->showMeasurements(database)); }
Result<QueryResult> BlockingClient::showUsers() { return blockOn(m_client->showUsers()); }

Result<QueryResult> BlockingClient::showSeries(const QString &measurement, const QString &database)
{
    return blockOn(m_client->showSeries(measurement, database));
}

Result<QueryResult> BlockingClient::showRetentionPolicies(const QString &database)
{
    return blockOn(m_client->showRetentionPolicies(database));
}

Result<QueryResult> BlockingClient::showTagKeys(const QString &measurement, const QString &database)
{
    return blockOn(m_client->showTagKeys(measurement, database));
}

Result<QueryResult> BlockingClient::showFieldKeys(const QString &measurement, const QString &database)
{
    return blockOn(m_client->showFieldKeys(measurement, database));
}

Result<QueryResult> BlockingClient::showTagValues(const QString &key, const QString &measurement, const QString &database)
{
    return blockOn(m_client->showTagValues(key, measurement, database));
}

Result<QueryResult> BlockingClient::showContinuousQueries() { return blockOn(m_client->showContinuousQueries()); }
Result<QueryResult> BlockingClient::showQueries() { return blockOn(m_client->showQueries()); }

Result<void> BlockingClient::createRetentionPolicy(const RetentionPolicySpec &policy)
{
    return blockOn(m_client->createRetentionPolicy(policy));
}

Result<void> BlockingClient::alterRetentionPolicy(const RetentionPolicySpec &policy)
{
    return blockOn(m_client->alterRetentionPolicy(policy));
}

Result<void> BlockingClient::dropRetentionPolicy(const QString &name, const QString &database)
{
    return blockOn(m_client->dropRetentionPolicy(name, database));
}

Result<void> BlockingClient::killQuery(qint64 queryId) { return blockOn(m_client->killQuery(queryId)); }

} // namespace QInflux
