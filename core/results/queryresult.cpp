#include "queryresult.h"

namespace QInflux {

qsizetype QueryResult::rowCount() const
{
    qsizetype rows = 0;
    for (const StatementResult &s : statements) {
        for (const Frame &f : s.series)
            rows += f.rowCount();
    }
    return rows;
}

qsizetype QueryResult::seriesCount() const
{
    qsizetype n = 0;
    for (const StatementResult &s : statements)
        n += s.series.size();
    return n;
}

std::optional<Error> QueryResult::firstError() const
{
    for (const StatementResult &s : statements) {
        if (s.error)
            return s.error;
    }
    return std::nullopt;
}

} // namespace QInflux
