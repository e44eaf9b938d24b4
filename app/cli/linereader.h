#pragma once

#include <QByteArray>
#include <QString>

class QIODevice;

namespace QInflux::Cli {

/// Reads the lines of `qinflux write`'s input one at a time, so memory stays bounded whatever the
/// input's size. Skips blank lines (and, in line protocol, '#' comment lines), a UTF-8 byte order
/// mark at the start, and the CR of CRLF line ends. In line protocol a line ends where the server's
/// own scanner ends it: a newline inside a quoted string field value does not end the line (what
/// LineWriter writes for a string with a newline reads back as one point). The device is not owned.
class LineReader
{
public:
    enum class Syntax { LineProtocol, JsonLines };

    LineReader(QIODevice &device, Syntax syntax) : m_device(device), m_syntax(syntax) {}

    /// The next line without its line end, and the 1-based number of the input line it starts on.
    /// False at the end of the input or when reading fails (error() then says why).
    bool next(QByteArray &line, qint64 &lineNumber);
    /// Empty unless reading failed.
    const QString &error() const { return m_error; }

private:
    bool readPhysicalLine(QByteArray &chunk);
    qint64 readBlock(char *data, qint64 size);

    QIODevice &m_device;
    Syntax m_syntax;
    /// Read in large blocks (QFile::readLine() on a pipe reads one byte per system call); a line is
    /// handled as soon as it has arrived, also from a slow pipe.
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_atEnd = false;
    qint64 m_lineNumber = 0;
    QString m_error;
};

} // namespace QInflux::Cli
