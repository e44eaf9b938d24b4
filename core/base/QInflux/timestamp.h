#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QStringView>

#include <cstdint>
#include <optional>

namespace QInflux {

/// Units of InfluxDB's `epoch` (queries) and `precision` (writes) parameters.
enum class TimeUnit { Nanoseconds, Microseconds, Milliseconds, Seconds, Minutes, Hours };

/// The server's spelling: n (ns for epoch), u, ms, s, m, h.
QINFLUX_CORE_EXPORT QString epochParameter(TimeUnit unit);
QINFLUX_CORE_EXPORT QString precisionParameter(TimeUnit unit);
/// Nanoseconds in one unit.
QINFLUX_CORE_EXPORT std::int64_t nanosecondsPer(TimeUnit unit);

namespace Timestamp {

/// "2009-11-10T23:00:00.123456789Z": UTC, RFC 3339, fractional digits as needed (none, or the
/// shortest of 3, 6 or 9), like the server's own output.
QINFLUX_CORE_EXPORT QString toRfc3339(std::int64_t ns);
/// Parses RFC 3339 / ISO 8601 date-times: "2009-11-10T23:00:00Z", fractions up to 9 digits, "+02:00"
/// offsets, a naive time (taken as UTC), a date alone. std::nullopt when the text is not one or is
/// outside the int64 nanosecond range.
QINFLUX_CORE_EXPORT std::optional<std::int64_t> fromRfc3339(QStringView text);

} // namespace Timestamp
} // namespace QInflux
