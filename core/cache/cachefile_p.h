#pragma once

#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <vector>

class QIODevice;

// The on-disk form of one cached QueryResult (format version 1), little-endian:
//
//   offset  size  field
//        0     8  magic 89 'Q' 'I' 'C' 0D 0A 1A 0A (like PNG's: catches text-mode and 7-bit mangling)
//        8     2  format version (1)
//       10     2  flags: bit 0 = blocks are zstd frames with content checksums (must be set, no other bit)
//       12     4  block count B (>= 1)
//       16     8  creation time, ms since the epoch (for the time-to-live)
//       24     8  file size in bytes (catches truncation and appended data)
//       32    32  SHA-256 cache key (catches a file under another key's name)
//       64     4  CRC-32 of bytes 0..63 and of the block index
//       68  24*B  block index: compressed size u64, raw size u64, 0 u64 (reserved)
//        .     .  the blocks, in order, each one zstd frame with a content checksum (XXH64 of the
//                 decompressed bytes, checked by zstd), so every byte of the file is covered by a
//                 checksum. (A CRC-32 of each compressed block as well cost 10% of a hit with
//                 zlib's CRC on this machine and caught nothing the content checksum misses.)
//
// Block 0 is the structure: statements (id, partial, error, messages) and series (name, tags, row
// count, and per column its name, type, encoding and the blocks holding its data). Every other
// block is one column's data: floats byte-shuffled; integers, unsigned integers and times as
// shuffled zig-zag deltas or, with a constant step, no block at all; booleans and null masks one
// bit per row; strings through a dictionary when values repeat.
namespace QInflux::detail {

inline constexpr std::uint16_t cacheFormatVersion = 1;
inline constexpr qsizetype cacheHeaderSize = 68;

/// The encoded file: the header with the block index, then the compressed blocks.
struct EncodedCacheFile
{
    QByteArray head;
    std::vector<QByteArray> blocks;
    qint64 size() const;
    /// Writes every part to `device`; Kind::Io naming `what` (the file) when a write fails.
    Result<void> writeTo(QIODevice &device, const QString &what) const;
};

/// `key` is the 32-byte SHA-256; `level` the zstd level. Compresses the blocks in parallel.
EncodedCacheFile encodeCacheFile(const QueryResult &result, const QByteArray &key, qint64 createdMs, int level = 3);

/// What the fixed header says; Kind::Parse naming the problem and its byte offset when the header
/// is not one of ours, another version, damaged, for another key, or the size does not match.
struct CacheFileHeader
{
    qint64 createdMs = 0;
    quint32 blockCount = 0;
};
Result<CacheFileHeader> readCacheFileHeader(QByteArrayView file, const QByteArray &key);

/// Decodes a whole file, checking every checksum and every size against the structure; decompresses
/// and decodes the columns in parallel. Kind::Parse naming the problem and where when anything is off.
Result<QueryResult> decodeCacheFile(QByteArrayView file, const QByteArray &key);

} // namespace QInflux::detail
