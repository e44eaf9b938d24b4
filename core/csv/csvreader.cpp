#include <QInflux/csvreader.h>

#include "csvtext_p.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

// A quoted field longer than this is taken as an unbalanced quote (bounded memory).
constexpr qsizetype kMaxRecordBytes = qsizetype(16) << 20;

} // namespace

CsvReader::CsvReader(QIODevice *device, CsvDialect dialect, qsizetype blockSize)
    : m_device(device), m_dialect(std::move(dialect)), m_blockSize(std::max<qsizetype>(blockSize, 16))
{
}

CsvReader::~CsvReader() = default;

// Reads one more block, converted to UTF-8, after the unconsumed data (moved to the front first).
// false at the end of the device or on error.
bool CsvReader::fill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_pos, size_t(m_end - m_pos));
        m_end -= m_pos;
        m_pos = 0;
    }
    m_raw.resize(m_blockSize);
    const qint64 got = m_device->read(m_raw.data(), m_blockSize);
    if (got < 0) {
        m_error = u"cannot read the input: "_s + m_device->errorString();
        m_eof = true;
        return false;
    }
    if (got == 0) {
        m_eof = true;
        if (m_decoder) {
            const QString rest = m_decoder->decode(QByteArrayView(""));
            if (m_decoder->hasError() || !rest.isEmpty()) {
                m_error = u"the input ends inside a %1 character (%2 bytes read)"_s.arg(csvEncodingName(m_dialect.encoding)).arg(m_bytesRead);
                return false;
            }
        }
        return false;
    }
    m_bytesRead += got;
    appendDecoded(m_raw.constData(), got);
    if (m_decoder && m_decoder->hasError()) {
        m_error = u"the input is not valid %1 (in bytes %2 to %3); give the right encoding with --encoding"_s
                      .arg(csvEncodingName(m_dialect.encoding))
                      .arg(m_bytesRead - got)
                      .arg(m_bytesRead);
        m_eof = true;
        return false;
    }
    return true;
}

void CsvReader::appendDecoded(const char *data, qsizetype size)
{
    auto append = [this](const char *p, qsizetype n) {
        if (m_end + n > qsizetype(m_buf.size())) {
            m_buf.resize(size_t(std::max<qsizetype>(m_end + n, qsizetype(m_buf.size()) * 2)));
        }
        std::memcpy(m_buf.data() + m_end, p, size_t(n));
        m_end += n;
    };
    if (m_dialect.encoding == CsvEncoding::Latin1) {
        // Latin-1 maps byte for byte to U+0000..U+00FF: at most two UTF-8 bytes each.
        std::string out;
        out.reserve(size_t(size) * 2);
        for (qsizetype i = 0; i < size; ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            if (c < 0x80) {
                out.push_back(char(c));
            } else {
                out.push_back(char(0xC0 | (c >> 6)));
                out.push_back(char(0x80 | (c & 0x3F)));
            }
        }
        append(out.data(), qsizetype(out.size()));
    } else if (m_decoder) {
        const QString decoded = m_decoder->decode(QByteArrayView(data, size));
        const QByteArray utf8 = decoded.toUtf8();
        append(utf8.constData(), utf8.size());
    } else {
        append(data, size);
    }
}

