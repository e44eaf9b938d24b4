#pragma once

#include <QInflux/cachekey.h>

#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QString>

#include <chrono>
#include <optional>

namespace QInflux {

/// What the cache holds and how it has served.
struct CacheStats
{
    qint64 hits = 0;    ///< lookups answered, since the last clear()
    qint64 misses = 0;  ///< lookups not answered (no entry, expired, damaged), since the last clear()
    qint64 bytes = 0;   ///< size of the entry files
    qint64 entries = 0;
};

/// The on-disk query-result cache: one file per CacheKey, `<directory>/<connection>/<hash>.qic`
/// (format in cache/cachefile_p.h). Several processes may share a directory: files are replaced
/// atomically (QSaveFile), the least recently used entries go first when the size limit is passed
/// (a hit updates the file's modification time), and hit/miss counters are updated under a lock file.
/// A damaged, truncated, foreign or other-version file is removed, logged (qinflux.cache) and
/// reported as a miss: lookup() never returns anything but what store() was given. Safe to use from
/// several threads.
class QueryCache
{
public:
    struct Options
    {
        /// Empty = defaultDirectory().
        QString directory;
        /// The entries' total size at most; 0 = no limit.
        qint64 maxBytes = qint64(1) << 30;
        /// Entries older than this are misses (and removed); 0 = they never expire.
        std::chrono::seconds timeToLive{0};
        /// zstd level of new entries.
        int compressionLevel = 3;
    };

    /// The default Options: defaultDirectory(), 1 GiB, no time-to-live.
    QueryCache();
    explicit QueryCache(Options options);

    /// QStandardPaths::CacheLocation + "/qinflux-cache".
    static QString defaultDirectory();
    const QString &directory() const { return m_options.directory; }
    const Options &options() const { return m_options; }

    struct Lookup
    {
        std::optional<QueryResult> result; ///< set on a hit
        QString reason;                    ///< on a miss: why ("no entry", "expired", "damaged ...")
    };
    /// Counts a hit or a miss.
    Lookup lookup(const CacheKey &key);
    /// Writes the entry atomically, then evicts to the size limit. Kind::Io (nothing written, no
    /// partial file left) when the directory or the disk refuses.
    Result<void> store(const CacheKey &key, const QueryResult &result);
    /// False when there was no entry.
    bool remove(const CacheKey &key);
    /// Removes every entry and resets the counters; returns the number of entries removed.
    Result<qint64> clear();
    /// Removes the entries of one server identity (CacheKey::connectionId).
    Result<qint64> clearConnection(const QString &connectionId);
    /// Removes least recently used entries until the total is within maxBytes; returns how many.
    qint64 evict();
    CacheStats stats() const;

    QString filePath(const CacheKey &key) const;

private:
    void count(bool hit);
    Options m_options;
};

} // namespace QInflux
