#pragma once

#include "admintab.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace QInflux {

/// Users: SHOW USERS with the admin flag; create (with a password, optionally admin), set the
/// password, grant/revoke admin, grant/revoke READ/WRITE/ALL on a database, drop after confirmation.
/// The selected user's grants are listed below the table.
class UsersTab : public AdminTab
{
    Q_OBJECT
public:
    explicit UsersTab(Client *client, QWidget *parent = nullptr);
    void setDatabases(const QStringList &databases) override;
    /// "db: PRIVILEGE" lines of the selected user, as last loaded.
    QString grants() const;

Q_SIGNALS:
    void grantsLoaded();

protected:
    QCoro::Task<Result<Frame>> load() override;

private:
    QCoro::Task<> loadGrants(QString user);
    QString user() const;

    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_admin = nullptr;
    QComboBox *m_grantDatabase = nullptr;
    QComboBox *m_privilege = nullptr;
    QLabel *m_grants = nullptr;
};

} // namespace QInflux
