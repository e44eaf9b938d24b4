#pragma once

#include <QInflux/point.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>
#include <cstdint>
#include <limits>

namespace QInflux::Test {

// The facts file's rules (influxdb-1x-facts.md), written down independently of LineWriter: which
// points the server cannot store. Each rule names the words the writer's error must contain. The
// two "proposed" rules are what the round-trip test found the server does beyond the facts file
// (see RoundTripTest::serverCases): the writer may refuse such points (then its error must say
// "backslash") or send them (then the round trip shows what the server made of them).

/// The server's timestamp range (facts file).
inline constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min() + 2;
inline constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max() - 1;

/// The parts of a point a name or text goes into.
enum class Part { Measurement, TagKey, TagValue, FieldKey, StringValue };
inline constexpr std::array kParts{Part::Measurement, Part::TagKey, Part::TagValue, Part::FieldKey, Part::StringValue};
QString partName(Part part);

enum StorageRule : unsigned {
    NoMeasurement = 1u << 0, EmptyName = 1u << 1, Newline = 1u << 2, TrailingBackslash = 1u << 3,
    CommentMeasurement = 1u << 4, LeadingTabOrNul = 1u << 5, KeyTime = 1u << 6, NotUnicode = 1u << 7,
    NonFinite = 1u << 8, Unsigned = 1u << 9, TimeRange = 1u << 10, NoField = 1u << 11,
    DuplicateTag = 1u << 12, SeriesKeyTooLong = 1u << 13,
    BackslashBeforeSyntax = 1u << 14, // proposed: measurement or field key with \ before , = space "
    BackslashBeforeSpaceInTag = 1u << 15, // proposed: tag key or value with \ before a space
};
inline constexpr unsigned kProposedRules = BackslashBeforeSyntax | BackslashBeforeSpaceInTag;

struct StorageRuleInfo
{
    StorageRule rule;
    const char *name;
    QStringList keywords; // any of them in the writer's error
};

/// Every rule, with its name and the words the writer's error must contain.
const QList<StorageRuleInfo> &storageRules();
/// The names of the rules set in `rules`, comma-separated.
QString ruleNames(unsigned rules);
/// The rules `p` breaks (0: the server stores it as it is).
unsigned expectedRefusals(const Point &p);

/// True when `s` holds a UTF-16 surrogate without its partner (no UTF-8 form).
bool hasUnpairedSurrogate(QStringView s);
/// True when a backslash in `s` is directly followed by one of `followers`.
bool backslashBefore(QStringView s, QStringView followers);
/// The longest "measurement,tags + 4 + field key" of the point, in escaped bytes.
qsizetype longestSeriesKey(const Point &p);

} // namespace QInflux::Test
