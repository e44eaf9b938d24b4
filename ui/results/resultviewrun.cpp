// ResultView's runs: the guard, streaming the chunks into the view, and the summary.

#include "resultview.h"

#include <QInflux/cachedquery.h>
#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include "models/frametablemodel.h"
#include "queryguard.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QtConcurrentRun>

#include <QCoroFuture>
#include <QCoroSignal>

using namespace Qt::StringLiterals;

namespace QInflux {

bool ResultView::run(Client *client, const QString &query, const QueryRunOptions &options)
{
    if (m_running || !client)
        return false;
    QCoro::connect(runTask(client, query, options), this, [] {});
    return true;
}

void ResultView::cancel()
{
    if (m_guardBox)
        m_guardBox->reject();
    if (m_cancel)
        m_cancel->cancel();
}

QCoro::Task<std::optional<QString>> ResultView::guardedQuery(Client *client, QString query, QueryOptions options)
{
    QPointer<ResultView> self(this);
    const QStringList statements = InfluxQL::splitStatements(query);
    QList<int> large;
    for (int i = 0; i < statements.size(); ++i) {
        if (!QueryGuard::isUnbounded(statements[i]))
            continue;
        m_status->setText(tr("Checking the size of statement %1…").arg(i + 1));
        // The probe has a time budget: a server that cannot skip guardThreshold() rows within it
        // is looking at a large result too.
        Cancellation probeCancel;
        const int link = m_cancel->onCancel([probeCancel]() mutable { probeCancel.cancel(); });
        bool overBudget = false;
        QTimer budget;
        budget.setSingleShot(true);
        connect(&budget, &QTimer::timeout, this, [&overBudget, probeCancel]() mutable {
            overBudget = true;
            probeCancel.cancel();
        });
        budget.start(m_guardBudgetMs);
        options.cancellation = probeCancel;
        const auto probe = co_await client->query(QueryGuard::probe(statements[i], m_guardRows), options);
        if (!self)
            co_return std::nullopt;
        budget.stop();
        m_cancel->remove(link);
        if (!probe && probe.error().kind() == Error::Kind::Cancelled && !overBudget)
            co_return std::nullopt;
        if (overBudget) {
            large << i;
            continue;
        }
        // A probe that fails says nothing about the size: the run itself reports the error.
        if (probe && probe->rowCount() > 0)
            large << i;
    }
    if (large.isEmpty())
        co_return query;

    auto *box = new QMessageBox(QMessageBox::Question, tr("Fetch a large result?"), {}, QMessageBox::NoButton, this);
    box->setObjectName(u"guardBox"_s);
    QStringList which;
    for (int i : large)
        which << tr("statement %1").arg(i + 1);
    box->setText(tr("The query has no time range and no LIMIT, and returns more than %1 rows (%2).")
                     .arg(QLocale().toString(m_guardRows), which.join(u", "_s)));
    box->setInformativeText(tr("Fetch everything, add LIMIT %1, or cancel?").arg(QLocale().toString(guardLimit)));
    QPushButton *all = box->addButton(tr("Fetch &everything"), QMessageBox::AcceptRole);
    all->setObjectName(u"fetchAll"_s);
    QPushButton *limit = box->addButton(tr("Add &LIMIT %1").arg(guardLimit), QMessageBox::ActionRole);
    limit->setObjectName(u"addLimit"_s);
    box->addButton(QMessageBox::Cancel)->setObjectName(u"cancelRun"_s);
    box->setDefaultButton(limit);
    box->setWindowModality(Qt::WindowModal);
    m_guardBox = box;
    box->open();
    // Announced from the event loop, once this coroutine waits for the answer.
    QMetaObject::invokeMethod(this, [this, asked = QPointer<QMessageBox>(box)] {
        if (asked)
            Q_EMIT guardAsked(asked);
    }, Qt::QueuedConnection);
    co_await qCoro(box, &QDialog::finished);
    if (!self)
        co_return std::nullopt;
    QAbstractButton *clicked = box->clickedButton();
    m_guardBox = nullptr;
    box->deleteLater();
    if (clicked == all)
        co_return query;
    if (clicked != limit)
        co_return std::nullopt;
    QStringList limited = statements;
    for (int i : large)
        limited[i] = QueryGuard::withLimit(statements[i], guardLimit);
    co_return limited.join(u";\n"_s);
}

QCoro::Task<> ResultView::runTask(Client *client, QString query, QueryRunOptions options)
{
    QPointer<ResultView> self(this);
    m_running = true;
    m_cancel = Cancellation();
    m_exportButton->setEnabled(false);
    m_lastFlush.invalidate();
    clear();
    Q_EMIT runStarted();
    QElapsedTimer timer;
    timer.start();
    QueryOptions queryOptions;
    queryOptions.database = options.database;
    queryOptions.cancellation = m_cancel;
    queryOptions.chunkSize = options.chunkSize;
    QueryRunSummary summary;
    summary.query = query;

    if (options.guard && m_guardRows > 0) {
        const std::optional<QString> guarded = co_await guardedQuery(client, query, queryOptions);
        if (!self)
            co_return;
        if (!guarded) {
            summary.cancelled = true;
            summary.error = Error(Error::Kind::Cancelled, tr("The query was not run."));
            summary.elapsedMs = timer.elapsed();
            finishRun(summary);
            co_return;
        }
        query = *guarded;
        summary.query = query;
    }

    m_status->setText(tr("Running…"));
    if (options.cache) {
        auto cached = co_await cachedQuery(*client, *options.cache, query, queryOptions, options.cacheMode);
        if (!self)
            co_return;
        summary.cache = cached.hit ? QueryRunSummary::CacheState::Hit : QueryRunSummary::CacheState::Miss;
        summary.cacheReason = cached.reason;
        if (cached.result) {
            m_result = std::move(cached.result).value();
            showStreamed(StreamedResult::fromResult(m_result));
        } else {
            summary.error = cached.result.error();
        }
    } else {
        auto chunks = client->queryChunked(query, queryOptions);
        for (auto it = co_await chunks.begin(); it != chunks.end(); co_await ++it) {
            if (!self)
                co_return;
            Result<QueryResult> &chunk = *it;
            if (!chunk.ok()) {
                summary.error = chunk.error();
                break;
            }
            deliver(m_streamed.append(*chunk));
            m_status->setText(tr("Receiving… %1 rows").arg(QLocale().toString(m_streamed.rowCount())));
            Q_EMIT rowsReceived(m_streamed.rowCount());
            if (m_cancel->isCancelled()) {
                // chunks already decoded would still come: stop here, with what is shown
                summary.error = Error(Error::Kind::Cancelled, tr("The query was cancelled."));
                break;
            }
        }
        if (!self)
            co_return;
        flushPending(true);
        // One concatenation per series, off the GUI thread.
        m_status->setText(tr("Assembling %1 rows…").arg(QLocale().toString(m_streamed.rowCount())));
        auto assembled = co_await QtConcurrent::run(&StreamedResult::assemble, m_streamed);
        if (!self)
            co_return;
        if (assembled) {
            m_result = std::move(assembled).value();
            const int shown = m_shown;
            m_streamed = StreamedResult::fromResult(m_result); // frees the chunks
            m_shown = shown;
            if (shown >= 0)
                m_model->compact(m_streamed.series()[shown].parts.front());
        } else if (!summary.error) {
            summary.error = assembled.error();
        }
    }
    summary.cancelled = summary.error && summary.error->kind() == Error::Kind::Cancelled;
    summary.rows = m_streamed.rowCount();
    summary.series = m_streamed.series().size();
    if (!summary.error)
        summary.error = m_result.firstError();
    summary.ok = !summary.error.has_value();
    summary.elapsedMs = timer.elapsed();
    finishRun(summary);
}

void ResultView::deliver(const QList<StreamedResult::Delivery> &deliveries)
{
    const int statementsBefore = m_statements->count();
    for (int i = statementsBefore; i < m_streamed.statements().size(); ++i)
        m_statements->addItem(statementLabel(i)); // the first one shows itself (currentIndexChanged)
    m_statements->setEnabled(m_statements->count() > 1);
    bool messagesChanged = m_statements->count() != statementsBefore;
    const int current = m_statements->currentIndex();
    for (const StreamedResult::Delivery &delivery : deliveries) {
        const StreamedResult::Series &series = m_streamed.series()[delivery.series];
        if (series.statement != current)
            continue;
        const int position = int(m_streamed.statements()[current].series.indexOf(delivery.series));
        // Adding the first item shows it (currentIndexChanged), with every part so far.
        if (position >= m_series->count()) {
            m_series->addItem(seriesLabel(delivery.series));
            m_series->setEnabled(m_series->count() > 1);
        } else {
            m_series->setItemText(position, seriesLabel(delivery.series));
        }
        if (delivery.series == m_shown && m_model->totalRows() + m_pendingRows < series.rows) {
            m_pending.append(delivery.part);
            m_pendingRows += delivery.part.rowCount();
        }
    }
    flushPending(false);
    if (current >= 0)
        m_statements->setItemText(current, statementLabel(current));
    for (int i = 0; i < m_streamed.statements().size() && !messagesChanged; ++i)
        messagesChanged = m_streamed.statements()[i].error || !m_streamed.statements()[i].messages.isEmpty();
    if (messagesChanged)
        updateMessages();
}

void ResultView::finishRun(QueryRunSummary summary)
{
    m_running = false;
    m_cancel.reset();
    updateMessages(summary.error && summary.rows == 0 && summary.series == 0 ? summary.error : std::nullopt);
    const QLocale locale;
    if (summary.cancelled) {
        m_status->setText(tr("Cancelled: %1 rows kept").arg(locale.toString(summary.rows)));
    } else if (summary.error && summary.rows == 0 && summary.series == 0) {
        m_status->setText(tr("Failed after %1 ms").arg(summary.elapsedMs));
    } else {
        m_status->setText(tr("%1 rows · %n series", nullptr, int(summary.series)).arg(locale.toString(summary.rows))
                          + u" · "_s + tr("%1 ms").arg(summary.elapsedMs));
    }
    m_exportButton->setEnabled(!m_result.statements.isEmpty() && !isExporting());
    Q_EMIT resultChanged();
    Q_EMIT runFinished(summary);
}

} // namespace QInflux
