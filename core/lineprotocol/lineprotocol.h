#pragma once

#include <QInflux/frame.h>
#include <QInflux/linewriter.h>
#include <QInflux/point.h>

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace QInflux::LineProtocol {

/// How points become lines: aioinflux's write() arguments plus the precision.
struct Options
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
struct Problem
{
    qsizetype index = 0;
    QString reason;
};

/// Lines for the valid points, and a Problem for each refused one. Nothing is dropped silently.
struct Output
{
    QByteArray lines;
    qsizetype points = 0;
    QList<Problem> problems;
};

/// Appends one point; false with `error` set when it cannot be written (the buffer is unchanged).
bool append(QByteArray &out, const Point &point, const Options &options, QString *error);
Output serialize(const QList<Point> &points, const Options &options = {});
/// One line per row. The Frame's time column gives the times (a Frame without one is refused),
/// `tagColumns` the tags; null cells are skipped per row; a row left without a field is a Problem.
Output serialize(const Frame &frame, const Options &options = {});

/// A summary for error messages: "3 of 10 points cannot be written: point 2: ...; point 5: ...".
QString describeProblems(const QList<Problem> &problems, qsizetype total, const QString &what = QStringLiteral("point"));

} // namespace QInflux::LineProtocol
