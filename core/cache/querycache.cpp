#include <QInflux/querycache.h>

#include "cachefile_p.h"
#include "cachelogging_p.h"
#include "columncodec_p.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

Q_LOGGING_CATEGORY(lcCache, "qinflux.cache", QtInfoMsg)

namespace {

constexpr auto s_suffix = ".qic"_L1;

struct EntryFile
{
    QString path;
    qint64 size = 0;
    QDateTime used;
};

/// Every entry file (and, with `stale`, left-over temporary files older than an hour).
std::vector<EntryFile> entryFiles(const QString &directory, std::vector<QString> *stale = nullptr)
{
    std::vector<EntryFile> files;
    const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.fileName().endsWith(s_suffix))
            files.push_back({info.filePath(), info.size(), info.lastModified()});
        else if (stale && info.fileName().contains(u".qic."_s) && info.lastModified() < hourAgo)
            stale->push_back(info.filePath());
    }
    return files;
}

QByteArray rawKey(const CacheKey &key)
{
    return QByteArray::fromHex(key.hash().toLatin1());
}

/// The counters file: "hits N\nmisses M\n".
std::pair<qint64, qint64> readCounters(const QString &path)
{
    QFile file(path);
    qint64 hits = 0, misses = 0;
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("hits "))
            hits = line.mid(5).toLongLong();
        else if (line.startsWith("misses "))
            misses = line.mid(7).toLongLong();
    }
    return {hits, misses};
}

} // namespace

QueryCache::QueryCache() : QueryCache(Options()) {}

QueryCache::QueryCache(Options options) : m_options(std::move(options))
{
    if (m_options.directory.isEmpty())
        m_options.directory = defaultDirectory();
}

QString QueryCache::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/qinflux-cache"_s;
}

QString QueryCache::filePath(const CacheKey &key) const
{
    return m_options.directory + u'/' + key.connection() + u'/' + key.hash() + s_suffix;
}

void QueryCache::count(bool hit)
{
    if (!QDir().mkpath(m_options.directory))
        return;
    const QString path = m_options.directory + u"/stats"_s;
    QLockFile lock(path + u".lock"_s);
    if (!lock.tryLock(2000)) {
        qCWarning(lcCache) << "cannot lock" << lock.fileName() << "- the hit/miss counters are not updated";
        return;
    }
    auto [hits, misses] = readCounters(path);
    (hit ? hits : misses) += 1;
    // Rewritten in place under the lock (QSaveFile would fsync on every lookup); a torn file after a
    // crash only resets the counters.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write("hits " + QByteArray::number(hits) + "\nmisses " + QByteArray::number(misses) + '\n') < 0
        || !file.flush())
        qCWarning(lcCache) << "cannot update" << path << file.errorString();
}

QueryCache::Lookup QueryCache::lookup(const CacheKey &key)
{
    const QString path = filePath(key);
    QFile file(path);
    auto miss = [&](QString reason) {
        count(false);
        return Lookup{std::nullopt, std::move(reason)};
    };
    if (!file.open(QIODevice::ReadOnly))
        return miss(file.exists() ? u"cannot read %1: %2"_s.arg(path, file.errorString()) : u"no entry"_s);
    // Read into huge pages: a fresh 4 KiB page per 4 KiB read costs more than the decoding.
    std::vector<char> buffer;
    detail::resizeHuge(buffer, size_t(file.size()));
    if (file.read(buffer.data(), qint64(buffer.size())) != qint64(buffer.size()) || !file.atEnd())
        return miss(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    const QByteArrayView bytes(buffer.data(), qsizetype(buffer.size()));
    const QByteArray raw = rawKey(key);
    auto damaged = [&](const Error &error) {
        qCWarning(lcCache).noquote() << "removing" << path << "-" << error.message();
        QFile::remove(path);
        return miss(u"damaged entry removed: "_s + error.message());
    };
    const auto header = detail::readCacheFileHeader(bytes, raw);
    if (!header)
        return damaged(header.error());
    if (m_options.timeToLive.count() > 0) {
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - header->createdMs;
        if (age > qint64(m_options.timeToLive.count()) * 1000) {
            qCDebug(lcCache) << "removing expired" << path;
            QFile::remove(path);
            return miss(u"expired (stored %1 s ago, time-to-live %2 s)"_s.arg(age / 1000).arg(m_options.timeToLive.count()));
        }
    }
    auto decoded = detail::decodeCacheFile(bytes, raw);
    if (!decoded)
        return damaged(decoded.error());
    // Least recently used = oldest modification time.
    if (!file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime))
        qCDebug(lcCache) << "cannot update the access time of" << path;
    count(true);
    return Lookup{std::move(decoded).value(), {}};
}

