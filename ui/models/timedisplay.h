#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace QInflux {

/// How the results table shows the time column. Every mode keeps the full nanosecond value: UTC
/// and local time print up to 9 fractional digits, the epoch modes print a decimal fraction when
/// the time is not a whole number of the unit (1257894000.123456789 in seconds).
enum class TimeDisplay { Utc, Local, EpochNs, EpochUs, EpochMs, EpochS };

namespace TimeText {

/// `ns` (nanoseconds since the epoch) as `mode` shows it:
/// Utc "2009-11-10T23:00:00.123456789Z" (RFC 3339), Local "2009-11-11 00:00:00.123456789 +01:00"
/// (the offset in force at that instant), epoch modes a decimal number in the unit.
QString format(std::int64_t ns, TimeDisplay mode);
/// Every form at once (one per line, "UTC: ..."), for tooltips.
QString allForms(std::int64_t ns);

/// Human name of a mode, for the view's chooser ("UTC", "Local time", "Epoch (ns)", ...).
QString modeName(TimeDisplay mode);
/// Stable key for settings ("utc", "local", "ns", "us", "ms", "s"); fromKey() returns Utc for unknown keys.
QString key(TimeDisplay mode);
TimeDisplay fromKey(const QString &key);
/// All modes in chooser order.
QList<TimeDisplay> modes();

} // namespace TimeText
} // namespace QInflux
