#include "pointtext.h"

#include <bit>
#include <cmath>
#include <type_traits>
#include <variant>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

QString visible(QStringView s)
{
    QString out;
    out.reserve(s.size() + 8);
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        char32_t cp = c;
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode()))
            cp = QChar::surrogateToUcs4(c, s[++i].unicode());
        switch (cp) {
        case U'\\': out += u"\\\\"; break;
        case U'"': out += u"\\\""; break;
        case U'\t': out += u"\\t"; break;
        case U'\r': out += u"\\r"; break;
        case U'\n': out += u"\\n"; break;
        case 0: out += u"\\0"; break;
        default:
            if (cp >= 0x20 && cp < 0x7F)
                out += QChar(char16_t(cp));
            else
                out += u"\\u{" + QString::number(quint32(cp), 16).toUpper() + u'}';
        }
    }
    return out;
}

QString quoted(QStringView s) { return u'"' + visible(s) + u'"'; }

QString visibleServerText(QStringView s)
{
    QString out;
    for (char32_t cp : s.toUcs4()) {
        if (cp == U'\n')
            out += u"<LF>";
        else if (cp == U'\r')
            out += u"<CR>";
        else if (cp == U'\t')
            out += u"<TAB>";
        else if (cp >= 0x20 && cp < 0x7F)
            out += QChar(char16_t(cp));
        else
            out += u"<U+" + QString::number(quint32(cp), 16).toUpper() + u'>';
    }
    return out;
}

QString describeFloat(double v)
{
    const QString text = v == 0.0 && std::signbit(v) ? u"-0"_s : QString::number(v, 'g', 17); // Qt prints -0.0 as "0"
    return u"%1 (bits 0x%2)"_s.arg(text).arg(std::bit_cast<quint64>(v), 16, 16, QChar(u'0'));
}

QString describeValue(const FieldValue &value)
{
    return std::visit([](const auto &v) -> QString {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>)
            return u"float "_s + describeFloat(v);
        else if constexpr (std::is_same_v<V, std::int64_t>)
            return u"int "_s + QString::number(v);
        else if constexpr (std::is_same_v<V, std::uint64_t>)
            return u"uint "_s + QString::number(v);
        else if constexpr (std::is_same_v<V, bool>)
            return v ? u"bool true"_s : u"bool false"_s;
        else
            return u"string "_s + quoted(v);
    }, value);
}

QString describe(const Point &p)
{
    QString s = u"measurement "_s + quoted(p.measurement);
    for (const auto &[key, value] : p.tags)
        s += u", tag "_s + quoted(key) + u" = "_s + quoted(value);
    for (const auto &[key, value] : p.fields)
        s += u", field "_s + quoted(key) + u" = "_s + describeValue(value);
    s += p.time ? QString(u", time "_s + QString::number(*p.time)) : u", no time"_s;
    return s;
}

QString describeCell(const Column &c, qsizetype row)
{
    const auto r = size_t(row);
    if (c.isNull(row))
        return u"null"_s;
    switch (c.type()) {
    case ColumnType::Float: return u"float "_s + describeFloat(c.values<double>()[r]);
    case ColumnType::Int: return u"int "_s + QString::number(c.values<std::int64_t>()[r]);
    case ColumnType::UInt: return u"uint "_s + QString::number(c.values<std::uint64_t>()[r]);
    case ColumnType::Bool: return c.values<std::uint8_t>()[r] ? u"bool true"_s : u"bool false"_s;
    case ColumnType::String: return u"string "_s + quoted(c.values<QString>()[r]);
    }
    return {};
}

} // namespace QInflux::Test
