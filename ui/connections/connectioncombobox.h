#pragma once

#include <QComboBox>

namespace QInflux {

class ConnectionListModel;
class ConnectionSwitcher;

/// The toolbar's connection switcher: the saved connections (ConnectionListModel); choosing one
/// connects to it through the ConnectionSwitcher. It follows the session: the current connection
/// is shown, or the placeholder "Other server" for a URL given on the command line, or "Not connected".
class ConnectionComboBox : public QComboBox
{
    Q_OBJECT
public:
    ConnectionComboBox(ConnectionListModel *model, ConnectionSwitcher *switcher, QWidget *parent = nullptr);

private:
    void showSession();

    ConnectionSwitcher *m_switcher;
};

} // namespace QInflux
