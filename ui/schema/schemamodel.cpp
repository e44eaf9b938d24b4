#include "schemamodel.h"

#include <QInflux/client.h>
#include "schemanode_p.h"
#include "schemaqueries.h"

#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace QInflux {

using detail::SchemaNode;

/// One row of a SHOW answer.
struct SchemaModel::Item
{
    QString name;
    QString detail;
    bool isDefault = false;
};

namespace {

QString cell(const Frame &frame, QStringView column, qsizetype row)
{
    const Column *c = frame.column(column);
    return c ? c->value(row).toString() : QString();
}

QIcon themed(const char *name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QApplication::style()->standardIcon(fallback));
}

} // namespace

SchemaModel::SchemaModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_root = makeNode(Kind::Database, {}, nullptr);
}

SchemaModel::~SchemaModel() = default;

std::unique_ptr<SchemaNode> SchemaModel::makeNode(Kind kind, QString name, Node *parent)
{
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->name = std::move(name);
    node->parent = parent;
    node->id = m_nextId++;
    m_nodes.insert(node->id, node.get());
    if (kind == Kind::Measurement) {
        // The two groups are not asked for: they exist for every measurement.
        node->children.push_back(makeNode(Kind::FieldGroup, u"Fields"_s, node.get()));
        node->children.push_back(makeNode(Kind::TagGroup, u"Tags"_s, node.get()));
        node->children[1]->row = 1;
        node->state = Node::State::Loaded;
    }
    return node;
}

void SchemaModel::forget(Node *node)
{
    m_nodes.remove(node->id);
    for (auto &child : node->children)
        forget(child.get());
    // The load in flight (if any) resumes later, finds no node and drops its answer.
    if (node->cancel && node->state == Node::State::Loading)
        node->cancel->cancel();
}

void SchemaModel::setClient(Client *client)
{
    m_client = client;
    ++m_generation;
    m_pending = 0;
    reload();
}

void SchemaModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void SchemaModel::setMeasurementFilter(const QString &regex)
{
    if (regex == m_measurementFilter)
        return;
    m_measurementFilter = regex;
    reloadWhere(m_root.get(), Kind::RetentionPolicy);
}

void SchemaModel::setTagValueFilter(const QString &regex)
{
    if (regex == m_tagValueFilter)
        return;
    m_tagValueFilter = regex;
    reloadWhere(m_root.get(), Kind::TagKey);
}

void SchemaModel::reloadWhere(Node *node, Kind kind)
{
    if (node->parent && node->kind == kind) {
        if (node->state != Node::State::NotLoaded)
            startLoad(node, false);
        return;
    }
    // Collect first: startLoad changes the children of matching nodes, not of this one.
    std::vector<Node *> children;
    for (auto &child : node->children)
        children.push_back(child.get());
    for (Node *child : children)
        reloadWhere(child, kind);
}

void SchemaModel::setCurrentDatabase(const QString &database)
{
    if (database == m_currentDatabase)
        return;
    m_currentDatabase = database;
    if (!m_root->children.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_root->children.size()) - 1, ColumnCount - 1), {Qt::FontRole});
}

void SchemaModel::reload()
{
    beginResetModel();
    for (auto &child : m_root->children)
        forget(child.get());
    m_root->children.clear();
    m_root->state = Node::State::NotLoaded;
    m_root->fetched = 0;
    // Start listing the databases inside the reset: a view (or QAbstractItemModelTester) reacting to
    // modelReset() finds the "Loading…" row, not an unloaded root to fetch in the middle of the reset.
    m_resetting = true;
    if (m_client)
        startLoad(m_root.get(), false);
    m_resetting = false;
    endResetModel();
}

void SchemaModel::reload(const QModelIndex &index)
{
    Node *n = node(index);
    if (!isContainer(n))
        n = n->parent;
    if (n == m_root.get()) {
        reload();
    } else if (n->kind == Kind::Measurement) {
        for (auto &group : n->children) {
            if (group->state != Node::State::NotLoaded)
                startLoad(group.get(), false);
        }
    } else if (n->state != Node::State::NotLoaded) {
        startLoad(n, false);
    }
}

bool SchemaModel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return false;
    Node *n = node(index);
    if (n->kind == Kind::More) {
        startLoad(n->parent, true);
        return true;
    }
    if (n->kind == Kind::Error) {
        startLoad(n->parent, n->parent->fetched > 0); // retry the page that failed
        return true;
    }
    return false;
}

