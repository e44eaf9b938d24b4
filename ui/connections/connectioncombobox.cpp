#include "connectioncombobox.h"

#include "connections/connectionsession.h"
#include "connectionlistmodel.h"
#include "connectionstore.h"
#include "connectionswitcher.h"

using namespace Qt::StringLiterals;

namespace QInflux {

ConnectionComboBox::ConnectionComboBox(ConnectionListModel *model, ConnectionSwitcher *switcher, QWidget *parent)
    : QComboBox(parent), m_switcher(switcher)
{
    setObjectName(u"connectionCombo"_s);
    setModel(model);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(14);
    setToolTip(tr("Switch to another saved connection (File > Connections… manages them)"));
    connect(this, &QComboBox::activated, this, [this](int row) {
        const QString id = itemData(row, ConnectionListModel::IdRole).toString();
        if (id != m_switcher->session()->connectionId() || !m_switcher->session()->client())
            m_switcher->switchTo(id);
    });
    // Back to what the session really is when a switch fails or was cancelled.
    connect(switcher, &ConnectionSwitcher::failed, this, &ConnectionComboBox::showSession);
    connect(switcher->session(), &ConnectionSession::changed, this, &ConnectionComboBox::showSession);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionComboBox::showSession);
    showSession();
}

void ConnectionComboBox::showSession()
{
    ConnectionSession *session = m_switcher->session();
    const int row = session->client() ? m_switcher->store()->indexOf(session->connectionId()) : -1;
    setPlaceholderText(session->client() ? tr("Other server") : tr("Not connected"));
    setCurrentIndex(row);
}

} // namespace QInflux
