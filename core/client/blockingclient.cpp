#include <QInflux/blockingclient.h>

#include <QInflux/wait.h>

namespace QInflux {

BlockingClient::BlockingClient(ClientSettings settings)
    : m_client(std::make_unique<Client>(std::move(settings)))
{
}

BlockingClient::~BlockingClient() = default;

Result<void> BlockingClient::wait(QCoro::Task<Result<void>> task)
{
    return blockOn(std::move(task));
}

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

Result<QJsonObject> BlockingClient::queryJson(const QString &query, const QueryOptions &options)
{
    return blockOn(m_client->queryJson(query, options));
}

Result<void> BlockingClient::write(const QByteArray &lineProtocol, const WriteOptions &options)
{
    return blockOn(m_client->write(lineProtocol, options));
}

Result<void> BlockingClient::write(QStringView lineProtocol, const WriteOptions &options)
{
    return blockOn(m_client->write(lineProtocol, options));
}

Result<void> BlockingClient::write(const Point &point, const WriteOptions &options)
{
    return blockOn(m_client->write(point, options));
}

Result<void> BlockingClient::write(const QList<Point> &points, const WriteOptions &options)
{
    return blockOn(m_client->write(points, options));
}

Result<void> BlockingClient::write(const Frame &frame, const WriteOptions &options)
{
    return blockOn(m_client->write(frame, options));
}

} // namespace QInflux
