#pragma once

#include <QInflux/cachedquery.h>
#include <QInflux/error.h>

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
    /// Rows per chunk when the run streams (no cache): the table grows chunk by chunk.
    int chunkSize = 10'000;
    /// Ask before fetching an unbounded SELECT that returns many rows (ResultView::setGuardThreshold).
    bool guard = true;
};

/// What a finished run reports: for the status line, the history and the error display.
struct QueryRunSummary
{
    enum class CacheState { NotUsed, Hit, Miss };

    QString query;            ///< what ran: the guard may have added a LIMIT
    bool ok = false;          ///< false when the request failed, was cancelled, or a statement returned an error
    bool cancelled = false;   ///< by cancel() or the guard's Cancel; the rows that arrived are kept
    qint64 rows = 0;
    qint64 series = 0;
    qint64 elapsedMs = 0;
    CacheState cache = CacheState::NotUsed;
    QString cacheReason; ///< cachedQuery()'s one line: "hit", "miss (no entry)", "not cached: ..."
    std::optional<Error> error; ///< the request's error, or the first statement's error
};

} // namespace QInflux

Q_DECLARE_METATYPE(QInflux::QueryRunSummary)
