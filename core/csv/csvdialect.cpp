#include <QInflux/csvdialect.h>

#include <QList>

#include <algorithm>
#include <array>
#include <map>

using namespace Qt::StringLiterals;

namespace QInflux {

QString csvEncodingName(CsvEncoding encoding)
{
    switch (encoding) {
    case CsvEncoding::Auto: return u"auto"_s;
    case CsvEncoding::Utf8: return u"utf-8"_s;
    case CsvEncoding::Utf16LE: return u"utf-16le"_s;
    case CsvEncoding::Utf16BE: return u"utf-16be"_s;
    case CsvEncoding::Latin1: return u"latin-1"_s;
    }
    return {};
}

bool parseCsvEncoding(QStringView text, CsvEncoding *encoding)
{
    const QString t = text.toString().toLower().remove(u'_');
    if (t == "auto"_L1)
        *encoding = CsvEncoding::Auto;
    else if (t == "utf-8"_L1 || t == "utf8"_L1)
        *encoding = CsvEncoding::Utf8;
    else if (t == "utf-16le"_L1 || t == "utf16le"_L1)
        *encoding = CsvEncoding::Utf16LE;
    else if (t == "utf-16be"_L1 || t == "utf16be"_L1)
        *encoding = CsvEncoding::Utf16BE;
    else if (t == "latin-1"_L1 || t == "latin1"_L1 || t == "iso-8859-1"_L1)
        *encoding = CsvEncoding::Latin1;
    else
        return false;
    return true;
}

char CsvDialect::detectDelimiter(QByteArrayView sample, char quote, const QByteArray &commentPrefix)
{
    static constexpr std::array<char, 5> candidates = {',', ';', '\t', '|', ' '};
    // Per candidate: how often each per-line count occurs.
    std::array<std::map<int, int>, candidates.size()> histograms;
    int lines = 0;
    qsizetype pos = 0;
    std::array<int, candidates.size()> counts{};
    bool inQuotes = false;
    bool lineStart = true;
    bool skipLine = false;
    while (pos < sample.size() && lines < 50) {
        const char c = sample[pos];
        if (lineStart && !inQuotes) {
            skipLine = !commentPrefix.isEmpty() && sample.sliced(pos).startsWith(commentPrefix);
            lineStart = false;
        }
        if (quote && c == quote) {
            inQuotes = !inQuotes;
        } else if (c == '\n' && !inQuotes) {
            const bool empty = std::all_of(counts.begin(), counts.end(), [](int n) { return n == 0; });
            if (!skipLine && !(empty && pos > 0 && (sample[pos - 1] == '\n' || sample[pos - 1] == '\r'))) {
                for (size_t i = 0; i < candidates.size(); ++i)
                    ++histograms[i][counts[i]];
                ++lines;
            }
            counts.fill(0);
            lineStart = true;
        } else if (!inQuotes) {
            for (size_t i = 0; i < candidates.size(); ++i)
                counts[i] += c == candidates[i];
        }
        ++pos;
    }
    // A last line without a newline counts only when the sample is the whole file (it may be cut).
    char best = ',';
    int bestScore = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
        for (const auto &[count, lineCount] : histograms[i]) {
            // The most common non-zero count, weighted by the lines that agree on it.
            if (count > 0 && lineCount > bestScore) {
                bestScore = lineCount;
                best = candidates[i];
            }
        }
    }
    return best;
}

QJsonObject CsvDialect::toJson() const
{
    QJsonObject o;
    if (delimiter)
        o[u"delimiter"_s] = QString(QLatin1Char(delimiter));
    o[u"quote"_s] = quote ? QString(QLatin1Char(quote)) : QString();
    o[u"encoding"_s] = csvEncodingName(encoding);
    o[u"header"_s] = hasHeader;
    o[u"skipLines"_s] = skipLines;
    if (!commentPrefix.isEmpty())
        o[u"commentPrefix"_s] = QString::fromUtf8(commentPrefix);
    return o;
}

namespace {

bool oneAsciiChar(const QJsonValue &v, char *out, bool allowEmpty)
{
    const QString s = v.toString();
    if (s.isEmpty() && allowEmpty) {
        *out = 0;
        return true;
    }
    if (s.size() != 1 || s[0].unicode() > 0x7e || s[0] == u'\n' || s[0] == u'\r')
        return false;
    *out = char(s[0].unicode());
    return true;
}

} // namespace

bool CsvDialect::fromJson(const QJsonObject &json, CsvDialect *dialect, QString *error)
{
    CsvDialect d = *dialect;
    if (json.contains(u"delimiter"_s)) {
        QString s = json[u"delimiter"_s].toString();
        if (s == "\\t"_L1 || s == "tab"_L1)
            s = u"\t"_s;
        if (!oneAsciiChar(QJsonValue(s), &d.delimiter, true)) {
            *error = u"dialect.delimiter must be one ASCII character, not \"%1\""_s.arg(s);
            return false;
        }
    }
    if (json.contains(u"quote"_s) && !oneAsciiChar(json[u"quote"_s], &d.quote, true)) {
        *error = u"dialect.quote must be one ASCII character or empty"_s;
        return false;
    }
    if (json.contains(u"encoding"_s) && !parseCsvEncoding(json[u"encoding"_s].toString(), &d.encoding)) {
        *error = u"dialect.encoding \"%1\" is not one of auto, utf-8, utf-16le, utf-16be, latin-1"_s.arg(json[u"encoding"_s].toString());
        return false;
    }
    if (json.contains(u"header"_s))
        d.hasHeader = json[u"header"_s].toBool(true);
    if (json.contains(u"skipLines"_s)) {
        d.skipLines = json[u"skipLines"_s].toInt(-1);
        if (d.skipLines < 0) {
            *error = u"dialect.skipLines must be a number >= 0"_s;
            return false;
        }
    }
    if (json.contains(u"commentPrefix"_s))
        d.commentPrefix = json[u"commentPrefix"_s].toString().toUtf8();
    if (d.delimiter && d.delimiter == d.quote) {
        *error = u"the delimiter and the quote character must differ"_s;
        return false;
    }
    *dialect = d;
    return true;
}

} // namespace QInflux
