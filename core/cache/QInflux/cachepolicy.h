#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QStringView>

namespace QInflux {

struct QueryResult;

/// Which queries and results the cache keeps unless the user forces it. Each check returns an empty
/// string when the cache may keep it, else one sentence saying why not (shown to the user).
class QINFLUX_CORE_EXPORT CachePolicy
{
public:
    /// Only SELECT statements are cached: SHOW, CREATE, DROP, ... answer about a database that changes,
    /// or change it. Also refused: SELECT ... INTO (it writes), any use of now() (the answer moves with
    /// the clock, even with a fixed upper bound when the lower bound is now()-relative), and GROUP BY
    /// time() without an upper time bound (the server then ends the range at now()).
    static QString whyNotCacheable(QStringView query);
    /// Results with a statement error are not kept: the error may be passing (a missing database,
    /// a timeout on the server).
    static QString whyNotStorable(const QueryResult &result);
};

} // namespace QInflux
