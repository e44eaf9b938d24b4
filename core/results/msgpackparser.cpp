#include "msgpackparser_p.h"

#include <bit>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

template<typename T>
T load(const unsigned char *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    if constexpr (sizeof(T) == 2)
        return T(__builtin_bswap16(std::uint16_t(v)));
    else if constexpr (sizeof(T) == 4)
        return T(__builtin_bswap32(std::uint32_t(v)));
    else if constexpr (sizeof(T) == 8)
        return T(__builtin_bswap64(std::uint64_t(v)));
    else
        return v;
}

enum class Tok : std::uint8_t { Scalar, Array, Map };
constexpr qsizetype NeedMore = 0;
constexpr qsizetype Invalid = -1;

// One MessagePack item header, and for scalars the whole value. Returns its length, NeedMore when
// the bytes end inside it, Invalid for the never-used byte 0xc1.
qsizetype readItem(const unsigned char *p, const unsigned char *end, Cell &cell, Tok &tok, std::uint32_t &count)
{
    const qsizetype avail = end - p;
    const unsigned char b = p[0];
    tok = Tok::Scalar;
    auto str = [&](qsizetype header, std::uint64_t len, Cell::Kind kind) -> qsizetype {
        if (avail < header + qsizetype(len))
            return NeedMore;
        cell.kind = kind;
        cell.s = QByteArrayView(reinterpret_cast<const char *>(p + header), qsizetype(len));
        return header + qsizetype(len);
    };
    auto sized = [&](qsizetype n) { return avail >= n; };
    if (b <= 0x7f) {
        cell.kind = Cell::Kind::Int;
        cell.i = b;
        return 1;
    }
    if (b >= 0xe0) {
        cell.kind = Cell::Kind::Int;
        cell.i = std::int8_t(b);
        return 1;
    }
    if ((b & 0xf0) == 0x80) {
        tok = Tok::Map;
        count = b & 0x0f;
        return 1;
    }
    if ((b & 0xf0) == 0x90) {
        tok = Tok::Array;
        count = b & 0x0f;
        return 1;
    }
    if ((b & 0xe0) == 0xa0)
        return str(1, b & 0x1f, Cell::Kind::Str);
    switch (b) {
    case 0xc0: cell.kind = Cell::Kind::Nil; return 1;
    case 0xc2: cell.kind = Cell::Kind::Bool; cell.b = false; return 1;
    case 0xc3: cell.kind = Cell::Kind::Bool; cell.b = true; return 1;
    case 0xc4: return sized(2) ? str(2, p[1], Cell::Kind::Other) : NeedMore;
    case 0xc5: return sized(3) ? str(3, load<std::uint16_t>(p + 1), Cell::Kind::Other) : NeedMore;
    case 0xc6: return sized(5) ? str(5, load<std::uint32_t>(p + 1), Cell::Kind::Other) : NeedMore;
    case 0xc7: // ext 8: length, type, data
        if (!sized(3))
            return NeedMore;
        if (p[2] == 5 && p[1] == 12) {
            if (!sized(15))
                return NeedMore;
            const std::int64_t secs = load<std::int64_t>(p + 3);
            const std::uint32_t nsec = load<std::uint32_t>(p + 11);
            std::int64_t ns;
            if (nsec >= 1000000000u || __builtin_mul_overflow(secs, std::int64_t(1000000000), &ns)
                || __builtin_add_overflow(ns, std::int64_t(nsec), &ns)) {
                cell.kind = Cell::Kind::Other;
            } else {
                cell.kind = Cell::Kind::TimeNs;
                cell.i = ns;
            }
            return 15;
        }
        return str(3, p[1], Cell::Kind::Other);
    case 0xc8: return sized(4) ? str(4, load<std::uint16_t>(p + 1), Cell::Kind::Other) : NeedMore;
    case 0xc9: return sized(6) ? str(6, load<std::uint32_t>(p + 1), Cell::Kind::Other) : NeedMore;
    case 0xca:
        if (!sized(5))
            return NeedMore;
        cell.kind = Cell::Kind::Float;
        cell.f = double(std::bit_cast<float>(load<std::uint32_t>(p + 1)));
        return 5;
    case 0xcb:
        if (!sized(9))
            return NeedMore;
        cell.kind = Cell::Kind::Float;
        cell.f = std::bit_cast<double>(load<std::uint64_t>(p + 1));
        return 9;
    case 0xcc: if (!sized(2)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = p[1]; return 2;
    case 0xcd: if (!sized(3)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = load<std::uint16_t>(p + 1); return 3;
    case 0xce: if (!sized(5)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = load<std::uint32_t>(p + 1); return 5;
    case 0xcf: {
        if (!sized(9))
            return NeedMore;
        const std::uint64_t u = load<std::uint64_t>(p + 1);
        if (u <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
            cell.kind = Cell::Kind::Int;
            cell.i = std::int64_t(u);
        } else {
            cell.kind = Cell::Kind::UInt;
            cell.u = u;
        }
        return 9;
    }
    case 0xd0: if (!sized(2)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = std::int8_t(p[1]); return 2;
    case 0xd1: if (!sized(3)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = load<std::int16_t>(p + 1); return 3;
    case 0xd2: if (!sized(5)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = load<std::int32_t>(p + 1); return 5;
    case 0xd3: if (!sized(9)) return NeedMore; cell.kind = Cell::Kind::Int; cell.i = load<std::int64_t>(p + 1); return 9;
    case 0xd4: return sized(3) ? (cell.kind = Cell::Kind::Other, 3) : NeedMore;  // fixext 1
    case 0xd5: return sized(4) ? (cell.kind = Cell::Kind::Other, 4) : NeedMore;
    case 0xd6: return sized(6) ? (cell.kind = Cell::Kind::Other, 6) : NeedMore;
    case 0xd7: return sized(10) ? (cell.kind = Cell::Kind::Other, 10) : NeedMore;
    case 0xd8: return sized(18) ? (cell.kind = Cell::Kind::Other, 18) : NeedMore;
    case 0xd9: return sized(2) ? str(2, p[1], Cell::Kind::Str) : NeedMore;
    case 0xda: return sized(3) ? str(3, load<std::uint16_t>(p + 1), Cell::Kind::Str) : NeedMore;
    case 0xdb: return sized(5) ? str(5, load<std::uint32_t>(p + 1), Cell::Kind::Str) : NeedMore;
    case 0xdc: if (!sized(3)) return NeedMore; tok = Tok::Array; count = load<std::uint16_t>(p + 1); return 3;
    case 0xdd: if (!sized(5)) return NeedMore; tok = Tok::Array; count = load<std::uint32_t>(p + 1); return 5;
    case 0xde: if (!sized(3)) return NeedMore; tok = Tok::Map; count = load<std::uint16_t>(p + 1); return 3;
    case 0xdf: if (!sized(5)) return NeedMore; tok = Tok::Map; count = load<std::uint32_t>(p + 1); return 5;
    default: return Invalid; // 0xc1
    }
}

} // namespace

qsizetype MsgpackParser::parse(const char *data, qsizetype size, qint64 base, std::optional<Error> *error)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(data);
    const auto *end = begin + size;
    const auto *p = begin;
    auto fail = [&](const QString &what, const unsigned char *at) {
        *error = parseError("MessagePack", what, base + (at - begin));
        return qsizetype(p - begin);
    };
    // Closes every finished container; false when an answer ended with the server's error.
    auto closeFinished = [&]() {
        while (!m_stack.empty() && m_stack.back().remaining == 0) {
            m_stack.pop_back();
            std::optional<Error> serverError;
            m_walker.end(&serverError);
            if (serverError) {
                *error = std::move(serverError);
                return false;
            }
        }
        return true;
    };

    Cell cell;
    Tok tok;
    std::uint32_t count = 0;
    while (p < end) {
        if (m_walker.inRows() && m_stack.back().remaining > 0) {
            // One whole row: an array of rowWidth() scalars, decoded into m_cells, then committed.
            const unsigned char *q = p;
            const qsizetype header = readItem(q, end, cell, tok, count);
            if (header == NeedMore)
                break;
            if (header == Invalid || tok != Tok::Array)
                return fail(u"a row is not an array"_s, q);
            if (count != std::uint32_t(m_walker.rowWidth()))
                return fail(u"row %1 has %2 values for %3 columns"_s.arg(m_walker.rowIndex()).arg(count).arg(m_walker.rowWidth()), q);
            q += header;
            const std::uint32_t width = count;
            m_cells.resize(width);
            bool complete = true;
            for (std::uint32_t c = 0; c < width; ++c) {
                if (q >= end) {
                    complete = false;
                    break;
                }
                Cell &v = m_cells[c];
                const qsizetype n = readItem(q, end, v, tok, count);
                if (n == NeedMore) {
                    complete = false;
                    break;
                }
                if (n == Invalid)
                    return fail(u"invalid MessagePack byte 0xc1"_s, q);
                if (tok != Tok::Scalar)
                    return fail(u"a row value is an array or a map"_s, q);
                v.offset = base + (q - begin);
                q += n;
            }
            if (!complete)
                break;
            qsizetype bad = 0;
            const QString problem = m_walker.commitRow(m_cells, &bad);
            if (!problem.isEmpty()) {
                *error = parseError("MessagePack", problem, m_cells[size_t(bad)].offset);
                return p - begin;
            }
            p = q;
            --m_stack.back().remaining;
            if (!closeFinished())
                return p - begin;
            continue;
        }

        const qsizetype n = readItem(p, end, cell, tok, count);
        if (n == NeedMore)
            break;
        if (n == Invalid)
            return fail(u"invalid MessagePack byte 0xc1"_s, p);
        const qint64 offset = base + (p - begin);
        QString problem;
        if (m_stack.empty()) {
            if (tok != Tok::Map)
                return fail(u"an answer is not a map"_s, p);
        } else {
            Level &top = m_stack.back();
            const bool isKey = top.map && top.remaining % 2 == 0;
            --top.remaining;
            if (isKey) {
                if (tok != Tok::Scalar || cell.kind != Cell::Kind::Str)
                    return fail(u"a map key is not a string"_s, p);
                problem = m_walker.key(cell.s);
            } else if (tok == Tok::Scalar) {
                cell.offset = offset;
                problem = m_walker.scalar(cell);
            }
        }
        if (problem.isEmpty() && tok != Tok::Scalar) {
            if (tok == Tok::Map && count > 0x7fffffffu)
                return fail(u"a map of %1 entries"_s.arg(count), p);
            // What "values" reserves: the rows it announces, so the columns never grow by copying
            // (which left the peak at 3x the column bytes). Reserving only claims address space;
            // pages count once written. A lying count in a short body is bounded: up to 32M cells
            // whatever the bytes at hand, beyond that no more rows than those bytes can hold.
            const qint64 width = m_walker.rowWidth() + 1;
            const qint64 rowsHint = std::min<qint64>(count, std::max<qint64>((end - p) / width, (qint64(1) << 25) / width));
            problem = tok == Tok::Map ? m_walker.beginMap(offset) : m_walker.beginArray(offset, rowsHint);
            m_stack.push_back({tok == Tok::Map ? count * 2 : count, tok == Tok::Map});
        }
        if (!problem.isEmpty())
            return fail(problem, p);
        p += n;
        if (!closeFinished())
            return p - begin;
    }
    return p - begin;
}

} // namespace QInflux::detail
