#include <QInflux/blockingadministration.h>

#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>

namespace QInflux {

BlockingAdministration::BlockingAdministration(BlockingClient &client)
    : m_admin(client.async())
{
}

Result<void> BlockingAdministration::createDatabase(const QString &name)
{
    return blockOn(m_admin.createDatabase(name));
}

Result<void> BlockingAdministration::dropDatabase(const QString &name)
{
    return blockOn(m_admin.dropDatabase(name));
}

Result<void> BlockingAdministration::dropMeasurement(const QString &measurement, const QString &database)
{
    return blockOn(m_admin.dropMeasurement(measurement, database));
}

Result<QueryResult> BlockingAdministration::showDatabases()
{
    return blockOn(m_admin.showDatabases());
}

Result<QueryResult> BlockingAdministration::showMeasurements(const QString &database)
{
    return blockOn(m_admin.showMeasurements(database));
}

Result<QueryResult> BlockingAdministration::showSeries(const QString &measurement, const QString &database)
{
    return blockOn(m_admin.showSeries(measurement, database));
}

Result<QueryResult> BlockingAdministration::showTagKeys(const QString &measurement, const QString &database)
{
    return blockOn(m_admin.showTagKeys(measurement, database));
}

Result<QueryResult> BlockingAdministration::showFieldKeys(const QString &measurement, const QString &database)
{
    return blockOn(m_admin.showFieldKeys(measurement, database));
}

Result<QueryResult> BlockingAdministration::showTagValues(const QString &key, const QString &measurement, const QString &database)
{
    return blockOn(m_admin.showTagValues(key, measurement, database));
}

Result<QueryResult> BlockingAdministration::showRetentionPolicies(const QString &database)
{
    return blockOn(m_admin.showRetentionPolicies(database));
}

Result<void> BlockingAdministration::createRetentionPolicy(const RetentionPolicySpec &policy)
{
    return blockOn(m_admin.createRetentionPolicy(policy));
}

Result<void> BlockingAdministration::alterRetentionPolicy(const RetentionPolicySpec &policy)
{
    return blockOn(m_admin.alterRetentionPolicy(policy));
}

Result<void> BlockingAdministration::dropRetentionPolicy(const QString &name, const QString &database)
{
    return blockOn(m_admin.dropRetentionPolicy(name, database));
}

Result<QueryResult> BlockingAdministration::showUsers()
{
    return blockOn(m_admin.showUsers());
}

Result<void> BlockingAdministration::createUser(const QString &name, const QString &password, bool admin)
{
    return blockOn(m_admin.createUser(name, password, admin));
}

Result<void> BlockingAdministration::dropUser(const QString &name)
{
    return blockOn(m_admin.dropUser(name));
}

Result<void> BlockingAdministration::setPassword(const QString &user, const QString &password)
{
    return blockOn(m_admin.setPassword(user, password));
}

Result<void> BlockingAdministration::grantAdmin(const QString &user)
{
    return blockOn(m_admin.grantAdmin(user));
}

Result<void> BlockingAdministration::revokeAdmin(const QString &user)
{
    return blockOn(m_admin.revokeAdmin(user));
}

Result<void> BlockingAdministration::grantPrivilege(Privilege privilege, const QString &database, const QString &user)
{
    return blockOn(m_admin.grantPrivilege(privilege, database, user));
}

Result<void> BlockingAdministration::revokePrivilege(Privilege privilege, const QString &database, const QString &user)
{
    return blockOn(m_admin.revokePrivilege(privilege, database, user));
}

Result<QueryResult> BlockingAdministration::showGrants(const QString &user)
{
    return blockOn(m_admin.showGrants(user));
}

Result<QueryResult> BlockingAdministration::showContinuousQueries()
{
    return blockOn(m_admin.showContinuousQueries());
}

Result<void> BlockingAdministration::dropContinuousQuery(const QString &name, const QString &database)
{
    return blockOn(m_admin.dropContinuousQuery(name, database));
}

Result<QueryResult> BlockingAdministration::showQueries()
{
    return blockOn(m_admin.showQueries());
}

Result<void> BlockingAdministration::killQuery(qint64 queryId)
{
    return blockOn(m_admin.killQuery(queryId));
}

} // namespace QInflux
