// ResultView's runs: a QueryRun does the work (guard, cache or stream, cancellation, summary); the
// view shows what it reports, asks the guard's question and streams the chunks into the table.

#include "resultview.h"

#include <QInflux/cachedquery.h>
#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include "models/frametablemodel.h"

#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace QInflux {

bool ResultView::run(Client *client, const QString &query, const QueryRunOptions &options)
{
    return m_run->start(client, query, options);
}

bool ResultView::isRunning() const
{
    return m_run->isRunning();
}

void ResultView::cancel()
{
    if (m_guardBox)
        m_guardBox->reject();
    m_run->cancel();
}

void ResultView::connectRun()
{
    connect(m_run, &QueryRun::started, this, &ResultView::onRunStarted);
    connect(m_run, &QueryRun::status, m_status, &QLabel::setText);
    connect(m_run, &QueryRun::guardQuestion, this, &ResultView::askGuard);
    connect(m_run, &QueryRun::chunkReceived, this, [this](const QueryResult &chunk, const QList<StreamedResult::Delivery> &) {
        m_streaming = true;
        deliver(m_streamed.append(chunk));
        Q_EMIT rowsReceived(m_streamed.rowCount());
    });
    connect(m_run, &QueryRun::resultReady, this, &ResultView::onResultReady);
    connect(m_run, &QueryRun::finished, this, &ResultView::finishRun);
}

void ResultView::onRunStarted()
{
    m_streaming = false;
    m_exportButton->setEnabled(false);
    m_lastFlush.invalidate();
    clear();
    Q_EMIT runStarted();
}

void ResultView::askGuard(const QList<int> &statements)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Fetch a large result?"), {}, QMessageBox::NoButton, this);
    box->setObjectName(u"guardBox"_s);
    QStringList which;
    for (int i : statements)
        which << tr("statement %1").arg(i + 1);
    box->setText(tr("The query has no time range and no LIMIT, and returns more than %1 rows (%2).")
                     .arg(QLocale().toString(guardThreshold()), which.join(u", "_s)));
    box->setInformativeText(tr("Fetch everything, add LIMIT %1, or cancel?").arg(QLocale().toString(guardLimit)));
    QPushButton *all = box->addButton(tr("Fetch &everything"), QMessageBox::AcceptRole);
    all->setObjectName(u"fetchAll"_s);
    QPushButton *limit = box->addButton(tr("Add &LIMIT %1").arg(guardLimit), QMessageBox::ActionRole);
    limit->setObjectName(u"addLimit"_s);
    box->addButton(QMessageBox::Cancel)->setObjectName(u"cancelRun"_s);
    box->setDefaultButton(limit);
    box->setWindowModality(Qt::WindowModal);
    m_guardBox = box;
    connect(box, &QDialog::finished, this, [this, box, all, limit] {
        QAbstractButton *clicked = box->clickedButton();
        if (m_guardBox == box)
            m_guardBox = nullptr;
        box->deleteLater();
        m_run->answerGuard(clicked == all     ? QueryRun::GuardChoice::FetchAll
                           : clicked == limit ? QueryRun::GuardChoice::AddLimit
                                              : QueryRun::GuardChoice::Cancel);
    });
    box->open();
    Q_EMIT guardAsked(box);
}

void ResultView::onResultReady()
{
    m_result = m_run->result();
    if (!m_streaming) {
        showStreamed(m_run->streamed());
        return;
    }
    flushPending(true);
    const int shown = m_shown;
    m_streamed = m_run->streamed(); // one part per series: frees the chunks
    m_shown = shown;
    if (shown >= 0)
        m_model->compact(m_streamed.series()[shown].parts.front());
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
    if (m_streaming)
        flushPending(true); // a stream that failed or was cancelled: what arrived is shown
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
