#pragma once

#include "client/cancellation.h"
#include "results/queryresult.h"
#include "results/queryrun.h"

#include <QWidget>

#include <QCoroTask>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace QInflux {

class ChartWidget;
class Client;
class FrameTableModel;

/// Shows a QueryResult: a chooser for the statement's series (GROUP BY gives several), the table
/// of the chosen series, and the statements' errors and messages.
class ResultView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultView(QWidget *parent = nullptr);

    /// Runs `query` on `client` and shows its result; emits runStarted(), then runFinished().
    /// Does nothing (returns false) while a run is in progress.
    bool run(Client *client, const QString &query, const QueryRunOptions &options = {});
    /// Cancels the run in progress; runFinished() follows with `cancelled` set.
    void cancel();
    bool isRunning() const { return m_running; }

    void setResult(const QueryResult &result);
    const QueryResult &result() const { return m_result; }
    void clear();

    QTableView *table() const { return m_table; }
    FrameTableModel *model() const { return m_model; }
    QComboBox *seriesChooser() const { return m_series; }
    /// The pages under the series chooser: "Table", "Chart".
    QTabWidget *pages() const { return m_pages; }
    ChartWidget *chart() const { return m_chart; }

Q_SIGNALS:
    void runStarted();
    void runFinished(const QInflux::QueryRunSummary &summary);

private:
    QCoro::Task<> runTask(Client *client, QString query, QueryRunOptions options);
    void showSeries(int index);

    bool m_running = false;
    std::optional<Cancellation> m_cancel;

    QueryResult m_result;
    QList<Frame> m_frames; ///< every series of every statement, in the chooser's order
    QComboBox *m_series = nullptr;
    QLabel *m_messages = nullptr;
    QTableView *m_table = nullptr;
    FrameTableModel *m_model = nullptr;
    QTabWidget *m_pages = nullptr;
    ChartWidget *m_chart = nullptr;
};

} // namespace QInflux
