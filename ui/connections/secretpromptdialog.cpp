#include "secretpromptdialog.h"

#include "savedconnection.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

SecretPromptDialog::SecretPromptDialog(const SavedConnection &connection, const QString &reason, bool offerRemember,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"secretPrompt"_s);
    const bool token = connection.auth == SavedConnection::Auth::Token;
    setWindowTitle(token ? tr("Token for %1").arg(connection.name) : tr("Password for %1").arg(connection.name));

    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(32, 32));
    auto *why = new QLabel(reason, this);
    why->setObjectName(u"reasonLabel"_s);
    why->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(why, 1);

    m_secret = new QLineEdit(this);
    m_secret->setObjectName(u"secretEdit"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), new QLabel(connection.url, this));
    if (!token && !connection.username.isEmpty())
        form->addRow(tr("User:"), new QLabel(connection.username, this));
    form->addRow(token ? tr("&Token:") : tr("&Password:"), m_secret);

    m_remember = new QCheckBox(tr("&Save in the system keychain"), this);
    m_remember->setObjectName(u"rememberCheck"_s);
    m_remember->setVisible(offerRemember);
    m_remember->setChecked(offerRemember);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(buttons);
    m_secret->setFocus();
    setMinimumWidth(420);
}

QString SecretPromptDialog::secret() const
{
    return m_secret->text();
}

bool SecretPromptDialog::remember() const
{
    return !m_remember->isHidden() && m_remember->isChecked();
}

} // namespace QInflux
