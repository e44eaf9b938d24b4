#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/client.h>

#include <functional>

namespace QInflux {

/// The blocking facade over Client, one call for each of Client's QCoro tasks and generators (the
/// test blockingcoveragetest checks it against client.h): each waits for its result while running
/// a local event loop (the only place in QInflux that waits). For scripts, tests and the command
/// line; never on the GUI thread. BlockingAdministration is the same over Administration.
class QINFLUX_CORE_EXPORT BlockingClient
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
    Result<QJsonObject> queryJson(const QString &query, const QueryOptions &options = {});

    Result<void> write(const QByteArray &lineProtocol, const WriteOptions &options = {});
    Result<void> write(QStringView lineProtocol, const WriteOptions &options = {});
    Result<void> write(const Point &point, const WriteOptions &options = {});
    Result<void> write(const QList<Point> &points, const WriteOptions &options = {});
    Result<void> write(const Frame &frame, const WriteOptions &options = {});
    /// Any range Client::write() takes: points, schema-described structs, Frames, line-protocol chunks.
    template<std::ranges::input_range Range>
        requires(!std::is_convertible_v<const Range &, QByteArray> && !std::is_convertible_v<const Range &, QStringView>
                 && !std::is_same_v<std::remove_cvref_t<Range>, QList<Point>>)
    Result<void> write(const Range &range, const WriteOptions &options = {})
    {
        return wait(m_client->write(range, options));
    }

private:
    static Result<void> wait(QCoro::Task<Result<void>> task);

    std::unique_ptr<Client> m_client;
};

} // namespace QInflux
