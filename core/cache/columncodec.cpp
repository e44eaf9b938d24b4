#include "columncodec_p.h"

#include <QHash>

#include <cstring>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace QInflux::detail {

void adviseHugePages(void *data, std::size_t bytes)
{
#ifdef __linux__
    constexpr std::uintptr_t huge = std::uintptr_t(2) << 20;
    if (bytes < huge)
        return;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(data);
    Q_UNUSED(bytes);
#endif
}

void shuffleBytes(const void *in, std::size_t n, std::size_t width, char *out)
{
    const auto *src = static_cast<const unsigned char *>(in);
    if (width == 8) {
        for (std::size_t i = 0; i < n; ++i) {
            const unsigned char *v = src + i * 8;
            for (std::size_t k = 0; k < 8; ++k)
                out[k * n + i] = char(v[k]);
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < width; ++k)
            out[k * n + i] = char(src[i * width + k]);
    }
}

void unshuffleBytes(const char *in, std::size_t n, std::size_t width, void *out)
{
    auto *dst = static_cast<unsigned char *>(out);
    if (width == 8) {
        const auto *p = reinterpret_cast<const unsigned char *>(in);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t v = std::uint64_t(p[i]) | std::uint64_t(p[n + i]) << 8 | std::uint64_t(p[2 * n + i]) << 16
                | std::uint64_t(p[3 * n + i]) << 24 | std::uint64_t(p[4 * n + i]) << 32
                | std::uint64_t(p[5 * n + i]) << 40 | std::uint64_t(p[6 * n + i]) << 48
                | std::uint64_t(p[7 * n + i]) << 56;
            std::memcpy(dst + i * 8, &v, 8);
        }
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < width; ++k)
            dst[i * width + k] = static_cast<unsigned char>(in[k * n + i]);
    }
}

QByteArray encodeDeltas(const std::uint64_t *values, std::size_t n)
{
    std::vector<std::uint64_t> zigzag(n);
    std::uint64_t previous = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t delta = values[i] - previous;
        previous = values[i];
        zigzag[i] = (delta << 1) ^ std::uint64_t(std::int64_t(delta) >> 63);
    }
    QByteArray out(qsizetype(n * 8), Qt::Uninitialized);
    shuffleBytes(zigzag.data(), n, 8, out.data());
    return out;
}

void decodeDeltas(const char *in, std::size_t n, std::uint64_t *out)
{
    unshuffleBytes(in, n, 8, out);
    std::uint64_t previous = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t z = out[i];
        previous += (z >> 1) ^ (0 - (z & 1));
        out[i] = previous;
    }
}

bool hasConstantStep(const std::uint64_t *values, std::size_t n)
{
    if (n < 2)
        return true;
    const std::uint64_t step = values[1] - values[0];
    for (std::size_t i = 2; i < n; ++i) {
        if (values[i] - values[i - 1] != step)
            return false;
    }
    return true;
}

QByteArray packBits(const std::uint8_t *values, std::size_t n)
{
    QByteArray out(qsizetype((n + 7) / 8), '\0');
    for (std::size_t i = 0; i < n; ++i) {
        if (values[i])
            out[qsizetype(i / 8)] = char(out[qsizetype(i / 8)] | (1 << (i % 8)));
    }
    return out;
}

void unpackBits(const char *in, std::size_t n, std::uint8_t *out)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = (static_cast<unsigned char>(in[i / 8]) >> (i % 8)) & 1;
}

namespace {

void appendString(QByteArray &out, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    const auto size = std::uint32_t(utf8.size());
    out.append(reinterpret_cast<const char *>(&size), 4);
    out.append(utf8);
}

/// Reads the [u32 length][UTF-8] list; false when it is malformed.
bool readStrings(QByteArrayView data, std::vector<QString> &out)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        std::uint32_t size = 0;
        if (data.size() - pos < 4)
            return false;
        std::memcpy(&size, data.data() + pos, 4);
        pos += 4;
        if (size > std::uint64_t(data.size() - pos))
            return false;
        out.push_back(QString::fromUtf8(data.data() + pos, qsizetype(size)));
        pos += size;
    }
    return true;
}

} // namespace

EncodedStrings encodeStrings(const std::vector<QString> &values)
{
    EncodedStrings out;
    QHash<QString, std::uint32_t> ids;
    std::vector<std::uint32_t> indices(values.size());
    const QString *previous = nullptr;
    bool mostlyDistinct = false;
    for (std::size_t i = 0; i < values.size(); ++i) {
        // Equal neighbours (and shared QStrings) are common: skip the hash lookup for them.
        if (previous && *previous == values[i]) {
            indices[i] = indices[i - 1];
        } else {
            auto it = ids.constFind(values[i]);
            if (it == ids.constEnd()) {
                it = ids.insert(values[i], std::uint32_t(ids.size()));
                appendString(out.dictionary, values[i]);
            }
            indices[i] = *it;
        }
        previous = &values[i];
        if (ids.size() > 1024 && std::size_t(ids.size()) * 2 > i + 1) { // mostly distinct: no dictionary
            mostlyDistinct = true;
            break;
        }
    }
    if (mostlyDistinct || (std::size_t(ids.size()) * 2 > values.size() && ids.size() > 1)) {
        out.dictionary.clear();
        for (const QString &value : values)
            appendString(out.dictionary, value);
        return out;
    }
    out.indexWidth = ids.size() <= 0x100 ? 1 : ids.size() <= 0x10000 ? 2 : 4;
    std::vector<char> narrow(values.size() * std::size_t(out.indexWidth));
    for (std::size_t i = 0; i < values.size(); ++i)
        std::memcpy(narrow.data() + i * std::size_t(out.indexWidth), &indices[i], std::size_t(out.indexWidth));
    out.indices = QByteArray(qsizetype(narrow.size()), Qt::Uninitialized);
    shuffleBytes(narrow.data(), values.size(), std::size_t(out.indexWidth), out.indices.data());
    return out;
}

bool decodeStrings(QByteArrayView dictionary, QByteArrayView indices, int indexWidth, std::size_t rows,
                   std::vector<QString> &out)
{
    out.clear();
    if (indexWidth == 0) {
        out.reserve(rows);
        return readStrings(dictionary, out) && out.size() == rows && indices.isEmpty();
    }
    if ((indexWidth != 1 && indexWidth != 2 && indexWidth != 4) || std::size_t(indices.size()) != rows * std::size_t(indexWidth))
        return false;
    std::vector<QString> distinct;
    if (!readStrings(dictionary, distinct))
        return false;
    resizeHuge(out, rows);
    const auto *planes = reinterpret_cast<const unsigned char *>(indices.data());
    for (std::size_t i = 0; i < rows; ++i) {
        std::uint32_t id = planes[i]; // byte k of index i is at planes[k * rows + i]
        for (int k = 1; k < indexWidth; ++k)
            id |= std::uint32_t(planes[std::size_t(k) * rows + i]) << (8 * k);
        if (id >= distinct.size())
            return false;
        out[i] = distinct[id];
    }
    return true;
}

} // namespace QInflux::detail
