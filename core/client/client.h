#pragma once

#include <QInflux/cancellation.h>
#include <QInflux/clientsettings.h>
#include <QInflux/timestamp.h>
#include <QInflux/lineprotocol.h>
#include <QInflux/schema.h>
#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QVariantMap>

#include <QCoroAsyncGenerator>
#include <QCoroTask>

#include <memory>
#include <optional>
#include <ranges>

namespace QInflux {

/// What /ping tells about the server.
struct ServerInfo
{
    QString version; ///< X-Influxdb-Version, e.g. "1.6.7~rc0"
    QString build;   ///< X-Influxdb-Build, e.g. "OSS" (empty on servers that do not send it)
};

struct QueryOptions
{
    QString database;        ///< empty = ClientSettings::database
    QString retentionPolicy; ///< empty = ClientSettings::retentionPolicy
    TimeUnit epoch = TimeUnit::Nanoseconds;
    /// Ask for RFC 3339 time strings instead of epoch integers (no `epoch` parameter, aioinflux's
    /// default). They decode into the same nanosecond time column; only the wire format differs.
    bool rfc3339 = false;
    /// Known field types (e.g. from SHOW FIELD KEYS): a JSON answer cannot tell 1.0 from 1, so a
    /// float field holding whole numbers would decode as Int without this. MessagePack is typed.
    QHash<QString, ColumnType> fieldTypes;
    /// Bind parameters: `$name` in the query, sent in the `params` form field as JSON. Values:
    /// strings, numbers, booleans.
    QVariantMap params;
    /// Rows per chunk for queryChunked() (the server's default is 10000).
    int chunkSize = 10'000;
    std::optional<Cancellation> cancellation;
};

struct WriteOptions
{
    QString database;        ///< empty = ClientSettings::database
    QString retentionPolicy; ///< empty = ClientSettings::retentionPolicy
    TimeUnit precision = TimeUnit::Nanoseconds;
    /// Points, Frames and structs: the measurement for those without one (aioinflux's `measurement`).
    QString measurement;
    /// Frames: the columns written as tags (aioinflux's `tag_columns`).
    QStringList tagColumns;
    /// Tags added to every point (aioinflux's extra keyword arguments).
    Tags extraTags;
    /// Write uint64 fields as `<n>u`; stock InfluxDB 1.x servers reject them.
    bool allowUnsigned = false;
    /// Lines per request; larger inputs go out in several requests, in order.
    int batchSize = 10'000;
    /// Bytes per request at most (the server refuses bodies over 25,000,000 bytes by default).
    qsizetype maxBatchBytes = 10'000'000;
    /// Batches in flight at once (separate connections), so the server is never idle between
    /// batches. With more than one, batches may be applied out of order: where the same series and
    /// time appear in two batches, use 1.
    int concurrency = 2;
    std::optional<Cancellation> cancellation;
};

/// A retention policy for createRetentionPolicy() / alterRetentionPolicy().
struct RetentionPolicySpec
{
    QString name;
    QString database;        ///< empty = ClientSettings::database
    QString duration;        ///< InfluxQL duration, e.g. "30d", "1h30m", or "INF"; empty = keep (alter only)
    int replication = 1;
    QString shardDuration;   ///< empty = the server's choice
    bool makeDefault = false;
};

/// A database privilege for grantPrivilege() / revokePrivilege().
enum class Privilege { Read, Write, All };

/// Asynchronous InfluxDB 1.x HTTP client, the counterpart of aioinflux's InfluxDBClient. Every
/// network call is a QCoro task resolving to a Result: nothing here blocks or throws. The client
/// owns its QNetworkAccessManager and must be used from the thread it lives in.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(ClientSettings settings = {}, QObject *parent = nullptr);
    ~Client() override;

    const ClientSettings &settings() const;
    /// Switches the default database on the fly (aioinflux's `client.db = ...`).
    void setDatabase(const QString &database);
    void setRetryPolicy(const RetryPolicy &policy);

    /// Server version; Kind::Network when nothing answers, Kind::Server when what answers is not InfluxDB.
    QCoro::Task<Result<ServerInfo>> ping();

    /// Runs one or more InfluxQL statements. A statement that fails is reported inside its
    /// StatementResult; the other statements' results stay available.
    QCoro::Task<Result<QueryResult>> query(QString query, QueryOptions options = {});
    /// The chunked form: yields each chunk as soon as it has arrived and is decoded (a QueryResult
    /// with the statements and series parts of that chunk; `partial` says more follows). A failure
    /// mid-stream is yielded as an error, and the stream ends. Destroying the generator closes the
    /// connection, which stops the query on the server.
    QCoro::AsyncGenerator<Result<QueryResult>> queryChunked(QString query, QueryOptions options = {});
    /// aioinflux's default output: the server's JSON answer, parsed (QJsonDocument), for users who
    /// want it as it is. Statement errors stay inside the document, as the server put them.
    QCoro::Task<Result<QJsonObject>> queryJson(QString query, QueryOptions options = {});

