#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

// The column transforms of the cache format, chosen so that zstd finds the structure in the data:
// byte planes (byte k of every value together) for numbers, deltas for integers and times,
// a dictionary for repeated strings, one bit per flag.
namespace QInflux::detail {

/// Asks the kernel to back [data, data + bytes) with transparent huge pages before it is first
/// touched: large decoded columns then cost a few hundred page faults instead of tens of thousands
/// (which dominate a cache hit on a VM). A hint only; nothing happens where it is not supported.
void adviseHugePages(void *data, std::size_t bytes);

/// Resizes an empty `v` to `n` elements, with adviseHugePages on its memory first.
template<typename T>
void resizeHuge(std::vector<T> &v, std::size_t n)
{
    v.reserve(n);
    adviseHugePages(v.data(), n * sizeof(T));
    v.resize(n);
}

/// Writes byte k of value i at out[k * n + i]; `out` holds n * width bytes.
void shuffleBytes(const void *in, std::size_t n, std::size_t width, char *out);
/// The inverse of shuffleBytes.
void unshuffleBytes(const char *in, std::size_t n, std::size_t width, void *out);

/// Differences of consecutive values (the first from 0), wrapping, zig-zag mapped so that small
/// negative steps become small numbers, then byte-shuffled: n * 8 bytes.
QByteArray encodeDeltas(const std::uint64_t *values, std::size_t n);
/// The inverse of encodeDeltas; `in` holds n * 8 bytes.
void decodeDeltas(const char *in, std::size_t n, std::uint64_t *out);
/// True when values[i] - values[i-1] is the same for every i >= 1 (then first and step say it all).
bool hasConstantStep(const std::uint64_t *values, std::size_t n);

/// One bit per value (non-zero = 1), least significant bit first: (n + 7) / 8 bytes.
QByteArray packBits(const std::uint8_t *values, std::size_t n);
void unpackBits(const char *in, std::size_t n, std::uint8_t *out);

/// Strings as a list of distinct values ([u32 length][UTF-8] each) plus one index per row of
/// `indexWidth` bytes (1, 2 or 4, byte-shuffled); or, when most values differ, every value in the
/// list and indexWidth 0 (no indices).
struct EncodedStrings
{
    QByteArray dictionary;
    QByteArray indices;
    int indexWidth = 0;
};
EncodedStrings encodeStrings(const std::vector<QString> &values);
/// Fills `out` (resized to `rows`); false when the data does not describe `rows` strings.
bool decodeStrings(QByteArrayView dictionary, QByteArrayView indices, int indexWidth, std::size_t rows,
                   std::vector<QString> &out);

} // namespace QInflux::detail
