#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QStringView>

#include <cstdint>
#include <string_view>

namespace QInflux {

/// What a CSV column holds. The rules (CsvValue) are strict so that nothing is converted quietly:
/// - Int: an optional sign and decimal digits that fit int64, without leading zeros ("007" is a
///   String, so are integers beyond int64: give the column the type float explicitly to store them
///   as floats, knowing they lose digits).
/// - Float: decimal or scientific notation (with --decimal-comma, "1,5" instead of "1.5"); NaN and
///   infinities are refused because InfluxDB cannot store them.
/// - Bool: true/false and t/f in any case (the spellings InfluxDB itself accepts); 0/1 are Ints,
///   yes/no are Strings.
/// - Time: see CsvTimeParser.
/// An empty field is a null in every type (the field is left out of that point).
enum class CsvType { Auto, Int, Float, Bool, String, Time };

QINFLUX_CORE_EXPORT QString csvTypeName(CsvType type);
/// "int"/"integer", "float"/"double", "bool"/"boolean", "string"/"str", "time", "auto"; false when unknown.
QINFLUX_CORE_EXPORT bool parseCsvType(QStringView text, CsvType *type);

/// The value parsers behind CsvType (spaces around numbers, booleans and times are ignored).
namespace CsvValue {

QINFLUX_CORE_EXPORT std::string_view trimmed(std::string_view text);
QINFLUX_CORE_EXPORT bool parseInt(std::string_view text, std::int64_t *value);
/// Plain digits with a leading zero ("007"): an identifier, not a number.
QINFLUX_CORE_EXPORT bool hasLeadingZero(std::string_view text);
QINFLUX_CORE_EXPORT bool parseFloat(std::string_view text, bool decimalComma, double *value);
QINFLUX_CORE_EXPORT bool parseBool(std::string_view text, bool *value);

} // namespace CsvValue
} // namespace QInflux
