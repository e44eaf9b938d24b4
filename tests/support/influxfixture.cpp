#include "influxfixture.h"

#include <QInflux/blockingadministration.h>
#include <QInflux/blockingclient.h>
#include <QInflux/influxql.h>
#include <QInflux/wait.h>

#include <atomic>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

bool InfluxFixture::start(LocalServer::Options options)
{
    m_server = std::make_unique<LocalServer>(std::move(options));
    const auto started = blockOn(m_server->start());
    if (!started)
        m_error = started.error().toString();
    return started.ok();
}

bool InfluxFixture::startWithAuth(const QString &user, const QString &password, LocalServer::Options options)
{
    options.authEnabled = true;
    if (!start(std::move(options)))
        return false;
    // With auth on and no user yet, the server accepts exactly this: creating the first admin.
    BlockingClient client(settings());
    const auto created = client.query(u"CREATE USER %1 WITH PASSWORD %2 WITH ALL PRIVILEGES"_s.arg(
        InfluxQL::quoteIdentifier(user), InfluxQL::quoteString(password)));
    if (!created || created->firstError()) {
        m_error = created ? created->firstError()->toString() : created.error().toString();
        return false;
    }
    return true;
}

void InfluxFixture::stop()
{
    m_server.reset();
}

ClientSettings InfluxFixture::settings(const QString &database) const
{
    ClientSettings s;
    s.host = u"127.0.0.1"_s;
    s.port = m_server->port();
    s.ssl = m_server->isHttps();
    s.database = database;
    return s;
}

QString InfluxFixture::url() const
{
    return m_server->url().toString();
}

QString InfluxFixture::uniqueDatabase(const QString &name)
{
    static std::atomic<int> counter{0};
    return u"test_%1_%2"_s.arg(name).arg(++counter);
}

QString InfluxFixture::freshDatabase(const QString &name) const
{
    const QString database = uniqueDatabase(name);
    BlockingClient client(settings());
    if (!BlockingAdministration(client).createDatabase(database).ok())
        qFatal("cannot create the database %s", qPrintable(database));
    return database;
}

} // namespace QInflux::Test
