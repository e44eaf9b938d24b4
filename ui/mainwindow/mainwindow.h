#pragma once

#include "client/error.h"
#include "results/queryrun.h"

#include <QMainWindow>

#include <QCoroTask>

class QAction;
class QLabel;
class QMenu;

namespace QInflux {

class AdminDialog;
class CacheSettingsDialog;
class ConnectionSession;
class WriteDialog;
class QueryEditor;
class ResultView;

/// The explorer's main window: it wires the editor, the results and the connection together.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionSession *session() const { return m_session; }
    QueryEditor *editor() const { return m_editor; }
    ResultView *results() const { return m_results; }

    /// Starts the built-in sandbox and connects to it; emits connected() or connectionFailed().
    void connectToSandbox();
    /// Connects to `url` with `database` as default database.
    void connectToUrl(const QString &url, const QString &database);
    /// Runs `query` on the current connection; emits queryFinished().
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
    void showRunSummary(const QueryRunSummary &summary);
    void showError(const QString &title, const Error &error);
    void updateActions();
    /// The Tools menu (created on first use, before Help).
    QMenu *toolsMenu();
    /// Cache: the "Cache results" toggle, "Refresh (bypass cache)", Tools > Cache Settings, the hit/miss label.
    void setupCache();
    void showCacheState(const QueryRunSummary &summary);
    void runQueryWithCache(const QString &query, CacheMode mode);
    /// Tools > Write Points and Tools > Administration.
    void setupWriteAndAdmin();
    /// The tools' dialogs, opened non-blocking and deleted on close; nullptr when not connected.
    CacheSettingsDialog *openCacheSettings();
    WriteDialog *openWriteDialog();
    AdminDialog *openAdminDialog();
    /// showView() for "cache", "write" and "admin".
    void showToolView(const QString &name);

    ConnectionSession *m_session = nullptr;
    QueryEditor *m_editor = nullptr;
    ResultView *m_results = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_importAction = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_queryStatus = nullptr;
    QAction *m_cacheAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_writeAction = nullptr;
    QAction *m_adminAction = nullptr;
    QLabel *m_cacheStatus = nullptr;
};

} // namespace QInflux
