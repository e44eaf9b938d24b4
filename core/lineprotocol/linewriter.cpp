#include "linewriter.h"

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min() + 2;
constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max() - 1;
constexpr qsizetype kMaxSeriesKey = 65535;

// Makes room for `extra` more bytes and returns where they start; shrink back with finish().
inline char *grow(QByteArray &out, qsizetype extra)
{
    const qsizetype size = out.size();
    if (out.capacity() < size + extra)
        out.reserve(std::max(size + extra, 2 * out.capacity()));
    out.resize(size + extra);
    return out.data() + size;
}

inline void finish(QByteArray &out, const char *end)
{
    out.resize(end - out.constData());
}

inline bool needsEscape(LineWriter::Part part, char c)
{
    return c == ',' || c == ' ' || (c == '=' && part != LineWriter::Part::Measurement);
}

// Valid UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool isValidUtf8(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= n)
            return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF
            || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

inline bool isAscii(std::string_view s)
{
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

// Encodes UTF-16 as UTF-8 at `p`, escaping per `escape`; nullptr on an unpaired surrogate.
template<typename Escape>
char *encodeUtf16(char *p, QStringView s, Escape escape)
{
    const char16_t *u = s.utf16();
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i];
        if (c < 0x80) {
            const char ch = char(c);
            if (escape(ch))
                *p++ = '\\';
            *p++ = ch;
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            if (c > 0xDBFF || i + 1 >= n || u[i + 1] < 0xDC00 || u[i + 1] > 0xDFFF)
                return nullptr;
            const std::uint32_t cp = 0x10000 + ((std::uint32_t(c) - 0xD800) << 10) + (std::uint32_t(u[i + 1]) - 0xDC00);
            ++i;
            *p++ = char(0xF0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3F));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
        } else {
            *p++ = char(0xE0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
        }
    }
    return p;
}

// A backslash right before one of these is read as an escape by influxd 1.x, whatever we do: in a
// measurement or field key `a\"b` is stored as `a"b` and `a\ b` loses the point; in tags a
// backslash before a space can make the server read the rest of the batch as one quoted string
// (checked against influxd 1.6.7 by roundtriptest).
bool backslashBreaks(LineWriter::Part part, char next)
{
    using Part = LineWriter::Part;
    if (part == Part::Measurement || part == Part::FieldKey)
        return next == ',' || next == '=' || next == ' ' || next == '"';
    return next == ' ';
}

const char *backslashReason(LineWriter::Part part)
{
    using Part = LineWriter::Part;
    return part == Part::Measurement || part == Part::FieldKey
        ? "has a backslash before ',', '=', ' ' or '\"', which the server reads as an escape (the name would change)"
        : "has a backslash before a space, which the server reads as an escape (the line would break)";
}

const char *checkUtf16Name(LineWriter::Part part, QStringView s)
{
    using Part = LineWriter::Part;
    if (s.isEmpty())
        return "is empty";
    if (s.contains(u'\n'))
        return "contains a newline, which line protocol cannot carry in a name";
    if (s.back() == u'\\')
        return "ends with a backslash, which line protocol cannot carry";
    if (part == Part::Measurement && s.front() == u'#')
        return "starts with '#', which would make the line a comment";
    if ((part == Part::Measurement || part == Part::FieldKey) && (s.front() == u'\t' || s.front() == u'\0'))
        return "starts with a tab or NUL, which the server would strip";
    if ((part == Part::TagKey || part == Part::FieldKey) && s == u"time")
        return "is \"time\", which the server drops";
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == u'\\' && backslashBreaks(part, char(s[i + 1].unicode() < 0x80 ? s[i + 1].unicode() : 0)))
            return backslashReason(part);
    }
    return nullptr;
}

} // namespace

