// Fast decimal formatting for the line-protocol writer: integers 8 digits at a time, and doubles
// with a short exact path for decimals, std::to_chars for the rest (same output as to_chars).

#include "numberformat_p.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace QInflux::detail {

namespace {

constexpr char kDigitPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                               "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                               "8081828384858687888990919293949596979899";

constexpr std::uint64_t kPowers10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
                                       100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
                                       10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
                                       100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull};

inline int decimalLength(std::uint64_t v)
{
    // log10 from the bit width (1233/4096 ~ log10(2)), corrected by one comparison
    const int guess = ((64 - __builtin_clzll(v | 1)) * 1233) >> 12;
    return guess + (v >= kPowers10[guess] ? 1 : 0) + (v == 0 ? 1 : 0);
}

// Exactly 4 / 8 digits of v (with leading zeros), in 32-bit arithmetic.
inline void write4(char *p, std::uint32_t v)
{
    const std::uint32_t hi = v / 100;
    std::memcpy(p, kDigitPairs + 2 * hi, 2);
    std::memcpy(p + 2, kDigitPairs + 2 * (v - hi * 100), 2);
}

inline void write8(char *p, std::uint32_t v)
{
    const std::uint32_t hi = v / 10000;
    write4(p, hi);
    write4(p + 4, v - hi * 10000);
}

// The digits of v < 10^8, written in place from the end; returns the end.
inline char *writeSmall(char *p, std::uint32_t v)
{
    char *const end = p + decimalLength(v);
    char *q = end;
    while (v >= 100) {
        const std::uint32_t hi = v / 100;
        q -= 2;
        std::memcpy(q, kDigitPairs + 2 * (v - hi * 100), 2);
        v = hi;
    }
    if (v >= 10) {
        q -= 2;
        std::memcpy(q, kDigitPairs + 2 * v, 2);
    } else {
        *--q = char('0' + v);
    }
    return end;
}

// Decimal digits of v at p (at most 20 bytes); returns the end. 8 digits at a time: two 64-bit
// divisions at most, the rest in 32 bits.
} // namespace

char *writeDecimal(char *p, std::uint64_t v)
{
    constexpr std::uint64_t k1e8 = 100000000;
    if (v < k1e8)
        return writeSmall(p, std::uint32_t(v));
    if (v < k1e8 * k1e8) {
        const std::uint64_t hi = v / k1e8;
        p = writeSmall(p, std::uint32_t(hi));
        write8(p, std::uint32_t(v - hi * k1e8));
        return p + 8;
    }
    const std::uint64_t top = v / (k1e8 * k1e8);
    const std::uint64_t rest = v - top * (k1e8 * k1e8);
    const std::uint64_t mid = rest / k1e8;
    p = writeSmall(p, std::uint32_t(top));
    write8(p, std::uint32_t(mid));
    write8(p + 8, std::uint32_t(rest - mid * k1e8));
    return p + 16;
}

char *writeInt(char *p, std::int64_t v)
{
    if (v < 0) {
        *p++ = '-';
        return writeDecimal(p, ~std::uint64_t(v) + 1);
    }
    return writeDecimal(p, std::uint64_t(v));
}

constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

// What std::to_chars(p, p + 32, value) writes (the shortest decimal that reads back as the value;
// fixed notation unless scientific is shorter), for a finite value, with a fast path for values
// that are decimals with at most 8 fraction digits (prices, readings rounded at the source):
// with the largest k <= 8 for which m = a * 10^k stays below 2^50, the doubles around a are closer
// than 10^-k / 4 to each other, so at most one k-digit decimal reads back as a. If m / 10^k does, it
// is that one, and without its trailing zeros it is the shortest (any shorter one, padded, would be
// another k-digit decimal). Everything else goes to std::to_chars.
char *writeDouble(char *p, double value)
{
    const double a = std::fabs(value);
    if (a > 0 && a < 0x1p50) {
        int k = 8;
        double scaled = a * kPow10[k];
        while (scaled >= 0x1p50) {
            --k;
            scaled = a * kPow10[k];
        }
        auto m = std::uint64_t(scaled + 0.5); // exact below 2^50
        const auto rounded = double(m);
        // a cheap necessary condition first, so that full-precision values skip the division
        if (std::fabs(scaled - rounded) <= scaled * 0x1p-50 && rounded / kPow10[k] == a) {
            // drop trailing zeros: 4, then 2, then 1 at a time
            while (k >= 4 && m % 10000 == 0) {
                m /= 10000;
                k -= 4;
            }
            if (k >= 2 && m % 100 == 0) {
                m /= 100;
                k -= 2;
            }
            if (k >= 1 && m % 10 == 0) {
                m /= 10;
                k -= 1;
            }
            char *q = p;
            if (value < 0)
                *q++ = '-';
            const int digits = decimalLength(m);
            if (k == 0) {
                int zeros = 0;
                for (std::uint64_t v = m; v % 10 == 0; v /= 10)
                    ++zeros;
                const int significant = digits - zeros;
                const int scientific = significant + (significant > 1 ? 1 : 0) + 4; // d[.ddd]e+XX, XX < 16
                if (digits <= scientific)
                    return writeDecimal(q, m);
            } else if (m >= kPowers10[k]) { // a >= 1: fixed is always the shorter
                const std::uint64_t unit = kPowers10[k];
                q = writeDecimal(q, m / unit);
                // the fraction with its leading zeros: the digits of (m % unit + unit) but the first
                char *end = writeDecimal(q, m % unit + unit);
                *q = '.';
                return end;
            } else if (2 + k <= digits + (digits > 1 ? 1 : 0) + 4) { // 0 < a < 1: "0.00ddd" unless "d.de-XX" is shorter
                *q++ = '0';
                *q++ = '.';
                for (int z = digits; z < k; ++z)
                    *q++ = '0';
                return writeDecimal(q, m);
            }
        }
    }
    return std::to_chars(p, p + 32, value).ptr;
}

} // namespace QInflux::detail
