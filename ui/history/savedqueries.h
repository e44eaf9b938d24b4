#pragma once

#include <QAbstractListModel>

namespace QInflux {

/// Named queries the user keeps, as a list model sorted by name (display and edit role: the name,
/// TextRole: the query). Stored as a JSON array in a file written atomically (QSaveFile) after each change.
/// Names are unique and not empty.
class SavedQueries : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { TextRole = Qt::UserRole + 1 };

    /// Reads `path`; an empty path keeps the list in memory only.
    explicit SavedQueries(const QString &path = defaultPath(), QObject *parent = nullptr);

    /// AppDataLocation/saved-queries.json.
    static QString defaultPath();
    /// Why the file could not be read ("" when it was read or did not exist).
    QString loadError() const { return m_loadError; }

    /// Saves `text` under `name`, replacing the text of a query of that name; returns its row, -1 if
    /// `name` is blank.
    int save(const QString &name, const QString &text);
    /// Renames row `row`; false if `name` is blank or another query has it.
    bool rename(int row, const QString &name);
    void remove(int row);
    /// The row of `name`, -1 if none.
    int find(const QString &name) const;
    QString name(int row) const { return m_items.at(row).name; }
    QString text(int row) const { return m_items.at(row).text; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void writeFailed(const QString &message);

private:
    struct Item
    {
        QString name;
        QString text;
    };
    void load();
    void write();
    int insertionRow(const QString &name) const;

    QString m_path;
    QString m_loadError;
    QList<Item> m_items;
};

} // namespace QInflux
