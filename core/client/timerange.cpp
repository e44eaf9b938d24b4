#include <QInflux/timerange.h>

#include <QDateTime>

#include <array>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr qint64 s_second = 1'000'000'000LL;

struct Unit
{
    QStringView name;
    qint64 ns;
};

// Longest names first where one is a prefix of another ("ms" before "m").
constexpr std::array s_units{
    Unit{u"ns", 1LL},          Unit{u"us", 1'000LL},        Unit{u"µs", 1'000LL},
    Unit{u"u", 1'000LL},       Unit{u"µ", 1'000LL},         Unit{u"ms", 1'000'000LL},
    Unit{u"s", s_second},      Unit{u"m", 60 * s_second},   Unit{u"h", 3600 * s_second},
    Unit{u"d", 86400 * s_second}, Unit{u"w", 7 * 86400 * s_second},
};

Error usage(const QString &message)
{
    return Error(Error::Kind::Usage, message);
}

/// Days since 1970-01-01 of the proleptic Gregorian date y-m-d.
qint64 daysFromCivil(qint64 y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yearOfEra = y - era * 400;
    const qint64 dayOfYear = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

bool isLeap(qint64 y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/// Reads exactly `count` digits at `pos` of `s`; -1 when they are not there.
int digits(QStringView s, qsizetype &pos, int count)
{
    if (pos + count > s.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    pos += count;
    return value;
}

/// The UTC second at which the wall-clock second `localSecs` (seconds since the epoch as if the wall
/// clock were UTC) happens in `zone`: the first occurrence when it happens twice, nullopt in a gap.
std::optional<qint64> utcFromLocal(qint64 localSecs, const QTimeZone &zone)
{
    const auto offsetAt = [&](qint64 utcSecs) {
        return qint64(zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSecs, QTimeZone::utc())));
    };
    std::optional<qint64> best;
    for (const qint64 probe : {localSecs - 86400, localSecs, localSecs + 86400}) {
        const qint64 offset = offsetAt(probe);
        const qint64 utc = localSecs - offset;
        if (offsetAt(utc) == offset && (!best || utc < *best))
            best = utc;
    }
    return best;
}

/// RFC 3339 (a space or T between date and time; seconds and offset optional) to ns since the epoch.
Result<qint64> parseDateTime(const QString &text, const QTimeZone &zone)
{
    const QStringView s(text);
    const auto bad = [&](const QString &why) {
        return usage(u"\"%1\" is not a time: %2 (write RFC 3339, e.g. 2026-10-25T01:30:00Z, or a relative "
                     "time like -6h, now-15m)"_s.arg(text, why));
    };
    qsizetype pos = 0;
    const int year = digits(s, pos, 4);
    if (year < 0 || pos >= s.size() || s[pos] != u'-')
        return bad(u"expected a four-digit year and '-' at the start"_s);
    ++pos;
    const int month = digits(s, pos, 2);
    if (month < 1 || month > 12 || pos >= s.size() || s[pos] != u'-')
        return bad(u"the month must be 01 to 12, followed by '-'"_s);
    ++pos;
    const int day = digits(s, pos, 2);
    static constexpr int s_monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int monthDays = s_monthDays[month - 1] + (month == 2 && isLeap(year) ? 1 : 0);
    if (day < 1 || day > monthDays)
        return bad(u"day %1 does not exist in %2-%3"_s.arg(day).arg(year).arg(month, 2, 10, QChar(u'0')));
    int hour = 0, minute = 0, second = 0;
    qint64 fraction = 0;
    if (pos < s.size() && (s[pos] == u'T' || s[pos] == u't' || s[pos] == u' ')) {
        ++pos;
        hour = digits(s, pos, 2);
        if (hour < 0 || hour > 23 || pos >= s.size() || s[pos] != u':')
            return bad(u"the hour must be 00 to 23, followed by ':'"_s);
        ++pos;
        minute = digits(s, pos, 2);
        if (minute < 0 || minute > 59)
            return bad(u"the minute must be 00 to 59"_s);
        if (pos < s.size() && s[pos] == u':') {
            ++pos;
            second = digits(s, pos, 2);
            if (second < 0 || second > 59)
                return bad(u"the second must be 00 to 59"_s);
            if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
                ++pos;
                int count = 0;
                while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
                    if (++count > 9)
                        return bad(u"more than 9 fraction digits (InfluxDB stores nanoseconds)"_s);
                    fraction = fraction * 10 + (s[pos].unicode() - u'0');
                    ++pos;
                }
                if (count == 0)
                    return bad(u"no digits after the decimal point"_s);
                for (int i = count; i < 9; ++i)
                    fraction *= 10;
            }
        }
    }
    const qint64 local = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    qint64 utc = 0;
    if (pos < s.size() && (s[pos] == u'Z' || s[pos] == u'z')) {
        ++pos;
        utc = local;
    } else if (pos < s.size() && (s[pos] == u'+' || s[pos] == u'-')) {
        const int sign = s[pos] == u'-' ? -1 : 1;
        ++pos;
        const int offsetHours = digits(s, pos, 2);
        if (offsetHours < 0 || offsetHours > 23 || pos >= s.size() || s[pos] != u':')
            return bad(u"the offset must be +HH:MM or -HH:MM"_s);
        ++pos;
        const int offsetMinutes = digits(s, pos, 2);
        if (offsetMinutes < 0 || offsetMinutes > 59)
            return bad(u"the offset must be +HH:MM or -HH:MM"_s);
        utc = local - sign * (offsetHours * 3600 + offsetMinutes * 60);
    } else if (pos == s.size()) {
        const auto inZone = utcFromLocal(local, zone);
        if (!inZone) {
            return usage(u"\"%1\" does not exist in %2: the clocks skip it (daylight saving time starts)"_s.arg(
                text, QString::fromUtf8(zone.id())));
        }
        utc = *inZone;
    }
    if (pos != s.size())
        return bad(u"unexpected \"%1\" at position %2"_s.arg(s.mid(pos).toString()).arg(pos + 1));
    // In 128 bits: the earliest time's whole second times 10^9 is below the int64 range.
    const __int128 wide = __int128(utc) * s_second + fraction;
    if (wide < TimeRange::minTime || wide > TimeRange::maxTime) {
        return usage(u"\"%1\" is outside the times InfluxDB can store (1677-09-21 to 2262-04-11)"_s.arg(text));
    }
    return qint64(wide);
}

