#pragma once

#include <QInflux/frame.h>
#include "timedisplay.h"

#include <QAbstractTableModel>

#include <vector>

namespace QInflux {

/// A read-only table over one series held as one or more Frames (the parts a chunked answer
/// delivers, shown one after the other). It copies nothing (the Frames' data is shared), keeps no
/// per-row state and formats a cell only when the view asks for it, so it stays cheap at millions
/// of rows: data() is O(log parts).
class FrameTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit FrameTableModel(QObject *parent = nullptr);

    /// Shows `frame` alone (a model reset).
    void setFrame(const Frame &frame);
    /// Shows `parts` one after the other (a model reset); every part must have the first one's columns.
    void setFrames(const QList<Frame> &parts);
    /// Adds the rows of `part` at the end (rowsInserted, no reset); the first part resets the model.
    /// `part` continues the series: same column names as the first part.
    void appendFrame(const Frame &part);
    /// appendFrame() for several parts at once: one rowsInserted for all of them.
    void appendFrames(const QList<Frame> &parts);
    /// Replaces the parts by `whole`, the same rows in one Frame (Frame::concat of the parts), so the
    /// parts can be freed; rows and columns stay, only dataChanged() is emitted.
    void compact(const Frame &whole);

    /// The first part (the whole series unless parts were appended).
    const Frame &frame() const;
    qsizetype partCount() const { return qsizetype(m_parts.size()); }
    /// Rows over all parts (rowCount() is limited to INT_MAX, QTableView's limit).
    qsizetype totalRows() const { return m_rows; }

    TimeDisplay timeDisplay() const { return m_timeDisplay; }
    /// How the time column is shown; emits dataChanged for that column.
    void setTimeDisplay(TimeDisplay mode);
    bool hasTimeColumn() const { return m_timeColumns == 1; }
    /// The time of `row` in nanoseconds (0 when the model has no time column).
    std::int64_t timeAt(qsizetype row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    /// DisplayRole: the text (time per timeDisplay()); EditRole: the typed value (time as qint64 ns);
    /// ToolTipRole on time cells: every other time form; TextAlignmentRole: numbers right-aligned.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// The part holding `row` and the row inside it.
    std::pair<const Frame *, qsizetype> locate(qsizetype row) const;

    std::vector<Frame> m_parts;
    std::vector<qsizetype> m_starts; ///< first row of each part
    qsizetype m_rows = 0;
    int m_timeColumns = 0; ///< 1 when the series has a time column, shown first
    TimeDisplay m_timeDisplay = TimeDisplay::Utc;
};

} // namespace QInflux
