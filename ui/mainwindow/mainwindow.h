#pragma once

#include "client/error.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <QCoroTask>

class QAction;
class QLabel;

namespace QInflux {

class ConnectionSession;
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

Q_SIGNALS:
    void connected();
    void connectionFailed(const QInflux::Error &error);
    /// `ok` is false when the request failed or a statement returned an error.
    void queryFinished(bool ok);

private:
    QCoro::Task<> connectTask(bool sandbox, QString url, QString database);
    QCoro::Task<> queryTask(QString query);
    void showError(const QString &title, const Error &error);
    void updateActions();

    ConnectionSession *m_session = nullptr;
    QueryEditor *m_editor = nullptr;
    ResultView *m_results = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_importAction = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_queryStatus = nullptr;
    bool m_running = false;
};

} // namespace QInflux
