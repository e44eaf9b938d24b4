#pragma once

#include <QInflux/queryresult.h>

#include <QVariantList>

#include <concepts>
#include <type_traits>
#include <vector>

namespace QInflux {

/// aioinflux's `meta` for a row: the series it belongs to.
struct PointMeta
{
    QString name;
    /// Column names of the series, "time" first when it has a time index (like the JSON "columns").
    QStringList columns;
    Tags tags;
    int statementId = 0;
};

/// One row of a Frame, without copying: cell i is column i of PointMeta::columns (time first, as
/// int64 ns, when the frame has a time index). Valid while the Frame lives.
class RowView
{
public:
    RowView(const Frame &frame, qsizetype row) : m_frame(&frame), m_row(row) {}

    qsizetype size() const { return m_frame->columnCount() + (m_frame->hasTime() ? 1 : 0); }
    qsizetype row() const { return m_row; }
    const Frame &frame() const { return *m_frame; }
    bool hasTime() const { return m_frame->hasTime(); }
    /// Nanoseconds since the epoch; 0 without a time index.
    std::int64_t time() const { return m_frame->hasTime() ? m_frame->time()[size_t(m_row)] : 0; }
    /// Cell i as a QVariant (null QVariant for a null cell); time as qint64 ns.
    QVariant operator[](qsizetype i) const;
    /// The value column of that name at this row; null QVariant when null or absent.
    QVariant value(QStringView column) const;
    /// Every cell, like aioinflux's row list.
    QVariantList values() const;

private:
    const Frame *m_frame;
    qsizetype m_row;
};

namespace detail {
template<typename F>
concept RowMetaParser = std::invocable<F &, const RowView &, const PointMeta &>;
template<typename F>
concept RowParser = std::invocable<F &, const RowView &>;
template<typename F>
concept ListMetaParser = std::invocable<F &, const QVariantList &, const PointMeta &>;
template<typename F>
concept ListParser = std::invocable<F &, const QVariantList &>;
PointMeta metaOf(const Frame &frame, int statementId);
} // namespace detail

/// Every row of every series of every statement, in order, as lists of values (aioinflux's
/// iterpoints without a parser).
std::vector<QVariantList> iterpoints(const QueryResult &result);

/// Every row of every series through `parser`, which may take (chosen at compile time, first match):
/// (const RowView &, const PointMeta &), (const RowView &), (const QVariantList &, const PointMeta &)
/// or (const QVariantList &) - aioinflux's parser(*row) and parser(*row, meta=meta). Returns the
/// parser's results in order, or nothing when the parser returns void.
template<typename Parser>
    requires detail::RowMetaParser<Parser> || detail::RowParser<Parser> || detail::ListMetaParser<Parser>
             || detail::ListParser<Parser>
auto iterpoints(const QueryResult &result, Parser &&parser)
{
    auto call = [&](const RowView &row, const PointMeta &meta) -> decltype(auto) {
        if constexpr (detail::RowMetaParser<Parser>)
            return parser(row, meta);
        else if constexpr (detail::RowParser<Parser>)
            return parser(row);
        else if constexpr (detail::ListMetaParser<Parser>)
            return parser(row.values(), meta);
        else
            return parser(row.values());
    };
    using R = std::decay_t<decltype(call(std::declval<const RowView &>(), std::declval<const PointMeta &>()))>;
    std::conditional_t<std::is_void_v<R>, int, std::vector<R>> out{};
    if constexpr (!std::is_void_v<R>)
        out.reserve(size_t(result.rowCount()));
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            const PointMeta meta = detail::metaOf(frame, statement.statementId);
            for (qsizetype r = 0; r < frame.rowCount(); ++r) {
                if constexpr (std::is_void_v<R>)
                    call(RowView(frame, r), meta);
                else
                    out.push_back(call(RowView(frame, r), meta));
            }
        }
    }
    if constexpr (!std::is_void_v<R>)
        return out;
}

} // namespace QInflux
