#include <QInflux/csvtype.h>

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <string>

using namespace Qt::StringLiterals;

namespace QInflux {

QString csvTypeName(CsvType type)
{
    switch (type) {
    case CsvType::Auto: return u"auto"_s;
    case CsvType::Int: return u"int"_s;
    case CsvType::Float: return u"float"_s;
    case CsvType::Bool: return u"bool"_s;
    case CsvType::String: return u"string"_s;
    case CsvType::Time: return u"time"_s;
    }
    return {};
}

bool parseCsvType(QStringView text, CsvType *type)
{
    const QString t = text.trimmed().toString().toLower();
    if (t == "auto"_L1)
        *type = CsvType::Auto;
    else if (t == "int"_L1 || t == "integer"_L1 || t == "int64"_L1)
        *type = CsvType::Int;
    else if (t == "float"_L1 || t == "double"_L1 || t == "float64"_L1)
        *type = CsvType::Float;
    else if (t == "bool"_L1 || t == "boolean"_L1)
        *type = CsvType::Bool;
    else if (t == "string"_L1 || t == "str"_L1 || t == "text"_L1)
        *type = CsvType::String;
    else if (t == "time"_L1)
        *type = CsvType::Time;
    else
        return false;
    return true;
}

namespace CsvValue {

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool parseInt(std::string_view text, std::int64_t *value)
{
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty() || text.front() == '+')
        return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
    return ec == std::errc() && end == text.data() + text.size();
}

bool hasLeadingZero(std::string_view text)
{
    text = trimmed(text);
    if (!text.empty() && (text.front() == '-' || text.front() == '+'))
        text.remove_prefix(1);
    return text.size() > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9';
}

bool parseFloat(std::string_view text, bool decimalComma, double *value)
{
    text = trimmed(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty() || text.front() == '+')
        return false;
    // fast_float takes "nan" and "inf": InfluxDB cannot store them, so they are not floats here.
    const char first = text.front() == '-' && text.size() > 1 ? text[1] : text.front();
    if (!((first >= '0' && first <= '9') || first == '.' || first == ','))
        return false;
    const fast_float::parse_options options(fast_float::chars_format::general, decimalComma ? ',' : '.');
    const auto [end, ec] = fast_float::from_chars_advanced(text.data(), text.data() + text.size(), *value, options);
    return ec == std::errc() && end == text.data() + text.size() && std::isfinite(*value);
}

bool parseBool(std::string_view text, bool *value)
{
    text = trimmed(text);
    auto is = [text](std::string_view word) {
        if (text.size() != word.size())
            return false;
        for (size_t i = 0; i < word.size(); ++i) {
            const char c = text[i] >= 'A' && text[i] <= 'Z' ? char(text[i] + 32) : text[i];
            if (c != word[i])
                return false;
        }
        return true;
    };
    if (is("true") || is("t")) {
        *value = true;
        return true;
    }
    if (is("false") || is("f")) {
        *value = false;
        return true;
    }
    return false;
}

} // namespace CsvValue
} // namespace QInflux
