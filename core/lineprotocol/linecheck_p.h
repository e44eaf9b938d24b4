#pragma once

#include <QByteArrayView>
#include <QString>

namespace QInflux::LineProtocol {

/// Checks one point of line protocol (without its final newline; a string field may hold newlines)
/// the way influxd 1.x parses it (models/points.go, influxdb-1x-facts.md): measurement, tags
/// (no empty key or value, no duplicate, no key `time`, which makes the server drop the point),
/// at least one field with a valid value (float, `<n>i` in int64 range, boolean, quoted string;
/// `<n>u` is refused as stock 1.x servers do), an optional int64 timestamp and nothing after it.
/// Returns an empty string when the server will accept it, else "column N: why" (N = byte, from 1).
/// What only the server can know (field types of earlier writes, the database) is not checked.
QString checkLine(QByteArrayView line);

} // namespace QInflux::LineProtocol