QString formatUtc(qint64 ns)
{
    return TimeRange::formatTime(ns, QTimeZone::utc()) + u'Z';
}

} // namespace

Result<qint64> Duration::parse(const QString &text)
{
    const QStringView s = QStringView(text).trimmed();
    const auto bad = [&](const QString &why) {
        return usage(u"\"%1\" is not a duration: %2 (e.g. 15m, 6h, 30d, 1h30m, 500ms)"_s.arg(text, why));
    };
    qsizetype pos = 0;
    int sign = 1;
    if (pos < s.size() && (s[pos] == u'-' || s[pos] == u'+')) {
        sign = s[pos] == u'-' ? -1 : 1;
        ++pos;
    }
    if (pos == s.size())
        return bad(u"it is empty"_s);
    qint64 total = 0;
    while (pos < s.size()) {
        qint64 number = 0;
        const qsizetype start = pos;
        while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
            if (__builtin_mul_overflow(number, 10, &number) || __builtin_add_overflow(number, s[pos].unicode() - u'0', &number))
                return bad(u"it is too long for 64-bit nanoseconds"_s);
            ++pos;
        }
        if (pos == start)
            return bad(u"expected a number at position %1"_s.arg(pos + 1));
        const Unit *unit = nullptr;
        for (const Unit &candidate : s_units) {
            if (s.mid(pos).startsWith(candidate.name)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit)
            return bad(u"expected a unit (ns, u, ms, s, m, h, d, w) at position %1"_s.arg(pos + 1));
        pos += unit->name.size();
        qint64 part = 0;
        if (__builtin_mul_overflow(number, unit->ns, &part) || __builtin_add_overflow(total, part, &total))
            return bad(u"it is too long for 64-bit nanoseconds"_s);
    }
    return sign * total;
}

