#include "timedisplay.h"

#include <QInflux/timestamp.h>

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace QInflux::TimeText {

namespace {

/// The fraction of a second as ".123", ".123456" or ".123456789" (the shortest exact one), or nothing.
QString fraction(std::int64_t nanos)
{
    if (nanos == 0)
        return {};
    int digits = 9;
    std::int64_t value = nanos;
    while (digits > 3 && value % 1000 == 0) {
        value /= 1000;
        digits -= 3;
    }
    return u'.' + QString::number(value).rightJustified(digits, u'0');
}

QString localTime(std::int64_t ns)
{
    // Floor division, so times before 1970 keep a positive fraction.
    std::int64_t seconds = ns / 1'000'000'000;
    std::int64_t nanos = ns % 1'000'000'000;
    if (nanos < 0) {
        nanos += 1'000'000'000;
        --seconds;
    }
    const QDateTime local = QDateTime::fromSecsSinceEpoch(seconds, Qt::LocalTime);
    const int offset = local.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return local.toString(u"yyyy-MM-dd HH:mm:ss"_s) + fraction(nanos) + u' ' + (offset < 0 ? u'-' : u'+')
        + QString::number(minutes / 60).rightJustified(2, u'0') + u':' + QString::number(minutes % 60).rightJustified(2, u'0');
}

QString epoch(std::int64_t ns, std::uint64_t unit)
{
    // Unsigned magnitude: -INT64_MIN does not fit an int64.
    const bool negative = ns < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(ns) : std::uint64_t(ns);
    QString text = QString::number(magnitude / unit);
    if (const std::uint64_t rest = magnitude % unit; rest != 0) {
        int digits = 0;
        for (std::uint64_t u = unit; u > 1; u /= 10)
            ++digits;
        QString decimals = QString::number(rest).rightJustified(digits, u'0');
        while (decimals.endsWith(u'0'))
            decimals.chop(1);
        text += u'.' + decimals;
    }
    return negative ? u'-' + text : text;
}

} // namespace

QString format(std::int64_t ns, TimeDisplay mode)
{
    switch (mode) {
    case TimeDisplay::Utc: return Timestamp::toRfc3339(ns);
    case TimeDisplay::Local: return localTime(ns);
    case TimeDisplay::EpochNs: return QString::number(ns);
    case TimeDisplay::EpochUs: return epoch(ns, 1'000);
    case TimeDisplay::EpochMs: return epoch(ns, 1'000'000);
    case TimeDisplay::EpochS: return epoch(ns, 1'000'000'000);
    }
    return {};
}

QString allForms(std::int64_t ns)
{
    QStringList lines;
    for (TimeDisplay mode : modes())
        lines << modeName(mode) + u": "_s + format(ns, mode);
    return lines.join(u'\n');
}

QString modeName(TimeDisplay mode)
{
    switch (mode) {
    case TimeDisplay::Utc: return QCoreApplication::translate("TimeText", "UTC");
    case TimeDisplay::Local: return QCoreApplication::translate("TimeText", "Local time");
    case TimeDisplay::EpochNs: return QCoreApplication::translate("TimeText", "Epoch (ns)");
    case TimeDisplay::EpochUs: return QCoreApplication::translate("TimeText", "Epoch (µs)");
    case TimeDisplay::EpochMs: return QCoreApplication::translate("TimeText", "Epoch (ms)");
    case TimeDisplay::EpochS: return QCoreApplication::translate("TimeText", "Epoch (s)");
    }
    return {};
}

QString key(TimeDisplay mode)
{
    switch (mode) {
    case TimeDisplay::Utc: return u"utc"_s;
    case TimeDisplay::Local: return u"local"_s;
    case TimeDisplay::EpochNs: return u"ns"_s;
    case TimeDisplay::EpochUs: return u"us"_s;
    case TimeDisplay::EpochMs: return u"ms"_s;
    case TimeDisplay::EpochS: return u"s"_s;
    }
    return {};
}

TimeDisplay fromKey(const QString &text)
{
    for (TimeDisplay mode : modes()) {
        if (key(mode) == text)
            return mode;
    }
    return TimeDisplay::Utc;
}

QList<TimeDisplay> modes()
{
    return {TimeDisplay::Utc, TimeDisplay::Local, TimeDisplay::EpochNs, TimeDisplay::EpochUs, TimeDisplay::EpochMs,
            TimeDisplay::EpochS};
}

} // namespace QInflux::TimeText
