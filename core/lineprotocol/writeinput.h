#pragma once

#include <QInflux/lineprotocol.h>

#include <QByteArray>
#include <QList>
#include <QStringView>

namespace QInflux {

/// Points a user typed or pasted to write: line protocol, or aioinflux-style JSON points (one object
/// per line, objects one after another, or a JSON array of objects). Everything is checked before
/// anything is sent, and each problem names its line, so a caller can refuse to write while any
/// remains.
class WriteInput
{
public:
    enum class Syntax { LineProtocol, Json };

    struct Checked
    {
        /// Line protocol for every valid point (line protocol input: the lines as they were).
        QByteArray lines;
        qsizetype points = 0;
        /// One per invalid point: `index` is the line (from 1) where the point starts.
        QList<LineProtocol::Problem> problems;
    };

    /// Json when the first character that is not white space opens an object or an array.
    static Syntax guessSyntax(QStringView text);
    /// Line protocol: blank lines and # comments are skipped, a point may go on over lines inside a
    /// string field, each point is checked with LineProtocol::checkLine. JSON: each object becomes a
    /// Point (Point::fromJsonText) and is serialized with `options` (measurement for points without
    /// one, precision, extra tags).
    static Checked check(QStringView text, Syntax syntax, const LineProtocol::Options &options = {});
};

} // namespace QInflux
