#include "frametablemodel.h"

#include <QInflux/resultwriter.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
const Frame s_empty;
}

FrameTableModel::FrameTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void FrameTableModel::setFrame(const Frame &frame)
{
    setFrames({frame});
}

void FrameTableModel::setFrames(const QList<Frame> &parts)
{
    beginResetModel();
    m_parts.clear();
    m_starts.clear();
    m_rows = 0;
    m_timeColumns = !parts.isEmpty() && parts.front().hasTime() ? 1 : 0;
    for (const Frame &part : parts) {
        if (!m_parts.empty() && part.rowCount() == 0)
            continue;
        m_parts.push_back(part);
        m_starts.push_back(m_rows);
        m_rows += part.rowCount();
    }
    endResetModel();
}

void FrameTableModel::appendFrame(const Frame &part)
{
    appendFrames({part});
}

void FrameTableModel::appendFrames(const QList<Frame> &parts)
{
    qsizetype first = 0;
    if (m_parts.empty()) {
        if (parts.isEmpty())
            return;
        setFrames({parts.front()});
        first = 1;
    }
    qsizetype added = 0;
    for (qsizetype i = first; i < parts.size(); ++i)
        added += parts[i].rowCount();
    if (added == 0)
        return;
    const qsizetype shownBefore = rowCount();
    const qsizetype shownAfter = std::min<qsizetype>(m_rows + added, std::numeric_limits<int>::max());
    const bool visible = shownAfter > shownBefore;
    if (visible)
        beginInsertRows({}, int(shownBefore), int(shownAfter - 1));
    for (qsizetype i = first; i < parts.size(); ++i) {
        if (parts[i].rowCount() == 0)
            continue;
        m_parts.push_back(parts[i]);
        m_starts.push_back(m_rows);
        m_rows += parts[i].rowCount();
    }
    if (visible)
        endInsertRows();
}

void FrameTableModel::compact(const Frame &whole)
{
    if (whole.rowCount() != m_rows || m_parts.empty())
        return setFrame(whole);
    m_parts.assign(1, whole);
    m_starts.assign(1, 0);
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

const Frame &FrameTableModel::frame() const
{
    return m_parts.empty() ? s_empty : m_parts.front();
}

void FrameTableModel::setTimeDisplay(TimeDisplay mode)
{
    if (mode == m_timeDisplay)
        return;
    m_timeDisplay = mode;
    if (m_timeColumns == 1 && rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DisplayRole, Qt::ToolTipRole});
}

std::pair<const Frame *, qsizetype> FrameTableModel::locate(qsizetype row) const
{
    if (m_parts.size() == 1)
        return {&m_parts.front(), row};
    const auto next = std::upper_bound(m_starts.begin(), m_starts.end(), row);
    const auto part = size_t(next - m_starts.begin()) - 1;
    return {&m_parts[part], row - m_starts[part]};
}

std::int64_t FrameTableModel::timeAt(qsizetype row) const
{
    if (m_timeColumns == 0 || row < 0 || row >= m_rows)
        return 0;
    const auto [frame, local] = locate(row);
    // a continuation chunk of an aggregate whose times are all 0 comes without a time index
    return frame->hasTime() ? frame->time()[size_t(local)] : 0;
}

int FrameTableModel::rowCount(const QModelIndex &parent) const
{
    // QTableView works in int rows; a series larger than that is shown up to INT_MAX rows.
    return parent.isValid() ? 0 : int(std::min<qsizetype>(m_rows, std::numeric_limits<int>::max()));
}

int FrameTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_parts.empty() ? 0 : int(m_parts.front().columnCount()) + m_timeColumns;
}

QVariant FrameTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool isTime = index.column() < m_timeColumns;
    if (isTime) {
        switch (role) {
        case Qt::DisplayRole: return TimeText::format(timeAt(index.row()), m_timeDisplay);
        case Qt::EditRole: return qint64(timeAt(index.row()));
        case Qt::ToolTipRole: return TimeText::allForms(timeAt(index.row()));
        case Qt::TextAlignmentRole: return int(Qt::AlignLeft | Qt::AlignVCenter);
        default: return {};
        }
    }
    const auto [frame, row] = locate(index.row());
    const Column &column = frame->column(index.column() - m_timeColumns);
    switch (role) {
    case Qt::DisplayRole: return ResultWriter::formatCell(column, row);
    case Qt::EditRole: return column.value(row); // the typed value, for sorting proxies
    case Qt::TextAlignmentRole: {
        const ColumnType type = column.type();
        const bool numeric = type == ColumnType::Float || type == ColumnType::Int || type == ColumnType::UInt;
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    default: return {};
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
    const Frame &first = m_parts.front();
    if (role == Qt::DisplayRole)
        return isTime ? u"time"_s : first.column(section - m_timeColumns).name();
    if (role == Qt::ToolTipRole)
        return isTime ? tr("time (%1, nanosecond precision)").arg(TimeText::modeName(m_timeDisplay))
                      : first.column(section - m_timeColumns).name() + u" ("_s
                + columnTypeName(first.column(section - m_timeColumns).type()) + u')';
    return {};
}

} // namespace QInflux
