#include "resultview.h"

#include "chart/chartwidget.h"
#include "models/frametablemodel.h"
#include "models/selectiontext.h"
#include "resultexporter.h"
#include "tablecelldelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QChart>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
const auto s_timeKey = u"results/timeDisplay"_s;
const auto s_guardKey = u"results/guardRows"_s;
} // namespace

ResultView::ResultView(QWidget *parent) : QWidget(parent)
{
    m_statements = new QComboBox(this);
    m_statements->setObjectName(u"statementChooser"_s);
    m_statements->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_series = new QComboBox(this);
    m_series->setObjectName(u"seriesChooser"_s);
    m_series->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_series->setMinimumContentsLength(24);
    m_timeChooser = new QComboBox(this);
    m_timeChooser->setObjectName(u"timeChooser"_s);
    for (TimeDisplay mode : TimeText::modes())
        m_timeChooser->addItem(TimeText::modeName(mode), TimeText::key(mode));
    m_timeChooser->setToolTip(tr("How times are shown; every form keeps the nanoseconds"));
    m_status = new QLabel(this);
    m_status->setObjectName(u"resultStatus"_s);
    m_messages = new QLabel(this);
    m_messages->setObjectName(u"resultMessages"_s);
    m_messages->setWordWrap(true);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages->setVisible(false);

    m_model = new FrameTableModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setItemDelegate(new TableCellDelegate(m_table));
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    // Uniform rows and columns sized from a few rows: nothing visits every row.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_copyAction = new QAction(QIcon::fromTheme(u"edit-copy"_s), tr("&Copy"), this);
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyAction->setToolTip(tr("Copy the selected cells as tab-separated text with a header line"));
    connect(m_copyAction, &QAction::triggered, this, &ResultView::copySelection);
    m_table->addAction(m_copyAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(u"resultPages"_s);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_table, tr("Table"));
    // The chart of the result, prepared only when its page is shown.
    m_chart = new ChartWidget(this);
    m_pages->addTab(m_chart, tr("C&hart"));
    connect(this, &ResultView::resultChanged, m_chart, [this] { m_chart->setResult(m_result); });

    m_exporter = new ResultExporter(this);
    m_exportButton = new QToolButton(this);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setIcon(QIcon::fromTheme(u"document-save-as"_s, style()->standardIcon(QStyle::SP_DialogSaveButton)));
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setToolTip(tr("Export every series of every statement to CSV"));
    auto *exportMenu = new QMenu(m_exportButton);
    connect(exportMenu->addAction(tr("CSV, times in RFC 3339 (UTC)…")), &QAction::triggered, this,
            [this] { askExport(ResultWriter::TimeFormat::Rfc3339); });
    connect(exportMenu->addAction(tr("CSV, times in epoch nanoseconds…")), &QAction::triggered, this,
            [this] { askExport(ResultWriter::TimeFormat::Epoch); });
    m_exportButton->setMenu(exportMenu);
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setVisible(false);
    m_exportProgress->setMaximumWidth(200);
    m_exportCancel = new QToolButton(this);
    m_exportCancel->setObjectName(u"exportCancel"_s);
    m_exportCancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_exportCancel->setToolTip(tr("Cancel the export"));
    m_exportCancel->setVisible(false);
    connect(m_exportCancel, &QToolButton::clicked, this, &ResultView::cancelExport);
    connect(m_exporter, &ResultExporter::progress, this, [this](qint64 done, qint64 total) {
        m_exportProgress->setMaximum(1000);
        m_exportProgress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
        m_exportProgress->setFormat(tr("Exporting %1 of %2 rows").arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_exporter, &ResultExporter::finished, this, [this](const QString &path, const std::optional<Error> &error) {
        m_exportProgress->setVisible(false);
        m_exportCancel->setVisible(false);
        m_exportButton->setEnabled(!isRunning());
        updateMessages();
        if (error && error->kind() != Error::Kind::Cancelled) {
            m_messages->setText((m_messages->text().isEmpty() ? QString() : m_messages->text() + u'\n')
                                + tr("Export failed: %1").arg(error->message()));
            m_messages->setVisible(true);
        } else {
            m_status->setText(error ? error->message() : tr("Exported to %1").arg(path));
        }
        Q_EMIT exportFinished(path, error);
    });

    auto *statementLabel = new QLabel(tr("S&tatement:"), this);
    statementLabel->setBuddy(m_statements);
    auto *seriesLabel = new QLabel(tr("&Series:"), this);
    seriesLabel->setBuddy(m_series);
    auto *timeLabel = new QLabel(tr("T&ime:"), this);
    timeLabel->setBuddy(m_timeChooser);
    auto *top = new QHBoxLayout;
    top->addWidget(statementLabel);
    top->addWidget(m_statements);
    top->addWidget(seriesLabel);
    top->addWidget(m_series, 1);
    top->addWidget(m_status);
    top->addWidget(timeLabel);
    top->addWidget(m_timeChooser);
    top->addWidget(m_exportButton);
    top->addWidget(m_exportProgress);
    top->addWidget(m_exportCancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_messages);
    layout->addWidget(m_pages, 1);

    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, [this] { flushPending(true); });
    connect(m_statements, &QComboBox::currentIndexChanged, this, &ResultView::showStatement);
    connect(m_series, &QComboBox::currentIndexChanged, this, &ResultView::showSeries);
    connect(m_timeChooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        const TimeDisplay mode = TimeText::fromKey(m_timeChooser->itemData(index).toString());
        m_model->setTimeDisplay(mode);
        QSettings().setValue(s_timeKey, TimeText::key(mode));
    });
    const QSettings settings;
    setTimeDisplay(TimeText::fromKey(settings.value(s_timeKey, TimeText::key(TimeDisplay::Utc)).toString()));
    m_run = new QueryRun(this);
    m_run->setGuardThreshold(settings.value(s_guardKey, m_run->guardThreshold()).toLongLong());
    connectRun();
    clear();
}

