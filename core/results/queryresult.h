#pragma once

#include <QInflux/error.h>
#include <QInflux/frame.h>

#include <QList>
#include <QMap>
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
    /// The server marked the result as incomplete (e.g. max-row-limit reached), or, in one chunk of a
    /// chunked answer, more chunks follow for this statement.
    bool partial = false;
    /// The server's "partial" flag per series (empty, or the same length as `series`): in a chunk, the series
    /// continues in the next chunk; after merging, the series was cut (max-row-limit).
    QList<bool> seriesPartial;
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

    /// The single series when the answer holds exactly one (over every statement), else nullopt.
    std::optional<Frame> frame() const;
    /// Every series of every statement by Frame::seriesKey() ("measurement,tag=value,..."); when two
    /// statements return the same key the later one wins (aioinflux's dict semantics).
    QMap<QString, Frame> bySeriesKey() const;
    /// The series of one statement by key; empty when there is no statement of that id.
    QMap<QString, Frame> bySeriesKey(int statementId) const;

    /// Merges the next answer of a chunked stream into this one: a statement with the same id as the
    /// last one continues it (messages appended, partial taken from the newer chunk, error kept), and
    /// a series continuing the last series of that statement (same name and tags, the last one was
    /// marked partial by the server) is concatenated with Frame::concat. Other statements are appended.
    /// A series that lost its all-zero time index (ResponseDecoder::setTimelessStatements) continues
    /// with zeros.
    /// A Kind::Parse error when the continued series cannot be concatenated (see Frame::concat).
    Result<void> append(QueryResult next);
};

} // namespace QInflux
