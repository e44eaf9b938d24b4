#include "connectionform.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
QLineEdit *lineEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    return edit;
}
} // namespace

ConnectionForm::ConnectionForm(QWidget *parent) : QWidget(parent)
{
    m_name = lineEdit(u"nameEdit"_s, this);
    m_url = lineEdit(u"urlEdit"_s, this);
    m_url->setPlaceholderText(u"http://localhost:8086"_s);
    m_database = lineEdit(u"databaseEdit"_s, this);
    m_database->setPlaceholderText(tr("none: name it in each query"));
    m_auth = new QComboBox(this);
    m_auth->setObjectName(u"authCombo"_s);
    m_auth->addItem(tr("User and password"), int(SavedConnection::Auth::Password));
    m_auth->addItem(tr("Token"), int(SavedConnection::Auth::Token));
    m_user = lineEdit(u"userEdit"_s, this);
    m_user->setPlaceholderText(tr("none: the server has no authentication"));
    m_secret = lineEdit(u"secretEdit"_s, this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretHint = new QLabel(this);
    m_secretHint->setObjectName(u"secretHint"_s);
    m_secretHint->setWordWrap(true);
    m_secretHint->setForegroundRole(QPalette::PlaceholderText);

    auto *general = new QFormLayout;
    general->addRow(tr("&Name:"), m_name);
    general->addRow(tr("&URL:"), m_url);
    general->addRow(tr("&Database:"), m_database);
    general->addRow(tr("&Authentication:"), m_auth);
    general->addRow(tr("U&ser:"), m_user);
    m_secretLabel = new QLabel(tr("&Password:"), this);
    m_secretLabel->setBuddy(m_secret);
    general->addRow(m_secretLabel, m_secret);
    general->addRow(QString(), m_secretHint);

    auto *tls = new QGroupBox(tr("TLS (https URLs)"), this);
    m_verifyTls = new QCheckBox(tr("&Verify the server's certificate"), tls);
    m_verifyTls->setObjectName(u"verifyTlsCheck"_s);
    m_verifyTls->setToolTip(tr("Turning this off lets anyone on the network path read and change the traffic."));
    m_caFile = lineEdit(u"caFileEdit"_s, tls);
    m_caFile->setPlaceholderText(tr("the system's certificates only"));
    auto *browse = m_caFile->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), QLineEdit::TrailingPosition);
    browse->setToolTip(tr("Choose a PEM file of CA certificates"));
    connect(browse, &QAction::triggered, this, [this] {
        auto *chooser = new QFileDialog(this, tr("CA certificates"), m_caFile->text(), tr("PEM files (*.pem *.crt);;All files (*)"));
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        chooser->setFileMode(QFileDialog::ExistingFile);
        connect(chooser, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
        chooser->open();
    });
    auto *tlsLayout = new QFormLayout(tls);
    tlsLayout->addRow(m_verifyTls);
    tlsLayout->addRow(tr("&CA file:"), m_caFile);

    m_cache = new QCheckBox(tr("Cac&he query results on disk for this connection"), this);
    m_cache->setObjectName(u"cacheCheck"_s);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(general);
    layout->addWidget(tls);
    layout->addWidget(m_cache);
    layout->addStretch(1);

    const auto changed = [this] {
        m_modified = true;
        Q_EMIT edited();
    };
    for (QLineEdit *edit : {m_name, m_url, m_database, m_user, m_secret, m_caFile})
        connect(edit, &QLineEdit::textEdited, this, changed);
    connect(m_caFile, &QLineEdit::textChanged, this, [this, changed] {
        if (m_caFile->text() != m_loaded.caFile)
            changed();
    });
    connect(m_auth, &QComboBox::activated, this, [this, changed] {
        updateEnabled();
        changed();
    });
    connect(m_verifyTls, &QCheckBox::clicked, this, changed);
    connect(m_cache, &QCheckBox::clicked, this, changed);
}

void ConnectionForm::setConnection(const SavedConnection &connection)
{
    m_loaded = connection;
    const QSignalBlocker blocker(m_caFile);
    m_name->setText(connection.name);
    m_url->setText(connection.url);
    m_database->setText(connection.database);
    m_auth->setCurrentIndex(m_auth->findData(int(connection.auth)));
    m_user->setText(connection.username);
    m_secret->clear();
    m_verifyTls->setChecked(connection.verifyTls);
    m_caFile->setText(connection.caFile);
    m_cache->setChecked(connection.cacheResults);
    m_modified = false;
    updateEnabled();
}

SavedConnection ConnectionForm::connection() const
{
    if (m_loaded.isSandbox()) {
        SavedConnection sandbox = m_loaded;
        sandbox.cacheResults = m_cache->isChecked();
        return sandbox;
    }
    SavedConnection c;
    c.id = m_loaded.id;
    c.name = m_name->text().trimmed();
    c.url = m_url->text().trimmed();
    c.database = m_database->text().trimmed();
    c.auth = SavedConnection::Auth(m_auth->currentData().toInt());
    c.username = c.auth == SavedConnection::Auth::Token ? QString() : m_user->text().trimmed();
    c.verifyTls = m_verifyTls->isChecked();
    c.caFile = m_caFile->text().trimmed();
    c.cacheResults = m_cache->isChecked();
    return c;
}

QString ConnectionForm::secret() const
{
    return m_secret->isEnabled() ? m_secret->text() : QString();
}

void ConnectionForm::clearSecret()
{
    m_secret->clear();
}

void ConnectionForm::setKeychainProblem(const QString &problem)
{
    m_keychainProblem = problem;
    updateSecretHint();
}

void ConnectionForm::updateEnabled()
{
    const bool editable = !m_loaded.isSandbox();
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_url, m_database, m_auth, m_verifyTls, m_caFile})
        w->setEnabled(editable);
    const bool token = SavedConnection::Auth(m_auth->currentData().toInt()) == SavedConnection::Auth::Token;
    m_user->setEnabled(editable && !token);
    m_secret->setEnabled(editable);
    m_secretLabel->setText(token ? tr("&Token:") : tr("&Password:"));
    updateSecretHint();
}

void ConnectionForm::updateSecretHint()
{
    if (m_loaded.isSandbox()) {
        m_secretHint->setText(tr("The sandbox is a private influxd that QInflux starts on a free local port; "
                                 "it needs no password."));
    } else if (!m_keychainProblem.isEmpty()) {
        m_secretHint->setText(tr("Not saved: %1. You are asked for it when connecting.").arg(m_keychainProblem));
    } else {
        m_secretHint->setText(tr("Saved in the system keychain, never in the settings file. Leave empty to keep "
                                 "the saved one."));
    }
}

} // namespace QInflux
