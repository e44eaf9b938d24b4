#include "userstab.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace QInflux {

UsersTab::UsersTab(Client *client, QWidget *parent) : AdminTab(client, parent)
{
    m_user = new QLineEdit(this);
    m_user->setObjectName(u"userName"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"userPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_admin = new QCheckBox(tr("Ad&ministrator (all privileges)"), this);
    m_admin->setObjectName(u"userAdmin"_s);
    m_grantDatabase = new QComboBox(this);
    m_grantDatabase->setObjectName(u"grantDatabase"_s);
    m_privilege = new QComboBox(this);
    m_privilege->setObjectName(u"grantPrivilege"_s);
    m_privilege->addItem(u"READ"_s, int(Privilege::Read));
    m_privilege->addItem(u"WRITE"_s, int(Privilege::Write));
    m_privilege->addItem(u"ALL"_s, int(Privilege::All));
    auto *grantRow = new QHBoxLayout;
    grantRow->addWidget(m_privilege);
    grantRow->addWidget(new QLabel(tr("on"), this));
    grantRow->addWidget(m_grantDatabase, 1);
    auto *grant = new QPushButton(tr("&Grant"), this);
    grant->setObjectName(u"grantButton"_s);
    auto *revoke = new QPushButton(tr("Re&voke"), this);
    revoke->setObjectName(u"revokeButton"_s);
    grantRow->addWidget(grant);
    grantRow->addWidget(revoke);
    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_admin);
    form->addRow(tr("Privilege:"), grantRow);
    fieldsLayout()->addLayout(form);
    m_grants = new QLabel(this);
    m_grants->setObjectName(u"userGrants"_s);
    m_grants->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fieldsLayout()->addWidget(m_grants);

    auto *create = addButton(tr("&Create"), u"createUserButton"_s, u"list-add"_s);
    auto *password = addButton(tr("Set &Password"), u"setPasswordButton"_s);
    auto *makeAdmin = addButton(tr("Grant &Admin"), u"grantAdminButton"_s);
    auto *unmakeAdmin = addButton(tr("Revoke Ad&min"), u"revokeAdminButton"_s);
    auto *drop = addButton(tr("&Drop..."), u"dropUserButton"_s, u"edit-delete"_s);

    connect(create, &QPushButton::clicked, this, [this] {
        if (user().isEmpty() || m_password->text().isEmpty())
            return showMessage(tr("Type the new user's name and password."), true);
        if (m_client)
            act(admin().createUser(user(), m_password->text(), m_admin->isChecked()), tr("Created user %1.").arg(user()));
        m_password->clear();
    });
    connect(password, &QPushButton::clicked, this, [this] {
        if (user().isEmpty() || m_password->text().isEmpty())
            return showMessage(tr("Type the user's name and the new password."), true);
        if (m_client)
            act(admin().setPassword(user(), m_password->text()), tr("Changed the password of %1.").arg(user()));
        m_password->clear();
    });
    connect(makeAdmin, &QPushButton::clicked, this, [this] {
        if (m_client && !user().isEmpty())
            act(admin().grantAdmin(user()), tr("%1 is an administrator.").arg(user()));
    });
    connect(unmakeAdmin, &QPushButton::clicked, this, [this] {
        if (m_client && !user().isEmpty())
            act(admin().revokeAdmin(user()), tr("%1 is no longer an administrator.").arg(user()));
    });
    auto privilegeAction = [this](bool granting) {
        const QString db = m_grantDatabase->currentText();
        if (!m_client || user().isEmpty() || db.isEmpty())
            return showMessage(tr("Choose a user and a database."), true);
        const auto privilege = Privilege(m_privilege->currentData().toInt());
        if (granting)
            act(admin().grantPrivilege(privilege, db, user()), tr("Granted %1 on %2 to %3.").arg(m_privilege->currentText(), db, user()));
        else
            act(admin().revokePrivilege(privilege, db, user()), tr("Revoked %1 on %2 from %3.").arg(m_privilege->currentText(), db, user()));
    };
    connect(grant, &QPushButton::clicked, this, [privilegeAction] { privilegeAction(true); });
    connect(revoke, &QPushButton::clicked, this, [privilegeAction] { privilegeAction(false); });
    connect(drop, &QPushButton::clicked, this, [this] {
        const QString name = selected(u"user"_s);
        if (name.isEmpty())
            return showMessage(tr("Select the user to drop."), true);
        confirm(tr("Drop the user \"%1\"?").arg(name), [this, name] {
            if (m_client)
                act(admin().dropUser(name), tr("Dropped user %1.").arg(name));
        });
    });
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QString name = selected(u"user"_s);
        if (!name.isEmpty())
            m_user->setText(name);
        m_admin->setChecked(selected(u"admin"_s) == u"true");
        QCoro::connect(loadGrants(name), this, [] {});
    });
    // After an action on the selected user, its grants may have changed.
    connect(this, &AdminTab::actionFinished, this, [this] { QCoro::connect(loadGrants(user()), this, [] {}); });
}

void UsersTab::setDatabases(const QStringList &databases)
{
    const QString current = m_grantDatabase->currentText();
    m_grantDatabase->clear();
    m_grantDatabase->addItems(databases);
    if (databases.contains(current))
        m_grantDatabase->setCurrentText(current);
    reload();
}

QString UsersTab::grants() const
{
    return m_grants->text();
}

QString UsersTab::user() const
{
    return m_user->text().trimmed();
}

QCoro::Task<Result<Frame>> UsersTab::load()
{
    auto answer = co_await admin().showUsers();
    if (!answer)
        co_return answer.error();
    co_return answer->frame().value_or(Frame());
}

QCoro::Task<> UsersTab::loadGrants(QString name)
{
    QPointer<UsersTab> self(this);
    if (name.isEmpty() || !m_client) {
        m_grants->clear();
        co_return;
    }
    const auto answer = co_await admin().showGrants(name);
    if (!self || user() != name)
        co_return;
    QStringList lines;
    if (!answer) {
        lines << answer.error().message();
    } else if (const auto frame = answer->frame(); frame && frame->columnCount() >= 2) {
        for (qsizetype row = 0; row < frame->rowCount(); ++row)
            lines << frame->column(0).value(row).toString() + u": "_s + frame->column(1).value(row).toString();
    }
    m_grants->setText(lines.isEmpty() ? tr("Grants of %1: none").arg(name) : tr("Grants of %1: %2").arg(name, lines.join(u", "_s)));
    Q_EMIT grantsLoaded();
}

} // namespace QInflux