const char *LineWriter::checkName(Part part, std::string_view s)
{
    if (s.empty())
        return "is empty";
    if (s.find('\n') != std::string_view::npos)
        return "contains a newline, which line protocol cannot carry in a name";
    if (s.back() == '\\')
        return "ends with a backslash, which line protocol cannot carry";
    if (part == Part::Measurement && s.front() == '#')
        return "starts with '#', which would make the line a comment";
    if ((part == Part::Measurement || part == Part::FieldKey) && (s.front() == '\t' || s.front() == '\0'))
        return "starts with a tab or NUL, which the server would strip";
    if ((part == Part::TagKey || part == Part::FieldKey) && s == "time")
        return "is \"time\", which the server drops";
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == '\\' && backslashBreaks(part, s[i + 1]))
            return backslashReason(part);
    }
    if (!isAscii(s) && !isValidUtf8(s))
        return "is not valid UTF-8";
    return nullptr;
}

bool LineWriter::fail(const char *reason, QStringView detail)
{
    m_error = reason;
    m_errorDetail = detail.toString();
    m_out.resize(m_lineStart);
    return false;
}

bool LineWriter::fail(const char *reason, std::string_view detail)
{
    return fail(reason, QString::fromUtf8(detail.data(), qsizetype(detail.size())));
}

QString LineWriter::error() const
{
    if (!m_error)
        return {};
    if (m_errorDetail.isEmpty())
        return QString::fromLatin1(m_error);
    QString shown = m_errorDetail;
    if (shown.size() > 60)
        shown = shown.left(57) + u"..."_s;
    shown.replace(u'\n', u"\\n"_s);
    return u"\"%1\" %2"_s.arg(shown, QString::fromLatin1(m_error));
}

bool LineWriter::appendName(Part part, std::string_view s)
{
    char *p = grow(m_out, qsizetype(2 * s.size()));
    for (char c : s) {
        if (needsEscape(part, c))
            *p++ = '\\';
        *p++ = c;
    }
    finish(m_out, p);
    return true;
}

bool LineWriter::appendName(Part part, QStringView s)
{
    char *start = grow(m_out, 3 * s.size());
    char *p = encodeUtf16(start, s, [part](char c) { return needsEscape(part, c); });
    if (!p) {
        finish(m_out, start);
        return false;
    }
    finish(m_out, p);
    return true;
}

bool LineWriter::measurement(std::string_view name)
{
    if (const char *why = checkName(Part::Measurement, name))
        return fail(why, name);
    appendName(Part::Measurement, name);
    return true;
}

bool LineWriter::measurement(QStringView name)
{
    if (const char *why = checkUtf16Name(Part::Measurement, name))
        return fail(why, name);
    if (!appendName(Part::Measurement, name))
        return fail("is not valid Unicode (unpaired surrogate)", name);
    return true;
}

bool LineWriter::tag(std::string_view key, std::string_view value)
{
    if (value.empty())
        return true;
    if (const char *why = checkName(Part::TagKey, key))
        return fail(why, key);
    if (const char *why = checkName(Part::TagValue, value))
        return fail(why, value);
    m_out += ',';
    appendName(Part::TagKey, key);
    m_out += '=';
    appendName(Part::TagValue, value);
    return true;
}

bool LineWriter::tag(QStringView key, QStringView value)
{
    if (value.isEmpty())
        return true;
    if (const char *why = checkUtf16Name(Part::TagKey, key))
        return fail(why, key);
    if (const char *why = checkUtf16Name(Part::TagValue, value))
        return fail(why, value);
    m_out += ',';
    if (!appendName(Part::TagKey, key))
        return fail("is not valid Unicode (unpaired surrogate)", key);
    m_out += '=';
    if (!appendName(Part::TagValue, value))
        return fail("is not valid Unicode (unpaired surrogate)", value);
    return true;
}

