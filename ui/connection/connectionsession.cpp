#include "connectionsession.h"

#include "cache/cachesettings.h"
#include "sandbox/sandbox.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace QInflux {

ConnectionSession::ConnectionSession(QObject *parent) : QObject(parent), m_cacheOptions(CacheSettings::load())
{
    m_caches.push_back(std::make_unique<QueryCache>(m_cacheOptions));
}

ConnectionSession::~ConnectionSession() = default;

QCoro::Task<Result<ServerInfo>> ConnectionSession::connectToServer(ClientSettings settings)
{
    QPointer<ConnectionSession> self(this);
    auto client = std::make_unique<Client>(std::move(settings));
    auto info = co_await client->ping();
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The connection was closed."_s);
    if (info) {
        m_client = std::move(client);
        m_info = *info;
        Q_EMIT changed();
    }
    co_return info;
}

QCoro::Task<Result<ServerInfo>> ConnectionSession::connectToSandbox()
{
    QPointer<ConnectionSession> self(this);
    m_client.reset();
    m_sandbox = std::make_unique<Sandbox>();
    connect(&m_sandbox->server(), &LocalServer::crashed, this, &ConnectionSession::sandboxCrashed);
    auto started = co_await m_sandbox->start();
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The connection was closed."_s);
    if (!started) {
        m_sandbox.reset();
        co_return started.error();
    }
    co_return co_await connectToServer(m_sandbox->clientSettings());
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
