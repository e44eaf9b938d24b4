#include "resultview.h"

#include "chart/chartwidget.h"
#include "client/client.h"
#include "models/frametablemodel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QPointer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

ResultView::ResultView(QWidget *parent) : QWidget(parent)
{
    m_series = new QComboBox(this);
    m_series->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_messages = new QLabel(this);
    m_messages->setWordWrap(true);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages->setVisible(false);
    m_model = new FrameTableModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    auto *seriesLabel = new QLabel(tr("&Series:"), this);
    seriesLabel->setBuddy(m_series);
    auto *top = new QHBoxLayout;
    top->addWidget(seriesLabel);
    top->addWidget(m_series, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_messages);
    // --- Chart page (chart helper): the table and the chart as pages of one QTabWidget. ---
    m_pages = new QTabWidget(this);
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_table, tr("&Table"));
    m_chart = new ChartWidget(this);
    m_pages->addTab(m_chart, tr("C&hart"));
    layout->addWidget(m_pages, 1);
    // --- end of the Chart page ---

    connect(m_series, &QComboBox::currentIndexChanged, this, &ResultView::showSeries);
    clear();
}

bool ResultView::run(Client *client, const QString &query, const QueryRunOptions &options)
{
    if (m_running || !client)
        return false;
    QCoro::connect(runTask(client, query, options), this, [] {});
    return true;
}

void ResultView::cancel()
{
    if (m_cancel)
        m_cancel->cancel();
}

QCoro::Task<> ResultView::runTask(Client *client, QString query, QueryRunOptions options)
{
    QPointer<ResultView> self(this);
    m_running = true;
    m_cancel = Cancellation();
    Q_EMIT runStarted();
    QElapsedTimer timer;
    timer.start();
    QueryOptions queryOptions;
    queryOptions.database = options.database;
    queryOptions.cancellation = m_cancel;
    QueryRunSummary summary;
    summary.query = query;
    Result<QueryResult> result = Error(Error::Kind::Cancelled, {});
    if (options.cache) {
        auto cached = co_await cachedQuery(*client, *options.cache, query, queryOptions, options.cacheMode);
        summary.cache = cached.hit ? QueryRunSummary::CacheState::Hit : QueryRunSummary::CacheState::Miss;
        summary.cacheReason = cached.reason;
        result = std::move(cached.result);
    } else {
        result = co_await client->query(query, queryOptions);
    }
    if (!self)
        co_return;
    m_running = false;
    summary.elapsedMs = timer.elapsed();
    if (!result) {
        clear();
        summary.cancelled = result.error().kind() == Error::Kind::Cancelled;
        summary.error = result.error();
    } else {
        setResult(*result);
        summary.rows = result->rowCount();
        summary.series = result->seriesCount();
        summary.error = result->firstError();
        summary.ok = !summary.error.has_value();
    }
    m_cancel.reset();
    Q_EMIT runFinished(summary);
}

void ResultView::clear()
{
    setResult({});
}

void ResultView::setResult(const QueryResult &result)
{
    m_result = result;
    m_frames.clear();
    QStringList messages;
    const QSignalBlocker blocker(m_series);
    m_series->clear();
    const bool severalStatements = result.statements.size() > 1;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            QString label = frame.seriesKey();
            if (label.isEmpty())
                label = tr("(unnamed)");
            if (severalStatements)
                label = tr("Statement %1: %2").arg(statement.statementId).arg(label);
            m_series->addItem(tr("%1 — %n row(s)", nullptr, int(frame.rowCount())).arg(label));
            m_frames.append(frame);
        }
        if (statement.error)
            messages << tr("Statement %1 failed: %2").arg(statement.statementId).arg(statement.error->message());
        for (const QString &message : statement.messages)
            messages << tr("Statement %1: %2").arg(statement.statementId).arg(message);
    }
    if (m_frames.isEmpty() && !result.statements.isEmpty() && messages.isEmpty())
        messages << tr("The query returned no rows.");
    m_series->setEnabled(m_frames.size() > 1);
    m_messages->setText(messages.join(u'\n'));
    m_messages->setVisible(!messages.isEmpty());
    m_chart->setResult(result); // Chart page (chart helper)
    showSeries(m_frames.isEmpty() ? -1 : 0);
}

void ResultView::showSeries(int index)
{
    m_model->setFrame(index >= 0 && index < m_frames.size() ? m_frames[index] : Frame());
    if (m_model->rowCount() > 0) {
        // Size columns from the first rows only: resizeColumnsToContents() would visit every row.
        for (int c = 0; c < m_model->columnCount(); ++c) {
            int width = m_table->horizontalHeader()->sectionSizeHint(c);
            for (int r = 0; r < std::min(m_model->rowCount(), 50); ++r)
                width = std::max(width, m_table->sizeHintForIndex(m_model->index(r, c)).width());
            m_table->setColumnWidth(c, std::min(width + 12, 400));
        }
    }
}

} // namespace QInflux
