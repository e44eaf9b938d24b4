// MainWindow's connection wiring (File > Connections…, the connection switcher, the "connections"
// view), kept apart from the rest of the window's wiring.
#include "mainwindow.h"

#include "connections/connectionsession.h"
#include "connections/connectioncombobox.h"
#include "connections/connectionlistmodel.h"
#include "connections/connectionsdialog.h"
#include "connections/connectionstore.h"
#include "connections/connectionswitcher.h"
#include "connections/keychainsecretstore.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace QInflux {

void MainWindow::setupConnections()
{
    m_connectionStore = new ConnectionStore(std::make_unique<KeychainSecretStore>(u"QInflux Explorer"_s), {}, this);
    m_connectionSwitcher = new ConnectionSwitcher(m_connectionStore, m_session, this);

    auto *manage = new QAction(QIcon::fromTheme(u"network-server"_s, style()->standardIcon(QStyle::SP_DriveNetIcon)),
                               tr("&Connections…"), this);
    manage->setObjectName(u"connectionsAction"_s);
    manage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    manage->setToolTip(tr("Manage the saved connections (Ctrl+Shift+O)"));
    connect(manage, &QAction::triggered, this, &MainWindow::openConnectionsDialog);
    if (auto *fileMenu = menuBar()->findChild<QMenu *>(u"fileMenu"_s)) {
        QAction *first = fileMenu->actions().value(0);
        fileMenu->insertAction(first, manage);
        fileMenu->insertSeparator(first);
    }

    auto *toolbar = addToolBar(tr("Connection"));
    toolbar->setObjectName(u"connectionToolBar"_s);
    toolbar->addWidget(new ConnectionComboBox(new ConnectionListModel(m_connectionStore, this), m_connectionSwitcher, toolbar));
    toolbar->addAction(manage);

    connect(m_connectionSwitcher, &ConnectionSwitcher::connecting, this, [this](const QString &name) {
        m_connectionLabel->setText(tr("Connecting to %1…").arg(name));
    });
    connect(m_connectionSwitcher, &ConnectionSwitcher::connected, this, [this] {
        m_connectionLabel->setText(m_session->description());
        updateActions();
        Q_EMIT connected();
    });
    connect(m_connectionSwitcher, &ConnectionSwitcher::failed, this, [this](const Error &error) {
        // A failed switch leaves the previous connection in place, if there was one.
        m_connectionLabel->setText(m_session->client() ? m_session->description()
                                                       : tr("Not connected: %1").arg(error.message()));
        updateActions();
        if (error.kind() == Error::Kind::Cancelled)
            statusBar()->showMessage(error.message(), 10'000);
        else if (!findChild<ConnectionsDialog *>()) // the dialog shows its own errors
            showError(tr("Connection failed"), error);
        Q_EMIT connectionFailed(error);
    });
}

void MainWindow::connectToSaved(const QString &id)
{
    m_connectionSwitcher->switchTo(id);
}

ConnectionsDialog *MainWindow::openConnectionsDialog()
{
    if (auto *open = findChild<ConnectionsDialog *>()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new ConnectionsDialog(m_connectionSwitcher, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::showConnectionsView()
{
    // The manager with the sandbox selected and tested: the list, the form and a server version.
    ConnectionsDialog *dialog = openConnectionsDialog();
    dialog->select(SavedConnection::sandboxId());
    connect(dialog, &ConnectionsDialog::testFinished, this, [this, dialog] { Q_EMIT viewReady(dialog); },
            Qt::SingleShotConnection);
    QTimer::singleShot(0, dialog->findChild<QWidget *>(u"testButton"_s), [dialog] {
        QMetaObject::invokeMethod(dialog->findChild<QObject *>(u"testButton"_s), "click");
    });
}

} // namespace QInflux
