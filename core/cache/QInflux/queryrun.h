#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/cachedquery.h>
#include <QInflux/cancellation.h>
#include <QInflux/error.h>
#include <QInflux/streamedresult.h>

#include <QMetaType>
#include <QObject>
#include <QString>

#include <QCoroTask>

#include <optional>

namespace QInflux {

class Client;

/// How a QueryRun fetches a query (ResultView::run() takes the same).
struct QINFLUX_CORE_EXPORT QueryRunOptions
{
    QString database; ///< empty = the connection's default database
    /// The cache to answer from and store into; nullptr = the run does not use a cache.
    QueryCache *cache = nullptr;
    CacheMode cacheMode = CacheMode::Use;
    /// Rows per chunk when the run streams (no cache): the table grows chunk by chunk.
    int chunkSize = 10'000;
    /// Without a cache: stream the answer in chunks (true), or ask for it whole (false).
    bool stream = true;
    /// Streaming: keep the chunks for result() (true), or only hand them out through
    /// chunkReceived() so memory stays bounded (false: no result(), no resultReady(); the summary's
    /// `series` then counts series parts as they came).
    bool keepChunks = true;
    /// Ask before fetching an unbounded SELECT that returns many rows (QueryRun::setGuardThreshold).
    bool guard = true;
    /// The time format of the answer (QueryOptions::epoch / rfc3339).
    TimeUnit epoch = TimeUnit::Nanoseconds;
    bool rfc3339 = false;
};

/// What a finished run reports: for the status line, the history and the error display.
struct QINFLUX_CORE_EXPORT QueryRunSummary
{
    enum class CacheState { NotUsed, Hit, Miss };

    QString query;            ///< what ran: the guard may have added a LIMIT
    bool ok = false;          ///< false when the request failed, was cancelled, or a statement returned an error
    bool cancelled = false;   ///< by cancel() or the guard's Cancel; the rows that arrived are kept
    qint64 rows = 0;
    qint64 series = 0;
    qint64 elapsedMs = 0;
    CacheState cache = CacheState::NotUsed;
    QString cacheReason; ///< cachedQuery()'s one line: "hit", "miss (no entry)", "not cached: ..."
    std::optional<Error> error; ///< the request's error, or the first statement's error
    bool statementError = false; ///< `error` is a statement's: the request itself went through
};

/// One query run as the explorer and `qinflux query` do it: the unbounded-query guard (ask before
/// fetching a SELECT without time range or LIMIT that returns more than guardThreshold() rows), the
/// cache (cachedQuery()) or chunked streaming, cancellation, and a summary at the end. It reports
/// through signals and never blocks; whoever shows the result only listens. One run at a time.
class QINFLUX_CORE_EXPORT QueryRun : public QObject
{
    Q_OBJECT
public:
    /// The guard's question, answered with answerGuard().
    enum class GuardChoice { FetchAll, AddLimit, Cancel };
    Q_ENUM(GuardChoice)

    explicit QueryRun(QObject *parent = nullptr);
    ~QueryRun() override;

    /// Starts running `query` on `client` (which must outlive the run): started(), then status(),
    /// chunkReceived() per chunk when streaming, resultReady(), finished(). False (and nothing
    /// happens) while a run is in progress or without a client.
    bool start(Client *client, const QString &query, const QueryRunOptions &options = {});
    /// start() as a task that resolves with the summary once the run finished (for programs
    /// without widgets, e.g. `qinflux query` through blockOn()). A run in progress or no client:
    /// a Kind::Usage summary at once.
    QCoro::Task<QueryRunSummary> execute(Client *client, QString query, QueryRunOptions options = {});
    /// Cancels the run (or answers the guard's question with Cancel); finished() follows with
    /// `cancelled` set and what arrived kept in result().
    void cancel();
    bool isRunning() const { return m_running; }

    /// Rows above which an unbounded SELECT is asked about (0 = never ask); default 500,000. The
    /// check (QueryGuard::probe) gets guardBudget() ms: a server that cannot skip that many rows
    /// within it counts as large too. Nobody connected to guardQuestion() means FetchAll.
    qint64 guardThreshold() const { return m_guardRows; }
    void setGuardThreshold(qint64 rows) { m_guardRows = rows; }
    int guardBudget() const { return m_guardBudgetMs; }
    void setGuardBudget(int milliseconds) { m_guardBudgetMs = milliseconds; }
    /// The LIMIT the AddLimit choice adds.
    static constexpr qint64 guardLimit = 10'000;
    /// Answers guardQuestion().
    void answerGuard(GuardChoice choice);

    /// The chunks so far while streaming, then (once resultReady()) the complete result.
    const StreamedResult &streamed() const { return m_streamed; }
    /// The complete result, once resultReady() (with what arrived when cancelled).
    const QueryResult &result() const { return m_result; }

Q_SIGNALS:
    void started();
    /// What the run is doing, in a few words ("Checking the size of statement 1…", "Running…",
    /// "Receiving… 20,000 rows", "Assembling…").
    void status(const QString &text);
    /// The guard found statements (indexes into the query's statements) that return more than
    /// guardThreshold() rows; the run waits for answerGuard().
    void guardQuestion(const QList<int> &statements);
    /// Streaming: one chunk arrived and was added to streamed(); `deliveries` say which series grew.
    void chunkReceived(const QInflux::QueryResult &chunk, const QList<QInflux::StreamedResult::Delivery> &deliveries);
    /// result() is complete (from the cache, the whole answer, or the assembled chunks) and
    /// streamed() holds it, one part per series.
    void resultReady();
    void finished(const QInflux::QueryRunSummary &summary);
    /// Internal: carries answerGuard() to the waiting run.
    void guardAnswered(QInflux::QueryRun::GuardChoice choice);

private:
    QCoro::Task<> runTask(Client *client, QString query, QueryRunOptions options);
    /// The query to run after the guard: unchanged, with LIMITs, or nullopt when cancelled.
    QCoro::Task<std::optional<QString>> guardedQuery(Client *client, QString query, QueryOptions options);
    void finish(QueryRunSummary summary);

    bool m_running = false;
    bool m_asking = false;
    std::optional<Cancellation> m_cancel;
    qint64 m_guardRows = 500'000;
    int m_guardBudgetMs = 1'500;
    QueryResult m_result;
    StreamedResult m_streamed;
};

} // namespace QInflux

Q_DECLARE_METATYPE(QInflux::QueryRunSummary)