void SchemaModel::removeMeasurement(const QString &database, const QString &measurement)
{
    for (auto &db : m_root->children) {
        if (db->kind != Kind::Database || db->name != database)
            continue;
        for (auto &rp : db->children) {
            for (auto &m : rp->children) {
                if (m->kind == Kind::Measurement && m->name == measurement) {
                    removeChildAt(rp.get(), m->row);
                    --rp->fetched; // the server's list lost it too: the next page starts one earlier
                    break;
                }
            }
        }
    }
}

void SchemaModel::removeDatabase(const QString &database)
{
    for (auto &db : m_root->children) {
        if (db->kind == Kind::Database && db->name == database) {
            removeChildAt(m_root.get(), db->row);
            return;
        }
    }
}

bool SchemaModel::isContainer(const Node *node) const
{
    if (node == m_root.get())
        return true;
    switch (node->kind) {
    case Kind::Database:
    case Kind::RetentionPolicy:
    case Kind::Measurement:
    case Kind::FieldGroup:
    case Kind::TagGroup:
    case Kind::TagKey:
        return true;
    default:
        return false;
    }
}

bool SchemaModel::isPaged(const Node *node) const
{
    return node != m_root.get() && node->kind != Kind::Database;
}

QString SchemaModel::queryFor(const Node *node, int limit, int offset, QString *problem) const
{
    if (node == m_root.get())
        return SchemaQueries::showDatabases();
    const QString db = node->ancestor(Kind::Database)->name;
    const SchemaNode *rpNode = node->ancestor(Kind::RetentionPolicy);
    const SchemaNode *mNode = node->ancestor(Kind::Measurement);
    const QString rp = rpNode ? rpNode->name : QString();
    const QString m = mNode ? mNode->name : QString();
    switch (node->kind) {
    case Kind::Database:
        return SchemaQueries::showRetentionPolicies(db);
    case Kind::RetentionPolicy:
        return SchemaQueries::showMeasurements(db, m_measurementFilter, limit, offset);
    case Kind::FieldGroup:
        return SchemaQueries::showFieldKeys(db, rp, m, limit, offset);
    case Kind::TagGroup:
        return SchemaQueries::showTagKeys(db, rp, m, limit, offset);
    case Kind::TagKey:
        return SchemaQueries::showTagValues(db, rp, m, node->name, m_tagValueFilter, limit, offset);
    default:
        *problem = tr("Nothing to load for this row.");
        return {};
    }
}

void SchemaModel::startLoad(Node *node, bool nextPage)
{
    if (!m_client)
        return;
    ++node->request; // first: an answer to the load cancelled below is dropped
    if (node->cancel && node->state == Node::State::Loading)
        node->cancel->cancel();
    if (!nextPage) {
        clearChildren(node);
        node->fetched = 0;
    } else if (!node->children.empty()) {
        const Kind last = node->children.back()->kind;
        if (last == Kind::More || last == Kind::Error || last == Kind::Loading)
            removeChildAt(node, int(node->children.size()) - 1);
    }
    node->state = Node::State::Loading;
    node->cancel = Cancellation();
    std::vector<std::unique_ptr<Node>> loading;
    loading.push_back(makeNode(Kind::Loading, {}, node));
    insertChildren(node, std::move(loading));

    QString problem;
    const QString query = queryFor(node, isPaged(node) ? m_pageSize + 1 : 0, node->fetched, &problem);
    if (!problem.isEmpty()) {
        failLoad(node, Error(Error::Kind::Usage, problem));
        return;
    }
    const SchemaNode *db = node->ancestor(Kind::Database);
    ++m_pending;
    QCoro::connect(loadTask(node->id, node->request, query, db ? db->name : QString()), this, [] {});
}

