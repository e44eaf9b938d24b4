#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/result.h>
#include <QInflux/frame.h>
#include <QInflux/linewriter.h>
#include <QInflux/point.h>

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <ranges>

namespace QInflux {

/// Specialize (or use QINFLUX_LINEPROTOCOL of <QInflux/Schema>) to describe a type: `name` (the
/// measurement unless a Measurement member gives one) and `members` (Schema::members(...));
/// optionally `static constexpr bool placeholder = true;` to allow a schema without fields
/// (aioinflux's placeholder: a field `_=true` is written).
template<typename T>
struct LineProtocolSchema;

template<typename T>
concept HasLineProtocolSchema = requires { LineProtocolSchema<T>::members; LineProtocolSchema<T>::name; };

namespace LineProtocol {

/// How points become lines: aioinflux's write() arguments plus the precision.
struct QINFLUX_CORE_EXPORT Options
{
    /// For points without one (and for Frames, whose rows have none).
    QString measurement;
    /// Frames: the columns written as tags; every other column is a field.
    QStringList tagColumns;
    /// Tags added to every point (a point's own tag of the same key wins).
    Tags extraTags;
    TimeUnit precision = TimeUnit::Nanoseconds;
    /// Write uint64 fields as `<n>u` (stock 1.x servers reject them).
    bool allowUnsigned = false;
};

/// A point that could not be written: which one (index in the input: point, row or line) and why.
struct QINFLUX_CORE_EXPORT Problem
{
    qsizetype index = 0;
    QString reason;
};

/// Lines for the valid points, and a Problem for each refused one. Nothing is dropped silently.
struct QINFLUX_CORE_EXPORT Output
{
    QByteArray lines;
    qsizetype points = 0;
    QList<Problem> problems;
};

/// Appends one point; a Kind::Usage error saying why when it cannot be written (the buffer is then
/// unchanged).
QINFLUX_CORE_EXPORT Result<void> append(QByteArray &out, const Point &point, const Options &options = {});
QINFLUX_CORE_EXPORT Output serialize(const QList<Point> &points, const Options &options = {});
/// One line per row. The Frame's time column gives the times (a Frame without one is refused),
/// `tagColumns` the tags; null cells are skipped per row; a row left without a field is a Problem.
QINFLUX_CORE_EXPORT Output serialize(const Frame &frame, const Options &options = {});

/// A summary for error messages: "3 of 10 points cannot be written: point 2: ...; point 5: ...".
/// Serializes a range of schema-described objects; refused ones become Problems (by index).
/// Defined in <QInflux/Schema>, which a user of LineProtocolSchema includes anyway.
template<std::ranges::input_range Range>
    requires HasLineProtocolSchema<std::ranges::range_value_t<Range>>
Output serialize(const Range &objects, const Options &options = {});

QINFLUX_CORE_EXPORT QString describeProblems(const QList<Problem> &problems, qsizetype total, const QString &what = QStringLiteral("point"));

} // namespace LineProtocol
} // namespace QInflux
