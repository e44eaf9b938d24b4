#pragma once

#include "bytes_p.h"
#include "cachestructure_p.h"

#include <QInflux/column.h>

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

// How a column is described in the structure block of a cache file, and its decoder.
namespace QInflux::detail {

inline constexpr quint32 s_noBlock = 0xFFFFFFFF;
inline constexpr quint8 s_timeType = 5; ///< the time column; 0..4 are ColumnType values

enum class Encoding : quint8 { Empty, Shuffled, Deltas, ConstantStep, Bits, Strings };

/// How one column is stored: written into the structure block.
struct ColumnCode
{
    quint8 type = 0;
    Encoding encoding = Encoding::Empty;
    qint64 first = 0; ///< ConstantStep
    qint64 step = 0;  ///< ConstantStep
    quint8 indexWidth = 0; ///< Strings
    quint32 primary = s_noBlock;
    quint32 secondary = s_noBlock; ///< Strings: the indices
    quint32 validity = s_noBlock;  ///< bit-packed null mask; none = no mask
};

inline void putCode(ByteWriter &w, const ColumnCode &c)
{
    w.put(c.type);
    w.put(quint8(c.encoding));
    w.put(c.first);
    w.put(c.step);
    w.put(c.indexWidth);
    w.put(c.primary);
    w.put(c.secondary);
    w.put(c.validity);
}

inline ColumnCode getCode(ByteReader &r)
{
    ColumnCode c;
    c.type = r.get<quint8>();
    c.encoding = Encoding(r.get<quint8>());
    c.first = r.get<qint64>();
    c.step = r.get<qint64>();
    c.indexWidth = r.get<quint8>();
    c.primary = r.get<quint32>();
    c.secondary = r.get<quint32>();
    c.validity = r.get<quint32>();
    return c;
}

/// One column to decode, and where its result goes (`column`, or `time` for the time column).
struct ColumnJob
{
    ColumnCode code;
    size_t rows = 0;
    QString name;
    std::optional<Column> column;
    std::vector<std::int64_t> time;
    QString error;
};

/// Decompresses and decodes the job's blocks into job.column / job.time; false (with job.error
/// set, or empty for an invalid encoding) when they do not hold what the code says.
bool decodeColumn(const std::vector<BlockRef> &blocks, ColumnJob &job);

} // namespace QInflux::detail
