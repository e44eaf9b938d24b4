#pragma once

#include <QInflux/error.h>
#include "framebuilder_p.h"
#include <QInflux/timestamp.h>
#include <QInflux/queryresult.h>

#include <QByteArrayView>
#include <QHash>
#include <QSet>

#include <deque>
#include <optional>

namespace QInflux::detail {

/// The format-independent half of the /query decoders: the parsers report what they read (answer,
/// statement, series, columns, rows) and this assembles QueryResults. Shared by the JSON and the
/// MessagePack parser so both follow the same rules for time columns, type hints and shapes.
class AnswerBuilder
{
public:
    explicit AnswerBuilder(TimeUnit epoch) : m_epoch(epoch), m_scale(nanosecondsPer(epoch)) {}

    void setFieldTypes(QHash<QString, ColumnType> types) { m_fieldTypes = std::move(types); }
    void setTimelessStatements(QSet<int> ids) { m_timeless = std::move(ids); }
    TimeUnit epoch() const { return m_epoch; }
    std::int64_t epochScale() const { return m_scale; }

    void beginAnswer();
    /// {"error": "..."} at top level: the whole query failed (e.g. it did not parse).
    void setTopError(QString message) { m_topError = std::move(message); }
    /// Ends the answer; a top-level error is returned as a Kind::Server error.
    std::optional<Error> endAnswer();

    /// A statement without "statement_id" (influxd 1.6 leaves it out of MessagePack statement
    /// errors) gets the previous statement's id when that one was partial (more chunks followed),
    /// else the previous id + 1 (0 for the first).
    void beginStatement();
    StatementResult &statement() { return m_statement; }
    void setStatementError(QString message);
    void endStatement();

    void beginSeries();
    void setSeriesName(QString name) { m_seriesName = std::move(name); }
    void addTag(QString key, QString value) { m_tags.append({std::move(key), std::move(value)}); }
    void setSeriesPartial(bool partial) { m_seriesPartial = partial; }
    /// The column names, "time" first when there is one. Creates the FrameBuilder.
    void setColumns(QStringList columns);
    bool hasColumns() const { return m_builder.has_value(); }
    /// Columns in a row, including time.
    qsizetype rowWidth() const { return m_rowWidth; }
    FrameBuilder &frame() { return *m_builder; }
    void endSeries();

    std::optional<QueryResult> takeResult();
    bool answerOpen() const { return m_inAnswer; }

private:
    TimeUnit m_epoch;
    std::int64_t m_scale;
    QHash<QString, ColumnType> m_fieldTypes;
    QSet<int> m_timeless;
    bool m_inAnswer = false;
    QueryResult m_answer;
    std::optional<QString> m_topError;
    StatementResult m_statement;
    QString m_seriesName;
    Tags m_tags;
    bool m_seriesPartial = false;
    std::optional<FrameBuilder> m_builder;
    qsizetype m_rowWidth = 0;
    std::deque<QueryResult> m_ready;
    int m_lastStatementId = -1;
    bool m_lastPartial = false;
};

/// The server's own RFC 3339 times ("2009-11-10T23:00:00.123456789Z", UTC, 0-9 fraction digits)
/// parsed straight from bytes; other spellings go through Timestamp::fromRfc3339.
std::optional<std::int64_t> parseTime(QByteArrayView text);

/// Integer epoch time in `scale` ns units to ns; nullopt on overflow.
inline std::optional<std::int64_t> scaleTime(std::int64_t value, std::int64_t scale)
{
    std::int64_t ns;
    if (__builtin_mul_overflow(value, scale, &ns))
        return std::nullopt;
    return ns;
}

/// A Kind::Parse error "<format> answer: <what> at byte <offset>".
Error parseError(const char *format, const QString &what, qint64 offset);

} // namespace QInflux::detail
