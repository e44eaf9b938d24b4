#include <QInflux/cachedquery.h>

#include <QInflux/cachekey.h>
#include <QInflux/cachepolicy.h>
#include <QInflux/querycache.h>

#include <QtConcurrent/QtConcurrentRun>

#include <QCoroFuture>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

// Plain functions for QtConcurrent::run: GCC 12 mishandles lambdas that capture coroutine locals by
// reference inside co_await expressions.
QueryCache::Lookup lookupIn(QueryCache *cache, CacheKey key)
{
    return cache->lookup(key);
}

Result<void> storeIn(QueryCache *cache, CacheKey key, const QueryResult *result)
{
    return cache->store(key, *result);
}

} // namespace

QCoro::Task<CachedQuery> cachedQuery(Client &client, QueryCache &cache, QString query, QueryOptions options, CacheMode mode)
{
    const QString notCacheable = mode == CacheMode::Force ? QString() : CachePolicy::whyNotCacheable(query);
    if (mode == CacheMode::Bypass || !notCacheable.isEmpty()) {
        Result<QueryResult> answer = co_await client.query(query, options);
        co_return CachedQuery{std::move(answer), false, false,
                              mode == CacheMode::Bypass ? u"bypassed"_s : u"not cached: "_s + notCacheable, std::nullopt};
    }

    const CacheKey key = CacheKey::make(client.settings(), query, options);
    QString reason = u"refreshed"_s;
    if (mode != CacheMode::Refresh) {
        QueryCache::Lookup found = co_await QtConcurrent::run(&lookupIn, &cache, key);
        if (found.result)
            co_return CachedQuery{std::move(*found.result), true, false, u"hit"_s, std::nullopt};
        reason = u"miss (%1)"_s.arg(found.reason);
    }

    Result<QueryResult> answer = co_await client.query(query, options);
    CachedQuery out{std::move(answer), false, false, reason, std::nullopt};
    if (!out.result)
        co_return out;
    const QString notStorable = mode == CacheMode::Force ? QString() : CachePolicy::whyNotStorable(*out.result);
    if (!notStorable.isEmpty()) {
        out.reason += u", not stored: "_s + notStorable;
        co_return out;
    }
    const QueryResult *result = &*out.result;
    Result<void> stored = co_await QtConcurrent::run(&storeIn, &cache, key, result);
    if (stored) {
        out.stored = true;
    } else {
        out.reason += u", not stored: "_s + stored.error().message();
        out.storeError = stored.error();
    }
    co_return out;
}

} // namespace QInflux