    /// Writes line protocol as it is, in batches (WriteOptions) each retried per the RetryPolicy.
    /// A partial write (some lines refused) stops at that batch and reports the server's reason.
    QCoro::Task<Result<void>> write(QByteArray lineProtocol, WriteOptions options = {});
    /// Line protocol as text.
    QCoro::Task<Result<void>> write(QStringView lineProtocol, WriteOptions options = {})
    {
        return write(lineProtocol.toUtf8(), std::move(options));
    }
    /// Points, Frames and schema-described structs are serialized first (LineProtocol). If any of
    /// them cannot be written, nothing is sent: the error names each refused point and why.
    QCoro::Task<Result<void>> write(Point point, WriteOptions options = {});
    QCoro::Task<Result<void>> write(QList<Point> points, WriteOptions options = {});
    QCoro::Task<Result<void>> write(Frame frame, WriteOptions options = {});
    /// Any range of points, structs with a LineProtocolSchema, Frames, or line-protocol chunks.
    template<std::ranges::input_range Range>
        requires(!std::is_convertible_v<const Range &, QByteArray> && !std::is_convertible_v<const Range &, QStringView>
                 && !std::is_same_v<std::remove_cvref_t<Range>, QList<Point>>)
    QCoro::Task<Result<void>> write(const Range &range, WriteOptions options = {})
    {
        using Item = std::ranges::range_value_t<Range>;
        const LineProtocol::Options lp = lineProtocolOptions(options);
        LineProtocol::Output out;
        if constexpr (std::is_same_v<Item, Point>) {
            out = LineProtocol::serialize(QList<Point>(std::ranges::begin(range), std::ranges::end(range)), lp);
        } else if constexpr (std::is_same_v<Item, Frame>) {
            for (const Frame &frame : range) {
                LineProtocol::Output part = LineProtocol::serialize(frame, lp);
                for (LineProtocol::Problem &problem : part.problems)
                    problem.index += out.points + out.problems.size();
                out.lines += part.lines;
                out.points += part.points;
                out.problems += part.problems;
            }
        } else if constexpr (std::is_convertible_v<const Item &, QByteArray>) {
            for (const auto &chunk : range) {
                out.lines += QByteArray(chunk);
                if (!out.lines.endsWith('\n'))
                    out.lines += '\n';
            }
        } else {
            out = LineProtocol::serialize(range, lp);
        }
        return writeSerialized(std::move(out), std::move(options));
    }

    /// Aborts every request in flight on this client; each resolves with Kind::Cancelled.
    void cancelAll();

    // aioinflux's helpers; every name is quoted (InfluxQL::quoteIdentifier), never pasted.
    QCoro::Task<Result<void>> createDatabase(QString name);
    QCoro::Task<Result<void>> dropDatabase(QString name);
    QCoro::Task<Result<void>> dropMeasurement(QString measurement, QString database = {});
    QCoro::Task<Result<QueryResult>> showDatabases();
    QCoro::Task<Result<QueryResult>> showMeasurements(QString database = {});
    QCoro::Task<Result<QueryResult>> showUsers();
    QCoro::Task<Result<QueryResult>> showSeries(QString measurement = {}, QString database = {});
    QCoro::Task<Result<QueryResult>> showRetentionPolicies(QString database = {});
    QCoro::Task<Result<QueryResult>> showTagKeys(QString measurement = {}, QString database = {});
    QCoro::Task<Result<QueryResult>> showFieldKeys(QString measurement = {}, QString database = {});
    QCoro::Task<Result<QueryResult>> showTagValues(QString key, QString measurement = {}, QString database = {});
    QCoro::Task<Result<QueryResult>> showContinuousQueries();
    QCoro::Task<Result<QueryResult>> showQueries();
    QCoro::Task<Result<void>> createRetentionPolicy(RetentionPolicySpec policy);
    QCoro::Task<Result<void>> alterRetentionPolicy(RetentionPolicySpec policy);
    QCoro::Task<Result<void>> dropRetentionPolicy(QString name, QString database = {});
    QCoro::Task<Result<void>> killQuery(qint64 queryId);
    /// Users: the password goes as an InfluxQL string (quoted, never pasted).
    QCoro::Task<Result<void>> createUser(QString name, QString password, bool admin = false);
    QCoro::Task<Result<void>> dropUser(QString name);
    QCoro::Task<Result<void>> setPassword(QString user, QString password);
    QCoro::Task<Result<void>> grantAdmin(QString user);
    QCoro::Task<Result<void>> revokeAdmin(QString user);
    QCoro::Task<Result<void>> grantPrivilege(Privilege privilege, QString database, QString user);
    QCoro::Task<Result<void>> revokePrivilege(Privilege privilege, QString database, QString user);
    /// SHOW GRANTS FOR the user: columns database, privilege.
    QCoro::Task<Result<QueryResult>> showGrants(QString user);
    QCoro::Task<Result<void>> dropContinuousQuery(QString name, QString database = {});

    static LineProtocol::Options lineProtocolOptions(const WriteOptions &options);

private:
    QCoro::Task<Result<void>> writeSerialized(LineProtocol::Output output, WriteOptions options);
    QCoro::Task<Result<void>> execute(QString statement, QString database);
    QString databaseOr(const QString &database) const;

    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
