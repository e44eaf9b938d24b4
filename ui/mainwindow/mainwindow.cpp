#include "mainwindow.h"

#include "aboutdialog.h"
#include "admin/admindialog.h"
#include "admin/retentionpoliciestab.h"
#include "cachesettings/cachesettingsdialog.h"
#include "write/writedialog.h"
#include "chart/chartwidget.h"
#include "chart/timechartview.h"
#include "applicationicon.h"
#include <QInflux/clientsettings.h>
#include "connections/connectionsession.h"
#include "connections/savedconnection.h"
#include "editor/completionmodel.h"
#include "editor/queryeditor.h"
#include "editor/querytab.h"
#include "editor/querytabwidget.h"
#include "history/historydock.h"
#include "history/queryhistory.h"
#include "history/savedqueries.h"
#include "importwizard/csvimportwizard.h"
#include "resultview/resultview.h"
#include "schema/schemabrowser.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QTabWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTableView>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace QInflux {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QInflux Explorer"));
    setWindowIcon(applicationIcon());
    m_session = new ConnectionSession(this);
    setupQueryTabs();

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    m_importAction = new QAction(tr("&Import CSV..."), this);
    connect(m_importAction, &QAction::triggered, this, [this] {
        if (!m_session->client())
            return;
        auto *wizard = new CsvImportWizard(m_session->client(), this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        connect(wizard, &CsvImportWizard::openQueryRequested, this, [this](const QString &query) {
            openQuery(query);
            runQuery(query);
        });
        wizard->open();
    });

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s);
    fileMenu->addAction(m_importAction);
    fileMenu->addAction(quitAction);
    auto *queryMenu = menuBar()->addMenu(tr("&Query"));
    queryMenu->addActions({m_runAction, m_runAllAction, m_stopAction, m_refreshAction, m_useCacheAction});
    queryMenu->addSeparator();
    queryMenu->addActions({m_newTabAction, m_closeTabAction});
    setupSchemaDock();
    auto *aboutAction = menuBar()->addMenu(tr("&Help"))->addAction(tr("&About QInflux Explorer"));
    aboutAction->setObjectName(u"aboutAction"_s);
    connect(aboutAction, &QAction::triggered, this, [this] {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
    auto *toolbar = addToolBar(tr("Query"));
    toolbar->setObjectName(u"queryToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_runAction, m_runAllAction, m_stopAction, m_refreshAction, m_useCacheAction});

    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_queryStatus = new QLabel(this);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_queryStatus);

    connect(m_session, &ConnectionSession::sandboxCrashed, this, [this](const QString &log) {
        showError(tr("Sandbox stopped"), Error(Error::Kind::Server, tr("The sandbox server stopped unexpectedly."), log));
        updateActions();
    });
    setupHistoryDock();
    setupConnections();
    setupCache();
    setupWriteAndAdmin();
    resize(1280, 760);
    // Names in the schema tree and queries in the history need the room (a dock starts at its
    // widget's small size hint otherwise).
    m_schemaDock->widget()->setMinimumWidth(300);
    m_historyDock->widget()->setMinimumWidth(380);
    updateActions();
}

MainWindow::~MainWindow() = default;

QueryEditor *MainWindow::editor() const
{
    return m_tabs->currentTab()->editor();
}

ResultView *MainWindow::results() const
{
    return m_tabs->currentTab()->results();
}

void MainWindow::setupQueryTabs()
{
    m_completion = new CompletionModel(this);
    m_completion->setSession(m_session);
    m_tabs = new QueryTabWidget(m_session, m_completion, this);
    m_tabs->setObjectName(u"queryTabs"_s);
    setCentralWidget(m_tabs);

    m_runAction = new QAction(QIcon::fromTheme(u"media-playback-start"_s, style()->standardIcon(QStyle::SP_MediaPlay)),
                              tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runAction->setShortcutContext(Qt::WidgetShortcut); // the editor handles Ctrl+Enter itself
    m_runAction->setToolTip(tr("Run the selection, or the statement under the cursor (Ctrl+Enter)"));
    connect(m_runAction, &QAction::triggered, this, [this] { runQuery(editor()->queryToRun()); });
    m_runAllAction = new QAction(QIcon::fromTheme(u"media-seek-forward"_s, style()->standardIcon(QStyle::SP_MediaSeekForward)),
                                 tr("Run &All"), this);
    m_runAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_runAllAction->setShortcutContext(Qt::WidgetShortcut); // the editor handles Ctrl+Shift+Enter itself
    m_runAllAction->setToolTip(tr("Run every statement of the tab (Ctrl+Shift+Enter)"));
    connect(m_runAllAction, &QAction::triggered, this, [this] { runQuery(editor()->allQueries()); });
    m_stopAction = new QAction(QIcon::fromTheme(u"process-stop"_s, style()->standardIcon(QStyle::SP_BrowserStop)),
                               tr("&Stop"), this);
    m_stopAction->setObjectName(u"stopAction"_s);
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setToolTip(tr("Cancel the running query (Esc)"));
    connect(m_stopAction, &QAction::triggered, this, [this] { m_tabs->currentTab()->cancel(); });
    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s, style()->standardIcon(QStyle::SP_BrowserReload)),
                                  tr("Re&fresh"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Run the tab's last query again, asking the server rather than the cache"));
    connect(m_refreshAction, &QAction::triggered, this, [this] { m_tabs->currentTab()->refresh(); });
    m_useCacheAction = new QAction(tr("Use &Cache"), this);
    m_useCacheAction->setObjectName(u"useCacheAction"_s);
    m_useCacheAction->setCheckable(true);
    m_useCacheAction->setToolTip(tr("Answer this tab's queries from the result cache when it can"));
    connect(m_useCacheAction, &QAction::toggled, this, [this](bool on) { m_tabs->currentTab()->setUseCache(on); });
    m_newTabAction = new QAction(QIcon::fromTheme(u"tab-new"_s), tr("&New Tab"), this);
    m_newTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_newTabAction, &QAction::triggered, this, [this] {
        m_tabs->newTab();
        editor()->setFocus();
    });
    m_closeTabAction = new QAction(QIcon::fromTheme(u"tab-close"_s), tr("&Close Tab"), this);
    m_closeTabAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(m_closeTabAction, &QAction::triggered, this, [this] { m_tabs->closeTab(m_tabs->currentIndex()); });

    connect(m_tabs, &QueryTabWidget::runRequested, this, [](QueryTab *tab, const QString &query) { tab->run(query); });
    connect(m_tabs, &QueryTabWidget::runStarted, this, [this] {
        updateActions();
        m_queryStatus->setText(tr("Running…"));
    });
    connect(m_tabs, &QueryTabWidget::runFinished, this,
            [this](QueryTab *, const QueryRunSummary &summary) { showRunSummary(summary); });
    connect(m_tabs, &QueryTabWidget::currentTabChanged, this, [this] { updateActions(); });
}

void MainWindow::openQuery(const QString &query)
{
    if (!editor()->toPlainText().trimmed().isEmpty())
        m_tabs->newTab();
    editor()->setPlainText(query);
}

void MainWindow::updateQueryActions()
{
    QueryTab *tab = m_tabs->currentTab();
    const bool idle = m_session->client() && !tab->isRunning();
    m_runAction->setEnabled(idle);
    m_runAllAction->setEnabled(idle);
    m_refreshAction->setEnabled(idle && !tab->lastQuery().isEmpty());
    m_stopAction->setEnabled(tab->isRunning());
    const QSignalBlocker blocker(m_useCacheAction);
    m_useCacheAction->setChecked(tab->useCache());
    m_useCacheAction->setEnabled(m_session->cache() != nullptr); // off for this connection: nothing to choose
}

void MainWindow::setupHistoryDock()
{
    m_history = new QueryHistory(QueryHistory::defaultPath(), 2000, this);
    m_saved = new SavedQueries(SavedQueries::defaultPath(), this);
    m_historyDock = new HistoryDock(m_history, m_saved, this);
    m_historyDock->setCurrentQueryProvider([this] { return editor()->allQueries(); });
    addDockWidget(Qt::RightDockWidgetArea, m_historyDock);
    QAction *toggle = m_historyDock->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    viewMenu()->addAction(toggle);

    connect(m_tabs, &QueryTabWidget::runFinished, this, [this](QueryTab *, const QueryRunSummary &summary) {
        Client *client = m_session->client();
        m_history->add(summary, client ? client->settings().database : QString());
    });
    connect(m_historyDock, &HistoryDock::queryChosen, this, [this](const QString &query) {
        openQuery(query);
        editor()->setFocus();
    });
    const auto reportWriteError = [this](const QString &message) { statusBar()->showMessage(message, 10'000); };
    connect(m_history, &QueryHistory::writeFailed, this, reportWriteError);
    connect(m_saved, &SavedQueries::writeFailed, this, reportWriteError);
    if (!m_history->loadWarnings().isEmpty())
        statusBar()->showMessage(tr("Some history lines could not be read: %1").arg(m_history->loadWarnings().first()), 10'000);
    if (!m_saved->loadError().isEmpty())
        statusBar()->showMessage(tr("The saved queries could not be read: %1").arg(m_saved->loadError()), 10'000);
}

void MainWindow::connectToSandbox()
{
    connectToSaved(SavedConnection::sandboxId());
}

void MainWindow::connectToUrl(const QString &url, const QString &database)
{
    QCoro::connect(connectTask(false, url, database), this, [] {});
}

QCoro::Task<> MainWindow::connectTask(bool sandbox, QString url, QString database)
{
    QPointer<MainWindow> self(this);
    m_connectionLabel->setText(sandbox ? tr("Starting the sandbox server…") : tr("Connecting to %1…").arg(url));
    Result<ServerInfo> info = Error(Error::Kind::Usage, {});
    if (sandbox) {
        info = co_await m_session->connectToSandbox();
    } else {
        auto settings = ClientSettings::fromUrl(url);
        if (!settings) {
            info = settings.error();
        } else {
            settings->database = database;
            info = co_await m_session->connectToServer(std::move(settings).value());
        }
    }
    if (!self)
        co_return;
    m_connectionLabel->setText(m_session->description());
    updateActions();
    if (!info) {
        m_connectionLabel->setText(tr("Not connected: %1").arg(info.error().message()));
        Q_EMIT connectionFailed(info.error());
        co_return;
    }
    Q_EMIT connected();
}

void MainWindow::runQuery(const QString &query)
{
    m_tabs->currentTab()->run(query);
}

void MainWindow::showRunSummary(const QueryRunSummary &summary)
{
    updateActions();
    showCacheState(summary);
    if (summary.cancelled) {
        m_queryStatus->setText(tr("Cancelled after %1 ms").arg(summary.elapsedMs));
    } else if (summary.error && summary.rows == 0 && summary.series == 0) {
        m_queryStatus->setText(tr("Failed after %1 ms").arg(summary.elapsedMs));
        showError(tr("Query failed"), *summary.error);
    } else {
        m_queryStatus->setText(tr("%n row(s)", nullptr, int(summary.rows)) + u" · "_s
                               + tr("%n series", nullptr, int(summary.series)) + u" · "_s
                               + tr("%1 ms").arg(summary.elapsedMs));
    }
    Q_EMIT queryFinished(summary.ok);
}

QStringList MainWindow::viewNames()
{
    return {u"table"_s, u"chart"_s, u"schema"_s, u"history"_s, u"connections"_s, u"cache"_s, u"write"_s, u"admin"_s};
}

void MainWindow::showView(const QString &name)
{
    if (name == u"table") {
        // The results table: ready once the query in progress (if any) has finished.
        emitViewReadyAfterRun(this);
        return;
    }
    if (name == u"history") {
        // The history dock in front, once the query in progress (if any) is in it.
        m_historyDock->show();
        m_historyDock->raise();
        m_historyDock->pages()->setCurrentIndex(0);
        emitViewReadyAfterRun(this);
        return;
    }
    if (name == u"connections") {
        showConnectionsView();
        return;
    }
    if (name == u"schema") {
        // The schema dock opened on the sandbox's h2o_quality: its fields with types, its tags and one
        // tag's values; ready once those are loaded and the query in progress (if any) has finished.
        m_schemaDock->show();
        m_schemaDock->raise();
        const QString db = m_session->client() ? m_session->client()->settings().database : QString();
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(m_schema, &SchemaBrowser::pathsExpanded, this, [this, connection](bool ok, const QString &why) {
            disconnect(*connection);
            if (!ok)
                Q_EMIT viewFailed(tr("The schema view cannot show the sample: %1").arg(why));
            else
                showView(u"table"_s); // waits for the query, if one runs
        });
        const QStringList measurement{db, u"autogen"_s, u"h2o_quality"_s};
        m_schema->expandPaths({measurement + QStringList{u"Fields"_s}, measurement + QStringList{u"Tags"_s, u"location"_s}});
        return;
    }
    if (name == u"chart") {
        // The chart page; without a --query, the sandbox's cpu load of four hosts, one line per host.
        results()->pages()->setCurrentWidget(results()->chart());
        auto ready = [this] {
            ChartWidget *chart = results()->chart();
            chart->view()->setFocus();
            // Show the value read-out as a user hovering over the middle of the plot would.
            const QRectF plot = chart->chart()->plotArea();
            chart->trackCursor(chart->view()->mapFromScene(chart->chart()->mapToScene(plot.center())));
            Q_EMIT viewReady(this);
        };
        if (!results()->isRunning() && results()->result().seriesCount() > 0) {
            QTimer::singleShot(0, this, ready);
            return;
        }
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &MainWindow::queryFinished, this, [this, connection, ready] {
            disconnect(*connection);
            QTimer::singleShot(0, this, ready); // after the chart's first layout
        });
        if (!results()->isRunning()) {
            const QString query = u"SELECT \"value\" FROM \"sandbox\".\"autogen\".\"cpu_load_short\" GROUP BY \"host\""_s;
            openQuery(query);
            runQuery(query);
        }
        return;
    }
    if (name == u"cache" || name == u"write" || name == u"admin") {
        showToolView(name);
        return;
    }
    Q_EMIT viewFailed(tr("Unknown view \"%1\"; the views are: %2").arg(name, viewNames().join(u", "_s)));
}

void MainWindow::emitViewReadyAfterRun(QWidget *target)
{
    if (!results()->isRunning()) {
        Q_EMIT viewReady(target);
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &MainWindow::queryFinished, this, [this, connection, target] {
        disconnect(*connection);
        Q_EMIT viewReady(target);
    });
}

QMenu *MainWindow::viewMenu()
{
    auto *menu = menuBar()->findChild<QMenu *>(u"viewMenu"_s);
    if (!menu) {
        menu = menuBar()->addMenu(tr("&View"));
        menu->setObjectName(u"viewMenu"_s);
    }
    return menu;
}

void MainWindow::setupSchemaDock()
{
    m_schema = new SchemaBrowser(this);
    m_schema->setSession(m_session);
    m_schemaDock = new QDockWidget(tr("Schema"), this);
    m_schemaDock->setObjectName(u"schemaDock"_s);
    m_schemaDock->setWidget(m_schema);
    addDockWidget(Qt::LeftDockWidgetArea, m_schemaDock);
    QAction *toggle = m_schemaDock->toggleViewAction();
    toggle->setObjectName(u"toggleSchemaDock"_s);
    toggle->setText(tr("&Schema Browser"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    viewMenu()->addAction(toggle);
    connect(m_schema, &SchemaBrowser::insertRequested, this, [this](const QString &statement, bool run) {
        SchemaBrowser::insertStatement(editor(), statement);
        editor()->setFocus();
        if (run)
            runQuery(statement);
    });
    connect(m_schema, &SchemaBrowser::useDatabaseRequested, this, [this](const QString &database) {
        if (!m_session->client())
            return;
        m_session->client()->setDatabase(database);
        m_connectionLabel->setText(m_session->description());
        m_completion->refresh(); // the new database's names
    });
    connect(m_schema, &SchemaBrowser::failed, this, &MainWindow::showError);
}

void MainWindow::showError(const QString &title, const Error &error)
{
    statusBar()->showMessage(error.message(), 10'000);
    // Window-modal and non-blocking: no nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, title, error.message(), QMessageBox::Ok, this);
    box->setObjectName(u"errorBox"_s);
    box->setDetailedText(error.detail());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateActions()
{
    updateQueryActions();
    m_importAction->setEnabled(m_session->client() != nullptr);
    if (m_writeAction) { // (set up after the first updateActions() calls)
        m_writeAction->setEnabled(m_session->client() != nullptr);
        m_adminAction->setEnabled(m_session->client() != nullptr);
    }
}

QMenu *MainWindow::toolsMenu()
{
    if (auto *menu = menuBar()->findChild<QMenu *>(u"toolsMenu"_s))
        return menu;
    auto *menu = new QMenu(tr("&Tools"), menuBar());
    menu->setObjectName(u"toolsMenu"_s);
    const QList<QAction *> top = menuBar()->actions();
    menuBar()->insertMenu(top.isEmpty() ? nullptr : top.last(), menu); // before Help
    return menu;
}

void MainWindow::setupCache()
{
    m_cacheAction = new QAction(tr("&Cache Results"), this);
    m_cacheAction->setObjectName(u"cacheResultsAction"_s);
    m_cacheAction->setCheckable(true);
    m_cacheAction->setToolTip(tr("Answer this connection's SELECT queries from the local cache when it can"));
    connect(m_cacheAction, &QAction::toggled, m_session, &ConnectionSession::setCacheEnabled);
    connect(m_session, &ConnectionSession::cacheChanged, this, [this] {
        m_cacheAction->setChecked(m_session->cacheEnabled());
        updateActions();
    });
    connect(m_session, &ConnectionSession::changed, this, [this] { m_cacheAction->setChecked(m_session->cacheEnabled()); });

    QMenu *queryMenu = nullptr;
    for (QAction *action : menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(m_runAction))
            queryMenu = action->menu();
    }
    if (!queryMenu)
        queryMenu = toolsMenu();
    queryMenu->addSeparator();
    queryMenu->addAction(m_cacheAction);

    auto *settingsAction = toolsMenu()->addAction(QIcon::fromTheme(u"configure"_s), tr("Cache &Settings..."));
    settingsAction->setObjectName(u"cacheSettingsAction"_s);
    connect(settingsAction, &QAction::triggered, this, &MainWindow::openCacheSettings);

    m_cacheStatus = new QLabel(this);
    m_cacheStatus->setObjectName(u"cacheStatus"_s);
    statusBar()->addPermanentWidget(m_cacheStatus);
}

void MainWindow::showCacheState(const QueryRunSummary &summary)
{
    switch (summary.cache) {
    case QueryRunSummary::CacheState::NotUsed:
        m_cacheStatus->clear();
        break;
    case QueryRunSummary::CacheState::Hit:
        m_cacheStatus->setText(tr("Cache: hit"));
        break;
    case QueryRunSummary::CacheState::Miss:
        m_cacheStatus->setText(tr("Cache: %1").arg(summary.cacheReason));
        break;
    }
    m_cacheStatus->setToolTip(summary.cacheReason);
}

void MainWindow::setupWriteAndAdmin()
{
    m_writeAction = toolsMenu()->addAction(QIcon::fromTheme(u"document-import"_s), tr("&Write Points..."));
    m_writeAction->setObjectName(u"writeAction"_s);
    connect(m_writeAction, &QAction::triggered, this, &MainWindow::openWriteDialog);
    m_adminAction = toolsMenu()->addAction(QIcon::fromTheme(u"preferences-system"_s), tr("&Administration..."));
    m_adminAction->setObjectName(u"adminAction"_s);
    connect(m_adminAction, &QAction::triggered, this, &MainWindow::openAdminDialog);
}

CacheSettingsDialog *MainWindow::openCacheSettings()
{
    auto *dialog = new CacheSettingsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

WriteDialog *MainWindow::openWriteDialog()
{
    if (!m_session->client())
        return nullptr;
    auto *dialog = new WriteDialog(m_session->client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

AdminDialog *MainWindow::openAdminDialog()
{
    if (!m_session->client())
        return nullptr;
    auto *dialog = new AdminDialog(m_session->client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::showToolView(const QString &name)
{
    if (name == u"cache") {
        auto *dialog = openCacheSettings();
        connect(dialog, &CacheSettingsDialog::statsUpdated, this, [this, dialog] { Q_EMIT viewReady(dialog); },
                Qt::SingleShotConnection);
        dialog->refreshStats();
        return;
    }
    auto *write = name == u"write" ? openWriteDialog() : nullptr;
    auto *admin = name == u"admin" ? openAdminDialog() : nullptr;
    if (!write && !admin) {
        Q_EMIT viewFailed(tr("The view \"%1\" needs a connection.").arg(name));
        return;
    }
    if (write) {
        // Points to write, one of them invalid, checked: the problem shows by its line.
        write->editor()->setPlainText(
            u"cpu_load_short,host=server09,region=eu-central value=0.42 1700000000000000000\n"
            "cpu_load_short,host=server09,region=eu-central value=0.47 1700000060000000000\n"
            "cpu_load_short,host=server09,region=eu-central value=0.5O 1700000120000000000\n"
            "cpu_load_short,host=server10,region=eu-central value=0.61 1700000000000000000\n"_s);
        connect(write, &WriteDialog::choicesLoaded, this, [this, write] {
            write->check();
            Q_EMIT viewReady(write);
        }, Qt::SingleShotConnection);
        return;
    }
    // The retention policies of the connection's database, the first one selected (fills the form).
    admin->tabs()->setCurrentWidget(admin->retentionPolicies());
    connect(admin->retentionPolicies(), &AdminTab::loaded, this, [this, admin] {
        admin->retentionPolicies()->view()->selectRow(0);
        Q_EMIT viewReady(admin);
    }, Qt::SingleShotConnection);
}

} // namespace QInflux
