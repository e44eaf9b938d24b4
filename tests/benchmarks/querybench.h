#pragma once

#include <QString>

namespace QInflux::Bench {

struct QueryArgs
{
    qint64 n = 1'000'000;
    int repeats = 3;
    int seed = 42;
    /// A running server; empty = a private influxd via LocalServer.
    QString url;
    /// This program, re-executed for the memory measurement (QCoreApplication::applicationFilePath()).
    QString program;
};

/// `qinflux-bench query`: loads n cpu points (10 float fields), then times `SELECT * FROM cpu`
/// (epoch ns) through BlockingClient::query into Frames, checking the row count and the columns:
/// - query_qinflux_frames_s: the fastest of `repeats` runs (the median in a note);
/// - query_qinflux_peak_rss_mb: the peak RSS growth of one such query alone, measured in a child
///   process (`query-child`) so that the loading does not count;
/// - notes: the column bytes of the result and peak / column bytes, and the raw fetch of the same
///   query with curl in MessagePack and in JSON (fastest of `repeats`), with ours / curl.
int benchQuery(const QueryArgs &args);

/// The hidden `query-child` subcommand: runs the query once against `args.url` and prints
/// query_qinflux_peak_rss_mb (ru_maxrss minus the RSS before the query) and the timing notes.
int benchQueryChild(const QueryArgs &args);

} // namespace QInflux::Bench
