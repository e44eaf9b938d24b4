#pragma once

#include <QInflux/result.h>

#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace QInflux {

/// Turns the text of a time column into int64 nanoseconds since the epoch (UTC).
///
/// Formats (the `format` argument of create()):
/// - "" or "auto": decided from sample values by detect(): ISO when they all are, else epoch
///   numbers with the unit taken from their magnitude (below 1e11 seconds, below 1e14
///   milliseconds, below 1e17 microseconds, else nanoseconds). Give the unit when the data is
///   older than 1973 in ms (or the like) and the magnitude misleads.
/// - "iso": ISO 8601 / RFC 3339: "2024-03-01", "2024-03-01T12:30", "2024-03-01 12:30:45.123456789",
///   with "Z", "+02:00", "+0200" or "+02" offsets or none (naive). Up to 9 fractional digits, more
///   are refused rather than rounded.
/// - "s", "ms", "us", "ns": epoch numbers in that unit; a fraction is allowed as long as it
///   stays within whole nanoseconds ("1700000000.5" in s).
/// - a pattern with % directives, strptime-like: %Y year (4 digits), %y (2 digits, 69-99 = 19xx),
///   %m month, %d/%e day, %H hour (0-23), %I hour (1-12) with %p AM/PM, %M minute, %S second,
///   %f fraction (1-9 digits), %z offset (Z, +HH:MM, +HHMM, +HH), %b/%B English month name
///   (either length), %j day of the year, %s epoch seconds, %F = %Y-%m-%d, %T = %H:%M:%S, %% a
///   percent sign. Any other character must appear as it is; a space matches one or more spaces.
///   Parts not in the pattern default to 1970-01-01 00:00:00.
/// Times without an offset ("naive") are in `timeZone`: UTC by default, or an IANA name such as
/// "Europe/Berlin" (DST applies; a local time that does not exist, in a spring-forward gap, is
/// refused; one that exists twice takes the first).
class CsvTimeParser
{
public:
    enum class Kind { Auto, Iso, EpochSeconds, EpochMilliseconds, EpochMicroseconds, EpochNanoseconds, Pattern };

    CsvTimeParser() = default;
    /// Kind::Usage naming the format or time zone when it is unknown.
    static Result<CsvTimeParser> create(const QString &format, const QString &timeZone);

    Kind kind() const { return m_kind; }
    /// For Kind::Auto: picks Iso or an epoch unit from `samples` (non-empty values). Kind::Parse
    /// naming a value that fits neither.
    Result<void> detect(const std::vector<std::string> &samples);
    /// "iso", "epoch ms", "pattern %Y...", with the time zone for naive times.
    QString describe() const;

    /// Parses one value into ns since the epoch; Kind::Parse saying why when it is not a time of
    /// this format.
    Result<std::int64_t> parse(std::string_view text) const;

    /// ISO 8601 alone (UTC for naive times): for detecting time columns.
    static bool looksLikeIso(std::string_view text);

private:
    bool parseIso(std::string_view text, std::int64_t *ns, QString *why) const;
    bool parseEpoch(std::string_view text, std::int64_t unitNs, std::int64_t *ns, QString *why) const;
    bool parsePattern(std::string_view text, std::int64_t *ns, QString *why) const;
    /// Local civil time (seconds since 1970 as if UTC) + ns fraction to UTC ns, via the time zone.
    bool fromLocal(std::int64_t localSeconds, std::int64_t fraction, std::int64_t *ns, QString *why) const;

    Kind m_kind = Kind::Auto;
    std::string m_pattern;
    QString m_format;
    QTimeZone m_zone;
    bool m_utc = true;
    // Last local minute looked up in m_zone and its offset (rows are mostly in time order).
    mutable std::int64_t m_cachedMinute = INT64_MIN;
    mutable int m_cachedOffset = 0;
};

} // namespace QInflux
