#include <QInflux/streamedresult.h>

using namespace Qt::StringLiterals;

namespace QInflux {

StreamedResult StreamedResult::fromResult(const QueryResult &result)
{
    StreamedResult streamed;
    streamed.append(result);
    return streamed;
}

QList<StreamedResult::Delivery> StreamedResult::append(const QueryResult &chunk)
{
    QList<Delivery> deliveries;
    for (const StatementResult &incoming : chunk.statements) {
        if (m_statements.isEmpty() || m_statements.back().id != incoming.statementId) {
            Statement statement;
            statement.id = incoming.statementId;
            m_statements.append(statement);
        }
        Statement &current = m_statements.back();
        current.messages += incoming.messages;
        if (!current.error)
            current.error = incoming.error;
        current.partial = incoming.partial;
        for (qsizetype i = 0; i < incoming.series.size(); ++i) {
            Frame part = incoming.series[i];
            const bool partial = i < incoming.seriesPartial.size() && incoming.seriesPartial[i];
            Series *last = current.series.isEmpty() ? nullptr : &m_series[current.series.back()];
            if (last && last->continues && last->parts.front().seriesKey() == part.seriesKey()) {
                const Frame &first = last->parts.front();
                if (first.hasTime() && !part.hasTime() && part.rowCount() > 0) {
                    // the last chunk of a series whose times are all 0 came without a time index
                    std::vector<Column> columns;
                    for (qsizetype c = 0; c < part.columnCount(); ++c)
                        columns.push_back(part.column(c));
                    part = Frame(part.name(), part.tags(), std::vector<std::int64_t>(size_t(part.rowCount()), 0),
                                 std::move(columns));
                }
                last->parts.append(part);
                last->rows += part.rowCount();
                last->continues = partial;
                deliveries.append({current.series.back(), part, false});
            } else {
                Series series;
                series.statement = int(m_statements.size() - 1);
                series.parts.append(part);
                series.rows = part.rowCount();
                series.continues = partial;
                current.series.append(int(m_series.size()));
                m_series.append(series);
                deliveries.append({int(m_series.size() - 1), part, true});
            }
            m_rows += part.rowCount();
        }
    }
    return deliveries;
}

Result<QueryResult> StreamedResult::assemble(StreamedResult streamed)
{
    QueryResult result;
    for (const Statement &statement : std::as_const(streamed.m_statements)) {
        StatementResult out;
        out.statementId = statement.id;
        out.messages = statement.messages;
        out.error = statement.error;
        out.partial = statement.partial;
        for (int index : statement.series) {
            Series &series = streamed.m_series[index];
            auto whole = Frame::concat(series.parts);
            if (!whole)
                return Error(Error::Kind::Parse, u"The chunks of series \"%1\" do not fit together: %2"_s.arg(
                                                     series.parts.front().seriesKey(), whole.error().message()));
            series.parts.clear(); // free the parts as soon as they are copied
            out.series.append(std::move(whole).value());
            out.seriesPartial.append(series.continues);
        }
        result.statements.append(std::move(out));
    }
    return result;
}

} // namespace QInflux
