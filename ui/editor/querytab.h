#pragma once

#include <QInflux/cachedquery.h>
#include <QInflux/error.h>
#include <QInflux/timerange.h>

#include <QPointer>
#include <QWidget>

class QTimer;

namespace QInflux {

class ConnectionSession;
class QueryEditor;
class ResultView;

/// One editor tab: a QueryEditor over its own ResultView, running on the session's current Client.
/// Its "use cache" choice picks whether runs go through ConnectionSession::cache().
/// The text is a QueryTemplate: each run expands its macros ($timeFilter, $from, $to, $interval) over
/// the tab's time range and the chart's width; the expanded statement is what runs (and what the
/// cache key and lastQuery() hold). Live refresh re-runs the last template while the range is relative.
class QueryTab : public QWidget
{
    Q_OBJECT
public:
    explicit QueryTab(ConnectionSession *session, QWidget *parent = nullptr);

    QueryEditor *editor() const { return m_editor; }
    ResultView *results() const { return m_results; }

    /// Expands the template `query` over timeRange() and runs the result in this tab's ResultView; false
    /// when not connected, `query` is empty, a run is in progress or the expansion failed (templateFailed()).
    /// `mode` Refresh asks the server again and replaces the cached answer.
    bool run(const QString &query, CacheMode mode = CacheMode::Use);
    /// Runs the last template again past the cache (CacheMode::Refresh); false if there is none.
    bool refresh();
    /// Runs the last template again (through the cache if used), re-expanded over the current range:
    /// what "query this range" calls after setTimeRange(). False if there is none or a run is in progress.
    Q_SLOT bool rerun();
    void cancel();
    bool isRunning() const;
    /// The expanded statement of the last run ("" before the first).
    QString lastQuery() const { return m_lastQuery; }
    /// The template (the tab's text or its selection) of the last run ("" before the first).
    QString lastTemplate() const { return m_lastTemplate; }

    /// The range the macros use; default the last hour. `zone` is how absolute times are shown and entered.
    TimeRange timeRange() const { return m_range; }
    QTimeZone timeZone() const { return m_zone; }
    /// Sets the range (an absolute one stops live refresh); emits timeRangeChanged(). Does not run:
    /// call rerun() after it to query the new range.
    Q_SLOT void setTimeRange(const QInflux::TimeRange &range);
    void setTimeZone(const QTimeZone &zone);

    /// Live refresh: re-run the last template every `milliseconds` (0 = off) while the range is
    /// relative. A refresh due while a run is still in progress is skipped, never stacked.
    void setRefreshInterval(int milliseconds);
    int refreshInterval() const { return m_refreshMs; }
    /// Live refreshes started, and skipped because the previous run was still in progress.
    int refreshesStarted() const { return m_refreshesStarted; }
    int refreshesSkipped() const { return m_refreshesSkipped; }

    bool useCache() const { return m_useCache; }
    void setUseCache(bool use);

Q_SIGNALS:
    void useCacheChanged(bool use);
    void timeRangeChanged(const QInflux::TimeRange &range);
    void refreshIntervalChanged(int milliseconds);
    /// run() could not expand the template (an unknown macro, a range that does not resolve).
    void templateFailed(const QInflux::Error &error);

private:
    void refreshTick();
    void updateRefreshTimer();

    QPointer<ConnectionSession> m_session;
    QueryEditor *m_editor = nullptr;
    ResultView *m_results = nullptr;
    QString m_lastQuery;
    QString m_lastTemplate;
    bool m_useCache = true;
    TimeRange m_range;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QTimer *m_refreshTimer = nullptr;
    int m_refreshMs = 0;
    int m_refreshesStarted = 0;
    int m_refreshesSkipped = 0;
};

} // namespace QInflux
