#include <QInflux/cachepolicy.h>

#include "querytext_p.h"

#include <QInflux/queryresult.h>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

using detail::QueryToken;

/// The tokens of one statement without spaces and comments.
using Statement = std::vector<QueryToken>;

std::vector<Statement> statementsOf(QStringView query)
{
    std::vector<Statement> statements(1);
    for (const QueryToken &token : detail::tokenizeQuery(query)) {
        if (token.kind == QueryToken::Kind::Space || token.kind == QueryToken::Kind::Comment)
            continue;
        if (token.kind == QueryToken::Kind::Punctuation && token.text == u";"_s) {
            statements.emplace_back();
            continue;
        }
        statements.back().push_back(token);
    }
    std::erase_if(statements, [](const Statement &s) { return s.empty(); });
    return statements;
}

bool isWord(const QueryToken &token, QLatin1StringView word)
{
    return token.kind == QueryToken::Kind::Word && token.text.compare(word, Qt::CaseInsensitive) == 0;
}

bool isPunctuation(const QueryToken &token, char16_t c)
{
    return token.kind == QueryToken::Kind::Punctuation && token.text.size() == 1 && token.text[0] == c;
}

bool isTime(const QueryToken &token)
{
    return isWord(token, "time"_L1) || (token.kind == QueryToken::Kind::Identifier && token.text == u"\"time\""_s);
}

/// `time <`, `time <=`, `time =` or `... > time`, `... >= time`, `... = time`: the range ends somewhere.
bool hasUpperTimeBound(const Statement &s)
{
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (isTime(s[i]) && (isPunctuation(s[i + 1], u'<') || isPunctuation(s[i + 1], u'=')))
            return true;
        if (isTime(s[i + 1]) && (isPunctuation(s[i], u'>') || isPunctuation(s[i], u'=')) && i > 0
            && !isPunctuation(s[i - 1], u'!'))
            return true;
    }
    return false;
}

bool groupsByTime(const Statement &s)
{
    for (size_t i = 0; i + 3 < s.size(); ++i) {
        if (isWord(s[i], "GROUP"_L1) && isWord(s[i + 1], "BY"_L1)) {
            for (size_t j = i + 2; j + 1 < s.size(); ++j) {
                if (isTime(s[j]) && isPunctuation(s[j + 1], u'('))
                    return true;
            }
        }
    }
    return false;
}

} // namespace

QString CachePolicy::whyNotCacheable(QStringView query)
{
    const std::vector<Statement> statements = statementsOf(query);
    if (statements.empty())
        return u"the query is empty"_s;
    for (const Statement &s : statements) {
        if (!isWord(s.front(), "SELECT"_L1)) {
            const QString verb = s.front().text.toString().toUpper();
            return u"only SELECT queries are cached, not %1 (its answer changes with the database)"_s.arg(verb);
        }
        for (size_t i = 0; i < s.size(); ++i) {
            if (isWord(s[i], "INTO"_L1))
                return u"SELECT ... INTO writes data"_s;
            if (isWord(s[i], "now"_L1) && i + 1 < s.size() && isPunctuation(s[i + 1], u'('))
                return u"it uses now(), so its answer changes as time passes"_s;
        }
        if (groupsByTime(s) && !hasUpperTimeBound(s))
            return u"GROUP BY time() without an upper time bound ends at now(), so its answer changes as time passes"_s;
    }
    return {};
}

QString CachePolicy::whyNotStorable(const QueryResult &result)
{
    if (const auto error = result.firstError())
        return u"the server reported an error: "_s + error->message();
    return {};
}

} // namespace QInflux
