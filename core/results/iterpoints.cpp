#include <QInflux/iterpoints.h>

namespace QInflux {

QVariant RowView::operator[](qsizetype i) const
{
    if (m_frame->hasTime()) {
        if (i == 0)
            return QVariant::fromValue(qint64(time()));
        --i;
    }
    if (i < 0 || i >= m_frame->columnCount())
        return {};
    return m_frame->column(i).value(m_row);
}

QVariant RowView::value(QStringView column) const
{
    const Column *c = m_frame->column(column);
    return c ? c->value(m_row) : QVariant();
}

QVariantList RowView::values() const
{
    QVariantList list;
    list.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        list.append((*this)[i]);
    return list;
}

PointMeta detail::metaOf(const Frame &frame, int statementId)
{
    return PointMeta{frame.name(), frame.columnNames(), frame.tags(), statementId};
}

std::vector<QVariantList> iterpoints(const QueryResult &result)
{
    return iterpoints(result, [](const RowView &row) { return row.values(); });
}

} // namespace QInflux
