#pragma once

#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <vector>

// The payload of a cache file (see cachefile_p.h): the structure block and the column blocks.
namespace QInflux::detail {

/// One compressed block of a file being read.
struct BlockRef
{
    QByteArrayView data;
    qint64 offset = 0; ///< in the file, for messages
    std::uint64_t rawSize = 0;
};

/// Block 0: the structure; then one raw (uncompressed) block per column buffer.
std::vector<QByteArray> encodeStructure(const QueryResult &result);
/// Decodes the structure in blocks[0], then every column in parallel. Every block after the first
/// must be used exactly once, with exactly the size its column needs.
Result<QueryResult> decodeStructure(const std::vector<BlockRef> &blocks);

/// Decompresses the block into `out` (rawSize bytes), zstd checking its content checksum. False with `error` set when any of that fails. Defined in cachefile.cpp.
bool decompressBlock(const BlockRef &block, char *out, QString *error);

} // namespace QInflux::detail
