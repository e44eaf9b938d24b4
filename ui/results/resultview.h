#pragma once

#include "results/queryresult.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace QInflux {

class FrameTableModel;

/// Shows a QueryResult: a chooser for the statement's series (GROUP BY gives several), the table
/// of the chosen series, and the statements' errors and messages.
class ResultView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultView(QWidget *parent = nullptr);

    void setResult(const QueryResult &result);
    void clear();

    QTableView *table() const { return m_table; }
    FrameTableModel *model() const { return m_model; }
    QComboBox *seriesChooser() const { return m_series; }

private:
    void showSeries(int index);

    QueryResult m_result;
    QList<Frame> m_frames; ///< every series of every statement, in the chooser's order
    QComboBox *m_series = nullptr;
    QLabel *m_messages = nullptr;
    QTableView *m_table = nullptr;
    FrameTableModel *m_model = nullptr;
};

} // namespace QInflux
