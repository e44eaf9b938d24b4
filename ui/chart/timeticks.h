#pragma once

#include <QList>
#include <QString>

#include <cstdint>

namespace QInflux {

/// Tick marks for a UTC time axis in nanoseconds: round steps from 1 ns to years, labels with as many
/// fractional digits as the step needs (QDateTime stops at milliseconds; this does not).
class TimeTicks
{
public:
    struct Tick
    {
        std::int64_t time = 0;
        QString label;
    };

    /// The step between ticks for at most `maxTicks` ticks over [from, to] (nanoseconds, >= 1).
    static std::int64_t step(std::int64_t from, std::int64_t to, int maxTicks);
    /// Ticks at the multiples of step() inside [from, to], in ascending order, distinct labels.
    static QList<Tick> ticks(std::int64_t from, std::int64_t to, int maxTicks);
    /// `t` formatted for ticks `step` apart: "2026-01-05", "01-05 14:30", "14:30:05", "14:30:05.123",
    /// "14:30:05.123456", "14:30:05.123456789".
    static QString label(std::int64_t t, std::int64_t step);
    /// UTC with every digit: "2026-01-05T14:30:05.123456789Z" (Timestamp::toRfc3339 with 9 digits).
    static QString fullPrecision(std::int64_t t);
};

} // namespace QInflux
