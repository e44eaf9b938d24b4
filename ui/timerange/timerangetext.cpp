#include "timerangetext.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace QInflux::TimeRangeText {

namespace {
constexpr qint64 s_second = 1'000'000'000LL;
constexpr qint64 s_minute = 60 * s_second;
constexpr qint64 s_hour = 60 * s_minute;
constexpr qint64 s_day = 24 * s_hour;

QString tr(const char *text)
{
    return QCoreApplication::translate("QInflux::TimeRangeText", text);
}
} // namespace

QString format(qint64 ns, const QTimeZone &zone, bool parseable)
{
    return TimeRange::formatTime(ns, zone, parseable ? u'T' : u' ');
}

QString editText(const TimeBound &bound, const QTimeZone &zone)
{
    return bound.relative ? bound.toString() : format(bound.ns, zone, true);
}

QString label(const TimeRange &range, const QTimeZone &zone)
{
    if (const qint64 last = range.lastDuration()) {
        const auto count = [&](qint64 unit, const char *one, const char *many) {
            const qint64 n = last / unit;
            return n == 1 ? tr(one) : tr(many).arg(n);
        };
        if (last % s_day == 0)
            return count(s_day, "Last 1 day", "Last %1 days");
        if (last % s_hour == 0)
            return count(s_hour, "Last 1 hour", "Last %1 hours");
        if (last % s_minute == 0)
            return count(s_minute, "Last 1 minute", "Last %1 minutes");
        return tr("Last %1").arg(Duration::toInfluxQL(last));
    }
    const auto end = [&](const TimeBound &bound) { return bound.relative ? bound.toString() : format(bound.ns, zone); };
    QString text = tr("%1 to %2").arg(end(range.from()), end(range.to()));
    if (!range.from().relative || !range.to().relative)
        text += u" ("_s + QString::fromUtf8(zone.id()) + u')';
    return text;
}

} // namespace QInflux::TimeRangeText
