#include "querytext_p.h"

#include <array>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'.';
}

/// Index just past the closing `quote` that starts at `start`, honouring backslash escapes; the end
/// of the text when it is not closed.
qsizetype skipQuoted(QStringView text, qsizetype start, QChar quote)
{
    qsizetype i = start + 1;
    while (i < text.size()) {
        if (text[i] == u'\\') {
            i += 2;
            continue;
        }
        if (text[i] == quote)
            return i + 1;
        ++i;
    }
    return text.size();
}

/// A `/` after these starts a regular expression; after an operand (a name, a number, a quoted
/// identifier, a closing parenthesis) it is a division. When unsure we choose regex: keeping text
/// verbatim can only cost a cache miss, never conflate two different queries.
bool slashStartsRegex(const std::vector<QueryToken> &tokens)
{
    for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
        switch (it->kind) {
        case QueryToken::Kind::Space:
        case QueryToken::Kind::Comment:
            continue;
        case QueryToken::Kind::Word:
            return isNormalizedKeyword(it->text);
        case QueryToken::Kind::Identifier:
        case QueryToken::Kind::String:
        case QueryToken::Kind::Regex:
            return false;
        case QueryToken::Kind::Punctuation:
            return it->text != u")"_s;
        }
    }
    return true;
}

} // namespace

bool isNormalizedKeyword(QStringView word)
{
    static constexpr std::array<QLatin1StringView, 16> keywords = {
        "SELECT"_L1, "FROM"_L1,   "WHERE"_L1,   "AND"_L1,     "OR"_L1,  "GROUP"_L1, "BY"_L1,   "ORDER"_L1,
        "LIMIT"_L1,  "OFFSET"_L1, "SLIMIT"_L1, "SOFFSET"_L1, "ASC"_L1, "DESC"_L1,  "INTO"_L1, "AS"_L1,
    };
    if (word.size() > 7)
        return false;
    for (QLatin1StringView keyword : keywords) {
        if (word.compare(keyword, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::vector<QueryToken> tokenizeQuery(QStringView query)
{
    std::vector<QueryToken> tokens;
    qsizetype i = 0;
    const qsizetype n = query.size();
    while (i < n) {
        const QChar c = query[i];
        qsizetype end = i + 1;
        QueryToken::Kind kind = QueryToken::Kind::Punctuation;
        if (c.isSpace()) {
            kind = QueryToken::Kind::Space;
            while (end < n && query[end].isSpace())
                ++end;
        } else if (c == u'\'') {
            kind = QueryToken::Kind::String;
            end = skipQuoted(query, i, c);
        } else if (c == u'"') {
            kind = QueryToken::Kind::Identifier;
            end = skipQuoted(query, i, c);
        } else if (c == u'-' && i + 1 < n && query[i + 1] == u'-') {
            kind = QueryToken::Kind::Comment;
            while (end < n && query[end] != u'\n')
                ++end;
        } else if (c == u'/' && slashStartsRegex(tokens)) {
            kind = QueryToken::Kind::Regex;
            end = skipQuoted(query, i, c);
        } else if (isWordChar(c)) {
            kind = QueryToken::Kind::Word;
            while (end < n && isWordChar(query[end]))
                ++end;
        } else if (c.isHighSurrogate() && end < n && query[end].isLowSurrogate()) {
            ++end; // keep a surrogate pair together
        }
        tokens.push_back({kind, query.sliced(i, end - i)});
        i = end;
    }
    return tokens;
}

} // namespace QInflux::detail
