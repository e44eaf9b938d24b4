#pragma once

#include <QInflux/timerange.h>

#include <QString>
#include <QTimeZone>

namespace QInflux::TimeRangeText {

/// `ns` as wall-clock time in `zone`: "2026-10-25 02:30:00" (a fraction when not whole seconds);
/// with `parseable`, "T" between date and time, as TimeBound::parse() reads it back in `zone`.
QString format(qint64 ns, const QTimeZone &zone, bool parseable = false);
/// One end for the dialog's fields: "now-15m", or format(..., parseable).
QString editText(const TimeBound &bound, const QTimeZone &zone);
/// The toolbar's label: "Last 6 hours", "now-2h to now-15m", "2026-10-25 00:00:00 to 2026-10-26 00:00:00 (Europe/Berlin)".
QString label(const TimeRange &range, const QTimeZone &zone);

} // namespace QInflux::TimeRangeText
