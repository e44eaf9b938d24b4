#pragma once

#include <QInflux/point.h>
#include "storagerules.h"

#include <QList>
#include <QString>

#include <array>
#include <cstdint>

namespace QInflux::Test {

// Tricky points for the line-protocol round trip, generated from a seed: every special character
// at the start, middle and end of every part, every ordered pair of special characters, unicode
// from every plane, extreme floats, integers and times, and points that break a facts-file rule.
// Each point gets its own measurement (one series per point, so field types never conflict).

/// Ordinary points fall in five days of 2020 from this time (one or two shards).
inline constexpr std::int64_t kBaseTime = 1'600'000'000'000'000'000;

enum class Position { Start, Middle, End };
inline constexpr std::array kPositions{Position::Start, Position::Middle, Position::End};
QString positionName(Position position);

struct TrickyPoint
{
    Point point;
    QString origin; // how it was made, for messages
    int part = -1;  // coverage points: the Part, the index in atoms() and the Position they cover
    int atom = -1;
    int position = -1;
};

/// `count` points from `seed` (the same seed gives the same points): every special value and rule
/// once, every atom in every position of every part, every ordered pair of syntax characters in
/// every part, then random points (8% with a facts-file rule broken) until there are `count`.
QList<TrickyPoint> trickyPoints(std::uint64_t seed, qsizetype count);

} // namespace QInflux::Test
