// Administration: SHOW, CREATE/DROP and KILL statements built with every name quoted, so that no
// name can end a quote and inject a statement. Each call builds its statement at once and hands it
// to a coroutine that holds only the Client, so the task may outlive the Administration.

#include <QInflux/administration.h>
#include <QInflux/influxql.h>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QString on(const QString &database)
{
    return database.isEmpty() ? QString() : u" ON "_s + InfluxQL::quoteIdentifier(database);
}

QString from(const QString &measurement)
{
    return measurement.isEmpty() ? QString() : u" FROM "_s + InfluxQL::quoteIdentifier(measurement);
}

bool isDuration(const QString &text)
{
    static const QRegularExpression pattern(u"^(?:INF|(?:\\d+(?:ns|u|µ|ms|s|m|h|d|w))+)$"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(text).hasMatch();
}

QString privilegeName(Privilege privilege)
{
    switch (privilege) {
    case Privilege::Read:
        return u"READ"_s;
    case Privilege::Write:
        return u"WRITE"_s;
    case Privilege::All:
        break;
    }
    return u"ALL"_s;
}

QCoro::Task<Result<void>> execute(Client *client, QString statement, QString database = {})
{
    QueryOptions options;
    options.database = std::move(database);
    auto result = co_await client->query(std::move(statement), std::move(options));
    if (!result)
        co_return result.error();
    if (auto error = result->firstError())
        co_return *error;
    co_return {};
}

template<typename T = void>
QCoro::Task<Result<T>> failWith(Error error)
{
    co_return error;
}

QCoro::Task<Result<void>> fail(Error error)
{
    return failWith<void>(std::move(error));
}

} // namespace

QString Administration::databaseOr(const QString &database) const
{
    return database.isEmpty() ? m_client->settings().database : database;
}

QCoro::Task<Result<void>> Administration::createDatabase(QString name) const
{
    return execute(m_client, u"CREATE DATABASE "_s + InfluxQL::quoteIdentifier(name));
}

QCoro::Task<Result<void>> Administration::dropDatabase(QString name) const
{
    return execute(m_client, u"DROP DATABASE "_s + InfluxQL::quoteIdentifier(name));
}

QCoro::Task<Result<void>> Administration::dropMeasurement(QString measurement, QString database) const
{
    return execute(m_client, u"DROP MEASUREMENT "_s + InfluxQL::quoteIdentifier(measurement), databaseOr(database));
}

QCoro::Task<Result<QueryResult>> Administration::showDatabases() const
{
    return m_client->query(u"SHOW DATABASES"_s);
}

QCoro::Task<Result<QueryResult>> Administration::showMeasurements(QString database) const
{
    return m_client->query(u"SHOW MEASUREMENTS"_s + on(database));
}

QCoro::Task<Result<QueryResult>> Administration::showUsers() const
{
    return m_client->query(u"SHOW USERS"_s);
}

