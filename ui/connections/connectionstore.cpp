#include "connectionstore.h"

#include "secretstore.h"

#include <QPointer>
#include <QSettings>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

QString secretKey(const QString &id)
{
    return u"connection/"_s + id;
}

QString authName(SavedConnection::Auth auth)
{
    return auth == SavedConnection::Auth::Token ? u"token"_s : u"password"_s;
}

} // namespace

ConnectionStore::ConnectionStore(std::unique_ptr<SecretStore> secrets, const QString &settingsFile, QObject *parent)
    : QObject(parent),
      m_secrets(std::move(secrets)),
      m_settings(settingsFile.isEmpty() ? std::make_unique<QSettings>()
                                        : std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{
    m_secrets->setParent(nullptr); // owned through the unique_ptr
    load();
}

ConnectionStore::~ConnectionStore() = default;

void ConnectionStore::load()
{
    m_connections.clear();
    SavedConnection sandbox = SavedConnection::sandbox();
    sandbox.cacheResults = m_settings->value(u"sandbox/cacheResults"_s, false).toBool(); // the cache is opt-in
    m_connections.append(sandbox);
    const int size = m_settings->beginReadArray(u"connections"_s);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        SavedConnection c;
        c.id = m_settings->value(u"id"_s).toString();
        if (c.id.isEmpty() || c.id == SavedConnection::sandboxId() || indexOf(c.id) >= 0)
            c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.name = m_settings->value(u"name"_s).toString();
        c.url = m_settings->value(u"url"_s).toString();
        c.database = m_settings->value(u"database"_s).toString();
        c.username = m_settings->value(u"username"_s).toString();
        c.auth = m_settings->value(u"auth"_s).toString() == u"token"_s ? SavedConnection::Auth::Token
                                                                     : SavedConnection::Auth::Password;
        c.verifyTls = m_settings->value(u"verifyTls"_s, true).toBool();
        c.caFile = m_settings->value(u"caFile"_s).toString();
        c.cacheResults = m_settings->value(u"cacheResults"_s, false).toBool();
        m_connections.append(c);
    }
    m_settings->endArray();
}

void ConnectionStore::save()
{
    m_settings->setValue(u"sandbox/cacheResults"_s, m_connections.first().cacheResults);
    m_settings->remove(u"connections"_s);
    m_settings->beginWriteArray(u"connections"_s, int(m_connections.size()) - 1);
    for (int i = 1; i < m_connections.size(); ++i) {
        const SavedConnection &c = m_connections.at(i);
        m_settings->setArrayIndex(i - 1);
        // Deliberately no password or token here: those go to the SecretStore only.
        m_settings->setValue(u"id"_s, c.id);
        m_settings->setValue(u"name"_s, c.name);
        m_settings->setValue(u"url"_s, c.url);
        m_settings->setValue(u"database"_s, c.database);
        m_settings->setValue(u"username"_s, c.username);
        m_settings->setValue(u"auth"_s, authName(c.auth));
        m_settings->setValue(u"verifyTls"_s, c.verifyTls);
        m_settings->setValue(u"caFile"_s, c.caFile);
        m_settings->setValue(u"cacheResults"_s, c.cacheResults);
    }
    m_settings->endArray();
    m_settings->sync();
}

int ConnectionStore::indexOf(const QString &id) const
{
    for (int i = 0; i < m_connections.size(); ++i) {
        if (m_connections.at(i).id == id)
            return i;
    }
    return -1;
}

QString ConnectionStore::add(SavedConnection connection)
{
    connection.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const int row = count();
    Q_EMIT aboutToInsert(row);
    m_connections.append(connection);
    save();
    Q_EMIT inserted(row);
    return connection.id;
}

bool ConnectionStore::update(const SavedConnection &connection)
{
    const int row = indexOf(connection.id);
    if (row < 0)
        return false;
    if (connection.isSandbox())
        m_connections[row].cacheResults = connection.cacheResults;
    else
        m_connections[row] = connection;
    save();
    Q_EMIT updated(row);
    return true;
}

QCoro::Task<QString> ConnectionStore::duplicate(QString id)
{
    QPointer<ConnectionStore> self(this);
    const int row = indexOf(id);
    if (row <= 0)
        co_return QString();
    SavedConnection copy = m_connections.at(row);
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.name = tr("%1 (copy)").arg(copy.name);
    Q_EMIT aboutToInsert(row + 1);
    m_connections.insert(row + 1, copy);
    save();
    Q_EMIT inserted(row + 1);
    if (copy.needsSecret()) {
        const SecretLookup original = co_await m_secrets->read(secretKey(id));
        if (self && original.status == SecretLookup::Status::Found)
            (void)co_await m_secrets->write(secretKey(copy.id), original.secret);
    }
    co_return copy.id;
}

QCoro::Task<Result<void>> ConnectionStore::remove(QString id)
{
    const int row = indexOf(id);
    if (row < 0)
        co_return Error(Error::Kind::Usage, tr("There is no saved connection with id %1.").arg(id));
    if (row == 0)
        co_return Error(Error::Kind::Usage, tr("The sandbox connection cannot be removed."));
    Q_EMIT aboutToRemove(row);
    m_connections.removeAt(row);
    save();
    Q_EMIT removed(row);
    if (lastUsed() == id)
        setLastUsed(SavedConnection::sandboxId());
    co_return co_await m_secrets->remove(secretKey(id));
}

QCoro::Task<SecretLookup> ConnectionStore::secret(QString id)
{
    return m_secrets->read(secretKey(id));
}

QCoro::Task<Result<void>> ConnectionStore::setSecret(QString id, QString secret)
{
    return m_secrets->write(secretKey(id), std::move(secret));
}

QString ConnectionStore::lastUsed() const
{
    const QString id = m_settings->value(u"lastConnection"_s).toString();
    return indexOf(id) >= 0 ? id : SavedConnection::sandboxId();
}

void ConnectionStore::setLastUsed(const QString &id)
{
    if (m_settings->value(u"lastConnection"_s).toString() == id)
        return;
    m_settings->setValue(u"lastConnection"_s, id);
    m_settings->sync();
}

QString ConnectionStore::settingsFileName() const
{
    return m_settings->fileName();
}

} // namespace QInflux
