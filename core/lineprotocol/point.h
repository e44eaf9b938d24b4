#pragma once

#include <QInflux/result.h>
#include <QInflux/frame.h>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <variant>

namespace QInflux {

/// A field value: float, integer, unsigned (written only with allowUnsigned), boolean or string.
using FieldValue = std::variant<double, std::int64_t, std::uint64_t, bool, QString>;

/// One point, the counterpart of aioinflux's mapping {measurement, time, tags, fields}. A plain
/// value; the serializer sorts the tags and checks every rule (LineWriter).
struct Point
{
    /// Empty = the write's `measurement` option.
    QString measurement;
    Tags tags;
    QList<std::pair<QString, FieldValue>> fields;
    /// Nanoseconds since the epoch; empty = the server's time. 0 is a real time (1970-01-01).
    std::optional<std::int64_t> time;

    Point &tag(const QString &key, const QString &value)
    {
        tags.append({key, value});
        return *this;
    }
    template<typename T>
    Point &field(const QString &key, T value)
    {
        if constexpr (std::is_same_v<T, bool>)
            fields.append({key, FieldValue(value)});
        else if constexpr (std::is_floating_point_v<T>)
            fields.append({key, FieldValue(double(value))});
        else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T> && sizeof(T) == 8)
            fields.append({key, FieldValue(std::uint64_t(value))});
        else if constexpr (std::is_integral_v<T>)
            fields.append({key, FieldValue(std::int64_t(value))});
        else
            fields.append({key, FieldValue(QString(value))});
        return *this;
    }
    Point &at(std::int64_t ns)
    {
        time = ns;
        return *this;
    }

    /// From aioinflux's dict shape: {"measurement": str, "time": int ns | date string | QDateTime,
    /// "tags": {str: str}, "fields": {str: value}}. Field values: double, integers, bool, string;
    /// a null field is skipped. Other keys are ignored, as in aioinflux. Errors name the key.
    static Result<Point> fromVariantMap(const QVariantMap &map);
    /// The same from JSON (jsonl input): a JSON integer is an int field, a number with a fraction or
    /// exponent a float, true/false a bool, a string a string, null skipped.
    /// Prefer fromJsonText(): QJsonObject cannot tell 1.0 from 1 (Qt stores whole doubles as integers).
    static Result<Point> fromJson(const QJsonObject &object);
    /// One JSON object as text (a jsonl line), parsed with JsonText so that `1` is an int field and
    /// `1.0` / `1e0` a float field.
    static Result<Point> fromJsonText(QByteArrayView json);
};

/// Time conversions to nanoseconds since the epoch; nullopt when out of the int64 range.
namespace Time {
std::optional<std::int64_t> fromDateTime(const QDateTime &dateTime);
/// A std::chrono::system_clock time point (the Unix epoch); nullopt when out of range.
template<typename Duration>
std::optional<std::int64_t> fromTimePoint(std::chrono::time_point<std::chrono::system_clock, Duration> t)
{
    using namespace std::chrono;
    const auto since = t.time_since_epoch();
    using Limits = std::numeric_limits<std::int64_t>;
    if (duration_cast<duration<double, std::nano>>(since).count() > double(Limits::max())
        || duration_cast<duration<double, std::nano>>(since).count() < double(Limits::min()))
        return std::nullopt;
    return duration_cast<nanoseconds>(since).count();
}
/// An integer (ns), an RFC 3339 / ISO 8601 string (naive = UTC, date only allowed) or a QDateTime.
Result<std::int64_t> fromVariant(const QVariant &value);
} // namespace Time

} // namespace QInflux
