#include "mainwindow.h"

#include "aboutdialog.h"
#include "admin/admindialog.h"
#include "admin/retentionpoliciestab.h"
#include "cache/cachesettingsdialog.h"
#include "write/writedialog.h"
#include "applicationicon.h"
#include "client/clientsettings.h"
#include "connection/connectionsession.h"
#include "editor/queryeditor.h"
#include "importwizard/csvimportwizard.h"
#include "results/resultview.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QMessageBox>
#include <QPointer>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace QInflux {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QInflux Explorer"));
    setWindowIcon(applicationIcon());
    m_session = new ConnectionSession(this);
    m_editor = new QueryEditor(this);
    m_results = new ResultView(this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_runAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_runAction->setShortcutContext(Qt::WidgetShortcut); // the editor handles Ctrl+Enter itself
    m_runAction->setToolTip(tr("Run the selection, or the whole query (Ctrl+Enter)"));
    connect(m_runAction, &QAction::triggered, this, [this] {
        const QString query = m_editor->queryToRun();
        if (!query.isEmpty())
            runQuery(query);
    });
    connect(m_editor, &QueryEditor::runRequested, this, &MainWindow::runQuery);
    connect(m_results, &ResultView::runStarted, this, [this] {
        updateActions();
        m_queryStatus->setText(tr("Running…"));
    });
    connect(m_results, &ResultView::runFinished, this, &MainWindow::showRunSummary);

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    m_importAction = new QAction(tr("&Import CSV..."), this);
    connect(m_importAction, &QAction::triggered, this, [this] {
        if (!m_session->client())
            return;
        auto *wizard = new CsvImportWizard(m_session->client(), this);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        wizard->open();
    });

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_importAction);
    fileMenu->addAction(quitAction);
    auto *queryMenu = menuBar()->addMenu(tr("&Query"));
    queryMenu->addAction(m_runAction);
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
    toolbar->addAction(m_runAction);

    m_connectionLabel = new QLabel(tr("Not connected"), this);
    m_queryStatus = new QLabel(this);
    statusBar()->addWidget(m_connectionLabel, 1);
    statusBar()->addPermanentWidget(m_queryStatus);

    connect(m_session, &ConnectionSession::sandboxCrashed, this, [this](const QString &log) {
        showError(tr("Sandbox stopped"), Error(Error::Kind::Server, tr("The sandbox server stopped unexpectedly."), log));
        updateActions();
    });
    setupCache();
    setupWriteAndAdmin();
    resize(1100, 720);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectToSandbox()
{
    QCoro::connect(connectTask(true, {}, {}), this, [] {});
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
    runQueryWithCache(query, CacheMode::Use);
}

void MainWindow::runQueryWithCache(const QString &query, CacheMode mode)
{
    if (!m_session->client())
        return;
    QueryRunOptions options;
    options.cache = m_session->cache();
    options.cacheMode = mode;
    m_results->run(m_session->client(), query, options);
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
    return {u"table"_s, u"cache"_s, u"write"_s, u"admin"_s};
}

void MainWindow::showView(const QString &name)
{
    if (name == u"table") {
        // The results table: ready once the query in progress (if any) has finished.
        if (!m_results->isRunning()) {
            Q_EMIT viewReady(this);
            return;
        }
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &MainWindow::queryFinished, this, [this, connection] {
            disconnect(*connection);
            Q_EMIT viewReady(this);
        });
        return;
    }
    if (name == u"cache" || name == u"write" || name == u"admin") {
        showToolView(name);
        return;
    }
    Q_EMIT viewFailed(tr("Unknown view \"%1\"; the views are: %2").arg(name, viewNames().join(u", "_s)));
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
    m_runAction->setEnabled(m_session->client() && !m_results->isRunning());
    m_importAction->setEnabled(m_session->client() != nullptr);
    if (m_refreshAction) {
        m_refreshAction->setEnabled(m_runAction->isEnabled() && m_session->cache());
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

    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s, style()->standardIcon(QStyle::SP_BrowserReload)),
                                  tr("Re&fresh (Bypass Cache)"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Run the query on the server and replace its cached result"));
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        const QString query = m_editor->queryToRun();
        if (!query.isEmpty())
            runQueryWithCache(query, CacheMode::Refresh);
    });

    QMenu *queryMenu = nullptr;
    for (QAction *action : menuBar()->actions()) {
        if (action->menu() && action->menu()->actions().contains(m_runAction))
            queryMenu = action->menu();
    }
    if (!queryMenu)
        queryMenu = toolsMenu();
    queryMenu->addSeparator();
    queryMenu->addAction(m_cacheAction);
    queryMenu->addAction(m_refreshAction);

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