QCoro::Task<> SchemaModel::loadTask(quint64 id, int request, QString query, QString database)
{
    QPointer<SchemaModel> self(this);
    const quint64 generation = m_generation;
    QueryOptions options;
    options.database = database;
    options.cancellation = m_nodes.value(id)->cancel;
    auto result = co_await m_client->query(query, options);
    if (!self || generation != m_generation)
        co_return;
    --m_pending;
    Node *n = m_nodes.value(id);
    if (!n || n->request != request)
        co_return;
    if (!result) {
        failLoad(n, result.error());
        co_return;
    }
    if (auto error = result->firstError()) {
        failLoad(n, *error);
        co_return;
    }
    QList<Item> items;
    for (const StatementResult &statement : result->statements) {
        for (const Frame &frame : statement.series) {
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                switch (n->kind) {
                case Kind::Database:
                    if (n == m_root.get()) {
                        items.append({cell(frame, u"name", row), {}, false});
                    } else {
                        const QInflux::Column *isDefault = frame.column(u"default");
                        items.append({cell(frame, u"name", row), cell(frame, u"duration", row),
                                      isDefault && isDefault->value(row).toBool()});
                    }
                    break;
                case Kind::RetentionPolicy:
                    items.append({cell(frame, u"name", row), {}, false});
                    break;
                case Kind::FieldGroup:
                    items.append({cell(frame, u"fieldKey", row), cell(frame, u"fieldType", row), false});
                    break;
                case Kind::TagGroup:
                    items.append({cell(frame, u"tagKey", row), {}, false});
                    break;
                default:
                    items.append({cell(frame, u"value", row), {}, false});
                    break;
                }
            }
        }
    }
    const bool more = isPaged(n) && items.size() > m_pageSize;
    if (more)
        items.resize(m_pageSize);
    finishLoad(n, items, more);
}

void SchemaModel::finishLoad(Node *node, const QList<Item> &items, bool more)
{
    if (!node->children.empty() && node->children.back()->kind == Kind::Loading)
        removeChildAt(node, int(node->children.size()) - 1);
    Kind childKind = Kind::Database;
    if (node != m_root.get()) {
        switch (node->kind) {
        case Kind::Database: childKind = Kind::RetentionPolicy; break;
        case Kind::RetentionPolicy: childKind = Kind::Measurement; break;
        case Kind::FieldGroup: childKind = Kind::Field; break;
        case Kind::TagGroup: childKind = Kind::TagKey; break;
        default: childKind = Kind::TagValue; break;
        }
    }
    std::vector<std::unique_ptr<Node>> nodes;
    nodes.reserve(size_t(items.size()) + 1);
    for (const Item &item : items) {
        auto child = makeNode(childKind, item.name, node);
        child->detail = item.detail;
        child->isDefault = item.isDefault;
        nodes.push_back(std::move(child));
    }
    if (more)
        nodes.push_back(makeNode(Kind::More, {}, node));
    node->fetched += int(items.size());
    node->state = Node::State::Loaded;
    insertChildren(node, std::move(nodes));
    Q_EMIT loadFinished(indexOf(node), true);
}

void SchemaModel::failLoad(Node *node, const Error &error)
{
    if (!node->children.empty() && node->children.back()->kind == Kind::Loading)
        removeChildAt(node, int(node->children.size()) - 1);
    auto row = makeNode(Kind::Error, error.message(), node);
    row->errorDetail = error.detail();
    std::vector<std::unique_ptr<Node>> nodes;
    nodes.push_back(std::move(row));
    node->state = Node::State::Failed;
    insertChildren(node, std::move(nodes));
    Q_EMIT loadFinished(indexOf(node), false);
}

void SchemaModel::clearChildren(Node *node)
{
    if (node->children.empty())
        return;
    beginRemoveRows(indexOf(node), 0, int(node->children.size()) - 1);
    for (auto &child : node->children)
        forget(child.get());
    node->children.clear();
    endRemoveRows();
}

void SchemaModel::insertChildren(Node *node, std::vector<std::unique_ptr<Node>> nodes)
{
    if (nodes.empty())
        return;
    const int first = int(node->children.size());
    if (!m_resetting)
        beginInsertRows(indexOf(node), first, first + int(nodes.size()) - 1);
    for (auto &child : nodes) {
        child->row = int(node->children.size());
        node->children.push_back(std::move(child));
    }
    if (!m_resetting)
        endInsertRows();
}

void SchemaModel::removeChildAt(Node *node, int row)
{
    beginRemoveRows(indexOf(node), row, row);
    forget(node->children[size_t(row)].get());
    node->children.erase(node->children.begin() + row);
    for (size_t i = size_t(row); i < node->children.size(); ++i)
        node->children[i]->row = int(i);
    endRemoveRows();
}

SchemaNode *SchemaModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex SchemaModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex SchemaModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.column() > 0 || column < 0 || column >= ColumnCount)
        return {};
    const Node *p = node(parent);
    if (row < 0 || row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex SchemaModel::parent(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    return indexOf(node(index)->parent);
}

int SchemaModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(node(parent)->children.size());
}

int SchemaModel::columnCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : ColumnCount;
}

bool SchemaModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *n = node(parent);
    if (!isContainer(n))
        return false;
    if (n->state == Node::State::NotLoaded)
        return m_client != nullptr;
    return !n->children.empty();
}

