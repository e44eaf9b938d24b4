#include "connectionsdialog.h"

#include "connections/connectionsession.h"
#include "connectionform.h"
#include "connectionlistmodel.h"
#include "connectionstore.h"
#include "connectionswitcher.h"
#include "secretstore.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
QPushButton *button(const QString &text, const QString &objectName, const QIcon &icon, QWidget *parent)
{
    auto *b = new QPushButton(icon, text, parent);
    b->setObjectName(objectName);
    b->setAutoDefault(false);
    return b;
}
} // namespace

ConnectionsDialog::ConnectionsDialog(ConnectionSwitcher *switcher, QWidget *parent)
    : QDialog(parent), m_switcher(switcher), m_store(switcher->store())
{
    setObjectName(u"connectionsDialog"_s);
    setWindowTitle(tr("Connections"));
    m_model = new ConnectionListModel(m_store, this);
    m_list = new QListView(this);
    m_list->setObjectName(u"connectionList"_s);
    m_list->setModel(m_model);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumWidth(220);

    QStyle *s = style();
    m_add = button(tr("&Add"), u"addButton"_s, QIcon::fromTheme(u"list-add"_s, s->standardIcon(QStyle::SP_FileDialogNewFolder)), this);
    m_duplicate = button(tr("D&uplicate"), u"duplicateButton"_s, QIcon::fromTheme(u"edit-copy"_s), this);
    m_remove = button(tr("&Remove"), u"removeButton"_s, QIcon::fromTheme(u"list-remove"_s, s->standardIcon(QStyle::SP_TrashIcon)), this);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_form = new ConnectionForm(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_test = button(tr("&Test"), u"testButton"_s, QIcon::fromTheme(u"network-connect"_s, s->standardIcon(QStyle::SP_BrowserReload)), this);
    m_save = button(tr("&Save"), u"saveButton"_s, s->standardIcon(QStyle::SP_DialogSaveButton), this);
    m_connect = button(tr("&Connect"), u"connectButton"_s, s->standardIcon(QStyle::SP_DialogApplyButton), this);
    m_connect->setDefault(true);
    auto *close = button(tr("Close"), u"closeButton"_s, s->standardIcon(QStyle::SP_DialogCloseButton), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_test);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_connect);
    buttons->addWidget(close);

    m_statusIcon = new QLabel(this);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_form, 1);
    right->addLayout(statusRow);
    right->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addLayout(right, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] { loadCurrent(); });
    connect(m_form, &ConnectionForm::edited, this, &ConnectionsDialog::updateButtons);
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (m_form->isModified())
            commit();
        SavedConnection fresh;
        fresh.name = tr("New connection");
        fresh.url = u"http://localhost:8086"_s;
        select(m_store->add(fresh));
        m_form->setFocus();
    });
    connect(m_duplicate, &QPushButton::clicked, this, [this] { QCoro::connect(duplicateTask(), this, [] {}); });
    connect(m_remove, &QPushButton::clicked, this, &ConnectionsDialog::confirmRemove);
    connect(m_test, &QPushButton::clicked, this, [this] { QCoro::connect(testTask(), this, [] {}); });
    connect(m_save, &QPushButton::clicked, this, [this] { commit(); });
    connect(m_connect, &QPushButton::clicked, this, [this] { QCoro::connect(connectTask(), this, [] {}); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, [this] {
        if (m_form->isModified())
            commit();
    });

    const QString current = m_switcher->session()->connectionId();
    select(m_store->indexOf(current) >= 0 ? current : m_store->lastUsed());
    QCoro::connect(probeKeychain(), this, [] {});
    resize(860, 500);
}

ConnectionsDialog::~ConnectionsDialog() = default;

QString ConnectionsDialog::currentId() const
{
    return m_list->currentIndex().data(ConnectionListModel::IdRole).toString();
}

void ConnectionsDialog::select(const QString &id)
{
    const int row = m_store->indexOf(id);
    if (row >= 0)
        m_list->setCurrentIndex(m_model->index(row));
}

void ConnectionsDialog::loadCurrent()
{
    if (m_form->isModified() && m_store->indexOf(m_loadedId) >= 0)
        commit();
    const int row = m_list->currentIndex().row();
    if (row < 0)
        return;
    m_loadedId = m_store->at(row).id;
    m_form->setConnection(m_store->at(row));
    setStatus({});
    updateButtons();
}

bool ConnectionsDialog::commit()
{
    const SavedConnection edited = m_form->connection();
    if (const QString problem = edited.validate(); !problem.isEmpty()) {
        setStatus(tr("Not saved: %1").arg(problem), true);
        Q_EMIT saved(false);
        return false;
    }
    const QString secret = m_form->secret();
    m_store->update(edited);
    m_form->setModified(false);
    m_form->clearSecret();
    if (!secret.isEmpty() && edited.needsSecret()) {
        QCoro::connect(storeSecret(edited.id, secret), this, [] {});
    } else {
        setStatus(tr("Saved \"%1\".").arg(edited.name));
        Q_EMIT saved(true);
    }
    updateButtons();
    return true;
}

