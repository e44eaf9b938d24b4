#pragma once

#include "savedconnection.h"

#include <QList>
#include <QObject>

#include <QCoroTask>

#include <memory>

class QSettings;

namespace QInflux {

class SecretStore;
struct SecretLookup;

/// The saved connections: their settings in QSettings (group "connections"), their passwords and
/// tokens in a SecretStore under the connection's id, never in the settings. Row 0 is always the
/// built-in sandbox. Changes are written at once.
class ConnectionStore : public QObject
{
    Q_OBJECT
public:
    /// Owns `secrets`. `settingsFile` empty = the application's QSettings file.
    explicit ConnectionStore(std::unique_ptr<SecretStore> secrets, const QString &settingsFile = {},
                             QObject *parent = nullptr);
    ~ConnectionStore() override;

    int count() const { return int(m_connections.size()); }
    const SavedConnection &at(int row) const { return m_connections.at(row); }
    const QList<SavedConnection> &connections() const { return m_connections; }
    /// -1 when there is no connection with this id.
    int indexOf(const QString &id) const;

    /// Appends `connection` under a new id (its own is ignored) and returns that id.
    QString add(SavedConnection connection);
    /// Replaces the connection with the same id; false when there is none. The sandbox keeps its
    /// name and address: only its cache flag changes.
    bool update(const SavedConnection &connection);
    /// A copy named "<name> (copy)" right after the original, with the original's secret copied
    /// too; returns the new id (empty for the sandbox or an unknown id).
    QCoro::Task<QString> duplicate(QString id);
    /// Removes the connection and its secret; the sandbox cannot be removed.
    QCoro::Task<Result<void>> remove(QString id);

    SecretStore *secrets() const { return m_secrets.get(); }
    /// The secret of connection `id` from the SecretStore.
    QCoro::Task<SecretLookup> secret(QString id);
    QCoro::Task<Result<void>> setSecret(QString id, QString secret);

    /// The connection used last (saved by the switcher), the sandbox when none.
    QString lastUsed() const;
    void setLastUsed(const QString &id);

    /// Path of the settings file (for the tests and the About box).
    QString settingsFileName() const;

Q_SIGNALS:
    void aboutToInsert(int row);
    void inserted(int row);
    void aboutToRemove(int row);
    void removed(int row);
    void updated(int row);

private:
    void load();
    void save();

    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    QList<SavedConnection> m_connections;
};

} // namespace QInflux
