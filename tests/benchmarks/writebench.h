#pragma once

#include "serializebench.h"

#include <QInflux/clientsettings.h>

#include <QString>

#include <optional>

namespace QInflux {
class LocalServer;
}

namespace QInflux::Bench {

struct WriteArgs : TradeArgs
{
    WriteArgs() { n = 500'000; }
    /// A running server (like the peers' INFLUX_URL); empty = a private influxd via LocalServer.
    QString url;
};

/// `qinflux-bench write`: the peer_write.py counterpart. Writes the Trade structs end to end with
/// Client::write and the client's default batching, into a fresh database per run, and checks the
/// stored point count. Returns the process exit code (1 when a write or the count failed).
int benchWrite(const WriteArgs &args);

} // namespace QInflux::Bench
