#include "frametablemodel.h"

#include "frame/timestamp.h"
#include "results/resultwriter.h"

using namespace Qt::StringLiterals;

namespace QInflux {

FrameTableModel::FrameTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void FrameTableModel::setFrame(const Frame &frame)
{
    beginResetModel();
    m_frame = frame;
    m_timeColumns = frame.hasTime() ? 1 : 0;
    endResetModel();
}

int FrameTableModel::rowCount(const QModelIndex &parent) const
{
    // QTableView works in int rows; a Frame larger than that is shown up to INT_MAX rows.
    return parent.isValid() ? 0 : int(std::min<qsizetype>(m_frame.rowCount(), std::numeric_limits<int>::max()));
}

int FrameTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_frame.columnCount()) + m_timeColumns;
}

QVariant FrameTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype row = index.row();
    const int col = index.column();
    const bool isTime = col < m_timeColumns;
    switch (role) {
    case Qt::DisplayRole:
        if (isTime)
            return Timestamp::toRfc3339(m_frame.time()[size_t(row)]);
        return ResultWriter::formatCell(m_frame.column(col - m_timeColumns), row);
    case Qt::TextAlignmentRole: {
        if (isTime)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        const ColumnType type = m_frame.column(col - m_timeColumns).type();
        const bool numeric = type == ColumnType::Float || type == ColumnType::Int || type == ColumnType::UInt;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    case Qt::EditRole: // the typed value, for sorting proxies and copying
        if (isTime)
            return qint64(m_frame.time()[size_t(row)]);
        return m_frame.column(col - m_timeColumns).value(row);
    default:
        return {};
    }
}

QVariant FrameTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1;
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    const bool isTime = section < m_timeColumns;
    if (role == Qt::DisplayRole)
        return isTime ? u"time"_s : m_frame.column(section - m_timeColumns).name();
    if (role == Qt::ToolTipRole)
        return isTime ? u"time (UTC, nanosecond precision)"_s
                      : m_frame.column(section - m_timeColumns).name() + u" ("_s
                + columnTypeName(m_frame.column(section - m_timeColumns).type()) + u')';
    return {};
}

} // namespace QInflux
