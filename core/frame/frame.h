#pragma once

#include "column.h"

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

private:
    struct Data;
    std::shared_ptr<const Data> d;
};

} // namespace QInflux
