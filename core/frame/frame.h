#pragma once

#include <QInflux/result.h>
#include <QInflux/column.h>

#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

namespace QInflux {

/// Tag pairs of a series, sorted by key.
using Tags = QList<std::pair<QString, QString>>;

/// A columnar, DataFrame-like table: one InfluxDB series (name + tags), an optional time column
/// (int64 nanoseconds since the epoch; SHOW results and some aggregates have none) and typed
/// value columns. The data is immutable and shared: copying a Frame is O(1).
class Frame
{
public:
    Frame();
    /// `time` is empty for frames without a time index. Every column must have rowCount() values.
    Frame(QString name, Tags tags, std::optional<std::vector<std::int64_t>> time, std::vector<Column> columns);

    const QString &name() const;
    const Tags &tags() const;
    /// "name,tag1=value1,tag2=value2", aioinflux's key for a series.
    QString seriesKey() const;

    bool hasTime() const;
    /// Nanoseconds since the epoch, one per row. Empty when !hasTime().
    const std::vector<std::int64_t> &time() const;

    qsizetype rowCount() const;
    /// Number of value columns (the time column is not counted).
    qsizetype columnCount() const;
    const Column &column(qsizetype index) const;
    /// nullptr when there is no column of that name.
    const Column *column(QStringView name) const;
    /// Column names in order, with "time" first when hasTime().
    QStringList columnNames() const;
    /// Index of the value column of that name, -1 when there is none.
    qsizetype indexOf(QStringView name) const;

    /// Rows [offset, offset + length) as a new Frame (clamped to the rows there are).
    Frame slice(qsizetype offset, qsizetype length) const;

    /// The rows of `parts` one after another: a series split across the chunks of a chunked answer.
    /// Precondition for a meaningful result: every part has the name, tags, time presence and column
    /// names of the first (checked: a mismatch is a Kind::Usage error naming the part and column).
    /// A column whose type differs between parts is widened exactly where it can be: Int with Float
    /// gives Float (JSON chunks that saw only whole numbers in one chunk); an all-null part takes
    /// the other parts' type. Any other mix (e.g. String with Float) is a Kind::Parse error.
    /// An empty list gives an empty Frame.
    static Result<Frame> concat(const QList<Frame> &parts);

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

} // namespace QInflux
