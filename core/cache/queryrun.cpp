// QueryRun: the guard, the cache or the stream, cancellation and the summary of one query run.

#include <QInflux/queryrun.h>

#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include "queryguard_p.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QMetaMethod>
#include <QPointer>
#include <QTimer>
#include <QtConcurrentRun>

#include <QCoroFuture>
#include <QCoroSignal>

using namespace Qt::StringLiterals;

namespace QInflux {

QueryRun::QueryRun(QObject *parent) : QObject(parent) {}

QueryRun::~QueryRun() = default;

bool QueryRun::start(Client *client, const QString &query, const QueryRunOptions &options)
{
    if (m_running || !client)
        return false;
    QCoro::connect(runTask(client, query, options), this, [] {});
    return true;
}

QCoro::Task<QueryRunSummary> QueryRun::execute(Client *client, QString query, QueryRunOptions options)
{
    std::optional<QueryRunSummary> done;
    // Connected before start(): a run that fails at once finishes inside start().
    const auto connection = connect(this, &QueryRun::finished, this, [&done](const QueryRunSummary &summary) { done = summary; });
    if (!start(client, query, options)) {
        disconnect(connection);
        QueryRunSummary refused;
        refused.query = query;
        refused.error = Error(Error::Kind::Usage, tr("A query run is already in progress, or there is no client."));
        co_return refused;
    }
    if (!done)
        co_await qCoro(this, &QueryRun::finished);
    disconnect(connection);
    co_return *done;
}

void QueryRun::cancel()
{
    if (m_asking)
        answerGuard(GuardChoice::Cancel);
    if (m_cancel)
        m_cancel->cancel();
}

void QueryRun::answerGuard(GuardChoice choice)
{
    if (m_asking)
        Q_EMIT guardAnswered(choice);
}

QCoro::Task<std::optional<QString>> QueryRun::guardedQuery(Client *client, QString query, QueryOptions options)
{
    QPointer<QueryRun> self(this);
    const QStringList statements = InfluxQL::splitStatements(query);
    QList<int> large;
    for (int i = 0; i < statements.size(); ++i) {
        if (!QueryGuard::isUnbounded(statements[i]))
            continue;
        Q_EMIT status(tr("Checking the size of statement %1…").arg(i + 1));
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
    if (large.isEmpty() || !isSignalConnected(QMetaMethod::fromSignal(&QueryRun::guardQuestion)))
        co_return query;

    m_asking = true;
    // Asked from the event loop, once this coroutine waits for the answer.
    QMetaObject::invokeMethod(this, [this, large] { Q_EMIT guardQuestion(large); }, Qt::QueuedConnection);
    const GuardChoice choice = co_await qCoro(this, &QueryRun::guardAnswered);
    if (!self)
        co_return std::nullopt;
    m_asking = false;
    if (choice == GuardChoice::FetchAll)
        co_return query;
    if (choice != GuardChoice::AddLimit)
        co_return std::nullopt;
    QStringList limited = statements;
    for (int i : large)
        limited[i] = QueryGuard::withLimit(statements[i], guardLimit);
    co_return limited.join(u";\n"_s);
}

QCoro::Task<> QueryRun::runTask(Client *client, QString query, QueryRunOptions options)
{
    QPointer<QueryRun> self(this);
    m_running = true;
    m_cancel = Cancellation();
    m_result = {};
    m_streamed = {};
    Q_EMIT started();
    QElapsedTimer timer;
    timer.start();
    QueryOptions queryOptions;
    queryOptions.database = options.database;
    queryOptions.cancellation = m_cancel;
    queryOptions.chunkSize = options.chunkSize;
    queryOptions.epoch = options.epoch;
    queryOptions.rfc3339 = options.rfc3339;
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
            finish(summary);
            co_return;
        }
        query = *guarded;
        summary.query = query;
    }

    Q_EMIT status(tr("Running…"));
    if (options.cache || !options.stream) {
        Result<QueryResult> answer = QueryResult();
        if (options.cache) {
            auto cached = co_await cachedQuery(*client, *options.cache, query, queryOptions, options.cacheMode);
            summary.cache = cached.hit ? QueryRunSummary::CacheState::Hit : QueryRunSummary::CacheState::Miss;
            summary.cacheReason = cached.reason;
            answer = std::move(cached.result);
        } else {
            answer = co_await client->query(query, queryOptions);
        }
        if (!self)
            co_return;
        if (answer) {
            m_result = std::move(answer).value();
            m_streamed = StreamedResult::fromResult(m_result);
            Q_EMIT resultReady();
        } else {
            summary.error = answer.error();
        }
    } else {
        qint64 receivedRows = 0;
        qint64 receivedSeries = 0;
        auto chunks = client->queryChunked(query, queryOptions);
        for (auto it = co_await chunks.begin(); it != chunks.end(); co_await ++it) {
            if (!self)
                co_return;
            Result<QueryResult> &chunk = *it;
            if (!chunk.ok()) {
                summary.error = chunk.error();
                summary.statementError = false;
                break;
            }
            if (options.keepChunks) {
                const QList<StreamedResult::Delivery> deliveries = m_streamed.append(*chunk);
                Q_EMIT chunkReceived(*chunk, deliveries);
                receivedRows = m_streamed.rowCount();
            } else {
                receivedRows += chunk->rowCount();
                receivedSeries += chunk->seriesCount();
                if (!summary.error) {
                    summary.error = chunk->firstError();
                    summary.statementError = summary.error.has_value();
                }
                Q_EMIT chunkReceived(*chunk, {});
            }
            Q_EMIT status(tr("Receiving… %1 rows").arg(QLocale().toString(receivedRows)));
            if (m_cancel->isCancelled()) {
                // chunks already decoded would still come: stop here, with what arrived
                summary.error = Error(Error::Kind::Cancelled, tr("The query was cancelled."));
                summary.statementError = false;
                break;
            }
        }
        if (!self)
            co_return;
        if (!options.keepChunks) {
            summary.cancelled = summary.error && summary.error->kind() == Error::Kind::Cancelled;
            summary.rows = receivedRows;
            summary.series = receivedSeries;
            summary.ok = !summary.error.has_value();
            summary.elapsedMs = timer.elapsed();
            finish(summary);
            co_return;
        }
        // One concatenation per series, off the calling thread.
        Q_EMIT status(tr("Assembling %1 rows…").arg(QLocale().toString(m_streamed.rowCount())));
        auto assembled = co_await QtConcurrent::run(&StreamedResult::assemble, m_streamed);
        if (!self)
            co_return;
        if (assembled) {
            m_result = std::move(assembled).value();
            m_streamed = StreamedResult::fromResult(m_result); // frees the chunks
            Q_EMIT resultReady();
        } else if (!summary.error) {
            summary.error = assembled.error();
        }
    }
    summary.cancelled = summary.error && summary.error->kind() == Error::Kind::Cancelled;
    summary.rows = m_streamed.rowCount();
    summary.series = m_streamed.series().size();
    if (!summary.error) {
        summary.error = m_result.firstError();
        summary.statementError = summary.error.has_value();
    }
    summary.ok = !summary.error.has_value();
    summary.elapsedMs = timer.elapsed();
    finish(summary);
}

void QueryRun::finish(QueryRunSummary summary)
{
    m_running = false;
    m_asking = false;
    m_cancel.reset();
    Q_EMIT finished(summary);
}

} // namespace QInflux
