// Client's aioinflux-style helpers: SHOW, CREATE/DROP and KILL statements built with every name
// quoted, so that no name can end a quote and inject a statement.

#include <QInflux/client.h>
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

} // namespace

QCoro::Task<Result<void>> Client::execute(QString statement, QString database)
{
    QueryOptions options;
    options.database = database;
    auto result = co_await query(std::move(statement), options);
    if (!result)
        co_return result.error();
    if (auto error = result->firstError())
        co_return *error;
    co_return {};
}

QCoro::Task<Result<void>> Client::createDatabase(QString name)
{
    co_return co_await execute(u"CREATE DATABASE "_s + InfluxQL::quoteIdentifier(name), {});
}

QCoro::Task<Result<void>> Client::dropDatabase(QString name)
{
    co_return co_await execute(u"DROP DATABASE "_s + InfluxQL::quoteIdentifier(name), {});
}

QCoro::Task<Result<void>> Client::dropMeasurement(QString measurement, QString database)
{
    co_return co_await execute(u"DROP MEASUREMENT "_s + InfluxQL::quoteIdentifier(measurement), databaseOr(database));
}

QCoro::Task<Result<QueryResult>> Client::showDatabases()
{
    co_return co_await query(u"SHOW DATABASES"_s);
}

QCoro::Task<Result<QueryResult>> Client::showMeasurements(QString database)
{
    co_return co_await query(u"SHOW MEASUREMENTS"_s + on(database));
}

QCoro::Task<Result<QueryResult>> Client::showUsers()
{
    co_return co_await query(u"SHOW USERS"_s);
}

