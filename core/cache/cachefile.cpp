#include "cachefile_p.h"

#include "bytes_p.h"
#include "cachestructure_p.h"

#include <QIODevice>
#include <QtConcurrent/QtConcurrentMap>

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <numeric>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

constexpr char s_magic[8] = {'\x89', 'Q', 'I', 'C', '\r', '\n', '\x1a', '\n'};
constexpr quint16 s_flagZstd = 1;
constexpr qsizetype s_indexEntrySize = 24;
constexpr qsizetype s_crcOffset = 64;

quint32 crc32Of(const char *data, qsizetype size, quint32 crc = 0)
{
    uLong value = crc;
    while (size > 0) { // zlib takes uInt lengths
        const auto part = uInt(std::min<qsizetype>(size, 1 << 30));
        value = crc32(value, reinterpret_cast<const Bytef *>(data), part);
        data += part;
        size -= part;
    }
    return quint32(value);
}

Error parseError(const QString &what)
{
    return Error(Error::Kind::Parse, u"Damaged or foreign cache file: "_s + what);
}

QByteArray compressBlock(const QByteArray &raw, int level)
{
    struct Free { void operator()(ZSTD_CCtx *c) const { ZSTD_freeCCtx(c); } };
    thread_local std::unique_ptr<ZSTD_CCtx, Free> context(ZSTD_createCCtx());
    ZSTD_CCtx_reset(context.get(), ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_contentSizeFlag, 1);
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(raw.size()))), Qt::Uninitialized);
    const size_t size = ZSTD_compress2(context.get(), out.data(), size_t(out.size()), raw.constData(), size_t(raw.size()));
    Q_ASSERT(!ZSTD_isError(size)); // the bound always fits
    out.truncate(qsizetype(size));
    return out;
}

} // namespace

qint64 EncodedCacheFile::size() const
{
    return std::accumulate(blocks.begin(), blocks.end(), qint64(head.size()),
                           [](qint64 sum, const QByteArray &b) { return sum + b.size(); });
}

Result<void> EncodedCacheFile::writeTo(QIODevice &device, const QString &what) const
{
    // A short write (the disk filled up mid-block) says nothing; writing the rest then fails with
    // the system's reason, which is what the user needs to see.
    auto writeAll = [&device](const QByteArray &bytes) {
        for (qsizetype done = 0; done < bytes.size();) {
            const qint64 n = device.write(bytes.constData() + done, bytes.size() - done);
            if (n <= 0)
                return false;
            done += qsizetype(n);
        }
        return true;
    };
    if (!writeAll(head))
        return Error(Error::Kind::Io, u"Cannot write the cache file %1: %2"_s.arg(what, device.errorString()));
    for (const QByteArray &block : blocks) {
        if (!writeAll(block))
            return Error(Error::Kind::Io, u"Cannot write the cache file %1: %2"_s.arg(what, device.errorString()));
    }
    return {};
}

EncodedCacheFile encodeCacheFile(const QueryResult &result, const QByteArray &key, qint64 createdMs, int level)
{
    Q_ASSERT(key.size() == 32);
    const std::vector<QByteArray> raw = encodeStructure(result);
    EncodedCacheFile file;
    file.blocks.resize(raw.size());
    std::vector<size_t> indices(raw.size());
    std::iota(indices.begin(), indices.end(), size_t(0));
    QtConcurrent::blockingMap(indices, [&](size_t i) { file.blocks[i] = compressBlock(raw[i], level); });

    ByteWriter head;
    head.bytes().append(s_magic, sizeof s_magic);
    head.put(cacheFormatVersion);
    head.put(s_flagZstd);
    head.put(quint32(raw.size()));
    head.put(qint64(createdMs));
    head.put(qint64(0)); // file size, filled in below
    head.bytes().append(key);
    head.put(quint32(0)); // CRC, filled in below
    for (size_t i = 0; i < raw.size(); ++i) {
        head.put(quint64(file.blocks[i].size()));
        head.put(quint64(raw[i].size()));
        head.put(quint64(0));
    }
    file.head = std::move(head.bytes());
    const qint64 total = file.size();
    std::memcpy(file.head.data() + 24, &total, 8);
    quint32 crc = crc32Of(file.head.constData(), s_crcOffset);
    crc = crc32Of(file.head.constData() + cacheHeaderSize, file.head.size() - cacheHeaderSize, crc);
    std::memcpy(file.head.data() + s_crcOffset, &crc, 4);
    return file;
}

