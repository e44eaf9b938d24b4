#include "timeticks.h"

#include <QDateTime>

#include <array>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr std::int64_t kUs = 1'000;
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;
constexpr std::int64_t kMin = 60 * kS;
constexpr std::int64_t kH = 60 * kMin;
constexpr std::int64_t kDay = 24 * kH;

constexpr std::array kSteps{
    std::int64_t(1), std::int64_t(2), std::int64_t(5), std::int64_t(10), std::int64_t(20), std::int64_t(50),
    std::int64_t(100), std::int64_t(200), std::int64_t(500),
    kUs, 2 * kUs, 5 * kUs, 10 * kUs, 20 * kUs, 50 * kUs, 100 * kUs, 200 * kUs, 500 * kUs,
    kMs, 2 * kMs, 5 * kMs, 10 * kMs, 20 * kMs, 50 * kMs, 100 * kMs, 200 * kMs, 500 * kMs,
    kS, 2 * kS, 5 * kS, 10 * kS, 15 * kS, 30 * kS,
    kMin, 2 * kMin, 5 * kMin, 10 * kMin, 15 * kMin, 30 * kMin,
    kH, 2 * kH, 3 * kH, 6 * kH, 12 * kH,
    kDay, 2 * kDay, 7 * kDay, 14 * kDay, 30 * kDay, 91 * kDay, 182 * kDay, 365 * kDay,
    2 * 365 * kDay, 5 * 365 * kDay, 10 * 365 * kDay, 20 * 365 * kDay, 50 * 365 * kDay, 100 * 365 * kDay};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

QString fraction(std::int64_t ns, int digits)
{
    std::int64_t sub = ns - floorDiv(ns, kS) * kS; // 0 .. 999'999'999
    for (int i = digits; i < 9; ++i)
        sub /= 10;
    return u"."_s + u"%1"_s.arg(qlonglong(sub), digits, 10, QChar(u'0'));
}

QDateTime utcSeconds(std::int64_t ns)
{
    return QDateTime::fromSecsSinceEpoch(floorDiv(ns, kS), Qt::UTC);
}

} // namespace

std::int64_t TimeTicks::step(std::int64_t from, std::int64_t to, int maxTicks)
{
    const double span = double(std::uint64_t(to) - std::uint64_t(from)); // exact below 2^53 ns
    const int n = std::max(1, maxTicks);
    for (std::int64_t s : kSteps) {
        if (span / double(s) <= double(n))
            return s;
    }
    return kSteps.back();
}

QList<TimeTicks::Tick> TimeTicks::ticks(std::int64_t from, std::int64_t to, int maxTicks)
{
    QList<Tick> result;
    if (to < from)
        return result;
    const std::int64_t s = step(from, to, maxTicks);
    // The first multiple of the step at or after `from`.
    std::int64_t t = floorDiv(from, s) * s;
    if (t < from)
        t += s;
    for (; t <= to; t += s) {
        result.append({t, label(t, s)});
        if (t > to - s) // the next step would overflow or pass `to`
            break;
    }
    return result;
}

QString TimeTicks::label(std::int64_t t, std::int64_t step)
{
    const QDateTime dt = utcSeconds(t);
    if (step >= kDay)
        return dt.toString(u"yyyy-MM-dd"_s);
    if (step >= kMin)
        return dt.toString(u"MM-dd HH:mm"_s);
    const QString seconds = dt.toString(u"HH:mm:ss"_s);
    if (step >= kS)
        return seconds;
    return seconds + fraction(t, step >= kMs ? 3 : step >= kUs ? 6 : 9);
}

QString TimeTicks::fullPrecision(std::int64_t t)
{
    return utcSeconds(t).toString(u"yyyy-MM-ddTHH:mm:ss"_s) + fraction(t, 9) + u'Z';
}

} // namespace QInflux
