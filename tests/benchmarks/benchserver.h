#pragma once

#include <QInflux/clientsettings.h>

#include <QString>

#include <optional>

namespace QInflux {
class LocalServer;
}

namespace QInflux::Bench {

/// Settings for the server a benchmark runs against: `url` when given (like the peers' INFLUX_URL),
/// else `server`, started here. nullopt (and a FAILED note) when it cannot start or `url` is bad.
std::optional<ClientSettings> benchServer(const QString &url, LocalServer &server);
/// benchServer() for the benchmarks that query the cpu data: `database`, a 10-minute timeout for
/// the large answers, and the opening "n=... repeats=... server ..." note.
std::optional<ClientSettings> cpuBenchServer(const QString &url, LocalServer &server, const QString &database, qint64 n,
                                             int repeats);

} // namespace QInflux::Bench
