#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/result.h>

#include <QString>
#include <QTimeZone>

namespace QInflux {

/// One end of a TimeRange: an absolute time (ns since the Unix epoch, UTC) or an offset from "now" (ns).
struct QINFLUX_CORE_EXPORT TimeBound
{
    bool relative = true;
    qint64 ns = 0; ///< absolute: ns since 1970-01-01T00:00:00Z; relative: ns added to now (<= 0 for the past)

    static TimeBound now() { return {true, 0}; }
    static TimeBound fromNow(qint64 offsetNs) { return {true, offsetNs}; }
    static TimeBound at(qint64 epochNs) { return {false, epochNs}; }

    /// "now", "now-15m", "-6h", "now+1h30m", or an RFC 3339 time ("2026-10-25T01:30:00.123456789+02:00",
    /// fraction of 1 to 9 digits). A time without an offset is read in `zone` (default UTC); a local time
    /// the clocks skip (DST gap) is an error, one that happens twice (DST end) is its first occurrence.
    /// Errors name the text and what is wrong in it.
    static Result<TimeBound> parse(const QString &text, const QTimeZone &zone = QTimeZone::utc());
    /// The text parse() reads back: "now", "now-15m", or RFC 3339 UTC with as many fraction digits as needed.
    QString toString() const;

    bool operator==(const TimeBound &) const = default;
};

/// The time range of a query: from (inclusive) to (exclusive). A range with a relative end slides with
/// now: resolve() it at the moment the query runs. Value type; the default is the last hour.
class QINFLUX_CORE_EXPORT TimeRange
{
public:
    /// An absolute range in ns since the epoch, or one whose ends are given by `from`/`to`.
    struct Resolved
    {
        qint64 from = 0;
        qint64 to = 0;
    };

    TimeRange() = default;
    TimeRange(TimeBound from, TimeBound to) : m_from(from), m_to(to) {}

    /// The last `durationNs` up to now (e.g. last(6h)).
    static TimeRange last(qint64 durationNs) { return {TimeBound::fromNow(-durationNs), TimeBound::now()}; }
    static TimeRange between(qint64 fromNs, qint64 toNs) { return {TimeBound::at(fromNs), TimeBound::at(toNs)}; }

    /// Both ends via TimeBound::parse(); `to` empty means now. Errors say which end is wrong.
    static Result<TimeRange> parse(const QString &from, const QString &to, const QTimeZone &zone = QTimeZone::utc());
    /// "FROM/TO" (e.g. "-30d/now", "2026-10-24T22:00:00Z/2026-10-25T23:00:00Z"); a lone "FROM" runs to now.
    static Result<TimeRange> parse(const QString &fromSlashTo, const QTimeZone &zone = QTimeZone::utc());
    /// "FROM/TO" as parse() reads it back.
    QString toString() const;

    TimeBound from() const { return m_from; }
    TimeBound to() const { return m_to; }
    /// True when an end depends on now (the range slides; live refresh applies).
    bool isRelative() const { return m_from.relative || m_to.relative; }
    /// For a relative "last N" range (to == now): N in ns; 0 otherwise.
    qint64 lastDuration() const;

    /// The absolute range at `nowNs`; an error when from is not before to or an end leaves the
    /// timestamps InfluxDB can store.
    Result<Resolved> resolve(qint64 nowNs) const;
    /// `ns` as wall-clock time in `zone`: "2026-10-25T02:30:00" plus ".fraction" when not whole seconds
    /// (no offset; `separator` between date and time).
    static QString formatTime(qint64 ns, const QTimeZone &zone, QChar separator = u'T');
    /// The current time in ns since the epoch (millisecond resolution of the system clock).
    static qint64 currentNs();

    bool operator==(const TimeRange &) const = default;

    /// The smallest and largest timestamp InfluxDB 1.x stores.
    static constexpr qint64 minTime = -9223372036854775806LL;
    static constexpr qint64 maxTime = 9223372036854775806LL;

private:
    TimeBound m_from = TimeBound::fromNow(-3'600'000'000'000LL);
    TimeBound m_to = TimeBound::now();
};

/// Durations as InfluxQL writes them.
namespace Duration {
/// "90m", "1h30m", "-6h", "250ms", "10u", "7d"; units ns, u, µ, us, ms, s, m, h, d, w; several parts add up.
/// Errors name the text.
QINFLUX_CORE_EXPORT Result<qint64> parse(const QString &text);
/// The shortest exact InfluxQL duration literal: 3600000000000 -> "1h", 1500 -> "1500ns", 0 -> "0s".
QINFLUX_CORE_EXPORT QString toInfluxQL(qint64 ns);
} // namespace Duration

} // namespace QInflux
