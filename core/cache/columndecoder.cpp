#include "columnformat_p.h"

#include "columncodec_p.h"

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

const char *blockBytes(const std::vector<BlockRef> &blocks, quint32 id, size_t expected, QString *error)
{
    thread_local std::vector<char> scratch[2];
    thread_local int next = 0;
    if (id == 0 || id >= blocks.size() || blocks[id].rawSize != expected) {
        *error = u"block %1 is missing or has the wrong size"_s.arg(id);
        return nullptr;
    }
    std::vector<char> &buffer = scratch[next++ % 2];
    if (buffer.capacity() < expected) {
        buffer = {};
        resizeHuge(buffer, expected);
    }
    buffer.resize(expected);
    return decompressBlock(blocks[id], buffer.data(), error) ? buffer.data() : nullptr;
}

/// Like blockBytes, for blocks whose size the structure does not fix (string lists).
bool blockCopy(const std::vector<BlockRef> &blocks, quint32 id, QByteArray &out, QString *error)
{
    if (id == 0 || id >= blocks.size() || blocks[id].rawSize > (quint64(1) << 40)) {
        *error = u"block %1 is missing or too large"_s.arg(id);
        return false;
    }
    out.resize(qsizetype(blocks[id].rawSize));
    return decompressBlock(blocks[id], out.data(), error);
}

template<typename T>
bool decodeIntegers(const std::vector<BlockRef> &blocks, const ColumnCode &c, size_t rows, std::vector<T> &out, QString *error)
{
    resizeHuge(out, rows);
    auto *bits = reinterpret_cast<std::uint64_t *>(out.data());
    if (c.encoding == Encoding::ConstantStep) {
        std::uint64_t value = std::uint64_t(c.first);
        for (size_t i = 0; i < rows; ++i, value += std::uint64_t(c.step))
            bits[i] = value;
        return true;
    }
    if (c.encoding != Encoding::Deltas)
        return false;
    const char *bytes = blockBytes(blocks, c.primary, rows * 8, error);
    if (bytes)
        decodeDeltas(bytes, rows, bits);
    return bytes != nullptr;
}

} // namespace

bool decodeColumn(const std::vector<BlockRef> &blocks, ColumnJob &job)
{
    const ColumnCode &c = job.code;
    const size_t rows = job.rows;
    QString *error = &job.error;
    if (rows > (size_t(1) << 36)) {
        *error = u"%1 rows is not plausible"_s.arg(rows);
        return false;
    }
    if (c.type == s_timeType)
        return rows == 0 ? c.encoding == Encoding::Empty : decodeIntegers(blocks, c, rows, job.time, error);
    if (c.type > quint8(ColumnType::String) || ((rows == 0) != (c.encoding == Encoding::Empty)))
        return false;
    Column::Storage values;
    bool ok = true;
    switch (ColumnType(c.type)) {
    case ColumnType::Float: {
        std::vector<double> v;
        resizeHuge(v, rows);
        if (rows > 0) {
            const char *bytes = c.encoding == Encoding::Shuffled ? blockBytes(blocks, c.primary, rows * 8, error) : nullptr;
            ok = bytes != nullptr;
            if (ok)
                unshuffleBytes(bytes, rows, 8, v.data());
        }
        values = std::move(v);
        break;
    }
    case ColumnType::Int: {
        std::vector<std::int64_t> v;
        ok = rows == 0 || decodeIntegers(blocks, c, rows, v, error);
        values = std::move(v);
        break;
    }
    case ColumnType::UInt: {
        std::vector<std::uint64_t> v;
        ok = rows == 0 || decodeIntegers(blocks, c, rows, v, error);
        values = std::move(v);
        break;
    }
    case ColumnType::Bool: {
        std::vector<std::uint8_t> v(rows);
        if (rows > 0) {
            const char *bytes = c.encoding == Encoding::Bits ? blockBytes(blocks, c.primary, (rows + 7) / 8, error) : nullptr;
            ok = bytes != nullptr;
            if (ok)
                unpackBits(bytes, rows, v.data());
        }
        values = std::move(v);
        break;
    }
    case ColumnType::String: {
        std::vector<QString> v;
        if (rows > 0) {
            QByteArray dictionary, indices;
            ok = c.encoding == Encoding::Strings && blockCopy(blocks, c.primary, dictionary, error)
                && (c.indexWidth == 0 || blockCopy(blocks, c.secondary, indices, error))
                && decodeStrings(dictionary, indices, c.indexWidth, rows, v);
        }
        values = std::move(v);
        break;
    }
    }
    std::vector<std::uint8_t> valid;
    if (ok && c.validity != s_noBlock) {
        const char *bytes = blockBytes(blocks, c.validity, (rows + 7) / 8, error);
        ok = bytes != nullptr;
        if (ok) {
            valid.resize(rows);
            unpackBits(bytes, rows, valid.data());
        }
    }
    if (ok)
        job.column.emplace(job.name, std::move(values), std::move(valid));
    return ok;
}

} // namespace QInflux::detail