QCoro::Task<Result<QueryResult>> Client::showSeries(QString measurement, QString database)
{
    co_return co_await query(u"SHOW SERIES"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Client::showRetentionPolicies(QString database)
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        co_return Error(Error::Kind::Usage, u"SHOW RETENTION POLICIES needs a database: none given and no default set."_s);
    co_return co_await query(u"SHOW RETENTION POLICIES"_s + on(db));
}

QCoro::Task<Result<QueryResult>> Client::showTagKeys(QString measurement, QString database)
{
    co_return co_await query(u"SHOW TAG KEYS"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Client::showFieldKeys(QString measurement, QString database)
{
    co_return co_await query(u"SHOW FIELD KEYS"_s + on(database) + from(measurement));
}

QCoro::Task<Result<QueryResult>> Client::showTagValues(QString key, QString measurement, QString database)
{
    co_return co_await query(u"SHOW TAG VALUES"_s + on(database) + from(measurement) + u" WITH KEY = "_s
                             + InfluxQL::quoteIdentifier(key));
}

QCoro::Task<Result<QueryResult>> Client::showContinuousQueries()
{
    co_return co_await query(u"SHOW CONTINUOUS QUERIES"_s);
}

QCoro::Task<Result<QueryResult>> Client::showQueries()
{
    co_return co_await query(u"SHOW QUERIES"_s);
}

QCoro::Task<Result<void>> Client::createRetentionPolicy(RetentionPolicySpec policy)
{
    const QString db = databaseOr(policy.database);
    if (db.isEmpty())
        co_return Error(Error::Kind::Usage, u"CREATE RETENTION POLICY needs a database: none given and no default set."_s);
    if (!isDuration(policy.duration))
        co_return Error(Error::Kind::Usage,
                        u"\"%1\" is not an InfluxQL duration (e.g. 30d, 1h30m, INF)."_s.arg(policy.duration));
    if (!policy.shardDuration.isEmpty() && !isDuration(policy.shardDuration))
        co_return Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL shard duration (e.g. 1d)."_s.arg(policy.shardDuration));
    QString statement = u"CREATE RETENTION POLICY %1 ON %2 DURATION %3 REPLICATION %4"_s.arg(
        InfluxQL::quoteIdentifier(policy.name), InfluxQL::quoteIdentifier(db), policy.duration.toUpper() == "INF"_L1 ? u"INF"_s : policy.duration)
                            .arg(policy.replication);
    if (!policy.shardDuration.isEmpty())
        statement += u" SHARD DURATION "_s + policy.shardDuration;
    if (policy.makeDefault)
        statement += u" DEFAULT"_s;
    co_return co_await execute(statement, {});
}

QCoro::Task<Result<void>> Client::alterRetentionPolicy(RetentionPolicySpec policy)
{
    const QString db = databaseOr(policy.database);
    if (db.isEmpty())
        co_return Error(Error::Kind::Usage, u"ALTER RETENTION POLICY needs a database: none given and no default set."_s);
    QString statement = u"ALTER RETENTION POLICY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(policy.name), InfluxQL::quoteIdentifier(db));
    if (!policy.duration.isEmpty()) {
        if (!isDuration(policy.duration))
            co_return Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL duration (e.g. 30d, 1h30m, INF)."_s.arg(policy.duration));
        statement += u" DURATION "_s + policy.duration;
    }
    if (!policy.shardDuration.isEmpty()) {
        if (!isDuration(policy.shardDuration))
            co_return Error(Error::Kind::Usage, u"\"%1\" is not an InfluxQL shard duration (e.g. 1d)."_s.arg(policy.shardDuration));
        statement += u" SHARD DURATION "_s + policy.shardDuration;
    }
    statement += u" REPLICATION %1"_s.arg(policy.replication);
    if (policy.makeDefault)
        statement += u" DEFAULT"_s;
    co_return co_await execute(statement, {});
}

QCoro::Task<Result<void>> Client::dropRetentionPolicy(QString name, QString database)
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        co_return Error(Error::Kind::Usage, u"DROP RETENTION POLICY needs a database: none given and no default set."_s);
    co_return co_await execute(u"DROP RETENTION POLICY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteIdentifier(db)), {});
}

QCoro::Task<Result<void>> Client::killQuery(qint64 queryId)
{
    co_return co_await execute(u"KILL QUERY %1"_s.arg(queryId), {});
}

QCoro::Task<Result<void>> Client::createUser(QString name, QString password, bool admin)
{
    QString statement = u"CREATE USER %1 WITH PASSWORD %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteString(password));
    if (admin)
        statement += u" WITH ALL PRIVILEGES"_s;
    co_return co_await execute(statement, {});
}

QCoro::Task<Result<void>> Client::dropUser(QString name)
{
    co_return co_await execute(u"DROP USER "_s + InfluxQL::quoteIdentifier(name), {});
}

QCoro::Task<Result<void>> Client::setPassword(QString user, QString password)
{
    co_return co_await execute(
        u"SET PASSWORD FOR %1 = %2"_s.arg(InfluxQL::quoteIdentifier(user), InfluxQL::quoteString(password)), {});
}

QCoro::Task<Result<void>> Client::grantAdmin(QString user)
{
    co_return co_await execute(u"GRANT ALL PRIVILEGES TO "_s + InfluxQL::quoteIdentifier(user), {});
}

QCoro::Task<Result<void>> Client::revokeAdmin(QString user)
{
    co_return co_await execute(u"REVOKE ALL PRIVILEGES FROM "_s + InfluxQL::quoteIdentifier(user), {});
}

QCoro::Task<Result<void>> Client::grantPrivilege(Privilege privilege, QString database, QString user)
{
    co_return co_await execute(u"GRANT %1 ON %2 TO %3"_s.arg(privilegeName(privilege), InfluxQL::quoteIdentifier(database),
                                                             InfluxQL::quoteIdentifier(user)),
                               {});
}

QCoro::Task<Result<void>> Client::revokePrivilege(Privilege privilege, QString database, QString user)
{
    co_return co_await execute(u"REVOKE %1 ON %2 FROM %3"_s.arg(privilegeName(privilege), InfluxQL::quoteIdentifier(database),
                                                                InfluxQL::quoteIdentifier(user)),
                               {});
}

QCoro::Task<Result<QueryResult>> Client::showGrants(QString user)
{
    co_return co_await query(u"SHOW GRANTS FOR "_s + InfluxQL::quoteIdentifier(user));
}

QCoro::Task<Result<void>> Client::dropContinuousQuery(QString name, QString database)
{
    const QString db = databaseOr(database);
    if (db.isEmpty())
        co_return Error(Error::Kind::Usage, u"DROP CONTINUOUS QUERY needs a database: none given and no default set."_s);
    co_return co_await execute(u"DROP CONTINUOUS QUERY %1 ON %2"_s.arg(InfluxQL::quoteIdentifier(name), InfluxQL::quoteIdentifier(db)), {});
}

} // namespace QInflux
