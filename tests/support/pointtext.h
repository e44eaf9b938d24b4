#pragma once

#include <QInflux/column.h>
#include <QInflux/point.h>

#include <QString>
#include <QStringView>

namespace QInflux::Test {

// Readable text for test messages: every control, quote, backslash and non-ASCII character of a
// name or value spelled out, so that two strings that differ look different in a log.

/// `s` with \\ \" \t \r \n \0 escaped and every other non-printable-ASCII code point as \u{XXXX}.
QString visible(QStringView s);
/// visible(s) in double quotes.
QString quoted(QStringView s);
/// The server's own words (they quote the raw line): controls and non-ASCII spelled out as <LF>,
/// <U+XXXX>..., backslashes and quotes left as they are.
QString visibleServerText(QStringView s);
/// "-0 (bits 0x8000000000000000)": the shortest exact text and the bit pattern.
QString describeFloat(double v);
/// "float ...", "int ...", "uint ...", "bool ..." or "string \"...\"".
QString describeValue(const FieldValue &value);
/// Measurement, every tag and field, and the time of a point.
QString describe(const Point &p);
/// One cell of a decoded column, in describeValue()'s words ("null" for a null cell).
QString describeCell(const Column &c, qsizetype row);

} // namespace QInflux::Test
