#pragma once

#include <QInflux/csvdialect.h>

#include <QStringDecoder>
#include <QStringList>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace QInflux {

/// One record of a CSV file. The views point into the reader's buffer and stay valid until the
/// next call of CsvReader::next().
struct CsvRecord
{
    /// Field values, UTF-8, quotes removed and doubled quotes undone.
    std::vector<std::string_view> fields;
    /// The physical line (1-based, counting every line of the file) where the record starts.
    qint64 line = 0;
    /// The record as it stands in the file (UTF-8), without its line end: what a rejects file keeps.
    std::string_view text;
    /// Set when the record is malformed (unterminated quote, text after a closing quote, invalid
    /// UTF-8); `fields` is then incomplete and the record must be rejected with this reason.
    QString problem;
};

/// A streaming RFC 4180 reader: reads the device in blocks (1 MiB by default) and keeps only the
/// current block and the record being read in memory, whatever the file size. Handles delimiters
/// (detected or given), quoted fields with doubled quotes and line breaks inside, CRLF and LF, BOMs,
/// UTF-8 / UTF-16 LE/BE / Latin-1 (converted to UTF-8), skipped leading lines, comment lines and
/// empty lines (skipped and counted). The device must stay open while the reader reads it.
class CsvReader
{
public:
    explicit CsvReader(QIODevice *device, CsvDialect dialect = {}, qsizetype blockSize = 1 << 20);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    /// Reads the start of the input: BOM and encoding, skipped lines, delimiter, header. false with
    /// error() set when the input cannot be read at all (empty file, read error, undecodable text).
    bool open();
    /// The dialect with the detected delimiter and encoding filled in (after open()).
    const CsvDialect &dialect() const { return m_dialect; }
    /// Column names: the header's (surrounding spaces trimmed, empty names become columnN,
    /// repeated names get ".1", ".2" like pandas), or column1..columnN from the first record.
    const QStringList &header() const { return m_header; }
    /// The physical line of the header record, 0 when there is none.
    qint64 headerLine() const { return m_headerLine; }
    /// The header as it stands in the file (for a rejects file that can be imported again).
    const QByteArray &headerText() const { return m_headerText; }

    /// Reads the next record; false at the end of the input or when reading failed (error() set).
    bool next(CsvRecord *record);
    QString error() const { return m_error; }

    /// Bytes consumed from the device so far (for progress).
    qint64 bytesRead() const { return m_bytesRead; }
    qint64 emptyLines() const { return m_emptyLines; }
    qint64 commentLines() const { return m_commentLines; }

private:
    enum class Parse { Record, NeedMore, End };
    Parse parseRecord(CsvRecord *record, qsizetype *next, qint64 *lines);
    Parse parseQuoted(CsvRecord *record, qsizetype *next, qint64 *lines);
    bool fill();
    bool detectEncoding();
    void appendDecoded(const char *data, qsizetype size);
    bool skipPhysicalLine();
    bool readHeader();

    QIODevice *m_device;
    CsvDialect m_dialect;
    qsizetype m_blockSize;
    std::vector<char> m_buf;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
    bool m_eof = false;
    bool m_giveUp = false;
    qint64 m_line = 1;
    qint64 m_bytesRead = 0;
    qint64 m_emptyLines = 0;
    qint64 m_commentLines = 0;
    std::unique_ptr<QStringDecoder> m_decoder;
    QByteArray m_raw;
    std::string m_scratch;
    struct Piece
    {
        bool scratch;
        size_t offset;
        size_t size;
    };
    std::vector<Piece> m_pieces;
    QStringList m_header;
    QByteArray m_headerText;
    qint64 m_headerLine = 0;
    bool m_firstPending = false;
    QString m_error;
};

} // namespace QInflux
