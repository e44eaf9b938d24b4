#pragma once

#include <QInflux/client.h>
#include "savedconnection.h"

#include <QObject>
#include <QPointer>

#include <QCoroTask>

#include <optional>

class QWidget;

namespace QInflux {

class ConnectionSession;
class ConnectionStore;

/// Switches the session to a saved connection: finds its password or token in the keychain, asks
/// for it (SecretPromptDialog, saying why) when the keychain has none or there is no keychain, then
/// connects. Store and session are not owned; prompts are window-modal on `window`.
class ConnectionSwitcher : public QObject
{
    Q_OBJECT
public:
    ConnectionSwitcher(ConnectionStore *store, ConnectionSession *session, QWidget *window);

    /// Connects to the saved connection `id` (fire and forget: see the signals). Ignored while a
    /// switch is in progress.
    void switchTo(const QString &id);
    /// The same with a secret already known (typed into the connections dialog): no keychain lookup.
    QCoro::Task<Result<ServerInfo>> connectTo(SavedConnection connection, std::optional<QString> secret = {});
    /// The secret of `connection`: "" when it needs none, the keychain's, or the user's answer to a
    /// prompt; nullopt when the user cancelled the prompt.
    QCoro::Task<std::optional<QString>> secretFor(SavedConnection connection);

    bool isBusy() const { return m_busy; }
    ConnectionStore *store() const { return m_store; }
    ConnectionSession *session() const { return m_session; }

Q_SIGNALS:
    void connecting(const QString &name);
    void connected();
    void failed(const QInflux::Error &error);

private:
    ConnectionStore *m_store;
    ConnectionSession *m_session;
    QPointer<QWidget> m_window;
    bool m_busy = false;
};

} // namespace QInflux
