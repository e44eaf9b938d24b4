#include "savedqueries.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace QInflux {

SavedQueries::SavedQueries(const QString &path, QObject *parent) : QAbstractListModel(parent), m_path(path)
{
    load();
}

QString SavedQueries::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/saved-queries.json"_s;
}

void SavedQueries::load()
{
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        m_loadError = error.error != QJsonParseError::NoError
                          ? tr("%1: %2 at byte %3").arg(m_path, error.errorString()).arg(error.offset)
                          : tr("%1: not a JSON array").arg(m_path);
        return;
    }
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array[i].toObject();
        const QString name = o.value(u"name"_s).toString().trimmed();
        if (name.isEmpty() || !o.value(u"text"_s).isString() || find(name) >= 0) {
            m_loadError = tr("%1: entry %2 has no name, no text or a name used before").arg(m_path).arg(i + 1);
            continue;
        }
        m_items.insert(insertionRow(name), {name, o.value(u"text"_s).toString()});
    }
}

void SavedQueries::write()
{
    if (m_path.isEmpty())
        return;
    if (!m_loadError.isEmpty()) {
        // Do not overwrite a file we could not read: the user may want to repair it.
        Q_EMIT writeFailed(tr("Not saving the queries: %1").arg(m_loadError));
        return;
    }
    QJsonArray array;
    for (const Item &item : std::as_const(m_items))
        array.append(QJsonObject{{u"name"_s, item.name}, {u"text"_s, item.text}});
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(array).toJson()) < 0 || !file.commit())
        Q_EMIT writeFailed(tr("Cannot save the queries to %1: %2").arg(m_path, file.errorString()));
}

int SavedQueries::insertionRow(const QString &name) const
{
    const auto it = std::lower_bound(m_items.begin(), m_items.end(), name, [](const Item &item, const QString &n) {
        return item.name.compare(n, Qt::CaseInsensitive) < 0;
    });
    return int(it - m_items.begin());
}

int SavedQueries::find(const QString &name) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items[i].name == name)
            return i;
    }
    return -1;
}

int SavedQueries::save(const QString &name, const QString &text)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return -1;
    int row = find(trimmed);
    if (row >= 0) {
        m_items[row].text = text;
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        row = insertionRow(trimmed);
        beginInsertRows({}, row, row);
        m_items.insert(row, {trimmed, text});
        endInsertRows();
    }
    write();
    return row;
}

bool SavedQueries::rename(int row, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (row < 0 || row >= m_items.size() || trimmed.isEmpty())
        return false;
    if (trimmed == m_items[row].name)
        return true;
    if (find(trimmed) >= 0)
        return false;
    Item item = m_items[row];
    item.name = trimmed;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    const int to = insertionRow(trimmed);
    beginInsertRows({}, to, to);
    m_items.insert(to, item);
    endInsertRows();
    write();
    return true;
}

void SavedQueries::remove(int row)
{
    if (row < 0 || row >= m_items.size())
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    write();
}

int SavedQueries::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant SavedQueries::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return item.name;
    case Qt::ToolTipRole:
    case TextRole: return item.text;
    default: return {};
    }
}

bool SavedQueries::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    return rename(index.row(), value.toString());
}

Qt::ItemFlags SavedQueries::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

} // namespace QInflux
