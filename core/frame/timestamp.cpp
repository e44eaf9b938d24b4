#include <QInflux/timestamp.h>

#include <chrono>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

QString epochParameter(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Nanoseconds: return u"ns"_s;
    case TimeUnit::Microseconds: return u"u"_s;
    case TimeUnit::Milliseconds: return u"ms"_s;
    case TimeUnit::Seconds: return u"s"_s;
    case TimeUnit::Minutes: return u"m"_s;
    case TimeUnit::Hours: return u"h"_s;
    }
    return u"ns"_s;
}

QString precisionParameter(TimeUnit unit)
{
    return unit == TimeUnit::Nanoseconds ? u"n"_s : epochParameter(unit);
}

std::int64_t nanosecondsPer(TimeUnit unit)
{
    switch (unit) {
    case TimeUnit::Nanoseconds: return 1;
    case TimeUnit::Microseconds: return 1'000;
    case TimeUnit::Milliseconds: return 1'000'000;
    case TimeUnit::Seconds: return 1'000'000'000;
    case TimeUnit::Minutes: return 60'000'000'000;
    case TimeUnit::Hours: return 3'600'000'000'000;
    }
    return 1;
}

namespace Timestamp {

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kNsPerDay = 86'400 * kNsPerSecond;

void appendPadded(QString &out, long long value, int width)
{
    out += QString::number(value).rightJustified(width, u'0');
}

// Reads exactly `count` digits at `pos`; -1 when they are not all digits.
int readDigits(QStringView s, qsizetype pos, int count)
{
    if (pos + count > s.size())
        return -1;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = s[pos + i];
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

} // namespace

QString toRfc3339(std::int64_t ns)
{
    using namespace std::chrono;
    // Floor division so that times before 1970 give a positive time of day.
    std::int64_t days = ns / kNsPerDay;
    std::int64_t rest = ns % kNsPerDay;
    if (rest < 0) {
        rest += kNsPerDay;
        --days;
    }
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    const std::int64_t secs = rest / kNsPerSecond;
    const std::int64_t frac = rest % kNsPerSecond;

    QString out;
    out.reserve(32);
    const int y = int(ymd.year());
    if (y < 0) {
        out += u'-';
        appendPadded(out, -y, 4);
    } else {
        appendPadded(out, y, 4);
    }
    out += u'-';
    appendPadded(out, unsigned(ymd.month()), 2);
    out += u'-';
    appendPadded(out, unsigned(ymd.day()), 2);
    out += u'T';
    appendPadded(out, secs / 3600, 2);
    out += u':';
    appendPadded(out, (secs / 60) % 60, 2);
    out += u':';
    appendPadded(out, secs % 60, 2);
    if (frac != 0) {
        QString digits = QString::number(frac).rightJustified(9, u'0');
        if (frac % 1'000'000 == 0)
            digits.truncate(3);
        else if (frac % 1'000 == 0)
            digits.truncate(6);
        out += u'.' + digits;
    }
    out += u'Z';
    return out;
}

std::optional<std::int64_t> fromRfc3339(QStringView s)
{
    using namespace std::chrono;
    s = s.trimmed();
    const int y = readDigits(s, 0, 4);
    if (y < 0 || s.size() < 10 || s[4] != u'-' || s[7] != u'-')
        return std::nullopt;
    const int mo = readDigits(s, 5, 2);
    const int d = readDigits(s, 8, 2);
    if (mo < 0 || d < 0)
        return std::nullopt;
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok())
        return std::nullopt;
    const std::int64_t days = sys_days{ymd}.time_since_epoch().count();

    std::int64_t timeOfDay = 0;
    std::int64_t offsetSeconds = 0;
    qsizetype pos = 10;
    if (pos < s.size()) {
        if (s[pos] != u'T' && s[pos] != u't' && s[pos] != u' ')
            return std::nullopt;
        ++pos;
        const int hh = readDigits(s, pos, 2);
        if (hh < 0 || hh > 23 || pos + 5 > s.size() || s[pos + 2] != u':')
            return std::nullopt;
        const int mm = readDigits(s, pos + 3, 2);
        if (mm < 0 || mm > 59)
            return std::nullopt;
        pos += 5;
        int ss = 0;
        if (pos < s.size() && s[pos] == u':') {
            ss = readDigits(s, pos + 1, 2);
            if (ss < 0 || ss > 60)
                return std::nullopt;
            pos += 3;
        }
        std::int64_t frac = 0;
        if (pos < s.size() && (s[pos] == u'.' || s[pos] == u',')) {
            ++pos;
            int digits = 0;
            while (pos < s.size() && s[pos] >= u'0' && s[pos] <= u'9') {
                if (digits == 9)
                    return std::nullopt; // more precision than a nanosecond: refuse, never truncate
                frac = frac * 10 + (s[pos].unicode() - u'0');
                ++digits;
                ++pos;
            }
            if (digits == 0)
                return std::nullopt;
            for (int i = digits; i < 9; ++i)
                frac *= 10;
        }
        timeOfDay = ((hh * 60 + mm) * 60 + std::int64_t(ss)) * kNsPerSecond + frac;
        if (pos < s.size()) {
            if (s[pos] == u'Z' || s[pos] == u'z') {
                ++pos;
            } else if (s[pos] == u'+' || s[pos] == u'-') {
                const int sign = s[pos] == u'-' ? -1 : 1;
                const int oh = readDigits(s, pos + 1, 2);
                if (oh < 0)
                    return std::nullopt;
                qsizetype p = pos + 3;
                if (p < s.size() && s[p] == u':')
                    ++p;
                const int om = readDigits(s, p, 2);
                if (om < 0 || oh > 23 || om > 59)
                    return std::nullopt;
                offsetSeconds = sign * (oh * 3600 + om * 60);
                pos = p + 2;
            }
        }
    }
    if (pos != s.size())
        return std::nullopt;

    // days * kNsPerDay + timeOfDay - offset, with overflow checks.
    // Days before 1970 are counted from the next day back, so that the earliest representable
    // instant (in 1677) does not overflow before its time of day is added.
    std::int64_t result = 0;
    std::int64_t wholeDays = days;
    if (days < 0) {
        wholeDays = days + 1;
        timeOfDay -= kNsPerDay;
    }
    if (__builtin_mul_overflow(wholeDays, kNsPerDay, &result)
        || __builtin_add_overflow(result, timeOfDay, &result)
        || __builtin_sub_overflow(result, offsetSeconds * kNsPerSecond, &result))
        return std::nullopt;
    return result;
}

} // namespace Timestamp
} // namespace QInflux
