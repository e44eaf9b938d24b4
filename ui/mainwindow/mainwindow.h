#pragma once

#include <QInflux/error.h>
#include "resultview/queryrun.h"

#include <QMainWindow>

#include <QCoroTask>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace QInflux {

class AdminDialog;
class CacheSettingsDialog;
class CompletionModel;
class ConnectionSession;
class ConnectionStore;
class ConnectionSwitcher;
class ConnectionsDialog;
class HistoryDock;
class WriteDialog;
class QueryEditor;
class QueryHistory;
class QueryTab;
class QueryTabWidget;
class ResultView;
class SavedQueries;
class SchemaBrowser;

/// The explorer's main window: it wires the editor, the results and the connection together.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionSession *session() const { return m_session; }
    /// The saved connections (File > Connections…) and the switcher that connects to them.
    ConnectionStore *connectionStore() const { return m_connectionStore; }
    ConnectionSwitcher *connectionSwitcher() const { return m_connectionSwitcher; }
    /// Opens the connections manager (non-blocking; one at a time) and returns it.
    ConnectionsDialog *openConnectionsDialog();
    /// The current tab's editor and results (there is always a current tab).
    QueryEditor *editor() const;
    ResultView *results() const;
    QueryTabWidget *queryTabs() const { return m_tabs; }
    QueryHistory *history() const { return m_history; }
    SavedQueries *savedQueries() const { return m_saved; }
    HistoryDock *historyDock() const { return m_historyDock; }
    CompletionModel *completionModel() const { return m_completion; }
    SchemaBrowser *schemaBrowser() const { return m_schema; }

    /// Starts the built-in sandbox and connects to it; emits connected() or connectionFailed().
    void connectToSandbox();
    /// Connects to the saved connection `id` (asking for its password when needed); emits
    /// connected() or connectionFailed().
    void connectToSaved(const QString &id);
    /// Connects to `url` with `database` as default database.
    void connectToUrl(const QString &url, const QString &database);
    /// Puts `query` into the current tab when it is empty, else into a new tab (the user's text stays).
    void openQuery(const QString &query);
    /// Runs `query` in the current tab on the current connection; emits queryFinished().
    void runQuery(const QString &query);

    /// For --screenshot: brings the view `name` (e.g. "table") to the front and emits viewReady()
    /// with the widget to capture once it shows its content, or viewFailed() with the reason.
    void showView(const QString &name);
    /// The names showView() knows.
    static QStringList viewNames();

Q_SIGNALS:
    void connected();
    void connectionFailed(const QInflux::Error &error);
    /// `ok` is false when the request failed or a statement returned an error.
    void queryFinished(bool ok);
    void viewReady(QWidget *target);
    void viewFailed(const QString &reason);

private:
    QCoro::Task<> connectTask(bool sandbox, QString url, QString database);
    void setupConnections();
    /// showView("connections"): the manager with the sandbox tested.
    void showConnectionsView();
    void setupQueryTabs();
    void setupHistoryDock();
    void updateQueryActions();
    void showRunSummary(const QueryRunSummary &summary);
    /// Emits viewReady(target) now, or once the current tab's run in progress has finished.
    void emitViewReadyAfterRun(QWidget *target);
    void showError(const QString &title, const Error &error);
    void updateActions();
    void setupSchemaDock();
    /// The View menu (docks add their toggles to it).
    QMenu *viewMenu();
    /// The Tools menu (created on first use, before Help).
    QMenu *toolsMenu();
    /// Cache: the connection's "Cache results" toggle, Tools > Cache Settings, the hit/miss label (the
    /// per-tab "Use cache" and "Refresh" are in setupQueryTabs()).
    void setupCache();
    void showCacheState(const QueryRunSummary &summary);
    /// Tools > Write Points and Tools > Administration.
    void setupWriteAndAdmin();
    /// The tools' dialogs, opened non-blocking and deleted on close; nullptr when not connected.
    CacheSettingsDialog *openCacheSettings();
    WriteDialog *openWriteDialog();
    AdminDialog *openAdminDialog();
    /// showView() for "cache", "write" and "admin".
    void showToolView(const QString &name);

    ConnectionSession *m_session = nullptr;
    // Editor tabs, history and saved queries (setupQueryTabs(), setupHistoryDock()).
    QueryTabWidget *m_tabs = nullptr;
    CompletionModel *m_completion = nullptr;
    QueryHistory *m_history = nullptr;
    SavedQueries *m_saved = nullptr;
    HistoryDock *m_historyDock = nullptr;
    QAction *m_runAllAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_useCacheAction = nullptr;
    QAction *m_newTabAction = nullptr;
    QAction *m_closeTabAction = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_importAction = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_queryStatus = nullptr;
    ConnectionStore *m_connectionStore = nullptr;
    ConnectionSwitcher *m_connectionSwitcher = nullptr;
    SchemaBrowser *m_schema = nullptr;
    QDockWidget *m_schemaDock = nullptr;
    QAction *m_cacheAction = nullptr;
    QAction *m_writeAction = nullptr;
    QAction *m_adminAction = nullptr;
    QLabel *m_cacheStatus = nullptr;
};

} // namespace QInflux
