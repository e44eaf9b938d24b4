#include "connectionsession.h"

#include "connections/cachesettings.h"
#include <QInflux/sandbox.h>

#include <QPointer>

using namespace Qt::StringLiterals;

namespace QInflux {

ConnectionSession::ConnectionSession(QObject *parent) : QObject(parent), m_cacheOptions(CacheSettings::load())
{
    m_caches.push_back(std::make_unique<QueryCache>(m_cacheOptions));
}

ConnectionSession::~ConnectionSession() = default;

QCoro::Task<Result<ServerInfo>> ConnectionSession::test(ClientSettings settings)
{
    const bool credentials = !settings.username.isEmpty() || !settings.token.isEmpty();
    Client client(std::move(settings));
    auto info = co_await client.ping();
    if (info && credentials) {
        // /ping answers without credentials even with auth on: ask something that needs them.
        const auto databases = co_await client.showDatabases();
        if (!databases)
            co_return databases.error();
        if (const auto failed = databases->firstError())
            co_return *failed;
    }
    co_return info;
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::open(ClientSettings settings, QString id, bool cacheEnabled)
{
    QPointer<ConnectionSession> self(this);
    auto info = co_await test(settings);
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The connection was closed."_s);
    if (info) {
        m_client = std::make_unique<Client>(std::move(settings));
        m_info = *info;
        m_connectionId = id;
        setCacheEnabled(cacheEnabled);
        if (id != SavedConnection::sandboxId())
            m_sandbox.reset(); // the private server is not needed any more
        Q_EMIT changed();
    }
    co_return info;
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::connectToServer(ClientSettings settings)
{
    return open(std::move(settings), {}, false); // the cache is opt-in
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::connectToSandbox()
{
    return startSandbox(false);
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::startSandbox(bool cacheEnabled)
{
    QPointer<ConnectionSession> self(this);
    m_client.reset();
    m_connectionId.clear();
    m_sandbox = std::make_unique<Sandbox>();
    connect(&m_sandbox->server(), &LocalServer::crashed, this, &ConnectionSession::sandboxCrashed);
    auto started = co_await m_sandbox->start();
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The connection was closed."_s);
    if (!started) {
        m_sandbox.reset();
        co_return started.error();
    }
    co_return co_await open(m_sandbox->clientSettings(), SavedConnection::sandboxId(), cacheEnabled);
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::connectTo(SavedConnection connection, QString secret)
{
    if (connection.isSandbox()) {
        if (m_sandbox && m_client && m_connectionId == SavedConnection::sandboxId()) {
            // Already there: only the flag can have changed.
            setCacheEnabled(connection.cacheResults);
            Q_EMIT changed();
            co_return m_info;
        }
        co_return co_await startSandbox(connection.cacheResults);
    }
    auto settings = connection.clientSettings(secret);
    if (!settings)
        co_return settings.error();
    co_return co_await open(std::move(settings).value(), connection.id, connection.cacheResults);
}

QString ConnectionSession::description() const
{
    if (!m_client)
        return tr("Not connected");
    const ClientSettings &s = m_client->settings();
    const QString where = m_sandbox ? tr("Sandbox at %1").arg(s.baseUrl().toString()) : s.baseUrl().toString();
    QString text = tr("%1 — InfluxDB %2").arg(where, m_info.version);
    if (!s.database.isEmpty())
        text += tr(" — database %1").arg(s.database);
    return text;
}

QueryCache *ConnectionSession::cache() const
{
    return m_cacheEnabled && m_client ? m_caches.back().get() : nullptr;
}

void ConnectionSession::setCacheEnabled(bool enabled)
{
    if (enabled == m_cacheEnabled)
        return;
    m_cacheEnabled = enabled;
    Q_EMIT cacheChanged();
}

void ConnectionSession::setCacheOptions(const QueryCache::Options &options)
{
    m_caches.push_back(std::make_unique<QueryCache>(options));
    m_cacheOptions = m_caches.back()->options();
    Q_EMIT cacheChanged();
}

} // namespace QInflux
