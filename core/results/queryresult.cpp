#include <QInflux/queryresult.h>

using namespace Qt::StringLiterals;

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

std::optional<Frame> QueryResult::frame() const
{
    if (seriesCount() != 1)
        return std::nullopt;
    for (const StatementResult &s : statements) {
        if (!s.series.isEmpty())
            return s.series.front();
    }
    return std::nullopt;
}

QMap<QString, Frame> QueryResult::bySeriesKey() const
{
    QMap<QString, Frame> map;
    for (const StatementResult &s : statements) {
        for (const Frame &f : s.series)
            map.insert(f.seriesKey(), f);
    }
    return map;
}

QMap<QString, Frame> QueryResult::bySeriesKey(int statementId) const
{
    QMap<QString, Frame> map;
    for (const StatementResult &s : statements) {
        if (s.statementId != statementId)
            continue;
        for (const Frame &f : s.series)
            map.insert(f.seriesKey(), f);
    }
    return map;
}

Result<void> QueryResult::append(QueryResult next)
{
    for (StatementResult &incoming : next.statements) {
        if (statements.isEmpty() || statements.back().statementId != incoming.statementId) {
            statements.append(std::move(incoming));
            continue;
        }
        StatementResult &current = statements.back();
        current.messages += incoming.messages;
        if (!current.error)
            current.error = std::move(incoming.error);
        current.partial = incoming.partial;
        current.seriesPartial.resize(current.series.size(), false);
        incoming.seriesPartial.resize(incoming.series.size(), false);
        for (qsizetype i = 0; i < incoming.series.size(); ++i) {
            const Frame &part = incoming.series[i];
            if (!current.series.isEmpty() && current.seriesPartial.back()
                && current.series.back().seriesKey() == part.seriesKey()) {
                // the last chunk of a series whose times are all 0 came without a time index
                const Frame &last = current.series.back();
                Frame continued = part;
                if (last.hasTime() && !part.hasTime() && part.rowCount() > 0) {
                    std::vector<Column> columns;
                    for (qsizetype c = 0; c < part.columnCount(); ++c)
                        columns.push_back(part.column(c));
                    continued = Frame(part.name(), part.tags(), std::vector<std::int64_t>(size_t(part.rowCount()), 0),
                                 std::move(columns));
                }
                auto merged = Frame::concat({last, continued});
                if (!merged)
                    return Error(Error::Kind::Parse,
                                 u"The next chunk of series \"%1\" does not continue it: %2"_s.arg(part.seriesKey(),
                                                                                               merged.error().message()));
                current.series.back() = std::move(merged).value();
                current.seriesPartial.back() = incoming.seriesPartial[i];
            } else {
                current.series.append(part);
                current.seriesPartial.append(incoming.seriesPartial[i]);
            }
        }
    }
    return {};
}

} // namespace QInflux
