#pragma once

#include <QInflux/cachedquery.h>

#include <QPointer>
#include <QWidget>

namespace QInflux {

class ConnectionSession;
class QueryEditor;
class ResultView;

/// One editor tab: a QueryEditor over its own ResultView, running on the session's current Client.
/// Its "use cache" choice picks whether runs go through ConnectionSession::cache().
class QueryTab : public QWidget
{
    Q_OBJECT
public:
    explicit QueryTab(ConnectionSession *session, QWidget *parent = nullptr);

    QueryEditor *editor() const { return m_editor; }
    ResultView *results() const { return m_results; }

    /// Runs `query` in this tab's ResultView; false when not connected, `query` is empty or a run is in progress.
    /// `mode` Refresh asks the server again and replaces the cached answer.
    bool run(const QString &query, CacheMode mode = CacheMode::Use);
    /// Runs the last query again past the cache (CacheMode::Refresh); false if there is none.
    bool refresh();
    void cancel();
    bool isRunning() const;
    /// The query of the last run ("" before the first).
    QString lastQuery() const { return m_lastQuery; }

    bool useCache() const { return m_useCache; }
    void setUseCache(bool use);

Q_SIGNALS:
    void useCacheChanged(bool use);

private:
    QPointer<ConnectionSession> m_session;
    QueryEditor *m_editor = nullptr;
    ResultView *m_results = nullptr;
    QString m_lastQuery;
    bool m_useCache = true;
};

} // namespace QInflux
