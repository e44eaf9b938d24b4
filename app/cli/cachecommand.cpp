#include "cachecommand.h"

#include "commands.h"
#include "commands_p.h"

#include <QInflux/cachedquery.h>
#include <QInflux/cachekey.h>
#include <QInflux/querycache.h>
#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

using detail::err;
using detail::fail;
using detail::usage;

namespace {

Result<QueryCache::Options> cacheOptions(const QCommandLineParser &parser)
{
    QueryCache::Options options;
    options.directory = parser.value(u"cache-dir"_s);
    if (parser.isSet(u"cache-ttl"_s)) {
        bool ok = false;
        const qint64 seconds = parser.value(u"cache-ttl"_s).toLongLong(&ok);
        if (!ok || seconds <= 0)
            return Error(Error::Kind::Usage, u"--cache-ttl must be a positive number of seconds, not \"%1\""_s.arg(parser.value(u"cache-ttl"_s)));
        options.timeToLive = std::chrono::seconds(seconds);
    }
    return options;
}

/// The mode the flags ask for; nullopt = no cache at all.
Result<std::optional<CacheMode>> modeFrom(const QCommandLineParser &parser)
{
    std::optional<CacheMode> mode;
    int given = 0;
    for (const auto &[flag, m] : {std::pair{u"cache"_s, CacheMode::Use}, std::pair{u"no-cache"_s, CacheMode::Bypass},
                                  std::pair{u"refresh"_s, CacheMode::Refresh}, std::pair{u"force-cache"_s, CacheMode::Force}}) {
        if (parser.isSet(flag)) {
            mode = m;
            ++given;
        }
    }
    if (given > 1)
        return Error(Error::Kind::Usage, u"use only one of --cache, --no-cache, --refresh and --force-cache"_s);
    return mode;
}

} // namespace

void addCacheOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(parser.applicationDescription() + u"\n\n"
        "Query-result cache (off unless asked for):\n"
        "  query --cache \"Q\"       Answer from the local cache when it holds Q, else ask the server\n"
        "                          and keep the answer. Says \"cache: hit\", \"cache: miss (why)\" or\n"
        "                          \"cache: not cached: why\" on stderr. Only SELECT is cached, not\n"
        "                          SHOW, INTO, now() or GROUP BY time() without an upper time bound.\n"
        "  query --refresh \"Q\"     Ask the server and replace the cached answer.\n"
        "  query --force-cache \"Q\" Like --cache, for queries the cache would refuse.\n"
        "  query --no-cache \"Q\"    Ask the server; do not touch the cache.\n"
        "  cache stats             Entries, bytes, hits and misses of the cache.\n"
        "  cache clear             Remove every entry; with --query Q only Q's on --url/--db,\n"
        "                          with --server every entry of --url (and --username).\n"
        "  cache path              Print the cache directory (--cache-dir, or the user's cache)."_s);
    parser.addOptions({
        {u"cache"_s, u"query: answer from the query-result cache when possible."_s},
        {u"no-cache"_s, u"query: do not use the query-result cache."_s},
        {u"refresh"_s, u"query: ask the server and replace the cached answer."_s},
        {u"force-cache"_s, u"query: cache even queries the cache refuses (SHOW, now(), ...)."_s},
        {u"cache-dir"_s, u"The query-result cache's directory (default: the user's cache directory)."_s, u"DIR"_s},
        {u"cache-ttl"_s, u"query: cached answers older than this are not used."_s, u"SECONDS"_s},
        {u"query"_s, u"cache clear: only the entry of this query (on --url, --db)."_s, u"Q"_s},
        {u"server"_s, u"cache clear: only the entries of --url (and --username)."_s},
    });
}

Result<QueryResult> queryWithCache(BlockingClient &client, const QString &query, const QueryOptions &options,
                                   const QCommandLineParser &parser)
{
    const auto mode = modeFrom(parser);
    if (!mode)
        return mode.error();
    if (!*mode)
        return client.query(query, options);
    const auto cacheSettings = cacheOptions(parser);
    if (!cacheSettings)
        return cacheSettings.error();
    QueryCache cache(*cacheSettings);
    CachedQuery answer = blockOn(cachedQuery(client.async(), cache, query, options, **mode));
    if (answer.result)
        err() << "cache: " << answer.reason << '\n';
    err().flush();
    return std::move(answer.result);
}

int cache(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings)
{
    if (args.size() != 1)
        return usage(u"cache takes one argument: stats, clear or path"_s);
    const auto options = cacheOptions(parser);
    if (!options)
        return usage(options.error().message());
    QueryCache cache(*options);
    QTextStream out(stdout);
    const QString &what = args.first();
    if (what == "path"_L1) {
        out << cache.directory() << '\n';
        return Ok;
    }
    if (what == "stats"_L1) {
        const CacheStats stats = cache.stats();
        out << "directory\t" << cache.directory() << "\nentries\t" << stats.entries << "\nbytes\t" << stats.bytes
            << "\nhits\t" << stats.hits << "\nmisses\t" << stats.misses << '\n';
        return Ok;
    }
    if (what != "clear"_L1)
        return usage(u"cache takes stats, clear or path, not \"%1\""_s.arg(what));
    if (parser.isSet(u"query"_s) && parser.isSet(u"server"_s))
        return usage(u"cache clear takes --query or --server, not both"_s);
    if (parser.isSet(u"query"_s)) {
        const CacheKey key = CacheKey::make(settings, parser.value(u"query"_s), QueryOptions());
        const bool removed = cache.remove(key);
        err() << (removed ? "Removed the cached answer of that query.\n" : "That query has no cached answer.\n");
        err().flush();
        return Ok;
    }
    const Result<qint64> removed = parser.isSet(u"server"_s) ? cache.clearConnection(CacheKey::connectionId(settings)) : cache.clear();
    if (!removed)
        return fail(removed.error());
    err() << "Removed " << *removed << (*removed == 1 ? " cache entry" : " cache entries") << ".\n";
    err().flush();
    return Ok;
}

} // namespace QInflux::Cli
