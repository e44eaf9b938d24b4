#pragma once

#include <QAbstractItemModel>
#include <QPointer>

#include <QCoroTask>

#include <memory>

namespace QInflux {

class Client;
class Error;
namespace detail {
struct SchemaNode;
}

/// The server's schema as a lazy tree: databases -> retention policies -> measurements -> "Fields"
/// (key and type) and "Tags" (keys) -> tag values. Each level is asked for when the view expands it
/// (load()), asynchronously: a "Loading…" row stands in until the answer arrives, and
/// an error becomes a row with the server's words (activate it to retry). Measurements, fields, tag
/// keys and tag values come in pages of pageSize() rows (LIMIT/OFFSET) with a "more…" row that loads
/// the next page, so a high-cardinality list never freezes the browser. Filters are server-side regexes.
///
/// InfluxDB 1.x lists measurements per database, not per retention policy: every retention policy of
/// a database shows the same measurements (some may hold no data in that policy).
class SchemaModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind { Database, RetentionPolicy, Measurement, FieldGroup, TagGroup, Field, TagKey, TagValue, Loading, Error, More };
    Q_ENUM(Kind)
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        NameRole,                    ///< the raw name (display text may differ)
        DatabaseRole,                ///< the database this row belongs to
        RetentionPolicyRole,
        MeasurementRole,
        TagKeyRole,
        FieldTypeRole,               ///< Kind::Field: "float", "integer", "string", "boolean"
    };
    enum Column { NameColumn, DetailColumn, ColumnCount };

    explicit SchemaModel(QObject *parent = nullptr);
    ~SchemaModel() override;

    /// Forgets everything and lists `client`'s databases (nothing for nullptr). The client is not owned.
    void setClient(Client *client);
    Client *client() const { return m_client; }

    /// Rows per page (default 1000).
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    /// Server-side filters: the body of an InfluxQL regex (see SchemaQueries::filterRegex), empty for
    /// none. Changing one reloads the lists it applies to that were loaded.
    void setMeasurementFilter(const QString &regex);
    QString measurementFilter() const { return m_measurementFilter; }
    void setTagValueFilter(const QString &regex);
    QString tagValueFilter() const { return m_tagValueFilter; }

    /// Shown in bold.
    void setCurrentDatabase(const QString &database);
    QString currentDatabase() const { return m_currentDatabase; }

    /// Reloads everything (the expanded state of the view is lost).
    void reload();
    /// Reloads the children of `index` (for a row that has no children of its own: of its parent).
    void reload(const QModelIndex &index);
    /// For a More row: loads the next page; for an Error row: retries the load that failed. False for other rows.
    bool activate(const QModelIndex &index);
    /// Removes the rows of a dropped measurement (under every retention policy) or database.
    void removeMeasurement(const QString &database, const QString &measurement);
    void removeDatabase(const QString &database);

    /// Whether the children of `parent` were never asked for (hasChildren() is true for such rows).
    bool canLoad(const QModelIndex &parent) const;
    /// Asks the server for the children of `parent` when canLoad(); the view calls it when a row is
    /// expanded. Rows arrive later (a "Loading…" row stands in). Not fetchMore(): item views and
    /// QAbstractItemModelTester call that on every row they see, which would walk the whole server.
    void load(const QModelIndex &parent);
    /// Loads in flight.
    int pendingLoads() const { return m_pending; }
    /// The child of `parent` whose NameRole is `name` (Fields / Tags groups: "Fields", "Tags").
    QModelIndex child(const QModelIndex &parent, const QString &name) const;
    Kind kind(const QModelIndex &index) const;
    /// Whether the children of `index` are there (always true for rows that have none of their own).
    bool isLoaded(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// A load of `parent`'s children ended (ok false: an Error row was added).
    void loadFinished(const QModelIndex &parent, bool ok);

private:
    using Node = detail::SchemaNode;
    struct Item;

    Node *node(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    bool isContainer(const Node *node) const;
    bool isPaged(const Node *node) const;
    void startLoad(Node *node, bool nextPage);
    QString queryFor(const Node *node, int limit, int offset, QString *problem) const;
    QCoro::Task<> loadTask(quint64 id, int request, QString query, QString database);
    void finishLoad(Node *node, const QList<Item> &items, bool more);
    void failLoad(Node *node, const Error &error);
    void clearChildren(Node *node);
    void insertChildren(Node *node, std::vector<std::unique_ptr<Node>> nodes);
    void removeChildAt(Node *node, int row);
    std::unique_ptr<Node> makeNode(Kind kind, QString name, Node *parent);
    void forget(Node *node);
    void reloadWhere(Node *node, Kind kind);

    QPointer<Client> m_client;
    std::unique_ptr<Node> m_root;
    QHash<quint64, Node *> m_nodes;
    quint64 m_nextId = 1;
    int m_pageSize = 1000;
    int m_pending = 0;
    bool m_resetting = false; ///< inside beginResetModel()/endResetModel(): no row signals
    quint64 m_generation = 0; ///< setClient() count: loads of an earlier client are ignored
    QString m_measurementFilter;
    QString m_tagValueFilter;
    QString m_currentDatabase;
};

} // namespace QInflux