ResultView::~ResultView() = default;

void ResultView::clear()
{
    setResult({});
}

void ResultView::setResult(const QueryResult &result)
{
    m_result = result;
    showStreamed(StreamedResult::fromResult(result));
    Q_EMIT resultChanged();
}

void ResultView::showStreamed(const StreamedResult &streamed)
{
    m_streamed = streamed;
    m_shown = -1;
    {
        const QSignalBlocker blocker(m_statements);
        m_statements->clear();
        for (int i = 0; i < m_streamed.statements().size(); ++i)
            m_statements->addItem(statementLabel(i));
    }
    m_statements->setEnabled(m_statements->count() > 1);
    showStatement(m_statements->count() > 0 ? 0 : -1);
    updateMessages();
    m_exportButton->setEnabled(!isRunning() && !m_result.statements.isEmpty() && !m_exporter->isRunning());
    m_status->setText(m_streamed.statements().isEmpty()
                          ? QString()
                          : tr("%1 rows · %n series", nullptr, int(m_streamed.series().size())).arg(QLocale().toString(m_streamed.rowCount())));
}

int ResultView::currentStatement() const
{
    return m_statements->currentIndex();
}

int ResultView::currentSeries() const
{
    return m_series->currentIndex();
}

void ResultView::showStatement(int statement)
{
    if (m_statements->currentIndex() != statement) {
        const QSignalBlocker blocker(m_statements);
        m_statements->setCurrentIndex(statement);
    }
    fillSeriesChooser();
}

void ResultView::fillSeriesChooser()
{
    const int statement = m_statements->currentIndex();
    {
        const QSignalBlocker blocker(m_series);
        m_series->clear();
        if (statement >= 0 && statement < m_streamed.statements().size()) {
            for (int index : m_streamed.statements()[statement].series)
                m_series->addItem(seriesLabel(index));
        }
    }
    m_series->setEnabled(m_series->count() > 1);
    showSeries(m_series->count() > 0 ? 0 : -1);
}

void ResultView::showSeries(int series)
{
    if (m_series->currentIndex() != series) {
        const QSignalBlocker blocker(m_series);
        m_series->setCurrentIndex(series);
    }
    const int statement = m_statements->currentIndex();
    const bool valid = statement >= 0 && statement < m_streamed.statements().size() && series >= 0
        && series < m_streamed.statements()[statement].series.size();
    m_shown = valid ? m_streamed.statements()[statement].series[series] : -1;
    m_pending.clear(); // the model takes every part so far
    m_pendingRows = 0;
    m_flushTimer->stop();
    m_model->setFrames(valid ? m_streamed.series()[m_shown].parts : QList<Frame>{});
    sizeColumns();
    Q_EMIT currentSeriesChanged(valid ? statement : -1, valid ? series : -1);
}

void ResultView::sizeColumns()
{
    // From the first rows only: resizeColumnsToContents() would visit every row.
    const int rows = std::min(m_model->rowCount(), 50);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        int width = m_table->horizontalHeader()->sectionSizeHint(c);
        for (int r = 0; r < rows; ++r)
            width = std::max(width, m_table->sizeHintForIndex(m_model->index(r, c)).width());
        m_table->setColumnWidth(c, std::min(width + 12, 400));
    }
}

