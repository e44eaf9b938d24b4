#include "csvtimeparser_p.h"

#include <QInflux/csvtype.h>

#include <QDateTime>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr std::int64_t kMaxNs = 9'223'372'036'854'775'806; // the server's valid range

struct Civil
{
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::int64_t fraction = 0; // ns
    bool hasOffset = false;
    int offsetSeconds = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

bool validCivil(const Civil &c, QString *why)
{
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > daysInMonth(c.year, c.month)) {
        *why = u"no such date"_s;
        return false;
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 59) {
        *why = u"no such time of day"_s;
        return false;
    }
    return true;
}

// Local seconds (the civil time read as UTC).
std::int64_t civilSeconds(const Civil &c)
{
    return daysFromCivil(c.year, unsigned(c.month), unsigned(c.day)) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
}

// a * b + c without overflow, within the server's range.
bool mulAdd(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t *out)
{
    std::int64_t product = 0;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(product, c, out) && *out <= kMaxNs && *out >= -kMaxNs;
}

bool toNs(std::int64_t seconds, std::int64_t fraction, std::int64_t *ns, QString *why)
{
    if (!mulAdd(seconds, 1'000'000'000, fraction, ns)) {
        *why = u"outside the range InfluxDB can store (1677-09-21 to 2262-04-11)"_s;
        return false;
    }
    return true;
}

// Reads 1..maxDigits digits (exactly `minDigits` at least) at `p`.
bool digits(std::string_view s, size_t &p, int minDigits, int maxDigits, int *value)
{
    int v = 0, n = 0;
    while (p < s.size() && n < maxDigits && s[p] >= '0' && s[p] <= '9') {
        v = v * 10 + (s[p] - '0');
        ++p;
        ++n;
    }
    *value = v;
    return n >= minDigits;
}

// ".123456789" or ",123": the fraction in ns; false for more than 9 digits.
bool fractionDigits(std::string_view s, size_t &p, std::int64_t *fraction, QString *why)
{
    std::int64_t f = 0;
    int n = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
        if (n == 9) {
            *why = u"more than 9 fractional digits (nanoseconds are the limit; nothing is rounded)"_s;
            return false;
        }
        f = f * 10 + (s[p] - '0');
        ++p;
        ++n;
    }
    if (n == 0) {
        *why = u"no digits after the decimal point"_s;
        return false;
    }
    for (int i = n; i < 9; ++i)
        f *= 10;
    *fraction = f;
    return true;
}

// "Z", "+02:00", "+0200", "+02" (also after one space).
bool offset(std::string_view s, size_t &p, Civil &c)
{
    if (p < s.size() && s[p] == ' ' && p + 1 < s.size() && (s[p + 1] == '+' || s[p + 1] == '-' || s[p + 1] == 'Z'))
        ++p;
    if (p < s.size() && (s[p] == 'Z' || s[p] == 'z')) {
        ++p;
        c.hasOffset = true;
        c.offsetSeconds = 0;
        return true;
    }
    if (p >= s.size() || (s[p] != '+' && s[p] != '-'))
        return false;
    const int sign = s[p] == '-' ? -1 : 1;
    ++p;
    int h = 0, m = 0;
    if (!digits(s, p, 2, 2, &h))
        return false;
    if (p < s.size() && s[p] == ':')
        ++p;
    if (p < s.size() && s[p] >= '0' && s[p] <= '9' && !digits(s, p, 2, 2, &m))
        return false;
    if (h > 23 || m > 59)
        return false;
    c.hasOffset = true;
    c.offsetSeconds = sign * (h * 3600 + m * 60);
    return true;
}

bool isoCivil(std::string_view s, Civil &c, QString *why)
{
    size_t p = 0;
    const auto fail = [&] {
        *why = u"not an ISO 8601 time (like 2024-03-01T12:30:00Z)"_s;
        return false;
    };
    if (!digits(s, p, 4, 4, &c.year) || p >= s.size() || s[p++] != '-' || !digits(s, p, 2, 2, &c.month) || p >= s.size()
        || s[p++] != '-' || !digits(s, p, 2, 2, &c.day))
        return fail();
    if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
        ++p;
        if (!digits(s, p, 2, 2, &c.hour) || p >= s.size() || s[p++] != ':' || !digits(s, p, 2, 2, &c.minute))
            return fail();
        if (p < s.size() && s[p] == ':') {
            ++p;
            if (!digits(s, p, 2, 2, &c.second))
                return fail();
            if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
                ++p;
                if (!fractionDigits(s, p, &c.fraction, why))
                    return false;
            }
        }
        if (p < s.size() && !offset(s, p, c))
            return fail();
    }
    if (p != s.size())
        return fail();
    return validCivil(c, why);
}

} // namespace

