#include "linereader.h"

#include "linescanner_p.h"

#include <QFile>
#include <QIODevice>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace QInflux::Cli {

namespace {

using LineProtocol::LineScanner;

bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

bool isComment(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t')
            return c == '#';
    }
    return false;
}

} // namespace

qint64 LineReader::readBlock(char *data, qint64 size)
{
    // QFile waits until it has `size` bytes or the end; from a pipe or a terminal, take what has
    // arrived instead, so that a slow stream's points go out as their batches fill.
    auto *file = qobject_cast<QFile *>(&m_device);
    if (file && file->isSequential() && file->handle() >= 0) {
        for (;;) {
            const ssize_t n = ::read(file->handle(), data, size_t(size));
            if (n >= 0)
                return n;
            if (errno != EINTR) {
                m_error = QString::fromLocal8Bit(std::strerror(errno));
                return -1;
            }
        }
    }
    const qint64 n = m_device.read(data, size); // QFile and QBuffer: 0 only at the end
    if (n < 0)
        m_error = m_device.errorString();
    return n;
}

bool LineReader::readPhysicalLine(QByteArray &chunk)
{
    constexpr qsizetype blockSize = 256 * 1024;
    for (;;) {
        if (const qsizetype eol = m_buffer.indexOf('\n', m_pos); eol >= 0) {
            chunk = m_buffer.sliced(m_pos, eol + 1 - m_pos);
            m_pos = eol + 1;
            break;
        }
        if (m_atEnd) {
            if (m_pos >= m_buffer.size())
                return false;
            chunk = m_buffer.sliced(m_pos); // the last line has no newline
            m_pos = m_buffer.size();
            break;
        }
        m_buffer.remove(0, m_pos);
        m_pos = 0;
        const qsizetype kept = m_buffer.size();
        m_buffer.resize(kept + blockSize);
        const qint64 n = readBlock(m_buffer.data() + kept, blockSize);
        m_buffer.resize(kept + std::max<qint64>(n, 0));
        if (n < 0)
            return false;
        m_atEnd = n == 0;
    }
    if (++m_lineNumber == 1 && chunk.startsWith("\xEF\xBB\xBF"))
        chunk.remove(0, 3);
    return true;
}

bool LineReader::next(QByteArray &line, qint64 &lineNumber)
{
    QByteArray chunk;
    while (readPhysicalLine(chunk)) {
        lineNumber = m_lineNumber;
        line = chunk;
        if (m_syntax == Syntax::LineProtocol) {
            LineScanner scanner;
            while (!scanner.endsLine(chunk) && readPhysicalLine(chunk))
                line += chunk;
        }
        if (!m_error.isEmpty())
            return false;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        if (isBlank(line) || (m_syntax == Syntax::LineProtocol && isComment(line)))
            continue;
        return true;
    }
    return false;
}

} // namespace QInflux::Cli
