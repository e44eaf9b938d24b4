#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/client.h>

namespace QInflux {

/// A retention policy for Administration::createRetentionPolicy() / alterRetentionPolicy().
struct QINFLUX_CORE_EXPORT RetentionPolicySpec
{
    QString name;
    QString database;        ///< empty = ClientSettings::database
    QString duration;        ///< InfluxQL duration, e.g. "30d", "1h30m", or "INF"; empty = keep (alter only)
    int replication = 1;
    QString shardDuration;   ///< empty = the server's choice
    bool makeDefault = false;
};

/// A database privilege for Administration::grantPrivilege() / revokePrivilege().
enum class Privilege { Read, Write, All };

/// Administration of an InfluxDB 1.x server through a Client (aioinflux's helpers): databases,
/// measurements, retention policies, users and grants, continuous queries, running queries. Every
/// name is quoted (InfluxQL::quoteIdentifier), never pasted, so no name can inject a statement.
/// Cheap to copy; it holds a pointer to the Client, which must outlive every task it returns (a
/// task may outlive the Administration that started it). Database arguments left empty mean the
/// client's default database where a statement needs one.
class QINFLUX_CORE_EXPORT Administration
{
public:
    explicit Administration(Client &client) : m_client(&client) {}

    Client &client() const { return *m_client; }

    QCoro::Task<Result<void>> createDatabase(QString name) const;
    QCoro::Task<Result<void>> dropDatabase(QString name) const;
    QCoro::Task<Result<void>> dropMeasurement(QString measurement, QString database = {}) const;
    QCoro::Task<Result<QueryResult>> showDatabases() const;
    QCoro::Task<Result<QueryResult>> showMeasurements(QString database = {}) const;
    QCoro::Task<Result<QueryResult>> showSeries(QString measurement = {}, QString database = {}) const;
    QCoro::Task<Result<QueryResult>> showTagKeys(QString measurement = {}, QString database = {}) const;
    QCoro::Task<Result<QueryResult>> showFieldKeys(QString measurement = {}, QString database = {}) const;
    QCoro::Task<Result<QueryResult>> showTagValues(QString key, QString measurement = {}, QString database = {}) const;

    /// Kind::Usage when no database is given and the client has no default, or a duration is not InfluxQL.
    QCoro::Task<Result<QueryResult>> showRetentionPolicies(QString database = {}) const;
    QCoro::Task<Result<void>> createRetentionPolicy(RetentionPolicySpec policy) const;
    QCoro::Task<Result<void>> alterRetentionPolicy(RetentionPolicySpec policy) const;
    QCoro::Task<Result<void>> dropRetentionPolicy(QString name, QString database = {}) const;

    /// Users: the password goes as an InfluxQL string (quoted, never pasted).
    QCoro::Task<Result<QueryResult>> showUsers() const;
    QCoro::Task<Result<void>> createUser(QString name, QString password, bool admin = false) const;
    QCoro::Task<Result<void>> dropUser(QString name) const;
    QCoro::Task<Result<void>> setPassword(QString user, QString password) const;
    QCoro::Task<Result<void>> grantAdmin(QString user) const;
    QCoro::Task<Result<void>> revokeAdmin(QString user) const;
    QCoro::Task<Result<void>> grantPrivilege(Privilege privilege, QString database, QString user) const;
    QCoro::Task<Result<void>> revokePrivilege(Privilege privilege, QString database, QString user) const;
    /// SHOW GRANTS FOR the user: columns database, privilege.
    QCoro::Task<Result<QueryResult>> showGrants(QString user) const;

    QCoro::Task<Result<QueryResult>> showContinuousQueries() const;
    QCoro::Task<Result<void>> dropContinuousQuery(QString name, QString database = {}) const;

    QCoro::Task<Result<QueryResult>> showQueries() const;
    QCoro::Task<Result<void>> killQuery(qint64 queryId) const;

private:
    QString databaseOr(const QString &database) const;

    Client *m_client;
};

} // namespace QInflux
