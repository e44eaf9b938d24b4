#include "jsonstreamsplitter.h"

namespace QInflux {

void JsonStreamSplitter::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
    m_fed += bytes.size();
}

qsizetype JsonStreamSplitter::pendingBytes() const
{
    return m_start < 0 ? 0 : m_buffer.size() - m_start;
}

std::optional<QByteArray> JsonStreamSplitter::next()
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    for (; m_scan < size; ++m_scan) {
        const char c = data[m_scan];
        if (m_start < 0) {
            if (c == '{') {
                m_start = m_scan;
                m_depth = 1;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                m_garbage = true;
            }
            continue;
        }
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if ((c == '}' || c == ']') && --m_depth == 0) {
            QByteArray object = m_buffer.mid(m_start, m_scan + 1 - m_start);
            // Drop what has been consumed so the buffer holds at most one object plus a read.
            m_buffer.remove(0, m_scan + 1);
            m_scan = 0;
            m_start = -1;
            return object;
        }
    }
    if (m_start < 0) {
        m_buffer.clear();
        m_scan = 0;
    }
    return std::nullopt;
}

} // namespace QInflux
