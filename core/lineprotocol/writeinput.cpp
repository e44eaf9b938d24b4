#include <QInflux/writeinput.h>

#include "linecheck_p.h"
#include "linescanner_p.h"

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

WriteInput::Checked checkLineProtocol(const QByteArray &text)
{
    WriteInput::Checked out;
    qsizetype pos = 0;
    qsizetype lineNumber = 0;
    while (pos < text.size()) {
        // One point: physical lines until the scanner says it ends (a string may hold newlines).
        const qsizetype start = pos;
        const qsizetype firstLine = lineNumber + 1;
        LineProtocol::LineScanner scanner;
        for (;;) {
            qsizetype eol = text.indexOf('\n', pos);
            eol = eol < 0 ? text.size() : eol + 1;
            ++lineNumber;
            const bool ends = scanner.endsLine(QByteArrayView(text).sliced(pos, eol - pos));
            pos = eol;
            if (ends || pos >= text.size())
                break;
        }
        QByteArrayView point = QByteArrayView(text).sliced(start, pos - start);
        if (point.endsWith('\n'))
            point.chop(1);
        qsizetype lead = 0;
        while (lead < point.size() && (point[lead] == ' ' || point[lead] == '\t'))
            ++lead;
        if (lead == point.size() || point[lead] == '#')
            continue; // blank or a comment, as the server reads them
        if (const QString why = LineProtocol::checkLine(point.sliced(lead)); !why.isEmpty()) {
            out.problems.append({firstLine, why});
            continue;
        }
        out.lines += point.sliced(lead);
        out.lines += '\n';
        ++out.points;
    }
    return out;
}

/// The JSON values to read as points: the elements of a top-level array, or the top-level values
/// one after another. Each with the line it starts on; a structural problem ends the scan.
struct JsonPiece
{
    qsizetype begin = 0;
    qsizetype end = 0;
    qsizetype line = 0;
};

WriteInput::Checked checkJson(const QByteArray &text, const LineProtocol::Options &options)
{
    WriteInput::Checked out;
    QList<JsonPiece> pieces;
    qsizetype line = 1;
    qsizetype i = 0;
    while (i < text.size() && isSpace(text[i]))
        line += text[i++] == '\n';
    const bool array = i < text.size() && text[i] == '[';
    const int base = array ? 1 : 0; // the depth at which points sit
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    JsonPiece current;
    bool inPiece = false;
    bool closed = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            if (c == '\n')
                ++line;
            continue;
        }
        if (c == '\n')
            ++line;
        if (closed && !isSpace(c)) {
            out.problems.append({line, u"unexpected text after the end of the JSON array"_s});
            return out;
        }
        if (depth == base && !inPiece) {
            if (isSpace(c) || (array && c == ','))
                continue;
            if (array && c == ']') {
                closed = true;
                depth = 0;
                continue;
            }
            if (c != '{') {
                out.problems.append({line, u"expected a JSON object (a point), found \"%1\""_s.arg(QChar::fromLatin1(c))});
                return out;
            }
            current = {i, i, line};
            inPiece = true;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth < base) {
                out.problems.append({line, u"unbalanced \"%1\""_s.arg(QChar::fromLatin1(c))});
                return out;
            }
            if (depth == base && inPiece) {
                current.end = i + 1;
                pieces.append(current);
                inPiece = false;
            }
        }
    }
    if (inPiece) {
        out.problems.append({current.line, u"this JSON object is not closed"_s});
        return out;
    }
    if (array && !closed) {
        out.problems.append({line, u"the JSON array is not closed"_s});
        return out;
    }
    for (const JsonPiece &piece : pieces) {
        auto point = Point::fromJsonText(QByteArrayView(text).sliced(piece.begin, piece.end - piece.begin));
        QString why;
        if (!point)
            why = point.error().message();
        else if (!LineProtocol::append(out.lines, *point, options, &why) && why.isEmpty())
            why = u"cannot be written as line protocol"_s;
        if (!why.isEmpty()) {
            out.problems.append({piece.line, why});
            continue;
        }
        ++out.points;
    }
    return out;
}

} // namespace

WriteInput::Syntax WriteInput::guessSyntax(QStringView text)
{
    for (QChar c : text) {
        if (c.isSpace())
            continue;
        return c == u'{' || c == u'[' ? Syntax::Json : Syntax::LineProtocol;
    }
    return Syntax::LineProtocol;
}

WriteInput::Checked WriteInput::check(QStringView text, Syntax syntax, const LineProtocol::Options &options)
{
    const QByteArray utf8 = text.toUtf8();
    return syntax == Syntax::Json ? checkJson(utf8, options) : checkLineProtocol(utf8);
}

} // namespace QInflux