Result<CacheFileHeader> readCacheFileHeader(QByteArrayView file, const QByteArray &key)
{
    if (file.isEmpty())
        return parseError(u"the file is empty"_s);
    if (file.size() < qsizetype(sizeof s_magic) || std::memcmp(file.data(), s_magic, sizeof s_magic) != 0)
        return parseError(u"no QInflux cache signature at byte 0"_s);
    if (file.size() < cacheHeaderSize)
        return parseError(u"truncated: %1 bytes, the header alone has %2"_s.arg(file.size()).arg(cacheHeaderSize));
    ByteReader reader(file.sliced(8));
    const auto version = reader.get<quint16>();
    const auto flags = reader.get<quint16>();
    const auto blockCount = reader.get<quint32>();
    const auto created = reader.get<qint64>();
    const auto size = reader.get<qint64>();
    if (version != cacheFormatVersion)
        return parseError(u"format version %1 at byte 8, this program reads version %2"_s.arg(version).arg(cacheFormatVersion));
    if (flags != s_flagZstd)
        return parseError(u"unknown flags 0x%1 at byte 10"_s.arg(uint(flags), 4, 16, QChar(u'0')));
    if (blockCount == 0 || qint64(blockCount) > (file.size() - cacheHeaderSize) / s_indexEntrySize)
        return parseError(u"block count %1 at byte 12 does not fit a file of %2 bytes"_s.arg(blockCount).arg(file.size()));
    const qsizetype headSize = cacheHeaderSize + qsizetype(blockCount) * s_indexEntrySize;
    quint32 crc = crc32Of(file.data(), s_crcOffset);
    crc = crc32Of(file.data() + cacheHeaderSize, headSize - cacheHeaderSize, crc);
    quint32 stored = 0;
    std::memcpy(&stored, file.data() + s_crcOffset, 4);
    if (crc != stored)
        return parseError(u"header checksum mismatch (bytes 0..%1)"_s.arg(headSize - 1));
    if (size != file.size())
        return parseError(size > file.size() ? u"truncated: %1 bytes of %2"_s.arg(file.size()).arg(size)
                                             : u"%1 bytes of unexpected data after byte %2"_s.arg(file.size() - size).arg(size));
    if (file.sliced(32, 32) != QByteArrayView(key))
        return parseError(u"the file belongs to another cache key (bytes 32..63)"_s);
    return CacheFileHeader{created, blockCount};
}

Result<QueryResult> decodeCacheFile(QByteArrayView file, const QByteArray &key)
{
    const auto header = readCacheFileHeader(file, key);
    if (!header)
        return header.error();
    std::vector<BlockRef> blocks(header->blockCount);
    ByteReader index(file.sliced(cacheHeaderSize, qsizetype(header->blockCount) * s_indexEntrySize));
    qint64 offset = cacheHeaderSize + qint64(header->blockCount) * s_indexEntrySize;
    for (BlockRef &block : blocks) {
        const auto compressed = index.get<quint64>();
        block.rawSize = index.get<quint64>();
        if (index.get<quint64>() != 0)
            return parseError(u"reserved bytes of the block index are not 0"_s);
        if (compressed > quint64(file.size() - offset))
            return parseError(u"block at byte %1 runs past the end of the file"_s.arg(offset));
        block.offset = offset;
        block.data = QByteArrayView(file.data() + offset, qsizetype(compressed));
        offset += qint64(compressed);
    }
    if (offset != file.size())
        return parseError(u"the blocks end at byte %1 of %2"_s.arg(offset).arg(file.size()));
    return decodeStructure(blocks);
}

bool decompressBlock(const BlockRef &block, char *out, QString *error)
{
    struct Free { void operator()(ZSTD_DCtx *c) const { ZSTD_freeDCtx(c); } };
    thread_local std::unique_ptr<ZSTD_DCtx, Free> context(ZSTD_createDCtx());
    const auto data = block.data.data();
    const auto size = size_t(block.data.size());
    if (ZSTD_getFrameContentSize(data, size) != block.rawSize || ZSTD_findFrameCompressedSize(data, size) != size) {
        *error = u"the block at byte %1 is not one zstd frame of %2 bytes"_s.arg(block.offset).arg(block.rawSize);
        return false;
    }
    const size_t written = ZSTD_decompressDCtx(context.get(), out, block.rawSize, data, size);
    if (ZSTD_isError(written) || written != block.rawSize) {
        *error = u"damaged data in the block at byte %1 (zstd: %2)"_s.arg(block.offset).arg(
            QString::fromLatin1(ZSTD_isError(written) ? ZSTD_getErrorName(written) : "wrong size"));
        return false;
    }
    return true;
}

} // namespace QInflux::detail