std::optional<CsvTimeParser> CsvTimeParser::create(const QString &format, const QString &timeZone, QString *error)
{
    CsvTimeParser parser;
    const QString f = format.trimmed();
    parser.m_format = f;
    if (f.isEmpty() || f == "auto"_L1)
        parser.m_kind = Kind::Auto;
    else if (f == "iso"_L1 || f == "rfc3339"_L1 || f == "iso8601"_L1)
        parser.m_kind = Kind::Iso;
    else if (f == "s"_L1 || f == "epoch"_L1)
        parser.m_kind = Kind::EpochSeconds;
    else if (f == "ms"_L1)
        parser.m_kind = Kind::EpochMilliseconds;
    else if (f == "us"_L1 || f == "u"_L1)
        parser.m_kind = Kind::EpochMicroseconds;
    else if (f == "ns"_L1 || f == "n"_L1)
        parser.m_kind = Kind::EpochNanoseconds;
    else if (f.contains(u'%')) {
        parser.m_kind = Kind::Pattern;
        parser.m_pattern = f.toStdString();
        static const QString known = u"YymdeHIpMSfzbBjsFT%"_s;
        for (qsizetype i = 0; i < f.size(); ++i) {
            if (f[i] != u'%')
                continue;
            if (i + 1 >= f.size() || !known.contains(f[i + 1])) {
                *error = u"time format \"%1\": unknown directive at position %2 (known: %Y %y %m %d %e %H %I %p %M %S %f %z %b %B %j %s %F %T %%)"_s
                             .arg(f)
                             .arg(i + 1);
                return std::nullopt;
            }
            ++i;
        }
    } else {
        *error = u"unknown time format \"%1\": use auto, iso, s, ms, us, ns or a pattern such as %Y-%m-%d %H:%M:%S"_s.arg(f);
        return std::nullopt;
    }
    const QString zone = timeZone.trimmed();
    if (!zone.isEmpty() && zone != "UTC"_L1 && zone != "utc"_L1 && zone != "Z"_L1) {
        QTimeZone tz(zone.toUtf8());
        if (!tz.isValid()) {
            *error = u"unknown time zone \"%1\": use an IANA name such as Europe/Berlin, or UTC"_s.arg(zone);
            return std::nullopt;
        }
        parser.m_zone = tz;
        parser.m_utc = false;
    }
    return parser;
}

bool CsvTimeParser::looksLikeIso(std::string_view text)
{
    Civil c;
    QString why;
    return isoCivil(CsvValue::trimmed(text), c, &why);
}

bool CsvTimeParser::detect(const std::vector<std::string> &samples, QString *error)
{
    if (m_kind != Kind::Auto)
        return true;
    if (samples.empty()) {
        m_kind = Kind::Iso;
        return true;
    }
    // The kind most sampled values fit; the values that fit neither are rejected row by row later.
    double largest = 0;
    qsizetype isoCount = 0, numberCount = 0;
    for (const std::string &s : samples) {
        double v = 0;
        if (looksLikeIso(s)) {
            ++isoCount;
        } else if (CsvValue::parseFloat(s, false, &v) && s.find_first_of("eE") == std::string::npos) {
            ++numberCount;
            largest = std::max(largest, std::abs(v));
        }
    }
    if (isoCount == 0 && numberCount == 0) {
        *error = u"\"%1\" is neither an ISO 8601 time nor an epoch number; give the format (--time-format)"_s.arg(
            QString::fromStdString(samples.front()));
        return false;
    }
    if (isoCount >= numberCount) {
        m_kind = Kind::Iso;
        return true;
    }
    m_kind = largest < 1e11 ? Kind::EpochSeconds : largest < 1e14 ? Kind::EpochMilliseconds : largest < 1e17 ? Kind::EpochMicroseconds
                                                                                                               : Kind::EpochNanoseconds;
    return true;
}

QString CsvTimeParser::describe() const
{
    QString text;
    switch (m_kind) {
    case Kind::Auto: text = u"auto"_s; break;
    case Kind::Iso: text = u"ISO 8601"_s; break;
    case Kind::EpochSeconds: text = u"epoch seconds"_s; break;
    case Kind::EpochMilliseconds: text = u"epoch milliseconds"_s; break;
    case Kind::EpochMicroseconds: text = u"epoch microseconds"_s; break;
    case Kind::EpochNanoseconds: text = u"epoch nanoseconds"_s; break;
    case Kind::Pattern: text = u"pattern "_s + m_format; break;
    }
    if (m_kind == Kind::Iso || m_kind == Kind::Pattern || m_kind == Kind::Auto)
        text += u", naive times in "_s + (m_utc ? u"UTC"_s : QString::fromUtf8(m_zone.id()));
    return text;
}

