#include "querytab.h"

#include "connections/connectionsession.h"
#include "queryeditor.h"
#include "resultview/resultview.h"

#include <QSplitter>
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
}

bool QueryTab::run(const QString &query, CacheMode mode)
{
    Client *client = m_session ? m_session->client() : nullptr;
    if (!client || query.trimmed().isEmpty())
        return false;
    QueryRunOptions options;
    options.cache = m_useCache ? m_session->cache() : nullptr;
    options.cacheMode = mode;
    if (!m_results->run(client, query, options))
        return false;
    m_lastQuery = query;
    return true;
}

bool QueryTab::refresh()
{
    return !m_lastQuery.isEmpty() && run(m_lastQuery, CacheMode::Refresh);
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
