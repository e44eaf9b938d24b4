#pragma once

#include <QInflux/cancellation.h>
#include "models/timedisplay.h"
#include <QInflux/queryresult.h>
#include <QInflux/queryrun.h>
#include <QInflux/resultwriter.h>
#include <QInflux/streamedresult.h>
#include <QInflux/streamedresult.h>

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

    /// Runs `query` on `client` with a QueryRun and shows what it reports; emits runStarted(),
    /// rowsReceived() per chunk, then runFinished(). Without options.cache the answer streams
    /// (Client::queryChunked); with it, cachedQuery() answers at once. Before fetching, an unbounded
    /// SELECT returning more than guardThreshold() rows makes the view ask (non-blocking) whether to
    /// fetch all, add a LIMIT or cancel. Does nothing (returns false) while a run is in progress.
    /// `client` must outlive the run.
    bool run(Client *client, const QString &query, const QueryRunOptions &options = {});
    /// Cancels the run in progress (or the guard's question); runFinished() follows with
    /// `cancelled` set, and the rows that arrived stay shown and in result().
    void cancel();
    bool isRunning() const;
    /// The run behind run(): its guard settings, its signals.
    QueryRun *queryRun() const { return m_run; }

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
    qint64 guardThreshold() const { return m_run->guardThreshold(); }
    void setGuardThreshold(qint64 rows) { m_run->setGuardThreshold(rows); }
    int guardBudget() const { return m_run->guardBudget(); }
    void setGuardBudget(int milliseconds) { m_run->setGuardBudget(milliseconds); }
    /// The LIMIT the guard's "Add LIMIT" choice adds.
    static constexpr qint64 guardLimit = QueryRun::guardLimit;

    /// The pages under the choosers: "Table" first; other views of the result add theirs.
    QTabWidget *pages() const { return m_pages; }
    QTableView *table() const { return m_table; }
    FrameTableModel *model() const { return m_model; }
    /// Statement errors and messages, the request's error, export errors.
    QLabel *messageLabel() const { return m_messages; }
    /// Rows so far / rows, series and time / cancelled.
    QLabel *statusLabel() const { return m_status; }
    ChartWidget *chart() const { return m_chart; }
    /// The chart's plot width in pixels ($interval aims at one point per pixel); 1000 before it has a size.
    int chartPixelWidth() const;

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
    /// Wires m_run's signals to the widgets (resultviewrun.cpp).
    void connectRun();
    void onRunStarted();
    void askGuard(const QList<int> &statements);
    void onResultReady();
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

    QueryRun *m_run = nullptr;
    bool m_streaming = false; ///< the run delivered chunks (else its result comes whole)
    QMessageBox *m_guardBox = nullptr;

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
