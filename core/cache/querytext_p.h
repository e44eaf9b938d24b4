#pragma once

#include <QString>
#include <QStringView>

#include <vector>

// The lexical view of InfluxQL text that the cache needs: where strings, quoted identifiers, regular
// expressions and comments begin and end, so that whitespace and keyword case can be normalized
// outside them and never inside. Not a parser: anything it does not recognise is kept verbatim.
namespace QInflux::detail {

struct QueryToken
{
    enum class Kind {
        Space,       ///< a run of whitespace
        Word,        ///< unquoted identifier, keyword, number, duration, $parameter
        String,      ///< '...' (backslash escapes inside)
        Identifier,  ///< "..." (backslash escapes inside)
        Regex,       ///< /.../ where an operand is expected (backslash escapes inside)
        Comment,     ///< -- up to the end of the line (the newline is not part of it)
        Punctuation, ///< any other single character
    };
    Kind kind;
    QStringView text;
};

/// Splits `query` into tokens; concatenating their texts gives `query` back. An unterminated string,
/// identifier or regex runs to the end of the text.
std::vector<QueryToken> tokenizeQuery(QStringView query);

/// True for the keywords the cache normalizes to upper case: SELECT, FROM, WHERE, AND, OR, GROUP, BY,
/// ORDER, LIMIT, OFFSET, SLIMIT, SOFFSET, ASC, DESC, INTO, AS (any case). These are reserved in every
/// InfluxDB 1.x release, so an unquoted word spelled like one can never be a name.
bool isNormalizedKeyword(QStringView word);

} // namespace QInflux::detail
