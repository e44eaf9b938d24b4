#pragma once

#include <QDialog>

class QTabWidget;

namespace QInflux {

class Client;
class ContinuousQueriesTab;
class DatabasesTab;
class RetentionPoliciesTab;
class RunningQueriesTab;
class UsersTab;

/// Tools > Administration: databases, retention policies, users, continuous queries and running
/// queries of the server `client` talks to, each on its own page. The database list loaded by the
/// first page feeds the other pages' choosers.
class AdminDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AdminDialog(Client *client, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    DatabasesTab *databases() const { return m_databases; }
    RetentionPoliciesTab *retentionPolicies() const { return m_policies; }
    UsersTab *users() const { return m_users; }
    ContinuousQueriesTab *continuousQueries() const { return m_queries; }
    RunningQueriesTab *runningQueries() const { return m_running; }

private:
    QTabWidget *m_tabs = nullptr;
    DatabasesTab *m_databases = nullptr;
    RetentionPoliciesTab *m_policies = nullptr;
    UsersTab *m_users = nullptr;
    ContinuousQueriesTab *m_queries = nullptr;
    RunningQueriesTab *m_running = nullptr;
};

} // namespace QInflux
