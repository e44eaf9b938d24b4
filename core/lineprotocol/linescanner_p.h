#pragma once

#include <QByteArrayView>

namespace QInflux::LineProtocol {

/// Finds where points end in line protocol the way influxd 1.x does (models/points.go, scanLine):
/// a backslash escapes the byte after it; after the first unescaped space, a '"' seen with more '='
/// than ',' before it opens or closes a quoted string, and only a newline outside quotes ends the
/// point. So a string field may hold newlines, and batches must never be cut inside one.
class LineScanner
{
public:
    /// Scans one physical line (with its '\n', if it has one); true when that newline ends the
    /// point (or there is no newline: the end of the input). Then the scanner is ready for the next.
    bool endsLine(QByteArrayView bytes)
    {
        const bool hasNewline = bytes.endsWith('\n');
        const qsizetype n = hasNewline ? bytes.size() - 1 : bytes.size();
        for (qsizetype i = 0; i < n; ++i) {
            const char c = bytes[i];
            if (m_escaped) {
                m_escaped = false;
                continue;
            }
            if (c == '\\') {
                m_escaped = true;
                continue;
            }
            if (c == ' ')
                m_fields = true;
            if (!m_fields)
                continue;
            if (!m_quoted && c == '=')
                ++m_equals;
            else if (!m_quoted && c == ',')
                ++m_commas;
            else if (c == '"' && m_equals > m_commas)
                m_quoted = !m_quoted;
        }
        const bool escapedNewline = m_escaped;
        m_escaped = false;
        const bool ends = !hasNewline || (!m_quoted && !escapedNewline);
        if (ends)
            *this = LineScanner();
        return ends;
    }

    /// True while inside a point that continues on the next physical line.
    bool inPoint() const { return m_fields || m_escaped; }

private:
    bool m_fields = false;
    bool m_quoted = false;
    bool m_escaped = false;
    qsizetype m_equals = 0;
    qsizetype m_commas = 0;
};

} // namespace QInflux::LineProtocol
