#pragma once

#include "client/error.h"
#include "frame/frame.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace QInflux {

/// What one InfluxQL statement returned: its series as Frames, informational messages, or its error.
struct StatementResult
{
    int statementId = 0;
    QList<Frame> series;
    QStringList messages;
    /// Set when this statement failed; the other statements of the query keep their results.
    std::optional<Error> error;
    /// The server marked the result as incomplete (e.g. max-row-limit reached).
    bool partial = false;
};

/// The decoded answer to one /query request, one entry per statement.
struct QueryResult
{
    QList<StatementResult> statements;

    /// Rows over every series of every statement.
    qsizetype rowCount() const;
    qsizetype seriesCount() const;
    /// The first statement error, if any.
    std::optional<Error> firstError() const;
};

} // namespace QInflux
