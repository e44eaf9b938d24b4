#include "linecheck_p.h"

#include <QSet>

#include <charconv>
#include <cmath>
#include <cstdint>

using namespace Qt::StringLiterals;

namespace QInflux::LineProtocol {

namespace {

/// Walks one point; every problem is reported with the byte position where it was found.
class Checker
{
public:
    explicit Checker(QByteArrayView line) : m_line(line) {}

    QString run()
    {
        if (!measurement() || !tags())
            return m_error;
        if (atEnd())
            return fail(u"missing fields (a point needs at least one field after a space)"_s);
        skipSpaces();
        if (atEnd())
            return fail(u"missing fields (a point needs at least one field after a space)"_s);
        if (!fields())
            return m_error;
        skipSpaces();
        if (!atEnd() && !timestamp())
            return m_error;
        return {};
    }

private:
    bool atEnd() const { return m_pos >= m_line.size(); }
    char at() const { return m_line[m_pos]; }
    void skipSpaces()
    {
        while (!atEnd() && at() == ' ')
            ++m_pos;
    }
    QString fail(const QString &why, qsizetype pos = -1)
    {
        m_error = u"column %1: %2"_s.arg((pos < 0 ? m_pos : pos) + 1).arg(why);
        return m_error;
    }
    bool failed(const QString &why, qsizetype pos = -1)
    {
        fail(why, pos);
        return false;
    }

    /// Scans a name up to an unescaped byte of `stops`; a backslash always skips the byte after it.
    QByteArrayView name(QByteArrayView stops)
    {
        const qsizetype start = m_pos;
        while (!atEnd() && !stops.contains(at())) {
            if (at() == '\\' && m_pos + 1 < m_line.size())
                ++m_pos;
            ++m_pos;
        }
        return m_line.sliced(start, m_pos - start);
    }

    bool measurement()
    {
        const QByteArrayView m = name(",  "_ba);
        if (m.isEmpty())
            return failed(u"missing measurement"_s);
        if (m.contains('\n'))
            return failed(u"a newline in the measurement"_s);
        return true;
    }

    bool tags()
    {
        QSet<QByteArray> keys;
        while (!atEnd() && at() == ',') {
            ++m_pos;
            const qsizetype keyStart = m_pos;
            const QByteArrayView key = name(",= "_ba);
            if (key.isEmpty())
                return failed(u"missing tag key"_s, keyStart);
            if (atEnd() || at() != '=')
                return failed(u"missing tag value for tag \"%1\""_s.arg(QString::fromUtf8(key)));
            ++m_pos;
            const qsizetype valueStart = m_pos;
            const QByteArrayView value = name(", "_ba);
            if (value.isEmpty())
                return failed(u"missing tag value for tag \"%1\""_s.arg(QString::fromUtf8(key)), valueStart);
            if (value.contains('='))
                return failed(u"\"=\" in the value of tag \"%1\" must be escaped as \\="_s.arg(QString::fromUtf8(key)), valueStart);
            if (key == "time")
                return failed(u"a tag named \"time\": the server would drop the point"_s, keyStart);
            if (key.contains('\n') || value.contains('\n'))
                return failed(u"a newline in tag \"%1\""_s.arg(QString::fromUtf8(key)), keyStart);
            if (keys.contains(key.toByteArray()))
                return failed(u"duplicate tag \"%1\""_s.arg(QString::fromUtf8(key)), keyStart);
            keys.insert(key.toByteArray());
        }
        return true;
    }

    bool fields()
    {
        for (;;) {
            const qsizetype keyStart = m_pos;
            const QByteArrayView key = name(",= "_ba);
            if (key.isEmpty())
                return failed(u"missing field key"_s, keyStart);
            if (atEnd() || at() != '=')
                return failed(u"missing field value for \"%1\""_s.arg(QString::fromUtf8(key)));
            ++m_pos;
            if (!fieldValue(QString::fromUtf8(key)))
                return false;
            if (atEnd() || at() == ' ')
                return true;
            if (at() != ',')
                return failed(u"unexpected \"%1\" after the value of field \"%2\""_s.arg(QChar::fromLatin1(at())).arg(QString::fromUtf8(key)));
            ++m_pos;
        }
    }

