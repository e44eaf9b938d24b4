#pragma once

#include <QInflux/client.h>

#include <functional>

namespace QInflux {

/// The blocking facade over Client, one call for each of Client's: each waits for its result while
/// running a local event loop (the only place in QInflux that waits). For scripts, tests and the
/// command line; never on the GUI thread.
class BlockingClient
{
public:
    explicit BlockingClient(ClientSettings settings = {});
    ~BlockingClient();

    Client &async() { return *m_client; }
    const ClientSettings &settings() const { return m_client->settings(); }
    void setDatabase(const QString &database) { m_client->setDatabase(database); }
    void setRetryPolicy(const RetryPolicy &policy) { m_client->setRetryPolicy(policy); }

    Result<ServerInfo> ping();
    Result<QueryResult> query(const QString &query, const QueryOptions &options = {});
    /// Calls `onChunk` for each chunk as it arrives; `onChunk` returns false to stop early (the
    /// connection is closed). The first error ends the stream and is returned.
    Result<void> queryChunked(const QString &query, const std::function<bool(const QueryResult &)> &onChunk,
                              const QueryOptions &options = {});
    Result<void> write(const QByteArray &lineProtocol, const WriteOptions &options = {});

    Result<void> createDatabase(const QString &name);
    Result<void> dropDatabase(const QString &name);
    Result<void> dropMeasurement(const QString &measurement, const QString &database = {});
    Result<QueryResult> showDatabases();
    Result<QueryResult> showMeasurements(const QString &database = {});
    Result<QueryResult> showUsers();
    Result<QueryResult> showSeries(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showRetentionPolicies(const QString &database = {});
    Result<QueryResult> showTagKeys(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showFieldKeys(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showTagValues(const QString &key, const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showContinuousQueries();
    Result<QueryResult> showQueries();
    Result<void> createRetentionPolicy(const RetentionPolicySpec &policy);
    Result<void> alterRetentionPolicy(const RetentionPolicySpec &policy);
    Result<void> dropRetentionPolicy(const QString &name, const QString &database = {});
    Result<void> killQuery(qint64 queryId);

private:
    std::unique_ptr<Client> m_client;
};

} // namespace QInflux
