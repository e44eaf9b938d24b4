#include "cachebench.h"

#include "benchoutput.h"
#include "benchserver.h"
#include "cpudata.h"

#include <QInflux/cachekey.h>
#include <QInflux/querycache.h>
#include <QInflux/client.h>
#include <QInflux/wait.h>
#include "localserver_p.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <cstring>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

const QString s_database = u"qinflux_bench_cache"_s;
const QString s_query = u"SELECT * FROM cpu"_s;

/// Empty when `a` and `b` hold the same series with the same values (floats bit for bit).
QString difference(const QueryResult &a, const QueryResult &b)
{
    if (a.statements.size() != b.statements.size() || a.seriesCount() != b.seriesCount() || a.rowCount() != b.rowCount())
        return u"different shape"_s;
    for (qsizetype s = 0; s < a.statements.size(); ++s) {
        for (qsizetype f = 0; f < a.statements[s].series.size(); ++f) {
            const Frame &x = a.statements[s].series[f];
            const Frame &y = b.statements[s].series[f];
            if (x.seriesKey() != y.seriesKey() || x.time() != y.time() || x.columnNames() != y.columnNames())
                return u"series %1 differs"_s.arg(x.seriesKey());
            for (qsizetype c = 0; c < x.columnCount(); ++c) {
                const Column &p = x.column(c);
                const Column &q = y.column(c);
                bool same = p.type() == q.type() && p.validity() == q.validity();
                if (same && p.type() == ColumnType::Float)
                    same = std::memcmp(p.values<double>().data(), q.values<double>().data(), size_t(p.size()) * 8) == 0;
                else if (same && p.type() == ColumnType::String)
                    same = p.values<QString>() == q.values<QString>();
                else if (same)
                    same = p.storage() == q.storage();
                if (!same)
                    return u"column %1 of %2 differs"_s.arg(p.name(), x.seriesKey());
            }
        }
    }
    return {};
}

/// Bytes of the MessagePack answer on the wire, as peer_query.py's query_msgpack_curl measures it.
qint64 msgpackWireBytes(const QString &baseUrl)
{
    QUrl url(baseUrl + u"/query"_s);
    QUrlQuery query;
    query.addQueryItem(u"db"_s, s_database);
    query.addQueryItem(u"q"_s, s_query);
    query.addQueryItem(u"epoch"_s, u"ns"_s);
    url.setQuery(query);
    QProcess curl;
    curl.start(u"curl"_s, {u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{size_download}"_s, u"-H"_s,
                           u"Accept: application/x-msgpack"_s, url.toString(QUrl::FullyEncoded)});
    if (!curl.waitForFinished(600'000) || curl.exitCode() != 0)
        return -1;
    return curl.readAllStandardOutput().trimmed().toLongLong();
}

/// User + system CPU seconds of this process (all threads).
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int benchCache(const CacheArgs &args)
{
    LocalServer server;
    const std::optional<ClientSettings> settings = cpuBenchServer(args.url, server, s_database, args.n, args.repeats);
    if (!settings)
        return 1;
    const QString url = settings->baseUrl().toString();
    Client client(*settings);
    if (!ensureCpuData(client, s_database, args.n, quint64(args.seed)))
        return 1;

    std::vector<double> misses;
    std::optional<QueryResult> answer;
    for (int r = 0; r < args.repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        Result<QueryResult> result = blockOn(client.query(s_query));
        misses.push_back(secondsSince(start));
        if (!result || result->firstError() || result->rowCount() != args.n) {
            note(u"FAILED: the uncached query: %1"_s.arg(!result ? result.error().toString()
                                                              : result->firstError() ? result->firstError()->toString()
                                                                                     : u"%1 rows"_s.arg(result->rowCount())));
            return 1;
        }
        answer = std::move(result).value();
    }

    QTemporaryDir dir;
    QueryCache cache({.directory = dir.path(), .maxBytes = 0});
    const CacheKey key = CacheKey::make(*settings, s_query, {});
    auto start = std::chrono::steady_clock::now();
    if (auto stored = cache.store(key, *answer); !stored) {
        note(u"FAILED: storing: "_s + stored.error().toString());
        return 1;
    }
    const double storeSeconds = secondsSince(start);
    const qint64 fileBytes = QFileInfo(cache.filePath(key)).size();

    std::vector<double> hits, hitCpu;
    for (int r = 0; r < std::max(3, args.repeats); ++r) {
        start = std::chrono::steady_clock::now();
        const double cpu0 = processCpuSeconds();
        QueryCache::Lookup found = cache.lookup(key);
        hits.push_back(secondsSince(start));
        hitCpu.push_back(processCpuSeconds() - cpu0);
        if (!found.result) {
            note(u"FAILED: lookup missed: "_s + found.reason);
            return 1;
        }
        if (r == 0) {
            if (const QString d = difference(*found.result, *answer); !d.isEmpty()) {
                note(u"FAILED: the cached answer differs from the server's: "_s + d);
                return 1;
            }
        }
    }
    const qint64 wire = msgpackWireBytes(url);
    const double miss = *std::min_element(misses.begin(), misses.end());
    const double hit = median(hits);
    note(u"cache_qinflux_miss: runs=%1 (fastest reported)"_s.arg(formatRuns(misses)));
    note(u"cache_qinflux_hit: runs=%1 (median reported), cpu_s=%2; the answer equals the server's, floats bit for bit"_s.arg(formatRuns(hits), formatRuns(hitCpu)));
    note(u"storing the answer took %1 s (zstd level %2)"_s.arg(storeSeconds, 0, 'f', 3).arg(cache.options().compressionLevel));
    note(u"MessagePack wire size of the same answer (curl -H 'Accept: application/x-msgpack'): %1 bytes; "
         "cache file / wire = %2; hit is %3x faster than the fastest uncached query"_s.arg(wire)
             .arg(wire > 0 ? double(fileBytes) / double(wire) : 0.0, 0, 'f', 3)
             .arg(miss / hit, 0, 'f', 1));
    emit("cache_qinflux_hit_s", hit, "s");
    emit("cache_qinflux_miss_s", miss, "s");
    emitCount("cache_qinflux_file_bytes", fileBytes, "bytes");
    return 0;
}

} // namespace QInflux::Bench