QString Duration::toInfluxQL(qint64 ns)
{
    if (ns == 0)
        return u"0s"_s;
    // The largest unit that divides it exactly (InfluxQL takes u, not us).
    static constexpr std::array<std::pair<qint64, char16_t>, 4> units{{
        {86400 * s_second, u'd'}, {3600 * s_second, u'h'}, {60 * s_second, u'm'}, {s_second, u's'}}};
    for (const auto &[size, name] : units) {
        if (ns % size == 0)
            return QString::number(ns / size) + QChar(name);
    }
    if (ns % 1'000'000 == 0)
        return QString::number(ns / 1'000'000) + u"ms"_s;
    if (ns % 1'000 == 0)
        return QString::number(ns / 1'000) + u'u';
    return QString::number(ns) + u"ns"_s;
}

Result<TimeBound> TimeBound::parse(const QString &input, const QTimeZone &zone)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return usage(u"A time is empty; write RFC 3339 (2026-10-25T01:30:00Z) or a relative time (-6h, now)"_s);
    if (text.compare(u"now"_s, Qt::CaseInsensitive) == 0)
        return TimeBound::now();
    QString offset;
    if (text.startsWith(u"now"_s, Qt::CaseInsensitive))
        offset = text.mid(3).remove(u' ');
    else if (text.startsWith(u'-') || text.startsWith(u'+'))
        offset = text;
    if (!offset.isEmpty()) {
        if (!offset.startsWith(u'-') && !offset.startsWith(u'+'))
            return usage(u"\"%1\": after \"now\" write - or + and a duration, e.g. now-15m"_s.arg(text));
        auto ns = Duration::parse(offset);
        if (!ns)
            return usage(u"\"%1\": %2"_s.arg(text, ns.error().message()));
        return TimeBound::fromNow(*ns);
    }
    auto ns = parseDateTime(text, zone.isValid() ? zone : QTimeZone::utc());
    if (!ns)
        return ns.error();
    return TimeBound::at(*ns);
}

QString TimeBound::toString() const
{
    if (!relative)
        return formatUtc(ns);
    if (ns == 0)
        return u"now"_s;
    return ns < 0 ? u"now-"_s + Duration::toInfluxQL(-ns) : u"now+"_s + Duration::toInfluxQL(ns);
}

Result<TimeRange> TimeRange::parse(const QString &from, const QString &to, const QTimeZone &zone)
{
    auto start = TimeBound::parse(from, zone);
    if (!start)
        return usage(u"The range's start: %1"_s.arg(start.error().message()));
    auto end = to.trimmed().isEmpty() ? Result<TimeBound>(TimeBound::now()) : TimeBound::parse(to, zone);
    if (!end)
        return usage(u"The range's end: %1"_s.arg(end.error().message()));
    TimeRange range(*start, *end);
    // Two absolute ends can be checked now; a relative one when it is resolved.
    if (auto resolved = range.resolve(currentNs()); !resolved)
        return resolved.error();
    return range;
}

Result<TimeRange> TimeRange::parse(const QString &fromSlashTo, const QTimeZone &zone)
{
    const qsizetype slash = fromSlashTo.indexOf(u'/');
    if (slash < 0)
        return parse(fromSlashTo, QString(), zone);
    if (fromSlashTo.indexOf(u'/', slash + 1) >= 0)
        return usage(u"\"%1\" has more than one '/'; write FROM/TO, e.g. -30d/now"_s.arg(fromSlashTo));
    return parse(fromSlashTo.left(slash), fromSlashTo.mid(slash + 1), zone);
}

QString TimeRange::toString() const
{
    return m_from.toString() + u'/' + m_to.toString();
}

qint64 TimeRange::lastDuration() const
{
    return m_from.relative && m_to.relative && m_to.ns == 0 && m_from.ns < 0 ? -m_from.ns : 0;
}

Result<TimeRange::Resolved> TimeRange::resolve(qint64 nowNs) const
{
    const auto at = [nowNs](TimeBound bound, qint64 *out) {
        return bound.relative ? !__builtin_add_overflow(nowNs, bound.ns, out) && *out >= minTime && *out <= maxTime
                              : (*out = bound.ns, true);
    };
    Resolved r;
    if (!at(m_from, &r.from) || !at(m_to, &r.to))
        return usage(u"The range %1 reaches outside the times InfluxDB can store (1677-09-21 to 2262-04-11)"_s.arg(toString()));
    if (r.from >= r.to) {
        return usage(u"The range's start (%1) is not before its end (%2)"_s.arg(
            m_from.relative ? u"%1 = %2"_s.arg(m_from.toString(), formatUtc(r.from)) : formatUtc(r.from),
            m_to.relative ? u"%1 = %2"_s.arg(m_to.toString(), formatUtc(r.to)) : formatUtc(r.to)));
    }
    return r;
}

QString TimeRange::formatTime(qint64 ns, const QTimeZone &zone, QChar separator)
{
    qint64 secs = ns / s_second;
    qint64 rest = ns % s_second;
    if (rest < 0) {
        rest += s_second;
        --secs;
    }
    QString text = QDateTime::fromSecsSinceEpoch(secs, zone).toString(u"yyyy-MM-dd'%1'HH:mm:ss"_s.arg(separator));
    if (rest != 0) {
        QString fraction = u"%1"_s.arg(rest, 9, 10, QChar(u'0'));
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    return text;
}

qint64 TimeRange::currentNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000LL;
}

} // namespace QInflux
