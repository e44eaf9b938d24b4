#pragma once

#include "resultview/queryrun.h"

#include <QTabWidget>

class QTimer;

namespace QInflux {

class CompletionModel;
class ConnectionSession;
class QueryTab;

/// The editor tabs. Each tab's text is kept in QSettings ("editor/tabs") and comes back at the next
/// start; there is always at least one tab. Forwards the runs of every tab.
class QueryTabWidget : public QTabWidget
{
    Q_OBJECT
public:
    /// `completion` serves every tab's editor; neither it nor `session` is owned.
    QueryTabWidget(ConnectionSession *session, CompletionModel *completion, QWidget *parent = nullptr);
    ~QueryTabWidget() override;

    QueryTab *currentTab() const;
    QueryTab *tab(int index) const;

    /// Adds a tab with `text` after the others and makes it current.
    QueryTab *newTab(const QString &text = {});
    /// Closes tab `index` (cancelling its run); the last tab is replaced by an empty one.
    void closeTab(int index);
    /// Writes the tabs' texts to QSettings now (it also happens shortly after each edit).
    void saveTabs() const;

Q_SIGNALS:
    void currentTabChanged(QInflux::QueryTab *tab);
    /// The editor of `tab` asked to run `query` (Ctrl+Enter, Ctrl+Shift+Enter).
    void runRequested(QInflux::QueryTab *tab, const QString &query);
    void runStarted(QInflux::QueryTab *tab);
    void runFinished(QInflux::QueryTab *tab, const QInflux::QueryRunSummary &summary);

private:
    void restoreTabs();
    void updateTitle(QueryTab *tab);

    ConnectionSession *m_session = nullptr;
    CompletionModel *m_completion = nullptr;
    QTimer *m_saveTimer = nullptr;
};

} // namespace QInflux