bool CsvReader::detectEncoding()
{
    m_raw.resize(m_blockSize);
    const qint64 got = m_device->read(m_raw.data(), m_blockSize);
    if (got < 0) {
        m_error = u"cannot read the input: "_s + m_device->errorString();
        return false;
    }
    m_bytesRead = got;
    QByteArrayView head(m_raw.constData(), got);
    qsizetype bom = 0;
    CsvEncoding bomEncoding = CsvEncoding::Auto;
    if (head.startsWith("\xEF\xBB\xBF")) {
        bom = 3;
        bomEncoding = CsvEncoding::Utf8;
    } else if (head.startsWith("\xFF\xFE")) {
        bom = 2;
        bomEncoding = CsvEncoding::Utf16LE;
    } else if (head.startsWith("\xFE\xFF")) {
        bom = 2;
        bomEncoding = CsvEncoding::Utf16BE;
    }
    if (m_dialect.encoding == CsvEncoding::Auto) {
        if (bomEncoding != CsvEncoding::Auto) {
            m_dialect.encoding = bomEncoding;
        } else {
            // UTF-16 without a BOM: ASCII text has a zero byte in every other position.
            const qsizetype probe = std::min<qsizetype>(head.size(), 4096) & ~qsizetype(1);
            qsizetype evenZeros = 0, oddZeros = 0;
            for (qsizetype i = 0; i < probe; i += 2) {
                evenZeros += head[i] == 0;
                oddZeros += head[i + 1] == 0;
            }
            size_t bad = 0;
            std::string_view text(head.data(), size_t(head.size()));
            // A block may end inside a character: only an error before the last 3 bytes counts.
            const bool utf8 = detail::isValidUtf8(text, &bad) || bad + 4 > text.size();
            if (probe >= 4 && oddZeros * 4 > probe)
                m_dialect.encoding = CsvEncoding::Utf16LE;
            else if (probe >= 4 && evenZeros * 4 > probe)
                m_dialect.encoding = CsvEncoding::Utf16BE;
            else
                m_dialect.encoding = utf8 ? CsvEncoding::Utf8 : CsvEncoding::Latin1;
        }
    } else if (bomEncoding != CsvEncoding::Auto && bomEncoding != m_dialect.encoding) {
        m_error = u"the file starts with a %1 byte-order mark but %2 was asked for"_s.arg(csvEncodingName(bomEncoding),
                                                                                           csvEncodingName(m_dialect.encoding));
        return false;
    }
    if (bomEncoding != m_dialect.encoding)
        bom = 0;
    if (m_dialect.encoding == CsvEncoding::Utf16LE || m_dialect.encoding == CsvEncoding::Utf16BE)
        m_decoder = std::make_unique<QStringDecoder>(m_dialect.encoding == CsvEncoding::Utf16LE ? QStringConverter::Utf16LE
                                                                                                : QStringConverter::Utf16BE);
    m_buf.resize(size_t(m_blockSize) * 3);
    appendDecoded(m_raw.constData() + bom, got - bom);
    if (m_decoder && m_decoder->hasError()) {
        m_error = u"the input is not valid %1 (in its first %2 bytes)"_s.arg(csvEncodingName(m_dialect.encoding)).arg(got);
        return false;
    }
    if (got == 0)
        m_eof = true;
    return true;
}

bool CsvReader::skipPhysicalLine()
{
    for (;;) {
        const char *s = m_buf.data() + m_pos;
        const void *nl = std::memchr(s, '\n', size_t(m_end - m_pos));
        if (nl) {
            m_pos = static_cast<const char *>(nl) - m_buf.data() + 1;
            ++m_line;
            return true;
        }
        if (m_eof || !fill()) {
            if (!m_error.isEmpty())
                return false;
            const bool any = m_end > m_pos;
            m_pos = m_end;
            return any;
        }
    }
}

bool CsvReader::open()
{
    if (!detectEncoding())
        return false;
    for (int i = 0; i < m_dialect.skipLines; ++i) {
        if (!skipPhysicalLine()) {
            if (!m_error.isEmpty())
                return false;
            break;
        }
    }
    if (!m_dialect.delimiter) {
        while (!m_eof && m_end - m_pos < 65536 && fill()) {
        }
        if (!m_error.isEmpty())
            return false;
        const qsizetype n = std::min<qsizetype>(m_end - m_pos, 65536);
        m_dialect.delimiter = CsvDialect::detectDelimiter(QByteArrayView(m_buf.data() + m_pos, n), m_dialect.quote,
                                                          m_dialect.commentPrefix);
    }
    return readHeader();
}