void ResultView::flushPending(bool now)
{
    if (m_pending.isEmpty())
        return;
    constexpr qint64 interval = 100;
    if (!now && m_lastFlush.isValid() && m_lastFlush.elapsed() < interval) {
        if (!m_flushTimer->isActive())
            m_flushTimer->start(int(interval - m_lastFlush.elapsed()));
        return;
    }
    m_flushTimer->stop();
    const bool first = m_model->totalRows() == 0;
    m_model->appendFrames(m_pending);
    m_pending.clear();
    m_pendingRows = 0;
    m_lastFlush.start();
    if (first)
        sizeColumns();
}

QString ResultView::statementLabel(int statement) const
{
    const StreamedResult::Statement &s = m_streamed.statements()[statement];
    qsizetype rows = 0;
    for (int index : s.series)
        rows += m_streamed.series()[index].rows;
    QString label = tr("#%1").arg(s.id + 1);
    if (s.error)
        return tr("%1 — error").arg(label);
    return tr("%1 — %n series", nullptr, int(s.series.size())).arg(label) + u", "_s
        + tr("%1 rows").arg(QLocale().toString(rows));
}

QString ResultView::seriesLabel(int series) const
{
    const StreamedResult::Series &s = m_streamed.series()[series];
    QString label = s.parts.front().seriesKey();
    if (label.isEmpty())
        label = tr("(unnamed)");
    return tr("%1 — %2 rows").arg(label, QLocale().toString(s.rows));
}

void ResultView::updateMessages(const std::optional<Error> &requestError)
{
    QStringList lines;
    if (requestError && requestError->kind() != Error::Kind::Cancelled)
        lines << tr("The query failed: %1").arg(requestError->message());
    const bool several = m_streamed.statements().size() > 1;
    for (const StreamedResult::Statement &s : m_streamed.statements()) {
        const QString prefix = several ? tr("Statement %1: ").arg(s.id + 1) : QString();
        if (s.error)
            lines << prefix + tr("error: %1").arg(s.error->message());
        for (const QString &message : s.messages)
            lines << prefix + message;
    }
    if (lines.isEmpty() && !requestError && !m_streamed.statements().isEmpty() && m_streamed.series().isEmpty())
        lines << tr("The query returned no rows.");
    m_messages->setText(lines.join(u'\n'));
    m_messages->setVisible(!lines.isEmpty());
}

TimeDisplay ResultView::timeDisplay() const
{
    return m_model->timeDisplay();
}

void ResultView::setTimeDisplay(TimeDisplay mode)
{
    const int index = m_timeChooser->findData(TimeText::key(mode));
    if (index == m_timeChooser->currentIndex())
        m_model->setTimeDisplay(mode);
    m_timeChooser->setCurrentIndex(index);
}

void ResultView::copySelection()
{
    const QItemSelection selection = m_table->selectionModel()->selection();
    if (selection.isEmpty())
        return;
    if (const qint64 cells = SelectionText::cellCount(selection); cells > maxCopyCells) {
        m_status->setText(tr("Not copied: %1 cells selected, at most %2 can be copied; use Export for more.")
                              .arg(QLocale().toString(cells), QLocale().toString(maxCopyCells)));
        return;
    }
    QApplication::clipboard()->setText(SelectionText::toTsv(*m_model, selection));
}

bool ResultView::exportCsv(const QString &path, ResultWriter::TimeStyle time)
{
    if (m_result.statements.isEmpty() || !m_exporter->start(m_result, path, time))
        return false;
    m_exportButton->setEnabled(false);
    m_exportProgress->setVisible(true);
    m_exportCancel->setVisible(true);
    return true;
}

void ResultView::cancelExport()
{
    m_exporter->cancel();
}

bool ResultView::isExporting() const
{
    return m_exporter->isRunning();
}

void ResultView::askExport(ResultWriter::TimeFormat format)
{
    auto *dialog = new QFileDialog(this, tr("Export the result to CSV"), {}, tr("CSV files (*.csv);;All files (*)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        exportCsv(path, ResultWriter::TimeStyle{format, TimeUnit::Nanoseconds});
    });
    dialog->open();
}

int ResultView::chartPixelWidth() const
{
    const int width = int(m_chart->chart()->plotArea().width());
    return width >= 10 ? width : 1000;
}

} // namespace QInflux
