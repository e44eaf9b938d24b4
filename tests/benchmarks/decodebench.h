#pragma once

#include <QString>

namespace QInflux::Bench {

struct DecodeArgs
{
    qint64 n = 1'000'000;
    int repeats = 3;
    int seed = 42;
    QString genData; ///< path of ../shared/bench/gen_data.py
    QString url;     ///< a running server to load and fetch from; empty = a private influxd
};

/// `qinflux-bench decode`: decodes a saved `SELECT * FROM cpu` answer (n rows x 10 floats + 2 tag
/// columns, epoch=ns, non-chunked, exactly what peer_query.py parses with json.loads and
/// msgpack.unpackb) into Frames with decodeResponse, JSON and MessagePack. The answers are fetched
/// once from influxd and cached under $BENCH_TMP (or the temp dir). Prints decode_qinflux_json_s
/// and decode_qinflux_msgpack_s (median of the repeats), with rows/s and MB/s.
int benchDecode(const DecodeArgs &args);

} // namespace QInflux::Bench