bool CsvTimeParser::parse(std::string_view text, std::int64_t *ns, QString *why) const
{
    text = CsvValue::trimmed(text);
    switch (m_kind) {
    case Kind::Auto:
    case Kind::Iso: return parseIso(text, ns, why);
    case Kind::EpochSeconds: return parseEpoch(text, 1'000'000'000, ns, why);
    case Kind::EpochMilliseconds: return parseEpoch(text, 1'000'000, ns, why);
    case Kind::EpochMicroseconds: return parseEpoch(text, 1'000, ns, why);
    case Kind::EpochNanoseconds: return parseEpoch(text, 1, ns, why);
    case Kind::Pattern: return parsePattern(text, ns, why);
    }
    return false;
}

bool CsvTimeParser::fromLocal(std::int64_t localSeconds, std::int64_t fraction, std::int64_t *ns, QString *why) const
{
    if (m_utc)
        return toNs(localSeconds, fraction, ns, why);
    const std::int64_t minute = localSeconds >= 0 ? localSeconds / 60 : (localSeconds - 59) / 60;
    if (minute != m_cachedMinute) {
        const QDateTime asUtc = QDateTime::fromSecsSinceEpoch(minute * 60, QTimeZone::utc());
        const QDateTime local(asUtc.date(), asUtc.time(), m_zone);
        // Qt moves a time in a DST gap forward: then the fields no longer match.
        if (!local.isValid() || local.date() != asUtc.date() || local.time() != asUtc.time()) {
            *why = u"this local time does not exist in %1 (a daylight-saving gap)"_s.arg(QString::fromUtf8(m_zone.id()));
            return false;
        }
        m_cachedOffset = local.offsetFromUtc();
        m_cachedMinute = minute;
    }
    return toNs(localSeconds - m_cachedOffset, fraction, ns, why);
}

bool CsvTimeParser::parseIso(std::string_view text, std::int64_t *ns, QString *why) const
{
    Civil c;
    if (!isoCivil(text, c, why))
        return false;
    const std::int64_t seconds = civilSeconds(c);
    if (c.hasOffset)
        return toNs(seconds - c.offsetSeconds, c.fraction, ns, why);
    return fromLocal(seconds, c.fraction, ns, why);
}

bool CsvTimeParser::parseEpoch(std::string_view text, std::int64_t unitNs, std::int64_t *ns, QString *why) const
{
    const size_t dot = text.find('.');
    std::int64_t whole = 0;
    const std::string_view wholeText = text.substr(0, dot);
    const bool negative = !wholeText.empty() && wholeText.front() == '-';
    if (!CsvValue::parseInt(wholeText.empty() || wholeText == "-" ? std::string_view("x") : wholeText, &whole)) {
        *why = u"not an epoch number"_s;
        return false;
    }
    std::int64_t fraction = 0;
    if (dot != std::string_view::npos) {
        size_t p = dot + 1;
        std::int64_t f9 = 0;
        if (!fractionDigits(text, p, &f9, why) || p != text.size()) {
            if (why->isEmpty())
                *why = u"not an epoch number"_s;
            return false;
        }
        // f9 is in units of 1e-9 of the unit: it must be a whole number of nanoseconds.
        const std::int64_t scaled = f9 * unitNs; // < 1e18
        if (scaled % 1'000'000'000 != 0) {
            *why = u"more fractional digits than nanoseconds hold"_s;
            return false;
        }
        fraction = std::int64_t(scaled / 1'000'000'000);
        if (negative)
            fraction = -fraction;
    }
    if (!mulAdd(whole, unitNs, fraction, ns)) {
        *why = u"outside the range InfluxDB can store"_s;
        return false;
    }
    return true;
}

bool CsvTimeParser::parsePattern(std::string_view s, std::int64_t *ns, QString *why) const
{
    static constexpr const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    static constexpr const char *longMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                                 "august", "september", "october", "november", "december"};
    Civil c;
    int hour12 = -1, dayOfYear = -1;
    bool pm = false, hasEpoch = false;
    std::int64_t epoch = 0;
    size_t p = 0;
    const auto fail = [&](const char *what) {
        *why = u"does not match the time format \"%1\" (%2 at character %3)"_s.arg(m_format, QLatin1StringView(what)).arg(p + 1);
        return false;
    };
    std::string pattern = m_pattern;
    for (size_t i = 0; i < pattern.size(); ++i) {
        const char f = pattern[i];
        if (f != '%') {
            if (f == ' ') {
                if (p >= s.size() || s[p] != ' ')
                    return fail("expected a space");
                while (p < s.size() && s[p] == ' ')
                    ++p;
            } else if (p >= s.size() || s[p++] != f) {
                return fail("unexpected character");
            }
            continue;
        }
        const char d = pattern[++i];
        bool ok = true;
        switch (d) {
        case 'Y': ok = digits(s, p, 4, 4, &c.year); break;
        case 'y': {
            int y = 0;
            ok = digits(s, p, 2, 2, &y);
            c.year = y < 69 ? 2000 + y : 1900 + y;
            break;
        }
        case 'm': ok = digits(s, p, 1, 2, &c.month); break;
        case 'd':
        case 'e':
            while (d == 'e' && p < s.size() && s[p] == ' ')
                ++p;
            ok = digits(s, p, 1, 2, &c.day);
            break;
        case 'H': ok = digits(s, p, 1, 2, &c.hour); break;
        case 'I': ok = digits(s, p, 1, 2, &hour12) && hour12 >= 1 && hour12 <= 12; break;
        case 'M': ok = digits(s, p, 1, 2, &c.minute); break;
        case 'S': ok = digits(s, p, 1, 2, &c.second); break;
        case 'j': ok = digits(s, p, 1, 3, &dayOfYear) && dayOfYear >= 1 && dayOfYear <= 366; break;
        case 'f': {
            QString ignored;
            ok = fractionDigits(s, p, &c.fraction, &ignored);
            break;
        }
        case 'p': {
            const std::string_view rest = s.substr(p, 2);
            if (rest.size() == 2 && (rest[1] == 'M' || rest[1] == 'm') && (rest[0] == 'A' || rest[0] == 'a' || rest[0] == 'P' || rest[0] == 'p')) {
                pm = rest[0] == 'P' || rest[0] == 'p';
                p += 2;
            } else {
                ok = false;
            }
            break;
        }
        case 'z': ok = offset(s, p, c); break;
        case 'b':
        case 'B': {
            ok = false;
            for (int m = 0; m < 12 && !ok; ++m) {
                for (const char *name : {longMonths[m], months[m]}) {
                    const size_t n = std::char_traits<char>::length(name);
                    if (s.size() - p >= n && std::equal(name, name + n, s.begin() + std::ptrdiff_t(p), [](char a, char b) {
                            return a == (b >= 'A' && b <= 'Z' ? char(b + 32) : b);
                        })) {
                        c.month = m + 1;
                        p += n;
                        ok = true;
                        break;
                    }
                }
            }
            break;
        }
        case 's': {
            const size_t start = p;
            if (p < s.size() && s[p] == '-')
                ++p;
            while (p < s.size() && s[p] >= '0' && s[p] <= '9')
                ++p;
            ok = CsvValue::parseInt(s.substr(start, p - start), &epoch);
            hasEpoch = true;
            break;
        }
        case 'F':
            ok = digits(s, p, 4, 4, &c.year) && p < s.size() && s[p++] == '-' && digits(s, p, 1, 2, &c.month) && p < s.size()
                && s[p++] == '-' && digits(s, p, 1, 2, &c.day);
            break;
        case 'T':
            ok = digits(s, p, 1, 2, &c.hour) && p < s.size() && s[p++] == ':' && digits(s, p, 1, 2, &c.minute) && p < s.size()
                && s[p++] == ':' && digits(s, p, 1, 2, &c.second);
            break;
        case '%': ok = p < s.size() && s[p++] == '%'; break;
        default: ok = false;
        }
        if (!ok)
            return fail("a value that does not fit");
    }
    if (p != s.size())
        return fail("text left over");
    if (hasEpoch)
        return toNs(epoch, c.fraction, ns, why);
    if (hour12 >= 0)
        c.hour = (hour12 % 12) + (pm ? 12 : 0);
    if (dayOfYear > 0) {
        if (dayOfYear > (isLeap(c.year) ? 366 : 365))
            return fail("no such day of the year");
        std::int64_t days = daysFromCivil(c.year, 1, 1) + dayOfYear - 1;
        const std::int64_t seconds = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
        if (c.hour > 23 || c.minute > 59 || c.second > 59)
            return fail("no such time of day");
        return c.hasOffset ? toNs(seconds - c.offsetSeconds, c.fraction, ns, why) : fromLocal(seconds, c.fraction, ns, why);
    }
    if (!validCivil(c, why))
        return false;
    const std::int64_t seconds = civilSeconds(c);
    return c.hasOffset ? toNs(seconds - c.offsetSeconds, c.fraction, ns, why) : fromLocal(seconds, c.fraction, ns, why);
}

} // namespace QInflux
