#include "continuousqueriestab.h"

#include <QInflux/influxql.h>

#include <QBoxLayout>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace QInflux {

ContinuousQueriesTab::ContinuousQueriesTab(Client *client, QWidget *parent) : AdminTab(client, parent)
{
    addDatabaseChooser();
    m_statement = new QPlainTextEdit(this);
    m_statement->setObjectName(u"cqStatement"_s);
    m_statement->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_statement->setPlaceholderText(
        tr("CREATE CONTINUOUS QUERY cq_name ON db BEGIN SELECT mean(value) INTO m_1h FROM m GROUP BY time(1h) END"));
    m_statement->setMaximumHeight(m_statement->fontMetrics().lineSpacing() * 5);
    fieldsLayout()->addWidget(m_statement);
    auto *createButton = addButton(tr("&Create"), u"createCqButton"_s, u"list-add"_s);
    auto *drop = addButton(tr("&Drop..."), u"dropCqButton"_s, u"edit-delete"_s);
    connect(createButton, &QPushButton::clicked, this, [this] {
        act(create(m_statement->toPlainText().trimmed()), tr("Created the continuous query."));
    });
    connect(drop, &QPushButton::clicked, this, [this] {
        const QString name = selected(u"name"_s);
        if (name.isEmpty())
            return showMessage(tr("Select the continuous query to drop."), true);
        const QString db = database();
        confirm(tr("Drop the continuous query \"%1\" of %2?").arg(name, db), [this, name, db] {
            if (m_client)
                act(m_client->dropContinuousQuery(name, db), tr("Dropped continuous query %1.").arg(name));
        });
    });
}

QCoro::Task<Result<void>> ContinuousQueriesTab::create(QString statement)
{
    QPointer<ContinuousQueriesTab> self(this);
    if (!statement.startsWith(u"CREATE CONTINUOUS QUERY"_s, Qt::CaseInsensitive) || InfluxQL::splitStatements(statement).size() != 1)
        co_return Error(Error::Kind::Usage, tr("Type one CREATE CONTINUOUS QUERY statement."));
    if (!m_client)
        co_return Error(Error::Kind::Cancelled, tr("Not connected."));
    QueryOptions options;
    options.database = database();
    auto answer = co_await m_client->query(statement, options);
    if (!answer)
        co_return answer.error();
    if (auto error = answer->firstError())
        co_return *error;
    if (self)
        m_statement->clear();
    co_return {};
}

QCoro::Task<Result<Frame>> ContinuousQueriesTab::load()
{
    auto answer = co_await m_client->showContinuousQueries();
    if (!answer)
        co_return answer.error();
    // One series per database, named after it.
    co_return answer->bySeriesKey().value(database());
}

} // namespace QInflux
