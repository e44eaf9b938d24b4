#include "jsonparser_p.h"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

constexpr qsizetype NeedMore = 0;
constexpr qsizetype Invalid = -1;

inline bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

inline const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// \uXXXX at p (p[0] == '\\', p[1] == 'u'): the code unit, -1 if malformed, -2 if incomplete.
int readHex4(const char *p, const char *end)
{
    if (end - p < 6)
        return -2;
    int v = 0;
    for (int i = 2; i < 6; ++i) {
        const int h = hexValue(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xc0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += char(0xe0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    } else {
        out += char(0xf0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3f));
        out += char(0x80 | ((cp >> 6) & 0x3f));
        out += char(0x80 | (cp & 0x3f));
    }
}

// A string at p (p[0] == '"'): its decoded UTF-8 in *out (into the input, or into scratch when it
// has escapes). Returns the length with both quotes, NeedMore or Invalid (*problem, *at).
qsizetype readString(const char *p, const char *end, QByteArrayView *out, std::string &scratch, QString *problem,
                     const char **at)
{
    const char *q = p + 1;
    while (q < end && *q != '"' && *q != '\\') {
        if (static_cast<unsigned char>(*q) < 0x20) {
            *problem = u"a control character inside a string"_s;
            *at = q;
            return Invalid;
        }
        ++q;
    }
    if (q >= end)
        return NeedMore;
    if (*q == '"') {
        *out = QByteArrayView(p + 1, q - p - 1);
        return q + 1 - p;
    }
    scratch.assign(p + 1, q);
    while (true) {
        if (q >= end)
            return NeedMore;
        const char c = *q;
        if (c == '"')
            break;
        if (static_cast<unsigned char>(c) < 0x20) {
            *problem = u"a control character inside a string"_s;
            *at = q;
            return Invalid;
        }
        if (c != '\\') {
            scratch += c;
            ++q;
            continue;
        }
        if (end - q < 2)
            return NeedMore;
        switch (q[1]) {
        case '"': scratch += '"'; break;
        case '\\': scratch += '\\'; break;
        case '/': scratch += '/'; break;
        case 'b': scratch += '\b'; break;
        case 'f': scratch += '\f'; break;
        case 'n': scratch += '\n'; break;
        case 'r': scratch += '\r'; break;
        case 't': scratch += '\t'; break;
        case 'u': {
            const int hi = readHex4(q, end);
            if (hi == -2)
                return NeedMore;
            if (hi < 0) {
                *problem = u"a malformed \\u escape"_s;
                *at = q;
                return Invalid;
            }
            char32_t cp = char32_t(hi);
            if (hi >= 0xd800 && hi <= 0xdbff) {
                if (end - q < 8)
                    return NeedMore;
                const int lo = (q[6] == '\\' && q[7] == 'u') ? readHex4(q + 6, end) : -1;
                if (lo == -2)
                    return NeedMore;
                if (lo < 0xdc00 || lo > 0xdfff) {
                    *problem = u"an unpaired UTF-16 surrogate in a \\u escape"_s;
                    *at = q;
                    return Invalid;
                }
                cp = 0x10000 + ((char32_t(hi) - 0xd800) << 10) + (char32_t(lo) - 0xdc00);
                q += 6;
            } else if (hi >= 0xdc00 && hi <= 0xdfff) {
                *problem = u"an unpaired UTF-16 surrogate in a \\u escape"_s;
                *at = q;
                return Invalid;
            }
            appendUtf8(scratch, cp);
            q += 6;
            continue;
        }
        default:
            *problem = u"an unknown escape \\%1 in a string"_s.arg(QChar::fromLatin1(q[1]));
            *at = q;
            return Invalid;
        }
        q += 2;
    }
    *out = QByteArrayView(scratch.data(), qsizetype(scratch.size()));
    return q + 1 - p;
}

// A number at p: Int or Float into *cell. NeedMore when the bytes end before a character that
// cannot belong to it.
qsizetype readNumber(const char *p, const char *end, Cell *cell, QString *problem, const char **at)
{
    const char *q = p;
    const bool negative = *q == '-';
    if (negative)
        ++q;
    auto bad = [&](const char *where) {
        *problem = u"a malformed number"_s;
        *at = where;
        return Invalid;
    };
    if (q >= end)
        return NeedMore;
    if (*q < '0' || *q > '9')
        return bad(q);
    std::uint64_t mag = 0;
    bool overflow = false;
    if (*q == '0') {
        ++q;
    } else {
        while (q < end && *q >= '0' && *q <= '9') {
            overflow |= __builtin_mul_overflow(mag, 10u, &mag) || __builtin_add_overflow(mag, std::uint64_t(*q - '0'), &mag);
            ++q;
        }
    }
    if (q >= end)
        return NeedMore;
    if (*q != '.' && *q != 'e' && *q != 'E') {
        if (!overflow) {
            if (!negative && mag <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
                cell->kind = Cell::Kind::Int;
                cell->i = std::int64_t(mag);
                return q - p;
            }
            if (negative && mag != 0 && mag <= std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1) {
                cell->kind = Cell::Kind::Int;
                cell->i = std::int64_t(0 - mag);
                return q - p;
            }
        }
        // "-0" (a float field's -0.0) and integral text beyond int64 are floats
    }
    // fast_float finds the end of the fraction and exponent itself; JSON wants a digit last
    // ("1." and "1e" are malformed) and no "nan"/"inf" (excluded above: a digit came first).
    double value = 0;
    const auto parsed = fast_float::from_chars(p, end, value);
    if (parsed.ec != std::errc() && parsed.ec != std::errc::result_out_of_range)
        return bad(p);
    q = parsed.ptr;
    if (q >= end)
        return NeedMore;
    if (*q == 'e' || *q == 'E') {
        // an exponent cut by the end of the bytes at hand: wait for the rest
        if (q + 1 >= end || ((q[1] == '+' || q[1] == '-') && q + 2 >= end))
            return NeedMore;
        return bad(q);
    }
    if (q[-1] < '0' || q[-1] > '9' || *q == '.')
        return bad(q);
    if (parsed.ec == std::errc::result_out_of_range || !std::isfinite(value)) {
        *problem = u"the number %1 is out of the float64 range"_s.arg(QString::fromLatin1(p, std::min<qsizetype>(q - p, 40)));
        *at = p;
        return Invalid;
    }
    cell->kind = Cell::Kind::Float;
    cell->f = value;
    return q - p;
}

qsizetype readLiteral(const char *p, const char *end, Cell *cell, QString *problem, const char **at)
{
    static constexpr struct { const char *text; qsizetype length; Cell::Kind kind; bool value; } literals[] = {
        {"true", 4, Cell::Kind::Bool, true}, {"false", 5, Cell::Kind::Bool, false}, {"null", 4, Cell::Kind::Nil, false}};
    for (const auto &l : literals) {
        if (*p != l.text[0])
            continue;
        const qsizetype avail = std::min<qsizetype>(end - p, l.length);
        if (std::memcmp(p, l.text, size_t(avail)) != 0)
            break;
        if (avail < l.length)
            return NeedMore;
        cell->kind = l.kind;
        cell->b = l.value;
        return l.length;
    }
    *problem = u"an unexpected character '%1'"_s.arg(QChar::fromLatin1(*p));
    *at = p;
    return Invalid;
}

// Any scalar value at p.
qsizetype readScalar(const char *p, const char *end, Cell *cell, std::string &scratch, QString *problem,
                     const char **at)
{
    if (*p == '"') {
        const qsizetype n = readString(p, end, &cell->s, scratch, problem, at);
        cell->kind = Cell::Kind::Str;
        return n;
    }
    if (*p == '-' || (*p >= '0' && *p <= '9'))
        return readNumber(p, end, cell, problem, at);
    return readLiteral(p, end, cell, problem, at);
}

} // namespace

