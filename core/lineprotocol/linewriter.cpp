#include <QInflux/linewriter.h>

#include "numberformat_p.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

using detail::writeDecimal;
using detail::writeDouble;
using detail::writeInt;

namespace {

constexpr std::int64_t kMinTime = std::numeric_limits<std::int64_t>::min() + 2;
constexpr std::int64_t kMaxTime = std::numeric_limits<std::int64_t>::max() - 1;
constexpr qsizetype kMaxSeriesKey = 65535;

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

// Per byte: which parts escape it, and whether it is a newline or not ASCII.
enum ByteClass : std::uint8_t {
    kEscapedInMeasurement = 1, // , and space
    kEscapedInKeyOrTagValue = 2, // , space and =
    kEscapedInString = 4, // " and backslash
    kNewline = 8,
    kNonAscii = 16,
    kBackslash = 32, // names: some backslashes are refused (backslashBreaks)
};

constexpr auto kByteClasses = [] {
    std::array<std::uint8_t, 256> t{};
    t[','] = t[' '] = kEscapedInMeasurement | kEscapedInKeyOrTagValue;
    t['='] = kEscapedInKeyOrTagValue;
    t['"'] = kEscapedInString;
    t['\\'] = kEscapedInString | kBackslash;
    t['\n'] = kNewline;
    for (int c = 0x80; c < 0x100; ++c)
        t[size_t(c)] = kNonAscii;
    return t;
}();

// Copies s to p, a backslash before each byte whose class has `escape`; returns the end and ORs the
// classes seen into `seen`.
inline char *copyEscaped(char *p, std::string_view s, std::uint8_t escape, std::uint8_t &seen)
{
    std::uint8_t all = 0;
    for (char c : s) {
        const std::uint8_t k = kByteClasses[static_cast<unsigned char>(c)];
        all |= k;
        if (k & escape)
            *p++ = '\\';
        *p++ = c;
    }
    seen = all;
    return p;
}

// Encodes UTF-16 as UTF-8 at `p`, with a backslash before each ASCII byte whose class has `escape`;
// nullptr on an unpaired surrogate.
char *encodeUtf16(char *p, QStringView s, std::uint8_t escape)
{
    const char16_t *u = s.utf16();
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = u[i];
        if (c < 0x80) {
            if (kByteClasses[c] & escape)
                *p++ = '\\';
            *p++ = char(c);
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
    if (std::find(s.utf16(), s.utf16() + s.size(), u'\n') != s.utf16() + s.size())
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

LineWriter::~LineWriter()
{
    if (m_open)
        m_out.resize(m_lineStart);
}

// Large buffers are filled once from start to end: on Linux, ask for transparent huge pages, so
// that the kernel maps 2 MiB at a time instead of faulting in every 4 KiB page (first-touch faults
// are what a fresh 25 MB buffer costs most).
void LineWriter::adviseHugePages(const QByteArray &buffer)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr quintptr kHuge = 2 * 1024 * 1024;
    if (buffer.capacity() < 2 * qsizetype(kHuge))
        return;
    const auto begin = (quintptr(buffer.constData()) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (quintptr(buffer.constData()) + quintptr(buffer.capacity())) & ~(kHuge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(buffer);
#endif
}

void LineWriter::reserve(QByteArray &out, qsizetype bytes)
{
    out.reserve(bytes);
    adviseHugePages(out);
}

void LineWriter::open()
{
    if (m_open)
        m_out.resize(m_lineStart); // a line begun and abandoned
    m_lineStart = m_out.size();
    constexpr qsizetype kSlack = 512;
    if (m_out.capacity() - m_lineStart < kSlack || !m_out.isDetached()) {
        m_out.reserve(std::max(m_lineStart + kSlack, 2 * m_out.capacity()));
        adviseHugePages(m_out);
    }
    m_out.resize(m_out.capacity());
    m_base = m_out.data();
    m_cur = m_base + m_lineStart;
    m_end = m_base + m_out.size();
    m_open = true;
}

void LineWriter::grow(qsizetype bytes)
{
    if (!m_open) { // used without begin(): the line starts here
        open();
        if (m_end - m_cur >= bytes)
            return;
    }
    const qsizetype used = m_cur - m_base;
    m_out.resize(used);
    m_out.reserve(std::max(used + bytes + 512, 2 * m_out.capacity()));
    adviseHugePages(m_out);
    m_out.resize(m_out.capacity());
    m_base = m_out.data();
    m_cur = m_base + used;
    m_end = m_base + m_out.size();
}

void LineWriter::commit()
{
    if (m_open)
        m_out.resize(m_cur - m_base);
    m_open = false;
    m_base = m_cur = m_end = nullptr; // the next write goes through open()
}

bool LineWriter::fail(const char *reason, QStringView detail)
{
    m_error = reason;
    m_errorDetail = detail.toString();
    if (m_open)
        m_cur = m_base + m_lineStart;
    commit();
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
    char *p = room(qsizetype(2 * s.size()));
    for (char c : s) {
        if (needsEscape(part, c))
            *p++ = '\\';
        *p++ = c;
    }
    m_cur = p;
    return true;
}

bool LineWriter::appendName(Part part, QStringView s)
{
    char *p = encodeUtf16(room(3 * s.size()), s, part == Part::Measurement ? kEscapedInMeasurement : kEscapedInKeyOrTagValue);
    if (!p)
        return false;
    m_cur = p;
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
    put(',');
    appendName(Part::TagKey, key);
    put('=');
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
    put(',');
    if (!appendName(Part::TagKey, key))
        return fail("is not valid Unicode (unpaired surrogate)", key);
    put('=');
    if (!appendName(Part::TagValue, value))
        return fail("is not valid Unicode (unpaired surrogate)", value);
    return true;
}

bool LineWriter::beginField(std::string_view key)
{
    if (const char *why = checkName(Part::FieldKey, key))
        return fail(why, key);
    if (m_fields == 0)
        m_seriesKeyBytes = written() - m_lineStart;
    if (m_seriesKeyBytes + 4 + qsizetype(key.size()) > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", key);
    put(m_fields++ == 0 ? ' ' : ',');
    appendName(Part::FieldKey, key);
    put('=');
    return true;
}

bool LineWriter::beginField(QStringView key)
{
    if (const char *why = checkUtf16Name(Part::FieldKey, key))
        return fail(why, key);
    if (m_fields == 0)
        m_seriesKeyBytes = written() - m_lineStart;
    put(m_fields == 0 ? ' ' : ',');
    const qsizetype before = written();
    if (!appendName(Part::FieldKey, key))
        return fail("is not valid Unicode (unpaired surrogate)", key);
    if (m_seriesKeyBytes + 4 + (written() - before) > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", key);
    ++m_fields;
    put('=');
    return true;
}

bool LineWriter::appendFloat(double value)
{
    if (!std::isfinite(value))
        return false;
    m_cur = writeDouble(room(32), value);
    return true;
}

void LineWriter::appendInt(std::int64_t value)
{
    m_cur = writeInt(room(21), value);
}

void LineWriter::appendStringValue(std::string_view s)
{
    char *p = room(qsizetype(2 * s.size() + 2));
    *p++ = '"';
    for (char c : s) {
        if (c == '"' || c == '\\')
            *p++ = '\\';
        *p++ = c;
    }
    *p++ = '"';
    m_cur = p;
}

bool LineWriter::appendStringValue(QStringView s)
{
    char *p = room(3 * s.size() + 2);
    *p++ = '"';
    p = encodeUtf16(p, s, kEscapedInString);
    if (!p)
        return false;
    *p++ = '"';
    m_cur = p;
    return true;
}

// Every field: check the value before a byte is written, then the key, then the value.
const char *LineWriter::valueProblem(double value) const
{
    if (std::isfinite(value))
        return nullptr;
    return std::isnan(value) ? "is NaN, which the server rejects" : "is infinite, which the server rejects";
}

const char *LineWriter::valueProblem(std::uint64_t) const
{
    return m_allowUnsigned ? nullptr : "is an unsigned integer, which stock InfluxDB 1.x servers reject (enable unsigned explicitly)";
}

const char *LineWriter::valueProblem(std::string_view value) const
{
    return isAscii(value) || isValidUtf8(value) ? nullptr : "has a string value that is not valid UTF-8";
}

bool LineWriter::writeValue(double value)
{
    return appendFloat(value) || fail("cannot be formatted");
}

bool LineWriter::writeValue(std::int64_t value)
{
    appendInt(value);
    put('i');
    return true;
}

bool LineWriter::writeValue(std::uint64_t value)
{
    m_cur = writeDecimal(room(21), value);
    put('u');
    return true;
}

bool LineWriter::writeValue(bool value)
{
    raw(value ? std::string_view("true") : std::string_view("false"));
    return true;
}

bool LineWriter::writeValue(std::string_view value)
{
    appendStringValue(value);
    return true;
}

bool LineWriter::writeValue(QStringView value)
{
    return appendStringValue(value) || fail("has a string value that is not valid Unicode (unpaired surrogate)");
}

template<typename Key, typename Value>
bool LineWriter::keyedField(Key key, Value value)
{
    if (const char *why = valueProblem(value))
        return fail(why, key);
    return beginField(key) && writeValue(value);
}

bool LineWriter::field(std::string_view key, double value) { return keyedField(key, value); }
bool LineWriter::field(std::string_view key, std::int64_t value) { return keyedField(key, value); }
bool LineWriter::field(std::string_view key, std::uint64_t value) { return keyedField(key, value); }
bool LineWriter::field(std::string_view key, bool value) { return keyedField(key, value); }
bool LineWriter::field(std::string_view key, std::string_view value) { return keyedField(key, value); }
bool LineWriter::field(std::string_view key, QStringView value) { return keyedField(key, value); }
bool LineWriter::field(QStringView key, double value) { return keyedField(key, value); }
bool LineWriter::field(QStringView key, std::int64_t value) { return keyedField(key, value); }
bool LineWriter::field(QStringView key, std::uint64_t value) { return keyedField(key, value); }
bool LineWriter::field(QStringView key, bool value) { return keyedField(key, value); }
bool LineWriter::field(QStringView key, QStringView value) { return keyedField(key, value); }

bool LineWriter::tagValue(std::string_view prefix, std::string_view value)
{
    if (value.empty())
        return true;
    char *p = room(qsizetype(prefix.size() + 2 * value.size()));
    std::memcpy(p, prefix.data(), prefix.size());
    std::uint8_t seen = 0;
    p = copyEscaped(p + prefix.size(), value, kEscapedInKeyOrTagValue, seen);
    // checkName(TagValue) only when the copy saw what it refuses (newline, backslash, non-ASCII)
    if ((seen & (kNewline | kNonAscii | kBackslash)) || value.back() == '\\') [[unlikely]] {
        if (const char *why = checkName(Part::TagValue, value))
            return fail(why, value);
    }
    m_cur = p;
    return true;
}

bool LineWriter::tagValue(std::string_view prefix, QStringView value)
{
    if (value.isEmpty())
        return true;
    char *const start = room(qsizetype(prefix.size()) + 3 * value.size()) + prefix.size();
    std::memcpy(start - prefix.size(), prefix.data(), prefix.size());
    // ASCII without newline nor backslash, the usual case: one pass, checks included
    const char16_t *u = value.utf16();
    const qsizetype n = value.size();
    char *p = start;
    std::uint8_t seen = 0;
    qsizetype i = 0;
    for (; i < n && u[i] < 0x80; ++i) {
        const std::uint8_t k = kByteClasses[u[i]];
        seen |= k;
        if (k & kEscapedInKeyOrTagValue)
            *p++ = '\\';
        *p++ = char(u[i]);
    }
    if (i < n || (seen & (kNewline | kBackslash))) [[unlikely]] {
        if (const char *why = checkUtf16Name(Part::TagValue, value))
            return fail(why, value);
        p = encodeUtf16(start, value, kEscapedInKeyOrTagValue);
        if (!p)
            return fail("is not valid Unicode (unpaired surrogate)", value);
    }
    m_cur = p;
    return true;
}

bool LineWriter::beginFieldValue(std::string_view prefix)
{
    if (m_fields == 0) {
        m_seriesKeyBytes = written() - m_lineStart;
        // the longest key decides; checked against this one, the others are checked per field below
    }
    if (m_seriesKeyBytes + 4 + qsizetype(prefix.size()) - 1 > kMaxSeriesKey)
        return fail("makes the series key longer than the server's 65535 bytes", prefix);
    char *p = room(qsizetype(prefix.size()) + 1);
    *p++ = m_fields++ == 0 ? ' ' : ',';
    std::memcpy(p, prefix.data(), prefix.size());
    m_cur = p + prefix.size();
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, double value)
{
    if (const char *why = valueProblem(value))
        return fail(why, prefix.substr(0, prefix.size() - 1)); // the key, without '='
    return beginFieldValue(prefix) && writeValue(value);
}

bool LineWriter::fieldValue(std::string_view prefix, std::int64_t value)
{
    return beginFieldValue(prefix) && writeValue(value);
}

bool LineWriter::fieldValue(std::string_view prefix, bool value)
{
    return beginFieldValue(prefix) && writeValue(value);
}

bool LineWriter::fieldValue(std::string_view prefix, std::string_view value)
{
    if (!beginFieldValue(prefix))
        return false;
    char *p = room(qsizetype(2 * value.size() + 2));
    *p++ = '"';
    std::uint8_t seen = 0;
    p = copyEscaped(p, value, kEscapedInString, seen);
    *p++ = '"';
    if ((seen & kNonAscii) && !isValidUtf8(value)) [[unlikely]]
        return fail("has a string value that is not valid UTF-8", prefix.substr(0, prefix.size() - 1));
    m_cur = p;
    return true;
}

bool LineWriter::fieldValue(std::string_view prefix, QStringView value)
{
    return beginFieldValue(prefix) && writeValue(value);
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
    char *p = room(23);
    *p++ = ' ';
    p = writeInt(p, t);
    *p++ = '\n';
    m_cur = p;
    commit();
    return true;
}

bool LineWriter::end()
{
    if (m_fields == 0)
        return fail("the point has no field, which the server rejects");
    put('\n');
    commit();
    return true;
}

} // namespace QInflux
