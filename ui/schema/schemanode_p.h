#pragma once

#include <QInflux/cancellation.h>
#include "schemamodel.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace QInflux::detail {

/// One row of the SchemaModel tree. Nodes are owned by their parent; the model keeps an id -> node
/// map so that a load finishing after its node was removed finds nothing instead of a dangling pointer.
struct SchemaNode
{
    enum class State { NotLoaded, Loading, Loaded, Failed };

    SchemaModel::Kind kind = SchemaModel::Kind::Database;
    QString name;
    QString detail;       ///< field type, retention policy duration
    QString errorDetail;  ///< Kind::Error: the error's detail
    bool isDefault = false; ///< the database's default retention policy
    quint64 id = 0;
    SchemaNode *parent = nullptr;
    std::vector<std::unique_ptr<SchemaNode>> children;

    // Loading state of the children (Database, RetentionPolicy, FieldGroup, TagGroup, TagKey, root).
    State state = State::NotLoaded;
    int fetched = 0;     ///< rows fetched so far (the next page's OFFSET)
    int request = 0;     ///< serial of the current load; an answer for an older one is dropped
    std::optional<Cancellation> cancel;

    int row = 0; ///< index in parent->children, kept up to date by the model
    /// The nearest ancestor (or this) of `k`, nullptr when there is none.
    const SchemaNode *ancestor(SchemaModel::Kind k) const
    {
        const SchemaNode *n = this;
        while (n && (!n->parent || n->kind != k)) // the root (no parent) is of no kind
            n = n->parent;
        return n;
    }
};

} // namespace QInflux::detail
