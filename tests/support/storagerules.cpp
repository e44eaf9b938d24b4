#include "storagerules.h"

#include <QByteArray>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <variant>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace {

unsigned nameRules(Part part, QStringView s)
{
    if (s.isEmpty())
        return part == Part::Measurement ? NoMeasurement : EmptyName;
    unsigned rules = 0;
    if (s.contains(u'\n'))
        rules |= Newline;
    if (s.back() == u'\\')
        rules |= TrailingBackslash;
    if (part == Part::Measurement && s.front() == u'#')
        rules |= CommentMeasurement;
    if ((part == Part::Measurement || part == Part::FieldKey) && (s.front() == u'\t' || s.front() == QChar(0)))
        rules |= LeadingTabOrNul;
    if ((part == Part::TagKey || part == Part::FieldKey) && s == u"time")
        rules |= KeyTime;
    if (hasUnpairedSurrogate(s))
        rules |= NotUnicode;
    if ((part == Part::Measurement || part == Part::FieldKey) && backslashBefore(s, u", =\""))
        rules |= BackslashBeforeSyntax;
    if ((part == Part::TagKey || part == Part::TagValue) && backslashBefore(s, u" "))
        rules |= BackslashBeforeSpaceInTag;
    return rules;
}

// Bytes of a name escaped for line protocol (measurement: comma and space; others also '=').
qsizetype escapedSize(const QString &s, bool measurement)
{
    const QByteArray utf8 = s.toUtf8();
    qsizetype n = utf8.size();
    for (char c : utf8)
        n += c == ',' || c == ' ' || (c == '=' && !measurement) ? 1 : 0;
    return n;
}

} // namespace

QString partName(Part part)
{
    switch (part) {
    case Part::Measurement: return u"measurement"_s;
    case Part::TagKey: return u"tag key"_s;
    case Part::TagValue: return u"tag value"_s;
    case Part::FieldKey: return u"field key"_s;
    case Part::StringValue: return u"string value"_s;
    }
    return {};
}

const QList<StorageRuleInfo> &storageRules()
{
    static const QList<StorageRuleInfo> info{
        {NoMeasurement, "empty measurement", {u"no measurement"_s}},
        {EmptyName, "empty tag key or field key", {u"is empty"_s}},
        {Newline, "LF in a name", {u"newline"_s}},
        {TrailingBackslash, "name ending in a backslash", {u"ends with a backslash"_s}},
        {CommentMeasurement, "measurement starting with #", {u"starts with '#'"_s}},
        {LeadingTabOrNul, "measurement or field key starting with TAB/NUL", {u"tab or NUL"_s}},
        {KeyTime, "tag or field key \"time\"", {u"is \"time\""_s}},
        {NotUnicode, "unpaired surrogate (no UTF-8 form; not a facts-file rule)", {u"surrogate"_s}},
        {NonFinite, "NaN or infinite float", {u"NaN"_s, u"infinite"_s}},
        {Unsigned, "uint64 field (stock 1.x rejects u)", {u"unsigned"_s}},
        {TimeRange, "time outside the server's range", {u"outside the range"_s}},
        {NoField, "no field", {u"no field"_s}},
        {DuplicateTag, "duplicate tag key", {u"appears twice"_s}},
        {SeriesKeyTooLong, "series key over 65535 bytes", {u"65535"_s}},
        {BackslashBeforeSyntax, "proposed: backslash before , = space or \" in a measurement or field key", {u"backslash"_s}},
        {BackslashBeforeSpaceInTag, "proposed: backslash before a space in a tag key or value", {u"backslash"_s}},
    };
    return info;
}

bool hasUnpairedSurrogate(QStringView s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
            ++i;
        else if (s[i].isSurrogate())
            return true;
    }
    return false;
}

bool backslashBefore(QStringView s, QStringView followers)
{
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == u'\\' && followers.contains(s[i + 1]))
            return true;
    }
    return false;
}

qsizetype longestSeriesKey(const Point &p)
{
    qsizetype key = escapedSize(p.measurement, true);
    for (const auto &[k, v] : p.tags)
        key += v.isEmpty() ? 0 : 2 + escapedSize(k, false) + escapedSize(v, false);
    qsizetype longest = 0;
    for (const auto &field : p.fields)
        longest = std::max(longest, key + 4 + escapedSize(field.first, false));
    return longest;
}

unsigned expectedRefusals(const Point &p)
{
    unsigned rules = nameRules(Part::Measurement, p.measurement);
    QSet<QString> tagKeys;
    for (const auto &[key, value] : p.tags) {
        if (value.isEmpty())
            continue; // the tag is skipped (facts file): nothing of it is sent
        rules |= nameRules(Part::TagKey, key) | nameRules(Part::TagValue, value);
        if (tagKeys.contains(key))
            rules |= DuplicateTag;
        tagKeys.insert(key);
    }
    if (p.fields.isEmpty())
        rules |= NoField;
    for (const auto &[key, value] : p.fields) {
        rules |= nameRules(Part::FieldKey, key);
        if (const double *d = std::get_if<double>(&value); d && !std::isfinite(*d))
            rules |= NonFinite;
        if (std::holds_alternative<std::uint64_t>(value))
            rules |= Unsigned;
        if (const QString *s = std::get_if<QString>(&value); s && hasUnpairedSurrogate(*s))
            rules |= NotUnicode;
    }
    if (p.time && (*p.time < kMinTime || *p.time > kMaxTime))
        rules |= TimeRange;
    if (longestSeriesKey(p) > 65535)
        rules |= SeriesKeyTooLong;
    return rules;
}

QString ruleNames(unsigned rules)
{
    QStringList names;
    for (const StorageRuleInfo &info : storageRules()) {
        if (rules & info.rule)
            names << QString::fromLatin1(info.name);
    }
    return names.join(u", "_s);
}

} // namespace QInflux::Test
