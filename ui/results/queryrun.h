#pragma once

#include "cache/cachedquery.h"
#include "client/error.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace QInflux {

/// How ResultView::run() fetches a query. Fields are added as the explorer grows (chunking, cache).
struct QueryRunOptions
{
    QString database; ///< empty = the connection's default database
    /// The cache to answer from and store into; nullptr = the run does not use a cache.
    QueryCache *cache = nullptr;
    CacheMode cacheMode = CacheMode::Use;
};

/// What a finished run reports: for the status line, the history and the error display.
struct QueryRunSummary
{
    enum class CacheState { NotUsed, Hit, Miss };

    QString query;
    bool ok = false;          ///< false when the request failed, was cancelled, or a statement returned an error
    bool cancelled = false;
    qint64 rows = 0;
    qint64 series = 0;
    qint64 elapsedMs = 0;
    CacheState cache = CacheState::NotUsed;
    QString cacheReason; ///< cachedQuery()'s one line: "hit", "miss (no entry)", "not cached: ..."
    std::optional<Error> error; ///< the request's error, or the first statement's error
};

} // namespace QInflux

Q_DECLARE_METATYPE(QInflux::QueryRunSummary)
