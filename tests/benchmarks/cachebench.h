#pragma once

#include <QString>

namespace QInflux::Bench {

struct CacheArgs
{
    qint64 n = 1'000'000;
    int repeats = 3;
    int seed = 42;
    /// A running server; empty = a private influxd via LocalServer.
    QString url;
};

/// `qinflux-bench cache`: loads n cpu points, then times `SELECT * FROM cpu` uncached through the
/// client (cache_qinflux_miss_s, the fastest run), the same answer loaded from the cache
/// (cache_qinflux_hit_s, median) and the cache file's size (cache_qinflux_file_bytes) beside the
/// MessagePack wire size of the answer (curl). Checks that the cached answer equals the server's.
int benchCache(const CacheArgs &args);

} // namespace QInflux::Bench
