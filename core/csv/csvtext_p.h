#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

// Byte-level helpers shared by the CSV reader and the value parsers.
namespace QInflux::detail {

/// True when every byte is ASCII (8 bytes at a time).
inline bool isAscii(std::string_view s)
{
    const char *p = s.data();
    size_t n = s.size();
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (w & 0x8080808080808080ULL)
            return false;
        p += 8;
        n -= 8;
    }
    while (n--) {
        if (static_cast<unsigned char>(*p++) & 0x80)
            return false;
    }
    return true;
}

/// Strict UTF-8 validation (no overlongs, no surrogates, <= U+10FFFF). On failure `bad` is the
/// offset of the first byte of the invalid sequence.
inline bool isValidUtf8(std::string_view s, size_t *bad)
{
    if (isAscii(s))
        return true;
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            *bad = i;
            return false;
        }
        if (i + size_t(len) > n) {
            *bad = i;
            return false;
        }
        for (int k = 1; k < len; ++k) {
            if ((p[i + size_t(k)] & 0xC0) != 0x80) {
                *bad = i;
                return false;
            }
            cp = (cp << 6) | (p[i + size_t(k)] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            *bad = i;
            return false;
        }
        i += size_t(len);
    }
    return true;
}

} // namespace QInflux::detail
