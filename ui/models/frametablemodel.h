#pragma once

#include "frame/frame.h"

#include <QAbstractTableModel>

namespace QInflux {

/// A read-only table over one Frame. It copies nothing (the Frame's data is shared) and formats a
/// cell only when the view asks for it, so it stays cheap for millions of rows.
class FrameTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit FrameTableModel(QObject *parent = nullptr);

    void setFrame(const Frame &frame);
    const Frame &frame() const { return m_frame; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Frame m_frame;
    int m_timeColumns = 0; ///< 1 when the frame has a time column, shown first
};

} // namespace QInflux
