#include "runningqueriestab.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace QInflux {

RunningQueriesTab::RunningQueriesTab(Client *client, QWidget *parent) : AdminTab(client, parent)
{
    auto *kill = addButton(tr("&Kill..."), u"killQueryButton"_s, u"process-stop"_s);
    connect(kill, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const qint64 id = selected(u"qid"_s).toLongLong(&ok);
        if (!ok)
            return showMessage(tr("Select the query to kill."), true);
        const QString text = selected(u"query"_s);
        confirm(tr("Kill query %1?\n\n%2").arg(id).arg(text), [this, id] {
            if (m_client)
                act(admin().killQuery(id), tr("Killed query %1.").arg(id));
        });
    });
}

QCoro::Task<Result<Frame>> RunningQueriesTab::load()
{
    auto answer = co_await admin().showQueries();
    if (!answer)
        co_return answer.error();
    co_return answer->frame().value_or(Frame());
}

} // namespace QInflux
