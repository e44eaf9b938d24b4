#include "blockingclient.h"

#include <optional>

namespace QInflux {

namespace {

// QCoro::waitFor needs a default-constructible value; Result<T> deliberately has none.
template<typename T>
T wait(QCoro::Task<T> task)
{
    std::optional<T> out;
    QCoro::waitFor([](QCoro::Task<T> t, std::optional<T> &o) -> QCoro::Task<> { o.emplace(co_await std::move(t)); }(
        std::move(task), out));
    return std::move(*out);
}

} // namespace

BlockingClient::BlockingClient(ClientSettings settings)
    : m_client(std::make_unique<Client>(std::move(settings)))
{
}

BlockingClient::~BlockingClient() = default;

Result<ServerInfo> BlockingClient::ping()
{
    return wait(m_client->ping());
}

Result<QueryResult> BlockingClient::query(const QString &query, const QueryOptions &options)
{
    return wait(m_client->query(query, options));
}

Result<void> BlockingClient::write(const QByteArray &lineProtocol, const WriteOptions &options)
{
    return wait(m_client->write(lineProtocol, options));
}

Result<void> BlockingClient::createDatabase(const QString &name)
{
    return wait(m_client->createDatabase(name));
}

} // namespace QInflux