bool SchemaModel::canLoad(const QModelIndex &parent) const
{
    if (parent.column() > 0 || !m_client)
        return false;
    const Node *n = node(parent);
    return isContainer(n) && n->state == Node::State::NotLoaded;
}

void SchemaModel::load(const QModelIndex &parent)
{
    if (canLoad(parent))
        startLoad(node(parent), false);
}

SchemaModel::Kind SchemaModel::kind(const QModelIndex &index) const
{
    return node(index)->kind;
}

bool SchemaModel::isLoaded(const QModelIndex &index) const
{
    const Node *n = node(index);
    return n->state == Node::State::Loaded || !isContainer(n);
}

QModelIndex SchemaModel::child(const QModelIndex &parent, const QString &name) const
{
    const Node *p = node(parent);
    for (const auto &c : p->children) {
        if (c->name == name && c->kind != Kind::Error)
            return indexOf(c.get());
    }
    return {};
}

QVariant SchemaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = node(index);
    const auto ancestorName = [n](Kind k) {
        const SchemaNode *a = n->ancestor(k);
        return a ? a->name : QString();
    };
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == DetailColumn) {
            if (n->kind == Kind::Field)
                return n->detail;
            if (n->kind == Kind::RetentionPolicy) {
                const QString duration = n->detail == u"0s" ? u"∞"_s : n->detail; // 0s: kept forever
                return n->isDefault ? tr("%1 (default)").arg(duration) : duration;
            }
            return {};
        }
        switch (n->kind) {
        case Kind::Loading: return tr("Loading…");
        case Kind::More: return tr("more…");
        case Kind::FieldGroup: return tr("Fields");
        case Kind::TagGroup: return tr("Tags");
        default: return n->name;
        }
    case Qt::ToolTipRole:
        switch (n->kind) {
        case Kind::Error: return n->errorDetail.isEmpty() ? n->name : n->name + u'\n' + n->errorDetail;
        case Kind::More: return tr("Load the next %n row(s)", nullptr, m_pageSize);
        case Kind::Measurement:
            return SchemaQueries::qualifiedMeasurement(ancestorName(Kind::Database), ancestorName(Kind::RetentionPolicy), n->name);
        case Kind::RetentionPolicy:
            return tr("Duration %1%2. InfluxDB 1.x lists measurements per database: a measurement may hold no "
                      "data in this policy.")
                .arg(n->detail == u"0s" ? tr("infinite") : n->detail, n->isDefault ? tr(", the default policy") : QString());
        default: return {};
        }
    case Qt::FontRole:
        if ((n->kind == Kind::Database && n->name == m_currentDatabase) || (n->kind == Kind::RetentionPolicy && n->isDefault)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (n->kind == Kind::Loading || n->kind == Kind::More) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (n->kind == Kind::Loading || n->kind == Kind::More || index.column() == DetailColumn)
            return QApplication::palette().brush(QPalette::PlaceholderText);
        return {};
    case Qt::DecorationRole:
        if (index.column() != NameColumn)
            return {};
        switch (n->kind) {
        case Kind::Database: return themed("server-database", QStyle::SP_DriveHDIcon);
        case Kind::RetentionPolicy: return themed("folder", QStyle::SP_DirIcon);
        case Kind::Measurement: return themed("view-list-details", QStyle::SP_FileDialogDetailedView);
        case Kind::FieldGroup:
        case Kind::TagGroup: return themed("folder-open", QStyle::SP_DirOpenIcon);
        case Kind::Field: return themed("text-x-generic", QStyle::SP_FileIcon);
        case Kind::TagKey: return themed("tag", QStyle::SP_FileDialogInfoView);
        case Kind::Error: return themed("dialog-warning", QStyle::SP_MessageBoxWarning);
        default: return {};
        }
    case KindRole: return QVariant::fromValue(n->kind);
    case NameRole: return n->name;
    case DatabaseRole: return ancestorName(Kind::Database);
    case RetentionPolicyRole: return ancestorName(Kind::RetentionPolicy);
    case MeasurementRole: return ancestorName(Kind::Measurement);
    case TagKeyRole: return ancestorName(Kind::TagKey);
    case FieldTypeRole: return n->kind == Kind::Field ? n->detail : QString();
    default: return {};
    }
}

QVariant SchemaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == NameColumn)
        return tr("Name");
    if (section == DetailColumn)
        return tr("Type");
    return {};
}

Qt::ItemFlags SchemaModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (node(index)->kind == Kind::Loading)
        return Qt::ItemIsEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace QInflux
