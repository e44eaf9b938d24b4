#pragma once

#include <QInflux/frame.h>

#include <QByteArrayView>
#include <QStringList>

#include <memory>
#include <vector>

namespace QInflux {

/// Builds a Frame row by row, cell by cell, without knowing the column types up front (a /query
/// answer names its columns but not their types). Per row: appendTime() when the frame has a time
/// column, then exactly one append*() per value column, in order.
///
/// Types follow the values, with these rules (documented so decoders agree):
/// - a column is typed by its first non-null value; nulls before it are kept in the validity mask;
/// - Int then Float (JSON: a float field whose first values were whole numbers) widens the column
///   to Float: every integer already stored becomes the double its decimal text parses to (int64 to
///   double rounds to nearest, like strtod), later integers likewise; a Float column takes integers
///   the same way;
/// - a column that is null in every row ends as a Float column of nulls, unless a type hint says
///   otherwise (setColumnType);
/// - an integer column with nulls stays Int with a validity mask;
/// - any other mix (e.g. a string in a Float column) is refused: the append returns false and the
///   caller reports it.
/// Equal strings of a column share one QString (tag columns repeat a few values), so they cost no
/// allocation: the first 4096 distinct values up to 256 bytes of each column are interned.
class FrameBuilder
{
public:
    /// `columns` are the value columns (without "time"); `hasTime` adds the int64 ns time column.
    FrameBuilder(QString name, Tags tags, QStringList columns, bool hasTime);
    FrameBuilder(FrameBuilder &&) noexcept;
    FrameBuilder &operator=(FrameBuilder &&) noexcept;
    ~FrameBuilder();

    /// A known type for a column (e.g. from SHOW FIELD KEYS): Float makes whole numbers doubles from
    /// the first one on, and any hint types a column that stays all null. Call before the first row.
    void setColumnType(qsizetype column, ColumnType type);
    /// Name and tags may arrive after the rows (any key order); they only matter for build().
    void setSeries(QString name, Tags tags)
    {
        m_name = std::move(name);
        m_tags = std::move(tags);
    }
    void reserve(qsizetype rows);

    qsizetype columnCount() const { return qsizetype(m_columns.size()); }
    const QString &columnName(qsizetype column) const { return m_columns[size_t(column)].name; }
    bool hasTime() const { return m_hasTime; }
    qsizetype rowCount() const { return qsizetype(m_rows); }
    /// The type the column has so far; nullopt while it has seen only nulls.
    std::optional<ColumnType> columnType(qsizetype column) const;

    void appendTime(std::int64_t ns) { m_time.push_back(ns); }
    void appendNull(qsizetype column);
    [[nodiscard]] bool appendFloat(qsizetype column, double value)
    {
        Col &c = m_columns[size_t(column)];
        if (c.typed && c.type == ColumnType::Float) [[likely]] {
            c.f.push_back(value);
            markValid(c);
            return true;
        }
        return appendFloatSlow(c, value);
    }
    [[nodiscard]] bool appendInt(qsizetype column, std::int64_t value)
    {
        Col &c = m_columns[size_t(column)];
        if (c.typed && c.type == ColumnType::Int) [[likely]] {
            c.i.push_back(value);
            markValid(c);
            return true;
        }
        return appendIntSlow(c, value);
    }
    [[nodiscard]] bool appendUInt(qsizetype column, std::uint64_t value);
    [[nodiscard]] bool appendBool(qsizetype column, bool value);
    /// `utf8` is the decoded text (no escapes).
    [[nodiscard]] bool appendString(qsizetype column, QByteArrayView utf8);
    /// Ends the row (checks, in debug builds, that every column got one cell).
    void endRow() { ++m_rows; }

    /// The time column holds only zeros (what the server sends for aggregates without GROUP BY time).
    bool timeIsAllZero() const;
    /// Moves the data into a Frame; `keepTime` false drops the time column. The builder is empty after.
    Frame build(bool keepTime = true);

private:
    class StringTable;
    struct Col
    {
        QString name;
        ColumnType type = ColumnType::Float;
        bool typed = false;
        std::optional<ColumnType> hint;
        std::vector<double> f;
        std::vector<std::int64_t> i;
        std::vector<std::uint64_t> u;
        std::vector<std::uint8_t> b;
        std::vector<QString> s;
        std::vector<std::uint8_t> valid; ///< empty while no null was seen
        size_t size = 0;                 ///< cells appended
        size_t reserved = 0;
        std::unique_ptr<StringTable> strings; ///< equal values share one QString
    };
    bool typeColumn(Col &c, ColumnType type);
    bool appendFloatSlow(Col &c, double value);
    bool appendIntSlow(Col &c, std::int64_t value);
    bool widen(Col &c, ColumnType incoming);
    static void markValid(Col &c)
    {
        if (!c.valid.empty())
            c.valid.push_back(1);
        ++c.size;
    }

    QString m_name;
    Tags m_tags;
    bool m_hasTime = false;
    std::vector<std::int64_t> m_time;
    std::vector<Col> m_columns;
    size_t m_rows = 0;
};

} // namespace QInflux