QCoro::Task<Result<QueryResult>> Administration::showSeries(QString measurement, QString database) const
{
    return m_client->query(u"SHOW SERIES"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Administration::showRetentionPolicies(QString database) const
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        return failWith<QueryResult>(Error(Error::Kind::Usage, u"SHOW RETENTION POLICIES needs a database: none given and no default set."_s));
    return m_client->query(u"SHOW RETENTION POLICIES"_s + on(db));
}

QCoro::Task<Result<QueryResult>> Administration::showTagKeys(QString measurement, QString database) const
{
    return m_client->query(u"SHOW TAG KEYS"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Administration::showFieldKeys(QString measurement, QString database) const
{
    return m_client->query(u"SHOW FIELD KEYS"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Administration::showTagValues(QString key, QString measurement, QString database) const
{
    return m_client->query(u"SHOW TAG VALUES"_s + on(database) + from(measurement) + u" WITH KEY = "_s
                             + InfluxQL::quoteIdentifier(key));
}

QCoro::Task<Result<QueryResult>> Administration::showContinuousQueries() const
{
    return m_client->query(u"SHOW CONTINUOUS QUERIES"_s);
}

QCoro::Task<Result<QueryResult>> Administration::showQueries() const
{
    return m_client->query(u"SHOW QUERIES"_s);
}

QCoro::Task<Result<void>> Administration::createRetentionPolicy(RetentionPolicySpec policy) const
{
    const QString db = databaseOr(policy.database);
    if (db.isEmpty())
        return fail(Error(Error::Kind::Usage, u"CREATE RETENTION POLICY needs a database: none given and no default set."_s));
    if (!isDuration(policy.duration))
        return fail(Error(Error::Kind::Usage,
                        u"\"%1\" is not an InfluxQL duration (e.g. 30d, 1h30m, INF)."_s.arg(policy.duration)));
    if (!policy.shardDuration.isEmpty() && !isDuration(policy.shardDuration))
        return fail(Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL shard duration (e.g. 1d)."_s.arg(policy.shardDuration)));
    QString statement = u"CREATE RETENTION POLICY %1 ON %2 DURATION %3 REPLICATION %4"_s.arg(
        InfluxQL::quoteIdentifier(policy.name), InfluxQL::quoteIdentifier(db), policy.duration.toUpper() == "INF"_L1 ? u"INF"_s : policy.duration)
                            .arg(policy.replication);
    if (!policy.shardDuration.isEmpty())
        statement += u" SHARD DURATION "_s + policy.shardDuration;
    if (policy.makeDefault)
        statement += u" DEFAULT"_s;
    return execute(m_client, statement);
}

QCoro::Task<Result<void>> Administration::alterRetentionPolicy(RetentionPolicySpec policy) const
{
    const QString db = databaseOr(policy.database);
    if (db.isEmpty())
        return fail(Error(Error::Kind::Usage, u"ALTER RETENTION POLICY needs a database: none given and no default set."_s));
    QString statement = u"ALTER RETENTION POLICY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(policy.name), InfluxQL::quoteIdentifier(db));
    if (!policy.duration.isEmpty()) {
        if (!isDuration(policy.duration))
            return fail(Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL duration (e.g. 30d, 1h30m, INF)."_s.arg(policy.duration)));
        statement += u" DURATION "_s + policy.duration;
    }
    if (!policy.shardDuration.isEmpty()) {
        if (!isDuration(policy.shardDuration))
            return fail(Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL shard duration (e.g. 1d)."_s.arg(policy.shardDuration)));
        statement += u" SHARD DURATION "_s + policy.shardDuration;
    }
    statement += u" REPLICATION %1"_s.arg(policy.replication);
    if (policy.makeDefault)
        statement += u" DEFAULT"_s;
    return execute(m_client, statement);
}

QCoro::Task<Result<void>> Administration::dropRetentionPolicy(QString name, QString database) const
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        return fail(Error(Error::Kind::Usage, u"DROP RETENTION POLICY needs a database: none given and no default set."_s));
    return execute(m_client, u"DROP RETENTION POLICY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteIdentifier(db)));
}

QCoro::Task<Result<void>> Administration::killQuery(qint64 queryId) const
{
    return execute(m_client, u"KILL QUERY %1"_s.arg(queryId));
}

QCoro::Task<Result<void>> Administration::createUser(QString name, QString password, bool admin) const
{
    QString statement = u"CREATE USER %1 WITH PASSWORD %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteString(password));
    if (admin)
        statement += u" WITH ALL PRIVILEGES"_s;
    return execute(m_client, statement);
}

QCoro::Task<Result<void>> Administration::dropUser(QString name) const
{
    return execute(m_client, u"DROP USER "_s + InfluxQL::quoteIdentifier(name));
}

QCoro::Task<Result<void>> Administration::setPassword(QString user, QString password) const
{
    return execute(m_client, 
        u"SET PASSWORD FOR %1 = %2"_s.arg(InfluxQL::quoteIdentifier(user), InfluxQL::quoteString(password)));
}

QCoro::Task<Result<void>> Administration::grantAdmin(QString user) const
{
    return execute(m_client, u"GRANT ALL PRIVILEGES TO "_s + InfluxQL::quoteIdentifier(user));
}

QCoro::Task<Result<void>> Administration::revokeAdmin(QString user) const
{
    return execute(m_client, u"REVOKE ALL PRIVILEGES FROM "_s + InfluxQL::quoteIdentifier(user));
}

QCoro::Task<Result<void>> Administration::grantPrivilege(Privilege privilege, QString database, QString user) const
{
    return execute(m_client, u"GRANT %1 ON %2 TO %3"_s.arg(privilegeName(privilege), InfluxQL::quoteIdentifier(database),
                                                             InfluxQL::quoteIdentifier(user)),
                               {});
}

QCoro::Task<Result<void>> Administration::revokePrivilege(Privilege privilege, QString database, QString user) const
{
    return execute(m_client, u"REVOKE %1 ON %2 FROM %3"_s.arg(privilegeName(privilege), InfluxQL::quoteIdentifier(database),
                                                                InfluxQL::quoteIdentifier(user)),
                               {});
}

QCoro::Task<Result<QueryResult>> Administration::showGrants(QString user) const
{
    return m_client->query(u"SHOW GRANTS FOR "_s + InfluxQL::quoteIdentifier(user));
}

QCoro::Task<Result<void>> Administration::dropContinuousQuery(QString name, QString database) const
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        return fail(Error(Error::Kind::Usage, u"DROP CONTINUOUS QUERY needs a database: none given and no default set."_s));
    return execute(m_client, u"DROP CONTINUOUS QUERY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteIdentifier(db)));
}

} // namespace QInflux