qsizetype JsonParser::readRow(const char *p, const char *end, QString *problem, const char **at)
{
    if (*p != '[') {
        *problem = u"a row is not an array"_s;
        *at = p;
        return Invalid;
    }
    const size_t width = size_t(m_walker.rowWidth());
    if (m_cells.size() < width) {
        m_cells.resize(width);
        m_cellText.resize(width);
    }
    const char *q = skipSpace(p + 1, end);
    if (q >= end)
        return NeedMore;
    size_t count = 0;
    if (*q != ']') {
        while (true) {
            if (count == width) {
                *problem = u"row %1 has more than %2 values"_s.arg(m_walker.rowIndex()).arg(width);
                *at = q;
                return Invalid;
            }
            Cell &cell = m_cells[count];
            if (*q == '[' || *q == '{') {
                *problem = u"a row value is an array or an object"_s;
                *at = q;
                return Invalid;
            }
            const qsizetype n = readScalar(q, end, &cell, m_cellText[count], problem, at);
            if (n <= 0)
                return n;
            cell.offset = q - p; // relative for now
            ++count;
            q = skipSpace(q + n, end);
            if (q >= end)
                return NeedMore;
            if (*q == ']')
                break;
            if (*q != ',') {
                *problem = u"expected ',' or ']' in a row"_s;
                *at = q;
                return Invalid;
            }
            q = skipSpace(q + 1, end);
            if (q >= end)
                return NeedMore;
        }
    }
    if (count != width) {
        *problem = u"row %1 has %2 values for %3 columns"_s.arg(m_walker.rowIndex()).arg(count).arg(width);
        *at = p;
        return Invalid;
    }
    return q + 1 - p;
}

