#pragma once

#include <QStyledItemDelegate>

namespace QInflux {

/// Paints the results table's cells with one elided drawText each: the display text, the model's
/// alignment, the selection and focus from the palette. QStyledItemDelegate asks the model for
/// about ten roles per cell and lays text out through the style; for a table repainted on every
/// scroll step that is most of the page's cost.
class TableCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace QInflux
