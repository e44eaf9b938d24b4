#pragma once

#include "admintab.h"

class QPlainTextEdit;

namespace QInflux {

/// Continuous queries of the chosen database (name, query); create from a CREATE CONTINUOUS QUERY
/// statement as typed, drop the selected one after confirmation.
class ContinuousQueriesTab : public AdminTab
{
    Q_OBJECT
public:
    explicit ContinuousQueriesTab(Client *client, QWidget *parent = nullptr);
    QPlainTextEdit *statementEditor() const { return m_statement; }

protected:
    QCoro::Task<Result<Frame>> load() override;

private:
    QCoro::Task<Result<void>> create(QString statement);

    QPlainTextEdit *m_statement = nullptr;
};

} // namespace QInflux
