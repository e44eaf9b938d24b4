#include "connectionswitcher.h"

#include "connections/connectionsession.h"
#include "connectionstore.h"
#include "secretpromptdialog.h"
#include "secretstore.h"

#include <QCoroSignal>

using namespace Qt::StringLiterals;

namespace QInflux {

ConnectionSwitcher::ConnectionSwitcher(ConnectionStore *store, ConnectionSession *session, QWidget *window)
    : QObject(window), m_store(store), m_session(session), m_window(window)
{
    // Turning "cache results" on or off for the connection in use takes effect at once.
    connect(store, &ConnectionStore::updated, this, [this](int row) {
        const SavedConnection &c = m_store->at(row);
        if (m_session->client() && c.id == m_session->connectionId())
            m_session->setCacheEnabled(c.cacheResults);
    });
}

void ConnectionSwitcher::switchTo(const QString &id)
{
    const int row = m_store->indexOf(id);
    if (row < 0 || m_busy)
        return;
    QCoro::connect(connectTo(m_store->at(row)), this, [](const Result<ServerInfo> &) {});
}

QCoro::Task<Result<ServerInfo>> ConnectionSwitcher::connectTo(SavedConnection connection, std::optional<QString> secret)
{
    QPointer<ConnectionSwitcher> self(this);
    m_busy = true;
    Q_EMIT connecting(connection.name);
    if (!secret)
        secret = co_await secretFor(connection);
    if (!self)
        co_return Error(Error::Kind::Cancelled, u"The window was closed."_s);
    if (!secret) {
        m_busy = false;
        Error cancelled(Error::Kind::Cancelled, tr("Not connected to %1: no password was entered.").arg(connection.name));
        Q_EMIT failed(cancelled);
        co_return cancelled;
    }
    auto info = co_await m_session->connectTo(connection, *secret);
    if (!self)
        co_return info;
    m_busy = false;
    if (info) {
        m_store->setLastUsed(connection.id);
        Q_EMIT connected();
    } else {
        Q_EMIT failed(info.error());
    }
    co_return info;
}

QCoro::Task<std::optional<QString>> ConnectionSwitcher::secretFor(SavedConnection connection)
{
    if (!connection.needsSecret())
        co_return QString();
    QPointer<ConnectionSwitcher> self(this);
    const SecretLookup lookup = co_await m_store->secret(connection.id);
    if (!self)
        co_return std::nullopt;
    if (lookup.status == SecretLookup::Status::Found)
        co_return lookup.secret;

    const bool token = connection.auth == SavedConnection::Auth::Token;
    QString reason;
    if (lookup.status == SecretLookup::Status::NotFound) {
        reason = token ? tr("No token is saved for \"%1\".").arg(connection.name)
                       : tr("No password is saved for \"%1\".").arg(connection.name);
    } else {
        reason = tr("QInflux cannot keep secrets because %1. It never writes them into its settings file, "
                    "so it asks for them each time you connect.")
                     .arg(lookup.reason);
    }
    const bool keychain = lookup.status == SecretLookup::Status::NotFound;
    QPointer<SecretPromptDialog> prompt = new SecretPromptDialog(connection, reason, keychain, m_window);
    // Not WA_DeleteOnClose: QCoro resumes after finished() from the event loop, and a prompt
    // deleted by then would drop that resumption.
    prompt->open();
    const int answer = co_await qCoro(prompt.data(), &QDialog::finished);
    if (!self || !prompt)
        co_return std::nullopt;
    prompt->deleteLater();
    if (answer != QDialog::Accepted)
        co_return std::nullopt;
    const QString secret = prompt->secret();
    if (prompt->remember()) {
        // Kept for this connection even when storing fails: the next connect then asks again.
        (void)co_await m_store->setSecret(connection.id, secret);
    }
    co_return secret;
}

} // namespace QInflux
