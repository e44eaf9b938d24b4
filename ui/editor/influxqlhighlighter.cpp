#include "influxqlhighlighter.h"

#include "influxqlvocabulary.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

/// A colour of hue `hue` that stands out from `base` as much as the text does.
QColor tint(const QPalette &palette, int hue, int saturation = 170)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return QColor::fromHsl(hue, saturation, dark ? 175 : 85);
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

/// The length of a duration unit at `text[i]` (ns, u, µ, ms, s, m, h, d, w), 0 if there is none.
qsizetype durationUnit(const QString &text, qsizetype i)
{
    if (i >= text.size())
        return 0;
    // The unit ends the word, or another number+unit pair follows (1h30m).
    const auto endsWord = [&](qsizetype at) { return at >= text.size() || !isWordChar(text[at]) || text[at].isDigit(); };
    const QChar c = text[i];
    if ((c == u'n' || c == u'm') && i + 1 < text.size() && text[i + 1] == u's' && endsWord(i + 2))
        return 2;
    if ((c == u'u' || c == QChar(0x00B5) || c == u's' || c == u'm' || c == u'h' || c == u'd' || c == u'w')
        && endsWord(i + 1))
        return 1;
    return 0;
}

} // namespace

InfluxQLHighlighter::InfluxQLHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    setPalette(palette);
}

void InfluxQLHighlighter::setPalette(const QPalette &palette)
{
    auto set = [this](Token token, const QColor &colour, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(colour);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        m_formats[static_cast<size_t>(token)] = f;
    };
    set(Token::Keyword, tint(palette, 215), true);
    set(Token::Function, tint(palette, 280));
    set(Token::String, tint(palette, 120, 140));
    set(Token::Identifier, tint(palette, 30));
    set(Token::Number, tint(palette, 180));
    set(Token::Duration, tint(palette, 180), false, true);
    set(Token::Regex, tint(palette, 330));
    set(Token::Comment, blend(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45), false, true);
    rehighlight();
}

void InfluxQLHighlighter::setTokenFormat(qsizetype start, qsizetype length, Token token)
{
    setFormat(int(start), int(length), format(token));
}

void InfluxQLHighlighter::highlightBlock(const QString &text)
{
    // InfluxQL strings, identifiers and regexes end at the line's end, so every line is scanned alone.
    QString previousWord; // the last significant token: an upper-cased word, an operator or punctuation
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto scanQuoted = [&](qsizetype from, QChar quote) {
        qsizetype j = from + 1;
        while (j < n && text[j] != quote)
            j += text[j] == u'\\' ? 2 : 1;
        return std::min(j + 1, n);
    };
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'-' && i + 1 < n && text[i + 1] == u'-') {
            setTokenFormat(i, n - i, Token::Comment);
            return;
        }
        if (c == u'\'' || c == u'"') {
            const qsizetype end = scanQuoted(i, c);
            setTokenFormat(i, end - i, c == u'\'' ? Token::String : Token::Identifier);
            previousWord = c == u'"' ? u"\"\""_s : u"''"_s;
            i = end;
            continue;
        }
        if (c == u'/' && (previousWord == u"=~" || previousWord == u"!~" || previousWord == u"FROM" || previousWord == u",")) {
            const qsizetype end = scanQuoted(i, u'/');
            setTokenFormat(i, end - i, Token::Regex);
            previousWord = u"//"_s;
            i = end;
            continue;
        }
        if (c.isDigit() || (c == u'.' && i + 1 < n && text[i + 1].isDigit())) {
            qsizetype j = i;
            while (j < n && (text[j].isDigit() || text[j] == u'.'))
                ++j;
            if (j < n && (text[j] == u'e' || text[j] == u'E') && j + 1 < n
                && (text[j + 1].isDigit() || ((text[j + 1] == u'+' || text[j + 1] == u'-') && j + 2 < n && text[j + 2].isDigit()))) {
                j += 2;
                while (j < n && text[j].isDigit())
                    ++j;
            }
            // A duration is integer+unit pairs: 5m, 1h30m (never a decimal).
            qsizetype end = j;
            bool duration = false;
            const bool integer = !QStringView(text).mid(i, j - i).contains(u'.');
            while (integer) {
                const qsizetype unit = durationUnit(text, end);
                if (unit == 0)
                    break;
                duration = true;
                end += unit;
                qsizetype k = end;
                while (k < n && text[k].isDigit())
                    ++k;
                if (k == end || durationUnit(text, k) == 0)
                    break;
                end = k;
            }
            if (!duration && end < n && isWordChar(text[end])) {
                // Part of a word such as h2o: not a number.
                while (end < n && isWordChar(text[end]))
                    ++end;
                previousWord = u"x"_s;
                i = end;
                continue;
            }
            setTokenFormat(i, end - i, duration ? Token::Duration : Token::Number);
            previousWord = u"0"_s;
            i = end;
            continue;
        }
        if (isWordStart(c)) {
            qsizetype j = i + 1;
            while (j < n && isWordChar(text[j]))
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            qsizetype k = j;
            while (k < n && text[k].isSpace())
                ++k;
            const bool call = k < n && text[k] == u'(';
            if (call && InfluxQLVocabulary::isFunction(word))
                setTokenFormat(i, j - i, Token::Function);
            else if (InfluxQLVocabulary::isKeyword(word))
                setTokenFormat(i, j - i, Token::Keyword);
            previousWord = word.toString().toUpper();
            i = j;
            continue;
        }
        // Operators and punctuation.
        if ((c == u'=' || c == u'!') && i + 1 < n && text[i + 1] == u'~') {
            previousWord = text.mid(i, 2);
            i += 2;
            continue;
        }
        previousWord = c;
        ++i;
    }
}

} // namespace QInflux
