#include "mainwindow.h"

#include "aboutdialog.h"
#include "chart/chartwidget.h"
#include "chart/timechartview.h"
#include "applicationicon.h"
#include "client/clientsettings.h"
#include "connection/connectionsession.h"
#include "editor/queryeditor.h"
#include "importwizard/csvimportwizard.h"
#include "results/resultview.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
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
    if (m_session->client())
        m_results->run(m_session->client(), query);
}

void MainWindow::showRunSummary(const QueryRunSummary &summary)
{
    updateActions();
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
    return {u"table"_s, u"chart"_s};
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
    if (name == u"chart") {
        // The chart page; without a --query, the sandbox's cpu load of four hosts, one line per host.
        m_results->pages()->setCurrentWidget(m_results->chart());
        auto ready = [this] {
            ChartWidget *chart = m_results->chart();
            chart->view()->setFocus();
            // Show the value read-out as a user hovering over the middle of the plot would.
            const QRectF plot = chart->chart()->plotArea();
            chart->trackCursor(chart->view()->mapFromScene(chart->chart()->mapToScene(plot.center())));
            Q_EMIT viewReady(this);
        };
        if (!m_results->isRunning() && m_results->result().seriesCount() > 0) {
            QTimer::singleShot(0, this, ready);
            return;
        }
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &MainWindow::queryFinished, this, [this, connection, ready] {
            disconnect(*connection);
            QTimer::singleShot(0, this, ready); // after the chart's first layout
        });
        if (!m_results->isRunning()) {
            const QString query = u"SELECT \"value\" FROM \"sandbox\".\"autogen\".\"cpu_load_short\" GROUP BY \"host\""_s;
            m_editor->setPlainText(query);
            runQuery(query);
        }
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
}

} // namespace QInflux
