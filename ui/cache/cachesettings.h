#pragma once

#include <QInflux/querycache.h>

namespace QInflux {

/// The explorer's cache options, kept in QSettings under "cache/": directory (empty = the default
/// QueryCache::defaultDirectory()), size limit in bytes (default 1 GiB, 0 = none) and time-to-live
/// in seconds (default 0 = entries never expire).
class CacheSettings
{
public:
    static QueryCache::Options load();
    static void save(const QueryCache::Options &options);
};

} // namespace QInflux