bool CsvReader::readHeader()
{
    CsvRecord first;
    const qsizetype savedPos = m_pos;
    const qint64 savedLine = m_line;
    if (!next(&first)) {
        if (m_error.isEmpty())
            m_error = u"the input has no records"_s;
        return false;
    }
    if (!first.problem.isEmpty()) {
        m_error = u"line %1: %2"_s.arg(first.line).arg(first.problem);
        return false;
    }
    QStringList names;
    for (size_t i = 0; i < first.fields.size(); ++i) {
        QString name = m_dialect.hasHeader ? QString::fromUtf8(first.fields[i].data(), qsizetype(first.fields[i].size())).trimmed()
                                           : QString();
        if (name.isEmpty())
            name = u"column%1"_s.arg(i + 1);
        const QString base = name;
        for (int k = 1; names.contains(name); ++k)
            name = base + u'.' + QString::number(k);
        names.append(name);
    }
    m_header = names;
    if (m_dialect.hasHeader) {
        m_headerLine = first.line;
        m_headerText = QByteArray(first.text.data(), qsizetype(first.text.size()));
    } else {
        // The first record is data: read it again.
        m_pos = savedPos;
        m_line = savedLine;
        m_emptyLines = 0;
        m_commentLines = 0;
    }
    return true;
}

bool CsvReader::next(CsvRecord *record)
{
    for (;;) {
        qsizetype next = 0;
        qint64 lines = 0;
        const Parse parsed = parseRecord(record, &next, &lines);
        if (parsed == Parse::NeedMore) {
            if (m_end - m_pos > kMaxRecordBytes && !m_giveUp) {
                m_giveUp = true; // parse what is there: an open quote is then reported, not followed
                continue;
            }
            if (!fill() && !m_error.isEmpty())
                return false;
            continue;
        }
        if (parsed == Parse::End)
            return false;
        m_giveUp = false;
        record->line = m_line;
        m_pos = next;
        m_line += lines;
        const std::string_view text = record->text;
        if (text.empty()) {
            ++m_emptyLines;
            continue;
        }
        if (!m_dialect.commentPrefix.isEmpty() && text.starts_with(std::string_view(m_dialect.commentPrefix.constData(),
                                                                                     size_t(m_dialect.commentPrefix.size())))) {
            ++m_commentLines;
            continue;
        }
        if (m_dialect.encoding == CsvEncoding::Utf8 && record->problem.isEmpty()) {
            size_t bad = 0;
            if (!detail::isValidUtf8(text, &bad))
                record->problem = u"invalid UTF-8 at byte %1 of the record (is the file Latin-1? see --encoding)"_s.arg(bad + 1);
        }
        return true;
    }
}

CsvReader::Parse CsvReader::parseRecord(CsvRecord *record, qsizetype *next, qint64 *lines)
{
    const char *b = m_buf.data();
    const char *s = b + m_pos;
    const char *e = b + m_end;
    if (s == e)
        return m_eof ? Parse::End : Parse::NeedMore;
    const auto *nl = static_cast<const char *>(std::memchr(s, '\n', size_t(e - s)));
    if (!nl && !m_eof && !m_giveUp)
        return Parse::NeedMore;
    const char quote = m_dialect.quote;
    if (!nl && !m_eof) {
        // A line longer than kMaxRecordBytes: rejected in pieces rather than held in memory.
        record->fields.clear();
        record->text = std::string_view(s, size_t(e - s));
        record->problem = u"a line longer than %1 bytes"_s.arg(kMaxRecordBytes);
        *next = m_end;
        *lines = 0;
        return Parse::Record;
    }
    const char *lineEnd = nl ? nl : e;
    if (quote && std::memchr(s, quote, size_t(lineEnd - s)))
        return parseQuoted(record, next, lines);

    // Fast path: no quote on this line, fields are the pieces between delimiters.
    const char *textEnd = (lineEnd > s && lineEnd[-1] == '\r') ? lineEnd - 1 : lineEnd;
    record->problem.clear();
    record->fields.clear();
    record->text = std::string_view(s, size_t(textEnd - s));
    const char delimiter = m_dialect.delimiter;
    const char *f = s;
    for (;;) {
        const auto *d = static_cast<const char *>(std::memchr(f, delimiter, size_t(textEnd - f)));
        if (!d) {
            record->fields.emplace_back(f, size_t(textEnd - f));
            break;
        }
        record->fields.emplace_back(f, size_t(d - f));
        f = d + 1;
    }
    *next = nl ? (nl + 1 - b) : m_end;
    *lines = 1;
    return Parse::Record;
}

