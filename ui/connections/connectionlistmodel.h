#pragma once

#include <QAbstractListModel>

namespace QInflux {

class ConnectionStore;

/// A list model over a ConnectionStore (not owned): one row per saved connection, the sandbox
/// first. Display = name; tooltip = URL and database; IdRole = the connection's id.
class ConnectionListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, UrlRole, IsSandboxRole };

    explicit ConnectionListModel(ConnectionStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    ConnectionStore *store() const { return m_store; }

private:
    ConnectionStore *m_store;
};

} // namespace QInflux
