#pragma once

#include <QInflux/error.h>
#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QList>

namespace QInflux {

/// A query result as its chunks arrive: statements and series in order, each series kept as the
/// list of Frames the chunks delivered (no copying while streaming; QueryResult::append would
/// concatenate on every chunk, quadratic for a long series). assemble() makes the QueryResult once
/// the stream is over.
class StreamedResult
{
public:
    struct Series
    {
        int statement = 0;      ///< index into statements()
        QList<Frame> parts;
        qsizetype rows = 0;
        bool continues = false; ///< the server marked the last part partial
    };
    struct Statement
    {
        int id = 0;
        QStringList messages;
        std::optional<Error> error;
        bool partial = false;
        QList<int> series;      ///< indices into series()
    };
    /// One new part: of a new series (`isNew`) or continuing series `series`.
    struct Delivery
    {
        int series = 0;
        Frame part;
        bool isNew = false;
    };

    StreamedResult() = default;
    /// A complete result, each series one part.
    static StreamedResult fromResult(const QueryResult &result);

    /// Adds one chunk of a chunked answer (see QueryResult::append for the continuation rules) and
    /// says which series got rows. New statements are added at the end.
    QList<Delivery> append(const QueryResult &chunk);

    const QList<Statement> &statements() const { return m_statements; }
    const QList<Series> &series() const { return m_series; }
    qsizetype rowCount() const { return m_rows; }

    /// The QueryResult: each series' parts concatenated once (Frame::concat, which widens Int to
    /// Float where JSON chunks disagree). O(rows); run it off the GUI thread for big results.
    /// A Kind::Parse error when a series' parts do not fit together.
    static Result<QueryResult> assemble(StreamedResult streamed);

private:
    QList<Statement> m_statements;
    QList<Series> m_series;
    qsizetype m_rows = 0;
};

} // namespace QInflux
