#pragma once

#include <cstdint>

namespace QInflux::detail {

/// Decimal digits of `value` at `p` (at most 20 bytes); returns the end.
char *writeDecimal(char *p, std::uint64_t value);
/// The same for a signed value (at most 20 bytes).
char *writeInt(char *p, std::int64_t value);
/// Exactly what std::to_chars(p, p + 32, value) writes for a finite value (the shortest decimal that
/// reads back as `value`), with a fast path for short decimals; at most 32 bytes.
char *writeDouble(char *p, double value);

} // namespace QInflux::detail
