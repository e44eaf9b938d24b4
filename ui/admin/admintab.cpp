#include "admintab.h"

#include "models/frametablemodel.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace QInflux {

AdminTab::AdminTab(Client *client, QWidget *parent) : QWidget(parent), m_client(client)
{
    m_model = new FrameTableModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_fields = new QVBoxLayout;
    m_buttons = new QHBoxLayout;
    m_buttons->addStretch(1);
    m_message = new QLabel(this);
    m_message->setObjectName(u"adminMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_fields);
    layout->addWidget(m_view, 1);
    layout->addLayout(m_buttons);
    layout->addWidget(m_message);
    auto *refresh = addButton(tr("&Refresh"), u"refreshButton"_s, u"view-refresh"_s);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QPushButton::clicked, this, &AdminTab::reload);
}

QString AdminTab::message() const
{
    return m_message->text();
}

void AdminTab::reload()
{
    QCoro::connect(reloadTask(), this, [] {});
}

QCoro::Task<> AdminTab::reloadTask()
{
    QPointer<AdminTab> self(this);
    if (!m_client)
        co_return;
    const quint64 generation = ++m_generation;
    const Result<Frame> frame = co_await load();
    if (!self || generation != m_generation)
        co_return; // a later reload is under way: its answer is the one to show
    if (!frame) {
        m_model->setFrame({});
        showMessage(frame.error().toString(), true);
    } else {
        m_model->setFrame(*frame);
        m_view->resizeColumnsToContents();
    }
    Q_EMIT loaded();
}

void AdminTab::setDatabases(const QStringList &databases)
{
    if (!m_database)
        return;
    const QString current = m_database->currentText();
    const QSignalBlocker blocker(m_database);
    m_database->clear();
    m_database->addItems(databases);
    const QString wanted = !current.isEmpty() ? current : (m_client ? m_client->settings().database : QString());
    if (databases.contains(wanted))
        m_database->setCurrentText(wanted);
    reload();
}

QComboBox *AdminTab::addDatabaseChooser()
{
    m_database = new QComboBox(this);
    m_database->setObjectName(u"databaseChooser"_s);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&Database:"), this);
    label->setBuddy(m_database);
    row->addWidget(label);
    row->addWidget(m_database, 1);
    m_fields->addLayout(row);
    connect(m_database, &QComboBox::currentTextChanged, this, &AdminTab::reload);
    return m_database;
}

QString AdminTab::database() const
{
    return m_database ? m_database->currentText() : QString();
}

QString AdminTab::selected(const QString &column) const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const Frame &frame = m_model->frame();
    const Column *values = frame.column(column);
    if (!values || rows.first().row() >= frame.rowCount())
        return {};
    return values->value(rows.first().row()).toString();
}

QPushButton *AdminTab::addButton(const QString &text, const QString &objectName, const QString &icon)
{
    auto *button = new QPushButton(icon.isEmpty() ? QIcon() : QIcon::fromTheme(icon), text, this);
    button->setObjectName(objectName);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

void AdminTab::act(QCoro::Task<Result<void>> action, QString done)
{
    QCoro::connect(actTask(std::move(action), std::move(done)), this, [] {});
}

QCoro::Task<> AdminTab::actTask(QCoro::Task<Result<void>> action, QString done)
{
    QPointer<AdminTab> self(this);
    const Result<void> result = co_await std::move(action);
    if (!self)
        co_return;
    showMessage(result ? done : result.error().toString(), !result);
    Q_EMIT actionFinished(result.ok(), m_message->text());
    reload();
}

void AdminTab::confirm(const QString &question, std::function<void()> then)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Confirm"), question, QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"adminConfirm"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [then = std::move(then)](int result) {
        if (result == QMessageBox::Yes)
            then();
    });
    box->open();
}

void AdminTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QFont font = m_message->font();
    font.setBold(error);
    m_message->setFont(font);
}

} // namespace QInflux
