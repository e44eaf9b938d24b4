#pragma once

#include <QByteArray>

#include <optional>

namespace QInflux {

/// Cuts a byte stream of concatenated JSON objects (InfluxDB's chunked /query answer) into whole
/// objects as bytes arrive. It tracks nesting and strings, so objects may span lines (pretty=true)
/// and several may share a read. Bytes outside objects must be whitespace.
class JsonStreamSplitter
{
public:
    void feed(const QByteArray &bytes);
    /// The next complete top-level object, or nullopt when more bytes are needed.
    std::optional<QByteArray> next();
    /// Stray non-whitespace bytes outside any object were seen (the stream is not JSON objects).
    bool hasGarbage() const { return m_garbage; }
    /// Bytes of an object that has started but not ended (a stream cut short leaves some).
    qsizetype pendingBytes() const;
    /// Total bytes fed.
    qint64 bytesFed() const { return m_fed; }

private:
    QByteArray m_buffer;
    qsizetype m_scan = 0;    ///< next byte of m_buffer to look at
    qsizetype m_start = -1;  ///< start of the object being scanned, -1 between objects
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_garbage = false;
    qint64 m_fed = 0;
};

} // namespace QInflux