QCoro::Task<> ConnectionsDialog::storeSecret(QString id, QString secret)
{
    QPointer<ConnectionsDialog> self(this);
    const auto stored = co_await m_store->setSecret(id, secret);
    if (!self)
        co_return;
    if (stored) {
        setStatus(tr("Saved; the password is in the system keychain."));
    } else {
        setStatus(tr("Saved, except the password: %1. You are asked for it when connecting.").arg(stored.error().message()),
                  true);
    }
    Q_EMIT saved(stored.ok());
}

QCoro::Task<> ConnectionsDialog::probeKeychain()
{
    QPointer<ConnectionsDialog> self(this);
    const QString problem = co_await m_store->secrets()->unavailableReason();
    if (self)
        m_form->setKeychainProblem(problem);
}

QCoro::Task<> ConnectionsDialog::testTask()
{
    QPointer<ConnectionsDialog> self(this);
    const SavedConnection c = m_form->connection();
    auto finish = [&](const QString &text, bool ok) {
        m_busy = false;
        setStatus(text, !ok);
        updateButtons();
        Q_EMIT testFinished(ok);
    };
    m_busy = true;
    updateButtons();
    Result<ClientSettings> settings = Error(Error::Kind::Usage, tr("Nothing to test."));
    if (c.isSandbox()) {
        ConnectionSession *session = m_switcher->session();
        if (!session->isSandbox() || !session->client()) {
            finish(tr("The sandbox starts when you connect to it."), false);
            co_return;
        }
        settings = session->client()->settings();
    } else {
        std::optional<QString> secret = m_form->secret();
        if (secret->isEmpty() && c.needsSecret())
            secret = co_await m_switcher->secretFor(c);
        if (!self)
            co_return;
        if (!secret) {
            finish(tr("Test cancelled: no password was entered."), false);
            co_return;
        }
        settings = c.clientSettings(*secret);
    }
    if (!settings) {
        finish(settings.error().message(), false);
        co_return;
    }
    setStatus(tr("Testing %1…").arg(settings->baseUrl().toString()));
    const auto info = co_await ConnectionSession::test(settings.value());
    if (!self)
        co_return;
    if (info) {
        const QString build = info->build.isEmpty() ? QString() : u" "_s + info->build;
        finish(tr("Connected: InfluxDB %1%2 at %3.").arg(info->version, build, settings->baseUrl().toString()), true);
    } else {
        finish(tr("Failed: %1").arg(info.error().toString()), false);
    }
}

QCoro::Task<> ConnectionsDialog::connectTask()
{
    QPointer<ConnectionsDialog> self(this);
    const QString typed = m_form->secret();
    if (m_form->isModified() && !commit())
        co_return;
    const int row = m_store->indexOf(m_loadedId);
    if (row < 0 || m_switcher->isBusy())
        co_return;
    m_busy = true;
    updateButtons();
    setStatus(tr("Connecting to %1…").arg(m_store->at(row).name));
    std::optional<QString> secret;
    if (!typed.isEmpty())
        secret = typed;
    const auto info = co_await m_switcher->connectTo(m_store->at(row), secret);
    if (!self)
        co_return;
    m_busy = false;
    updateButtons();
    if (!info) {
        setStatus(tr("Failed: %1").arg(info.error().toString()), true);
        co_return;
    }
    accept();
}

QCoro::Task<> ConnectionsDialog::duplicateTask()
{
    QPointer<ConnectionsDialog> self(this);
    if (m_form->isModified() && !commit())
        co_return;
    const QString id = co_await m_store->duplicate(m_loadedId);
    if (self && !id.isEmpty())
        select(id);
}

void ConnectionsDialog::confirmRemove()
{
    const int row = m_store->indexOf(m_loadedId);
    if (row <= 0)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove connection"),
                                tr("Remove the connection \"%1\" and its saved password?").arg(m_store->at(row).name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"removeConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_loadedId;
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->result() != QMessageBox::Yes)
            return;
        const int removed = m_store->indexOf(id);
        m_form->setModified(false);
        QCoro::connect(m_store->remove(id), this, [this](const Result<void> &result) {
            if (!result)
                setStatus(tr("Removed, but its password could not be deleted: %1").arg(result.error().message()), true);
        });
        m_list->setCurrentIndex(m_model->index(std::max(0, removed - 1)));
    });
    box->open();
}

void ConnectionsDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    const auto icon = error ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
    m_statusIcon->setPixmap(text.isEmpty() ? QPixmap() : style()->standardIcon(icon).pixmap(size, size));
}

void ConnectionsDialog::updateButtons()
{
    const bool sandbox = m_loadedId == SavedConnection::sandboxId();
    m_duplicate->setEnabled(!sandbox && !m_busy);
    m_remove->setEnabled(!sandbox && !m_busy);
    m_add->setEnabled(!m_busy);
    m_test->setEnabled(!m_busy);
    m_connect->setEnabled(!m_busy);
    m_save->setEnabled(m_form->isModified() && !m_busy);
}

} // namespace QInflux