Result<void> QueryCache::store(const CacheKey &key, const QueryResult &result)
{
    Q_ASSERT(key.isValid());
    const QString path = filePath(key);
    const QString directory = QFileInfo(path).path();
    if (!QDir().mkpath(directory))
        return Error(Error::Kind::Io, u"Cannot create the cache directory %1."_s.arg(directory));
    const detail::EncodedCacheFile encoded =
        detail::encodeCacheFile(result, rawKey(key), QDateTime::currentMSecsSinceEpoch(), m_options.compressionLevel);
    QSaveFile file(path);
    // Unbuffered: each block goes straight to write(2), so a full disk is reported by the write
    // that hits it, with the system's reason (a failed buffered flush in commit() says "Unknown error").
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error(Error::Kind::Io, u"Cannot create the cache file %1: %2"_s.arg(path, file.errorString()));
    if (auto written = encoded.writeTo(file, path); !written) {
        file.cancelWriting();
        qCWarning(lcCache).noquote() << written.error().message();
        return written.error();
    }
    if (!file.commit()) {
        const Error error(Error::Kind::Io, u"Cannot write the cache file %1: %2"_s.arg(path, file.errorString()));
        qCWarning(lcCache).noquote() << error.message();
        return error;
    }
    evict();
    return {};
}

bool QueryCache::remove(const CacheKey &key)
{
    return QFile::remove(filePath(key));
}

Result<qint64> QueryCache::clear()
{
    const auto files = entryFiles(m_options.directory);
    for (const EntryFile &entry : files) {
        if (!QFile::remove(entry.path) && QFile::exists(entry.path))
            return Error(Error::Kind::Io, u"Cannot remove the cache file %1."_s.arg(entry.path));
    }
    QFile::remove(m_options.directory + u"/stats"_s);
    return qint64(files.size());
}

Result<qint64> QueryCache::clearConnection(const QString &connectionId)
{
    static const QRegularExpression id(u"^[0-9a-f]{16}$"_s);
    if (!id.match(connectionId).hasMatch())
        return Error(Error::Kind::Usage, u"\"%1\" is not a cache connection id (16 hex digits)."_s.arg(connectionId));
    const QString directory = m_options.directory + u'/' + connectionId;
    const auto files = entryFiles(directory);
    if (QDir(directory).exists() && !QDir(directory).removeRecursively())
        return Error(Error::Kind::Io, u"Cannot remove the cache directory %1."_s.arg(directory));
    return qint64(files.size());
}

qint64 QueryCache::evict()
{
    std::vector<QString> stale;
    std::vector<EntryFile> files = entryFiles(m_options.directory, &stale);
    for (const QString &path : stale) // temporary files of writers that died
        QFile::remove(path);
    qint64 total = 0;
    for (const EntryFile &entry : files)
        total += entry.size;
    if (m_options.maxBytes <= 0 || total <= m_options.maxBytes)
        return 0;
    std::sort(files.begin(), files.end(), [](const EntryFile &a, const EntryFile &b) { return a.used < b.used; });
    qint64 removed = 0;
    for (const EntryFile &entry : files) {
        if (total <= m_options.maxBytes)
            break;
        if (QFile::remove(entry.path)) {
            qCDebug(lcCache) << "evicted" << entry.path << entry.size << "bytes";
            ++removed;
        }
        total -= entry.size; // gone, by us or by another process
    }
    return removed;
}

CacheStats QueryCache::stats() const
{
    CacheStats stats;
    std::tie(stats.hits, stats.misses) = readCounters(m_options.directory + u"/stats"_s);
    for (const EntryFile &entry : entryFiles(m_options.directory)) {
        stats.bytes += entry.size;
        ++stats.entries;
    }
    return stats;
}

} // namespace QInflux
