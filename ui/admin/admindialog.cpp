#include "admindialog.h"

#include "continuousqueriestab.h"
#include "databasestab.h"
#include "retentionpoliciestab.h"
#include "runningqueriestab.h"
#include "userstab.h"

#include <QDialogButtonBox>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

AdminDialog::AdminDialog(Client *client, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Administration"));
    m_tabs = new QTabWidget(this);
    m_databases = new DatabasesTab(client, m_tabs);
    m_policies = new RetentionPoliciesTab(client, m_tabs);
    m_users = new UsersTab(client, m_tabs);
    m_queries = new ContinuousQueriesTab(client, m_tabs);
    m_running = new RunningQueriesTab(client, m_tabs);
    m_tabs->addTab(m_databases, tr("&Databases"));
    m_tabs->addTab(m_policies, tr("&Retention Policies"));
    m_tabs->addTab(m_users, tr("&Users"));
    m_tabs->addTab(m_queries, tr("&Continuous Queries"));
    m_tabs->addTab(m_running, tr("Running &Queries"));
    connect(m_databases, &DatabasesTab::databasesLoaded, this, [this](const QStringList &names) {
        m_policies->setDatabases(names);
        m_users->setDatabases(names);
        m_queries->setDatabases(names);
    });
    // The running queries change all the time: list them whenever the page is shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_running)
            m_running->reload();
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(820, 600);
    m_databases->reload();
}

} // namespace QInflux