bool LineWriter::beginField(std::string_view key)
{
    if (const char *why = checkName(Part::FieldKey, key))
        return fail(why, key);
    if (m_fields == 0)
        m_seriesKeyBytes = m_out.size() - m_lineStart;
    if (m_seriesKeyBytes + 4 + qsizetype(key.size()) > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", key);
    m_out += m_fields++ == 0 ? ' ' : ',';
    appendName(Part::FieldKey, key);
    m_out += '=';
    return true;
}

bool LineWriter::beginField(QStringView key)
{
    if (const char *why = checkUtf16Name(Part::FieldKey, key))
        return fail(why, key);
    if (m_fields == 0)
        m_seriesKeyBytes = m_out.size() - m_lineStart;
    m_out += m_fields == 0 ? ' ' : ',';
    const qsizetype before = m_out.size();
    if (!appendName(Part::FieldKey, key))
        return fail("is not valid Unicode (unpaired surrogate)", key);
    if (m_seriesKeyBytes + 4 + (m_out.size() - before) > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", key);
    ++m_fields;
    m_out += '=';
    return true;
}

bool LineWriter::appendFloat(double value)
{
    char *p = grow(m_out, 32);
    const auto [end, ec] = std::to_chars(p, p + 32, value);
    if (ec != std::errc() || !std::isfinite(value)) {
        finish(m_out, p);
        return false;
    }
    finish(m_out, end);
    return true;
}

void LineWriter::appendInt(std::int64_t value)
{
    char *p = grow(m_out, 24);
    finish(m_out, std::to_chars(p, p + 24, value).ptr);
}

void LineWriter::appendStringValue(std::string_view s)
{
    char *p = grow(m_out, qsizetype(2 * s.size() + 2));
    *p++ = '"';
    for (char c : s) {
        if (c == '"' || c == '\\')
            *p++ = '\\';
        *p++ = c;
    }
    *p++ = '"';
    finish(m_out, p);
}

bool LineWriter::appendStringValue(QStringView s)
{
    char *start = grow(m_out, 3 * s.size() + 2);
    char *p = start;
    *p++ = '"';
    p = encodeUtf16(p, s, [](char c) { return c == '"' || c == '\\'; });
    if (!p) {
        finish(m_out, start);
        return false;
    }
    *p++ = '"';
    finish(m_out, p);
    return true;
}

bool LineWriter::field(std::string_view key, double value)
{
    if (!std::isfinite(value))
        return fail(std::isnan(value) ? "is NaN, which the server rejects" : "is infinite, which the server rejects", key);
    if (!beginField(key))
        return false;
    return appendFloat(value) || fail("cannot be formatted", key);
}

bool LineWriter::field(std::string_view key, std::int64_t value)
{
    if (!beginField(key))
        return false;
    appendInt(value);
    m_out += 'i';
    return true;
}

bool LineWriter::field(std::string_view key, std::uint64_t value)
{
    if (!m_allowUnsigned)
        return fail("is an unsigned integer, which stock InfluxDB 1.x servers reject (enable unsigned explicitly)", key);
    if (!beginField(key))
        return false;
    char *p = grow(m_out, 24);
    finish(m_out, std::to_chars(p, p + 24, value).ptr);
    m_out += 'u';
    return true;
}

bool LineWriter::field(std::string_view key, bool value)
{
    if (!beginField(key))
        return false;
    m_out += value ? "true" : "false";
    return true;
}

bool LineWriter::field(std::string_view key, std::string_view value)
{
    if (!isAscii(value) && !isValidUtf8(value))
        return fail("has a string value that is not valid UTF-8", key);
    if (!beginField(key))
        return false;
    appendStringValue(value);
    return true;
}

bool LineWriter::field(std::string_view key, QStringView value)
{
    if (!beginField(key))
        return false;
    return appendStringValue(value) || fail("has a string value that is not valid Unicode (unpaired surrogate)", key);
}

bool LineWriter::field(QStringView key, double value)
{
    if (!std::isfinite(value))
        return fail(std::isnan(value) ? "is NaN, which the server rejects" : "is infinite, which the server rejects", key);
    if (!beginField(key))
        return false;
    return appendFloat(value) || fail("cannot be formatted", key);
}

bool LineWriter::field(QStringView key, std::int64_t value)
{
    if (!beginField(key))
        return false;
    appendInt(value);
    m_out += 'i';
    return true;
}

bool LineWriter::field(QStringView key, std::uint64_t value)
{
    if (!m_allowUnsigned)
        return fail("is an unsigned integer, which stock InfluxDB 1.x servers reject (enable unsigned explicitly)", key);
    if (!beginField(key))
        return false;
    char *p = grow(m_out, 24);
    finish(m_out, std::to_chars(p, p + 24, value).ptr);
    m_out += 'u';
    return true;
}

bool LineWriter::field(QStringView key, bool value)
{
    if (!beginField(key))
        return false;
    m_out += value ? "true" : "false";
    return true;
}

bool LineWriter::field(QStringView key, QStringView value)
{
    if (!beginField(key))
        return false;
    return appendStringValue(value) || fail("has a string value that is not valid Unicode (unpaired surrogate)", key);
}

bool LineWriter::tagValue(std::string_view prefix, std::string_view value)
{
    if (value.empty())
        return true;
    if (const char *why = checkName(Part::TagValue, value))
        return fail(why, value);
    raw(prefix);
    appendName(Part::TagValue, value);
    return true;
}

bool LineWriter::tagValue(std::string_view prefix, QStringView value)
{
    if (value.isEmpty())
        return true;
    if (const char *why = checkUtf16Name(Part::TagValue, value))
        return fail(why, value);
    raw(prefix);
    if (!appendName(Part::TagValue, value))
        return fail("is not valid Unicode (unpaired surrogate)", value);
    return true;
}

bool LineWriter::beginFieldValue(std::string_view prefix)
{
    if (m_fields == 0) {
        m_seriesKeyBytes = m_out.size() - m_lineStart;
        // the longest key decides; checked against this one, the others are checked per field below
    }
    if (m_seriesKeyBytes + 4 + qsizetype(prefix.size()) - 1 > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", prefix);
    m_out += m_fields++ == 0 ? ' ' : ',';
    raw(prefix);
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, double value)
{
    if (!std::isfinite(value))
        return fail(std::isnan(value) ? "is NaN, which the server rejects" : "is infinite, which the server rejects",
                    prefix.substr(0, prefix.size() - 1));
    if (!beginFieldValue(prefix))
        return false;
    return appendFloat(value) || fail("cannot be formatted", prefix);
}

bool LineWriter::fieldValue(std::string_view prefix, std::int64_t value)
{
    if (!beginFieldValue(prefix))
        return false;
    appendInt(value);
    m_out += 'i';
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, bool value)
{
    if (!beginFieldValue(prefix))
        return false;
    m_out += value ? "true" : "false";
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, std::string_view value)
{
    if (!isAscii(value) && !isValidUtf8(value))
        return fail("has a string value that is not valid UTF-8", prefix.substr(0, prefix.size() - 1));
    if (!beginFieldValue(prefix))
        return false;
    appendStringValue(value);
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, QStringView value)
{
    if (!beginFieldValue(prefix))
        return false;
    return appendStringValue(value) || fail("has a string value that is not valid Unicode (unpaired surrogate)", prefix);
}

bool LineWriter::end(std::int64_t timeNs)
{
    if (m_fields == 0)
        return fail("the point has no field, which the server rejects");
    if (timeNs < kMinTime || timeNs > kMaxTime)
        return fail("the time is outside the range the server accepts");
    std::int64_t t = timeNs;
    if (m_precision != TimeUnit::Nanoseconds) {
        const std::int64_t unit = nanosecondsPer(m_precision);
        if (t % unit != 0)
            return fail("the time is not a whole number of the write precision; writing it would change it");
        t /= unit;
    }
    m_out += ' ';
    appendInt(t);
    m_out += '\n';
    return true;
}

bool LineWriter::end()
{
    if (m_fields == 0)
        return fail("the point has no field, which the server rejects");
    m_out += '\n';
    return true;
}

} // namespace QInflux
