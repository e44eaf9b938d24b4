#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/administration.h>

namespace QInflux {

class BlockingClient;

/// The blocking facade over Administration, one call for each of its tasks (blockingcoveragetest
/// checks it against administration.h); each waits with a local event loop, like BlockingClient.
/// Holds the client it is made from, which must outlive it. Never on the GUI thread.
class QINFLUX_CORE_EXPORT BlockingAdministration
{
public:
    explicit BlockingAdministration(BlockingClient &client);
    explicit BlockingAdministration(Client &client) : m_admin(client) {}

    Administration &async() { return m_admin; }

    Result<void> createDatabase(const QString &name);
    Result<void> dropDatabase(const QString &name);
    Result<void> dropMeasurement(const QString &measurement, const QString &database = {});
    Result<QueryResult> showDatabases();
    Result<QueryResult> showMeasurements(const QString &database = {});
    Result<QueryResult> showSeries(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showTagKeys(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showFieldKeys(const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showTagValues(const QString &key, const QString &measurement = {}, const QString &database = {});
    Result<QueryResult> showRetentionPolicies(const QString &database = {});
    Result<void> createRetentionPolicy(const RetentionPolicySpec &policy);
    Result<void> alterRetentionPolicy(const RetentionPolicySpec &policy);
    Result<void> dropRetentionPolicy(const QString &name, const QString &database = {});
    Result<QueryResult> showUsers();
    Result<void> createUser(const QString &name, const QString &password, bool admin = false);
    Result<void> dropUser(const QString &name);
    Result<void> setPassword(const QString &user, const QString &password);
    Result<void> grantAdmin(const QString &user);
    Result<void> revokeAdmin(const QString &user);
    Result<void> grantPrivilege(Privilege privilege, const QString &database, const QString &user);
    Result<void> revokePrivilege(Privilege privilege, const QString &database, const QString &user);
    Result<QueryResult> showGrants(const QString &user);
    Result<QueryResult> showContinuousQueries();
    Result<void> dropContinuousQuery(const QString &name, const QString &database = {});
    Result<QueryResult> showQueries();
    Result<void> killQuery(qint64 queryId);

private:
    Administration m_admin;
};

} // namespace QInflux
