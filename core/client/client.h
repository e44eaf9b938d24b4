#pragma once

#include "clientsettings.h"
#include "frame/timestamp.h"
#include "result.h"
#include "results/queryresult.h"

#include <QObject>

#include <QCoroTask>

#include <memory>

class QNetworkAccessManager;

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
};

struct WriteOptions
{
    QString database;        ///< empty = ClientSettings::database
    QString retentionPolicy; ///< empty = ClientSettings::retentionPolicy
    TimeUnit precision = TimeUnit::Nanoseconds;
};

/// Asynchronous InfluxDB 1.x HTTP client. Every network call is a QCoro task that resolves to a
/// Result; nothing here blocks or throws. The client owns its QNetworkAccessManager and must live
/// in the thread that awaits its tasks.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(ClientSettings settings = {}, QObject *parent = nullptr);
    ~Client() override;

    const ClientSettings &settings() const;
    /// Switches the default database on the fly (aioinflux's `client.db = ...`).
    void setDatabase(const QString &database);

    /// Server version; Kind::Network when nothing answers, Kind::Server when what answers is not InfluxDB.
    QCoro::Task<Result<ServerInfo>> ping();
    /// Runs one or more InfluxQL statements. Statement errors are inside the QueryResult, per statement.
    QCoro::Task<Result<QueryResult>> query(QString query, QueryOptions options = {});
    /// Writes line protocol as it is.
    QCoro::Task<Result<void>> write(QByteArray lineProtocol, WriteOptions options = {});
    /// CREATE DATABASE with the name quoted.
    QCoro::Task<Result<void>> createDatabase(QString name);

private:
    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
