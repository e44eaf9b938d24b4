#pragma once

#include "client/clientsettings.h"

#include <QString>

#include <optional>

namespace QInflux {
class LocalServer;
}

namespace QInflux::Bench {

/// Settings for the server a benchmark runs against: `url` when given (like the peers' INFLUX_URL),
/// else `server`, started here. nullopt (and a FAILED note) when it cannot start or `url` is bad.
std::optional<ClientSettings> benchServer(const QString &url, LocalServer &server);

} // namespace QInflux::Bench