    bool fieldValue(const QString &key)
    {
        const qsizetype start = m_pos;
        if (atEnd() || at() == ',' || at() == ' ')
            return failed(u"missing field value for \"%1\""_s.arg(key));
        if (at() == '"') {
            for (++m_pos; !atEnd() && at() != '"'; ++m_pos) {
                if (at() == '\\' && m_pos + 1 < m_line.size())
                    ++m_pos;
            }
            if (atEnd())
                return failed(u"unterminated string value of field \"%1\""_s.arg(key), start);
            ++m_pos;
            return true;
        }
        while (!atEnd() && at() != ',' && at() != ' ')
            ++m_pos;
        const QByteArrayView value = m_line.sliced(start, m_pos - start);
        static const QSet<QByteArray> booleans = {"t", "T", "true", "True", "TRUE", "f", "F", "false", "False", "FALSE"};
        if (booleans.contains(value.toByteArray()))
            return true;
        const char last = value.back();
        if (last == 'i') {
            std::int64_t n = 0;
            const auto digits = value.chopped(1);
            const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
            if (digits.isEmpty() || digits.front() == '+' || end != digits.data() + digits.size())
                return failed(u"invalid integer \"%1\" for field \"%2\""_s.arg(QString::fromUtf8(value), key), start);
            if (ec == std::errc::result_out_of_range)
                return failed(u"integer \"%1\" of field \"%2\" is out of the int64 range"_s.arg(QString::fromUtf8(value), key), start);
            return true;
        }
        if (last == 'u')
            return failed(u"unsigned integer \"%1\" for field \"%2\": InfluxDB 1.x does not accept the u suffix (write %3i)"_s
                              .arg(QString::fromUtf8(value), key, QString::fromUtf8(value.chopped(1))),
                          start);
        return floatValue(value, key, start);
    }

    bool floatValue(QByteArrayView value, const QString &key, qsizetype start)
    {
        // -?(digits[.digits]|.digits)([eE][+-]?digits)?
        qsizetype i = value.startsWith('-') ? 1 : 0;
        qsizetype digits = 0;
        while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])))
            ++i, ++digits;
        if (i < value.size() && value[i] == '.') {
            ++i;
            while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])))
                ++i, ++digits;
        }
        bool ok = digits > 0;
        if (ok && i < value.size() && (value[i] == 'e' || value[i] == 'E')) {
            ++i;
            if (i < value.size() && (value[i] == '+' || value[i] == '-'))
                ++i;
            qsizetype exponent = 0;
            while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])))
                ++i, ++exponent;
            ok = exponent > 0;
        }
        if (!ok || i != value.size())
            return failed(u"invalid field value \"%1\" for \"%2\" (a number, <n>i, true/false or a \"string\")"_s.arg(QString::fromUtf8(value), key),
                          start);
        double d = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
        if (ec == std::errc::result_out_of_range || !std::isfinite(d))
            return failed(u"float \"%1\" of field \"%2\" is out of range"_s.arg(QString::fromUtf8(value), key), start);
        return true;
    }

    bool timestamp()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && at() != ' ')
            ++m_pos;
        const QByteArrayView text = m_line.sliced(start, m_pos - start);
        std::int64_t t = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), t);
        constexpr std::int64_t limit = 9'223'372'036'854'775'806;
        if (end != text.data() + text.size() || ec != std::errc())
            return failed(u"bad timestamp \"%1\" (an integer is expected)"_s.arg(QString::fromUtf8(text)), start);
        if (t > limit || t < -limit)
            return failed(u"timestamp %1 is out of range"_s.arg(QString::fromUtf8(text)), start);
        skipSpaces();
        if (!atEnd())
            return failed(u"unexpected text after the timestamp"_s);
        return true;
    }

    QByteArrayView m_line;
    qsizetype m_pos = 0;
    QString m_error;
};

} // namespace

QString checkLine(QByteArrayView line)
{
    return Checker(line).run();
}

} // namespace QInflux::LineProtocol
