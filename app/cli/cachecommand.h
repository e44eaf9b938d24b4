#pragma once

#include <QInflux/result.h>
#include <QInflux/client.h>
#include <QInflux/queryresult.h>

#include <QStringList>

class QCommandLineParser;

namespace QInflux {
class BlockingClient;
struct ClientSettings;
}

namespace QInflux::Cli {

/// Adds --cache, --no-cache, --refresh, --force-cache, --cache-dir, --cache-ttl, --query and
/// --server, and the help text of `qinflux cache`.
void addCacheOptions(QCommandLineParser &parser);

/// `qinflux cache stats|clear|path`: prints the cache's counters and size, removes entries (all;
/// with --query Q those of that query on the --url/--db server; with --server all of that server's),
/// or prints the directory. Returns an ExitCode.
int cache(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings);

/// Runs `query` for `qinflux query`: through the cache with --cache / --refresh / --force-cache
/// (printing "cache: hit", "cache: miss (...)" or "cache: not cached: <why>" on stderr), straight to
/// the server otherwise. Kind::Usage for contradictory options.
Result<QueryResult> queryWithCache(BlockingClient &client, const QString &query, const QueryOptions &options,
                                   const QCommandLineParser &parser);

} // namespace QInflux::Cli
