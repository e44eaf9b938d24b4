#include "connectionlistmodel.h"

#include "connectionstore.h"

#include <QApplication>
#include <QIcon>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace QInflux {

ConnectionListModel::ConnectionListModel(ConnectionStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    connect(store, &ConnectionStore::aboutToInsert, this, [this](int row) { beginInsertRows({}, row, row); });
    connect(store, &ConnectionStore::inserted, this, [this] { endInsertRows(); });
    connect(store, &ConnectionStore::aboutToRemove, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &ConnectionStore::removed, this, [this] { endRemoveRows(); });
    connect(store, &ConnectionStore::updated, this, [this](int row) {
        Q_EMIT dataChanged(index(row), index(row));
    });
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_store->count();
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedConnection &c = m_store->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return c.name;
    case Qt::ToolTipRole:
        return c.database.isEmpty() ? c.url : tr("%1 — database %2").arg(c.url, c.database);
    case Qt::DecorationRole:
        if (c.isSandbox())
            return QIcon::fromTheme(u"applications-science"_s, QApplication::style()->standardIcon(QStyle::SP_ComputerIcon));
        return QIcon::fromTheme(u"network-server"_s, QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon));
    case IdRole:
        return c.id;
    case UrlRole:
        return c.url;
    case IsSandboxRole:
        return c.isSandbox();
    default:
        return {};
    }
}

QHash<int, QByteArray> ConnectionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "connectionId");
    names.insert(UrlRole, "url");
    names.insert(IsSandboxRole, "isSandbox");
    return names;
}

} // namespace QInflux
