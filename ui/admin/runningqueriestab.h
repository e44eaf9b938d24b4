#pragma once

#include "admintab.h"

namespace QInflux {

/// The queries running on the server (SHOW QUERIES: qid, query, database, duration); kill the
/// selected one after confirmation.
class RunningQueriesTab : public AdminTab
{
    Q_OBJECT
public:
    explicit RunningQueriesTab(Client *client, QWidget *parent = nullptr);

protected:
    QCoro::Task<Result<Frame>> load() override;
};

} // namespace QInflux