qsizetype JsonParser::parse(const char *data, qsizetype size, qint64 base, std::optional<Error> *error)
{
    const char *p = data;
    const char *end = data + size;
    QString problem;
    const char *at = nullptr;
    auto fail = [&](const QString &what, const char *where) {
        *error = parseError("JSON", what, base + (where - data));
        return qsizetype(p - data);
    };
    auto close = [&]() {
        m_stack.pop_back();
        if (!m_stack.empty())
            m_stack.back().phase = Phase::Value;
        std::optional<Error> serverError;
        m_walker.end(&serverError);
        if (serverError)
            *error = std::move(serverError);
        return !serverError;
    };

    Cell cell;
    while (true) {
        p = skipSpace(p, end);
        if (p >= end)
            break;
        if (m_stack.empty()) {
            if (*p != '{')
                return fail(u"the answer is not a JSON object (expected '{')"_s, p);
            if (const QString w = m_walker.beginMap(base + (p - data)); !w.isEmpty())
                return fail(w, p);
            m_stack.push_back({true, Phase::Open});
            ++p;
            continue;
        }
        Level &top = m_stack.back();
        const char c = *p;
        if (top.phase == Phase::Value) {
            if (c == ',') {
                top.phase = Phase::Comma;
                ++p;
            } else if (c == (top.map ? '}' : ']')) {
                ++p;
                if (!close())
                    return p - data;
            } else {
                return fail(top.map ? u"expected ',' or '}'"_s : u"expected ',' or ']'"_s, p);
            }
            continue;
        }
        if (top.map && top.phase == Phase::Key) {
            if (c != ':')
                return fail(u"expected ':'"_s, p);
            top.phase = Phase::Colon;
            ++p;
            continue;
        }
        if (top.phase == Phase::Open && c == (top.map ? '}' : ']')) {
            ++p;
            if (!close())
                return p - data;
            continue;
        }
        if (top.map && top.phase != Phase::Colon) {
            // a key
            if (c != '"')
                return fail(u"expected a key"_s, p);
            QByteArrayView key;
            const qsizetype n = readString(p, end, &key, m_text, &problem, &at);
            if (n == NeedMore)
                break;
            if (n == Invalid)
                return fail(problem, at);
            if (const QString w = m_walker.key(key); !w.isEmpty())
                return fail(w, p);
            top.phase = Phase::Key;
            p += n;
            continue;
        }
        // a value: in a map after ':', in an array after '[' or ','
        if (m_walker.inRows()) {
            const qsizetype n = readRow(p, end, &problem, &at);
            if (n == NeedMore)
                break;
            if (n == Invalid)
                return fail(problem, at);
            const qint64 rowOffset = base + (p - data);
            for (qsizetype i = 0; i < m_walker.rowWidth(); ++i)
                m_cells[size_t(i)].offset += rowOffset;
            qsizetype bad = 0;
            const QString w = m_walker.commitRow(std::span<const Cell>(m_cells.data(), size_t(m_walker.rowWidth())), &bad);
            if (!w.isEmpty()) {
                *error = parseError("JSON", w, m_cells[size_t(bad)].offset);
                return p - data;
            }
            top.phase = Phase::Value;
            p += n;
            // JSON does not say how many rows follow: after the first row, reserve for as many as
            // the bytes at hand would hold at its size (untouched capacity costs no memory)
            if (m_walker.rowIndex() == 1 && end - p > n * 4)
                m_walker.reserveRows(std::min<qsizetype>((end - p) / n + 1, qsizetype(1) << 22));
            continue;
        }
        const qint64 offset = base + (p - data);
        if (c == '{' || c == '[') {
            top.phase = Phase::Value;
            const QString w = c == '{' ? m_walker.beginMap(offset) : m_walker.beginArray(offset);
            if (!w.isEmpty())
                return fail(w, p);
            m_stack.push_back({c == '{', Phase::Open});
            ++p;
            continue;
        }
        const qsizetype n = readScalar(p, end, &cell, m_text, &problem, &at);
        if (n == NeedMore)
            break;
        if (n == Invalid)
            return fail(problem, at);
        cell.offset = offset;
        if (const QString w = m_walker.scalar(cell); !w.isEmpty())
            return fail(w, p);
        top.phase = Phase::Value;
        p += n;
    }
    return p - data;
}

} // namespace QInflux::detail
