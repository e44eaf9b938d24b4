#include "jsontext_p.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace Qt::StringLiterals;

namespace QInflux::JsonText {

namespace {

class Parser
{
public:
    explicit Parser(QByteArrayView text) : m_p(text.data()), m_begin(text.data()), m_end(text.data() + text.size()) {}

    Result<QVariant> document()
    {
        QVariant v;
        if (!value(v, 0))
            return error();
        skipSpace();
        if (m_p != m_end)
            return fail("unexpected text after the JSON value"), error();
        return v;
    }

private:
    bool fail(const char *what)
    {
        if (!m_what)
            m_what = what;
        return false;
    }
    Error error() const
    {
        return Error(Error::Kind::Parse, u"invalid JSON at byte %1: %2"_s.arg(m_p - m_begin).arg(QString::fromLatin1(m_what)));
    }
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool literal(const char *word)
    {
        const size_t n = std::strlen(word);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0)
            return fail("unknown literal");
        m_p += n;
        return true;
    }

    bool value(QVariant &out, int depth)
    {
        if (depth > 64)
            return fail("nesting deeper than 64 levels");
        skipSpace();
        if (m_p == m_end)
            return fail("unexpected end of text");
        switch (*m_p) {
        case '{': return object(out, depth);
        case '[': return array(out, depth);
        case '"': {
            QString s;
            if (!string(s))
                return false;
            out = s;
            return true;
        }
        case 't': out = true; return literal("true");
        case 'f': out = false; return literal("false");
        case 'n': out = QVariant(); return literal("null");
        default: return number(out);
        }
    }

    bool object(QVariant &out, int depth)
    {
        ++m_p; // {
        QVariantMap map;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            out = map;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return fail("expected a string key");
            QString key;
            if (!string(key))
                return false;
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return fail("expected ':'");
            ++m_p;
            QVariant v;
            if (!value(v, depth + 1))
                return false;
            if (map.contains(key))
                return fail("duplicate key");
            map.insert(key, v);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                out = map;
                return true;
            }
            return fail("expected ',' or '}'");
        }
    }

    bool array(QVariant &out, int depth)
    {
        ++m_p; // [
        QVariantList list;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            out = list;
            return true;
        }
        while (true) {
            QVariant v;
            if (!value(v, depth + 1))
                return false;
            list.append(v);
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                out = list;
                return true;
            }
            return fail("expected ',' or ']'");
        }
    }

    static int hex(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool unit(char16_t &u)
    {
        if (m_end - m_p < 4)
            return fail("short \\u escape");
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hex(m_p[i]);
            if (h < 0)
                return fail("bad \\u escape");
            v = v * 16 + h;
        }
        m_p += 4;
        u = char16_t(v);
        return true;
    }

    bool string(QString &out)
    {
        ++m_p; // "
        const char *runStart = m_p;
        QByteArray utf8;
        while (true) {
            if (m_p == m_end)
                return fail("unterminated string");
            const char c = *m_p;
            if (c == '"') {
                utf8.append(runStart, m_p - runStart);
                ++m_p;
                break;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character in a string");
            if (c != '\\') {
                ++m_p;
                continue;
            }
            utf8.append(runStart, m_p - runStart);
            ++m_p;
            if (m_p == m_end)
                return fail("unterminated escape");
            const char e = *m_p++;
            switch (e) {
            case '"': utf8 += '"'; break;
            case '\\': utf8 += '\\'; break;
            case '/': utf8 += '/'; break;
            case 'b': utf8 += '\b'; break;
            case 'f': utf8 += '\f'; break;
            case 'n': utf8 += '\n'; break;
            case 'r': utf8 += '\r'; break;
            case 't': utf8 += '\t'; break;
            case 'u': {
                char16_t units[2];
                if (!unit(units[0]))
                    return false;
                qsizetype count = 1;
                if (units[0] >= 0xD800 && units[0] <= 0xDBFF) {
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        return fail("unpaired surrogate in \\u escape");
                    m_p += 2;
                    if (!unit(units[1]) || units[1] < 0xDC00 || units[1] > 0xDFFF)
                        return fail("unpaired surrogate in \\u escape");
                    count = 2;
                } else if (units[0] >= 0xDC00 && units[0] <= 0xDFFF) {
                    return fail("unpaired surrogate in \\u escape");
                }
                utf8 += QStringView(units, count).toUtf8();
                break;
            }
            default: return fail("unknown escape");
            }
            runStart = m_p;
        }
        out = QString::fromUtf8(utf8);
        if (out.contains(QChar::ReplacementCharacter) && !utf8.contains("\xEF\xBF\xBD"))
            return fail("invalid UTF-8 in a string");
        return true;
    }

    bool number(QVariant &out)
    {
        const char *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end || *m_p < '0' || *m_p > '9')
            return fail("expected a value");
        if (*m_p == '0' && m_p + 1 < m_end && m_p[1] >= '0' && m_p[1] <= '9')
            return fail("leading zero in a number");
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        bool isFloat = false;
        if (m_p < m_end && *m_p == '.') {
            isFloat = true;
            ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("digits expected after '.'");
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            isFloat = true;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || *m_p < '0' || *m_p > '9')
                return fail("digits expected in the exponent");
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        if (!isFloat) {
            qint64 i = 0;
            if (auto [ptr, ec] = std::from_chars(start, m_p, i); ec == std::errc() && ptr == m_p) {
                out = i;
                return true;
            }
            quint64 u = 0;
            if (auto [ptr, ec] = std::from_chars(start, m_p, u); ec == std::errc() && ptr == m_p) {
                out = u;
                return true;
            }
            return fail("integer beyond the 64-bit range");
        }
        // strtod needs a terminated string; numbers are short.
        const std::string text(start, size_t(m_p - start));
        char *endPtr = nullptr;
        const double d = std::strtod(text.c_str(), &endPtr);
        if (endPtr != text.c_str() + text.size() || !std::isfinite(d))
            return fail("number out of the double range");
        out = d;
        return true;
    }

    const char *m_p;
    const char *m_begin;
    const char *m_end;
    const char *m_what = nullptr;
};

} // namespace

Result<QVariant> parse(QByteArrayView text)
{
    return Parser(text).document();
}

} // namespace QInflux::JsonText
