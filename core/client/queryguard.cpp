#include "queryguard_p.h"

#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

struct Token
{
    enum Kind { Word, Identifier, Literal, Other };
    Kind kind = Other;
    QString text;        ///< lower-case word, or the quoted identifier's content
    qsizetype begin = 0; ///< offset in the statement
    qsizetype end = 0;   ///< offset after the token
    int depth = 0;       ///< parenthesis depth
};

/// Words, quoted identifiers, literals (strings, regexes) and other symbols of an InfluxQL
/// statement; comments leave no token.
QList<Token> tokenize(QStringView s)
{
    QList<Token> tokens;
    int depth = 0;
    for (qsizetype i = 0; i < s.size();) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < s.size() && s[i + 1] == u'-') {
            while (i < s.size() && s[i] != u'\n')
                ++i;
        } else if (c == u'\'' || c == u'"') {
            const qsizetype begin = i++;
            QString content;
            while (i < s.size() && s[i] != c) {
                if (s[i] == u'\\' && i + 1 < s.size())
                    ++i;
                content += s[i++];
            }
            ++i;
            tokens.append({c == u'"' ? Token::Identifier : Token::Literal, content.toLower(), begin, std::min(i, s.size()), depth});
        } else if (c == u'/' && !tokens.isEmpty()
                   && ((tokens.back().kind == Token::Other
                        && (tokens.back().text == u"=~" || tokens.back().text == u"!~" || tokens.back().text == u","))
                       || (tokens.back().kind == Token::Word && tokens.back().text == u"from"))) {
            // a regex: /.../ after a match operator or in FROM
            const qsizetype begin = i;
            for (++i; i < s.size() && s[i] != u'/'; ++i) {
                if (s[i] == u'\\')
                    ++i;
            }
            ++i;
            tokens.append({Token::Literal, QString(), begin, std::min(i, s.size()), depth});
        } else if (c.isLetterOrNumber() || c == u'_') {
            const qsizetype begin = i;
            while (i < s.size() && (s[i].isLetterOrNumber() || s[i] == u'_'))
                ++i;
            tokens.append({Token::Word, s.mid(begin, i - begin).toString().toLower(), begin, i, depth});
        } else {
            if (c == u'(')
                ++depth;
            QString text(c);
            if ((c == u'=' || c == u'!') && i + 1 < s.size() && s[i + 1] == u'~')
                text += s[++i];
            tokens.append({Token::Other, text, i + 1 - text.size(), i + 1, depth});
            if (c == u')')
                --depth;
            ++i;
        }
    }
    return tokens;
}

bool isKeyword(const Token &t, QStringView word)
{
    return t.kind == Token::Word && t.depth == 0 && t.text == word;
}

} // namespace

bool QueryGuard::isUnbounded(QStringView statement)
{
    const QList<Token> tokens = tokenize(statement);
    if (tokens.isEmpty() || !isKeyword(tokens.front(), u"select"))
        return false;
    bool inWhere = false;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (isKeyword(t, u"into") || isKeyword(t, u"limit") || isKeyword(t, u"offset"))
            return false;
        if (isKeyword(t, u"from") && i + 1 < tokens.size() && tokens[i + 1].text == u"(")
            return false; // a subquery: its own bounds decide
        if (isKeyword(t, u"where"))
            inWhere = true;
        else if (isKeyword(t, u"group") || isKeyword(t, u"order") || isKeyword(t, u"slimit") || isKeyword(t, u"soffset"))
            inWhere = false;
        else if (inWhere && (t.kind == Token::Word || t.kind == Token::Identifier) && t.text == u"time")
            return false;
    }
    return true;
}

QString QueryGuard::withLimit(QStringView statement, qint64 limit, qint64 offset)
{
    QStringView text = statement.trimmed();
    while (text.endsWith(u';'))
        text = text.chopped(1).trimmed();
    const QList<Token> tokens = tokenize(text);
    qsizetype at = tokens.isEmpty() ? text.size() : tokens.back().end; // before a trailing comment
    for (const Token &t : tokens) {
        if (isKeyword(t, u"slimit") || isKeyword(t, u"soffset") || isKeyword(t, u"tz")) {
            at = t.begin;
            break;
        }
    }
    QString clause = u"LIMIT %1"_s.arg(limit);
    if (offset >= 0)
        clause += u" OFFSET %1"_s.arg(offset);
    QString out = text.left(at).trimmed().toString() + u' ' + clause;
    if (const QStringView rest = text.mid(at).trimmed(); !rest.isEmpty())
        out += u' ' + rest.toString();
    return out;
}

} // namespace QInflux
