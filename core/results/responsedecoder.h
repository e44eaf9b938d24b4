#pragma once

#include <QInflux/result.h>
#include <QInflux/column.h>
#include <QInflux/timestamp.h>
#include <QInflux/queryresult.h>

#include <QByteArrayView>
#include <QHash>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace QInflux {

/// The body formats of /query: `Accept: application/json` or `Accept: application/x-msgpack`.
enum class ResponseFormat { Json, MessagePack };

/// Decodes a /query response body (a single answer or a chunked stream of answers) into QueryResults
/// as bytes arrive. Resumable: keeps only the bytes of an incomplete row, never the whole body.
///
/// Rules, the same for both formats:
/// - Column types follow the values (FrameBuilder): MessagePack is typed; in JSON integral text is
///   Int, text with a fraction or exponent is Float, "-0" is the float -0.0, and an Int column that
///   later sees a Float becomes Float. setFieldTypes() corrects what JSON cannot say. Integer columns
///   with nulls stay Int with a validity mask; an all-null column is Float unless a type is known.
/// - Time: a first column named "time" becomes the time index, int64 ns: integers are scaled by
///   `epoch`, MessagePack extension 5 and RFC 3339 strings are exact to the ns. A series without a
///   "time" column (SHOW ...) has no time index. Time 0 is a real timestamp: an aggregate without
///   GROUP BY time (every time 0) looks exactly like points stored at time 0, so only the
///   statements named in setTimelessStatements() lose a time index whose every value is 0.
/// - Shapes: one QueryResult per top-level answer (a chunk when chunked=true) with its statements,
///   their errors (Kind::Statement), messages ("level: text") and partial flags, per-series partial
///   flags in StatementResult::seriesPartial; QueryResult::append() merges chunks.
/// - A top-level {"error": "..."} (the query did not parse) is a Kind::Server error from feed().
/// - Errors: Kind::Parse naming what is wrong and the absolute byte offset; sticky.
class ResponseDecoder
{
public:
    explicit ResponseDecoder(ResponseFormat format, TimeUnit epoch = TimeUnit::Nanoseconds);
    ~ResponseDecoder();
    ResponseDecoder(ResponseDecoder &&) noexcept;
    ResponseDecoder &operator=(ResponseDecoder &&) noexcept;
    ResponseDecoder(const ResponseDecoder &) = delete;
    ResponseDecoder &operator=(const ResponseDecoder &) = delete;

    ResponseFormat format() const;
    TimeUnit epoch() const;

    /// Known field types (from SHOW FIELD KEYS), by column name. JSON cannot tell 1.0 from 1: a
    /// column named here gets this type (a float field holding only whole numbers decodes as Float).
    /// Call before the first feed().
    void setFieldTypes(QHash<QString, ColumnType> types);
    /// Statements (by statement_id) that aggregate without GROUP BY time(): the server sends time 0
    /// on each of their rows, so their frames get no time column when every time is 0 (aioinflux's
    /// shape). Other statements always keep their times, 0 included (a point may be stored at 0).
    /// See InfluxQL::timelessStatements(). Call before the first feed().
    void setTimelessStatements(QSet<int> statementIds);

    /// Feeds the next bytes. A parse error (Kind::Parse, message with the absolute byte offset) is sticky.
    Result<void> feed(QByteArrayView bytes);
    /// The next complete top-level answer (whole response, or one chunk of a chunked stream), in order.
    std::optional<QueryResult> takeResult();
    /// End of body: an error if an answer has started but not ended (truncated body).
    Result<void> finish();
    /// Total bytes fed and decoded so far.
    qint64 bytesConsumed() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// One-shot convenience for a complete body. Several top-level answers (a chunked body) are merged
/// into one QueryResult (see QueryResult::append()).
Result<QueryResult> decodeResponse(QByteArrayView body, ResponseFormat format,
                                   TimeUnit epoch = TimeUnit::Nanoseconds);

} // namespace QInflux
