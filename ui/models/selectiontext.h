#pragma once

#include <QString>

class QAbstractItemModel;
class QItemSelection;

namespace QInflux::SelectionText {

/// The selected cells as tab-separated text: a header line with the columns' names, then one line
/// per selected row, each cell as the model displays it (DisplayRole). The bounding rectangle of
/// the selection is written; cells inside it that are not selected are empty. A cell holding a
/// tab, newline or double quote is quoted ("a""b"), as spreadsheets read it.
QString toTsv(const QAbstractItemModel &model, const QItemSelection &selection);
/// Cells in the bounding rectangle of `selection` (what toTsv() would write, header excluded).
qint64 cellCount(const QItemSelection &selection);

} // namespace QInflux::SelectionText
