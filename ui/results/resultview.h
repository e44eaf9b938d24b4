#pragma once

#include <QInflux/cancellation.h>
#include "models/timedisplay.h"
#include <QInflux/queryresult.h>
#include "resultview/queryrun.h"
#include <QInflux/resultwriter.h>
#include "streamedresult.h"

#include <QElapsedTimer>
#include <QWidget>

#include <QCoroTask>

class QAction;
class QComboBox;
class QLabel;
class QMessageBox;
class QProgressBar;
class QTableView;
class QTabWidget;
class QTimer;
class QToolButton;

namespace QInflux {

class ChartWidget;
class Client;
class FrameTableModel;
class ResultExporter;

/// Shows a query's result: a statement chooser, a chooser for the chosen statement's series (GROUP
/// BY gives several; the label shows the tags), the errors and messages of every statement in the
/// server's words, and pages (QTabWidget) with the table of the chosen series ("Table").
/// Runs stream: rows appear chunk by chunk with a live count and can be cancelled.
class ResultView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultView(QWidget *parent = nullptr);
    ~ResultView() override;

    /// Runs `query` on `client` and shows its result; emits runStarted(), rowsReceived() per chunk,
    /// then runFinished(). Without options.cache the answer streams (Client::queryChunked); with it,
    /// cachedQuery() answers at once. Before fetching, an unbounded SELECT returning more than
    /// guardThreshold() rows makes the view ask (non-blocking) whether to fetch all, add a LIMIT or
    /// cancel. Does nothing (returns false) while a run is in progress. `client` must outlive the run.
    bool run(Client *client, const QString &query, const QueryRunOptions &options = {});
    /// Cancels the run in progress (or the guard's question); runFinished() follows with
    /// `cancelled` set, and the rows that arrived stay shown and in result().
    void cancel();
    bool isRunning() const { return m_running; }

    void setResult(const QueryResult &result);
    /// The complete result (after a run: once the stream ended, with what arrived when cancelled).
    const QueryResult &result() const { return m_result; }
    void clear();

    // Navigation: indexes into result().statements and that statement's series.
    int currentStatement() const;
    int currentSeries() const;
    void showStatement(int statement);
    void showSeries(int series);
    QComboBox *statementChooser() const { return m_statements; }
    QComboBox *seriesChooser() const { return m_series; }

    TimeDisplay timeDisplay() const;
    /// Also stored in QSettings ("results/timeDisplay") for the next views.
    void setTimeDisplay(TimeDisplay mode);
    QComboBox *timeChooser() const { return m_timeChooser; }

    /// Copies the table's selection as TSV with a header line, times as displayed (Ctrl+C).
    void copySelection();
    QAction *copyAction() const { return m_copyAction; }
    static constexpr qint64 maxCopyCells = 2'000'000;

    /// Writes the whole result() (every series of every statement) to `path` as CSV, on a worker
    /// thread with progress; exportFinished() follows. False when there is nothing to export or an
    /// export is running.
    bool exportCsv(const QString &path, ResultWriter::TimeStyle time = {});
    void cancelExport();
    bool isExporting() const;

    /// Rows above which an unbounded SELECT is asked about (0 = never ask). Default 500,000, or
    /// QSettings "results/guardRows". The check (QueryGuard::probe) gets guardBudget() ms; a server
    /// that cannot skip that many rows within it counts as large too.
    qint64 guardThreshold() const { return m_guardRows; }
    void setGuardThreshold(qint64 rows) { m_guardRows = rows; }
    int guardBudget() const { return m_guardBudgetMs; }
    void setGuardBudget(int milliseconds) { m_guardBudgetMs = milliseconds; }
    /// The LIMIT the guard's "Add LIMIT" choice adds.
    static constexpr qint64 guardLimit = 10'000;

    /// The pages under the choosers: "Table" first; other views of the result add theirs.
    QTabWidget *pages() const { return m_pages; }
    QTableView *table() const { return m_table; }
    FrameTableModel *model() const { return m_model; }
    /// Statement errors and messages, the request's error, export errors.
    QLabel *messageLabel() const { return m_messages; }
    /// Rows so far / rows, series and time / cancelled.
    QLabel *statusLabel() const { return m_status; }
    ChartWidget *chart() const { return m_chart; }

Q_SIGNALS:
    void runStarted();
    /// While streaming: rows received so far over all series.
    void rowsReceived(qint64 rows);
    void runFinished(const QInflux::QueryRunSummary &summary);
    /// result() changed (a run ended, setResult(), clear()).
    void resultChanged();
    /// The shown series changed: result().statements[statement].series[series] (-1 when none).
    void currentSeriesChanged(int statement, int series);
    /// The guard asks; `box` is the non-blocking question (for tests and screenshots).
    void guardAsked(QMessageBox *box);
    void exportFinished(const QString &path, const std::optional<QInflux::Error> &error);

private:
    QCoro::Task<> runTask(Client *client, QString query, QueryRunOptions options);
    /// The query to run after the guard: unchanged, with LIMITs, or nullopt when the user cancelled.
    QCoro::Task<std::optional<QString>> guardedQuery(Client *client, QString query, QueryOptions options);
    void showStreamed(const StreamedResult &streamed);
    void deliver(const QList<StreamedResult::Delivery> &deliveries);
    void finishRun(QueryRunSummary summary);
    void updateMessages(const std::optional<Error> &requestError = std::nullopt);
    QString statementLabel(int statement) const;
    QString seriesLabel(int series) const;
    void fillSeriesChooser();
    void sizeColumns();
    /// Hands the parts that arrived for the shown series to the model: at once when the last
    /// hand-over is 100 ms ago, else when that is over (a 10M-row table's header costs a few ms to
    /// grow, so not on every chunk).
    void flushPending(bool now);
    void askExport(ResultWriter::TimeFormat format);

    bool m_running = false;
    std::optional<Cancellation> m_cancel;
    QMessageBox *m_guardBox = nullptr;
    qint64 m_guardRows = 500'000;
    int m_guardBudgetMs = 1'500;

    QueryResult m_result;
    StreamedResult m_streamed;
    int m_shown = -1; ///< index into m_streamed.series() of the series in the table
    QList<Frame> m_pending; ///< parts of the shown series not yet in the model
    qsizetype m_pendingRows = 0;
    QElapsedTimer m_lastFlush;
    QTimer *m_flushTimer = nullptr;

    QComboBox *m_statements = nullptr;
    QComboBox *m_series = nullptr;
    QComboBox *m_timeChooser = nullptr;
    QToolButton *m_exportButton = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_messages = nullptr;
    QTabWidget *m_pages = nullptr;
    QTableView *m_table = nullptr;
    FrameTableModel *m_model = nullptr;
    QAction *m_copyAction = nullptr;
    ResultExporter *m_exporter = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QToolButton *m_exportCancel = nullptr;
    ChartWidget *m_chart = nullptr;
};

} // namespace QInflux
