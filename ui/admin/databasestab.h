#pragma once

#include "admintab.h"

class QLineEdit;

namespace QInflux {

/// Databases: SHOW DATABASES, create by name, drop the selected one after confirmation.
class DatabasesTab : public AdminTab
{
    Q_OBJECT
public:
    explicit DatabasesTab(Client *client, QWidget *parent = nullptr);
    /// The names listed last.
    QStringList databases() const;

Q_SIGNALS:
    void databasesLoaded(const QStringList &databases);

protected:
    QCoro::Task<Result<Frame>> load() override;

private:
    QLineEdit *m_name = nullptr;
};

} // namespace QInflux
