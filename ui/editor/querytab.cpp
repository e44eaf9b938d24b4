#include "querytab.h"

#include <QInflux/querytemplate.h>
#include "connections/connectionsession.h"
#include "queryeditor.h"
#include "resultview/resultview.h"

#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

QueryTab::QueryTab(ConnectionSession *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_editor = new QueryEditor(this);
    m_results = new ResultView(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    m_refreshTimer = new QTimer(this);
    connect(m_refreshTimer, &QTimer::timeout, this, &QueryTab::refreshTick);
}

bool QueryTab::run(const QString &query, CacheMode mode)
{
    Client *client = m_session ? m_session->client() : nullptr;
    if (!client || query.trimmed().isEmpty() || m_results->isRunning())
        return false;
    QueryTemplate::Options expandOptions;
    expandOptions.pixelWidth = m_results->chartPixelWidth();
    const auto statement = QueryTemplate(query).expand(m_range, expandOptions);
    if (!statement) {
        Q_EMIT templateFailed(statement.error());
        return false;
    }
    QueryRunOptions options;
    options.cache = m_useCache ? m_session->cache() : nullptr;
    options.cacheMode = mode;
    if (!m_results->run(client, *statement, options))
        return false;
    m_lastQuery = *statement;
    m_lastTemplate = query;
    return true;
}

bool QueryTab::refresh()
{
    return !m_lastTemplate.isEmpty() && run(m_lastTemplate, CacheMode::Refresh);
}

bool QueryTab::rerun()
{
    return !m_lastTemplate.isEmpty() && run(m_lastTemplate);
}

void QueryTab::setTimeRange(const TimeRange &range)
{
    if (range == m_range)
        return;
    m_range = range;
    updateRefreshTimer();
    Q_EMIT timeRangeChanged(range);
}

void QueryTab::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
}

void QueryTab::setRefreshInterval(int milliseconds)
{
    milliseconds = std::max(0, milliseconds);
    if (milliseconds == m_refreshMs)
        return;
    m_refreshMs = milliseconds;
    updateRefreshTimer();
    Q_EMIT refreshIntervalChanged(milliseconds);
}

void QueryTab::updateRefreshTimer()
{
    if (m_refreshMs > 0 && m_range.isRelative()) {
        m_refreshTimer->start(m_refreshMs);
    } else {
        m_refreshTimer->stop();
    }
}

void QueryTab::refreshTick()
{
    if (m_lastTemplate.isEmpty())
        return;
    if (isRunning()) { // the last one is still running: skip this one rather than queue it
        ++m_refreshesSkipped;
        return;
    }
    // A sliding range never repeats: its answers would only fill the cache.
    if (run(m_lastTemplate, CacheMode::Bypass))
        ++m_refreshesStarted;
}

void QueryTab::cancel()
{
    m_results->cancel();
}

bool QueryTab::isRunning() const
{
    return m_results->isRunning();
}

void QueryTab::setUseCache(bool use)
{
    if (use == m_useCache)
        return;
    m_useCache = use;
    Q_EMIT useCacheChanged(use);
}

} // namespace QInflux