CsvReader::Parse CsvReader::parseQuoted(CsvRecord *record, qsizetype *next, qint64 *lines)
{
    const char *b = m_buf.data();
    const char *s = b + m_pos;
    const char *e = b + m_end;
    const char quote = m_dialect.quote;
    const char delimiter = m_dialect.delimiter;
    m_scratch.clear();
    m_pieces.clear();
    record->problem.clear();
    const char *c = s;
    bool end = false;
    while (!end) {
        if (c < e && *c == quote) {
            const char *open = c;
            ++c;
            const char *segment = c;
            bool escaped = false;
            const size_t scratchStart = m_scratch.size();
            for (;;) {
                const auto *q = static_cast<const char *>(std::memchr(c, quote, size_t(e - c)));
                if (!q || (q + 1 == e && !m_eof && !m_giveUp)) {
                    if (!m_eof && !m_giveUp)
                        return Parse::NeedMore;
                    // Unterminated: reject the line where the record starts and go on after it,
                    // so that the lines below are still read.
                    const auto *nl = static_cast<const char *>(std::memchr(s, '\n', size_t(e - s)));
                    const char *lineEnd = nl ? nl : e;
                    record->text = std::string_view(s, size_t(((lineEnd > s && lineEnd[-1] == '\r') ? lineEnd - 1 : lineEnd) - s));
                    record->problem = m_giveUp ? u"field %1: the quote opened at column %2 is not closed within %3 bytes"_s.arg(m_pieces.size() + 1).arg(open - s + 1).arg(kMaxRecordBytes)
                                               : u"field %1: the quote opened at column %2 is never closed"_s.arg(m_pieces.size() + 1).arg(open - s + 1);
                    record->fields.clear();
                    *next = nl ? nl + 1 - b : m_end;
                    *lines = 1;
                    return Parse::Record;
                }
                if (q + 1 < e && q[1] == quote) {
                    m_scratch.append(segment, size_t(q + 1 - segment));
                    escaped = true;
                    c = q + 2;
                    segment = c;
                    continue;
                }
                if (escaped) {
                    m_scratch.append(segment, size_t(q - segment));
                    m_pieces.push_back({true, scratchStart, m_scratch.size() - scratchStart});
                } else {
                    m_pieces.push_back({false, size_t(segment - b), size_t(q - segment)});
                }
                c = q + 1;
                break;
            }
            // After the closing quote: a delimiter, the line end or the end of the input.
            if (c == e && !m_eof)
                return Parse::NeedMore;
            if (c < e && *c != delimiter && *c != '\n' && !(*c == '\r' && (c + 1 == e || c[1] == '\n'))) {
                if (*c == '\r' && !m_eof && c + 1 == e)
                    return Parse::NeedMore;
                if (record->problem.isEmpty())
                    record->problem = u"field %1: text after the closing quote (column %2)"_s.arg(m_pieces.size()).arg(c - s + 1);
                while (c < e && *c != delimiter && *c != '\n')
                    ++c;
                if (c == e && !m_eof)
                    return Parse::NeedMore;
            }
        } else {
            const char *d = c;
            while (d < e && *d != delimiter && *d != '\n')
                ++d;
            if (d == e && !m_eof)
                return Parse::NeedMore;
            const char *valueEnd = (d > c && d[-1] == '\r' && (d == e || *d == '\n')) ? d - 1 : d;
            m_pieces.push_back({false, size_t(c - b), size_t(valueEnd - c)});
            c = d;
        }
        if (c < e && *c == delimiter) {
            ++c;
            continue;
        }
        end = true;
    }
    // c is at '\n', '\r\n' or the end of the input.
    const char *textEnd = c;
    if (c < e && *c == '\r')
        ++c;
    if (c < e && *c == '\n')
        ++c;
    record->text = std::string_view(s, size_t(textEnd - s));
    *lines = std::count(s, textEnd, '\n') + 1;
    *next = c - b;
    record->fields.clear();
    for (const Piece &piece : m_pieces)
        record->fields.emplace_back((piece.scratch ? m_scratch.data() : b) + piece.offset, piece.size);
    return Parse::Record;
}

} // namespace QInflux
