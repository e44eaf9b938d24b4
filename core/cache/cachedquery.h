#pragma once

#include <QInflux/client.h>
#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QCoroTask>

#include <optional>

namespace QInflux {

class QueryCache;

/// How cachedQuery() uses the cache.
enum class CacheMode {
    Use,     ///< answer from the cache when it can; store what the server answers if the policy allows
    Bypass,  ///< ask the server; neither read nor write the cache
    Refresh, ///< ask the server; replace the entry if the policy allows
    Force,   ///< like Use, but cache even what CachePolicy refuses (SHOW, now(), errors)
};

/// The answer of cachedQuery() and how the cache took part.
struct CachedQuery
{
    Result<QueryResult> result;
    bool hit = false;
    /// Stored in the cache by this call.
    bool stored = false;
    /// One line for the user: on a hit "hit"; else "miss (<why>)", "not cached: <why>", "bypassed",
    /// "refreshed"; and ", not stored: <why>" when storing failed.
    QString reason;
    /// The Kind::Io error when the answer could not be stored (the result itself is still good).
    std::optional<Error> storeError;
};

/// Client::query through `cache`. The cache file is read and written on a worker thread. `client` and
/// `cache` must outlive the task. A failure of the query itself is in `result`, never cached.
QCoro::Task<CachedQuery> cachedQuery(Client &client, QueryCache &cache, QString query, QueryOptions options,
                                     CacheMode mode = CacheMode::Use);

} // namespace QInflux
