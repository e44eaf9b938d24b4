#pragma once

#include <QString>

namespace QInflux::Bench {

/// What both Trade benchmarks read: how many points, how often, and where the data comes from.
struct TradeArgs
{
    qint64 n = 0;
    bool nGiven = false;
    int repeats = 3;
    int seed = 42;
    /// A gen_data.py trade CSV; empty = generate one with genData into a temporary directory.
    QString csv;
    QString genData;
};

struct SerializeArgs : TradeArgs
{
    SerializeArgs() { n = 200'000; }
};

/// `qinflux-bench serialize`: the peer_serialize.py counterpart. Serializes the Trade data as schema
/// structs, as a Frame and as Points, checks every output, and counts the schema path's allocations.
/// Returns the process exit code (1 when a check failed).
int benchSerialize(const SerializeArgs &args);

} // namespace QInflux::Bench
