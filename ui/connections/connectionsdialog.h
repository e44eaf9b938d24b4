#pragma once

#include <QDialog>

#include <QCoroTask>

class QLabel;
class QListView;
class QPushButton;

namespace QInflux {

class ConnectionForm;
class ConnectionListModel;
class ConnectionStore;
class ConnectionSwitcher;

/// The connections manager: the saved connections (the sandbox first) on the left, the selected
/// one's form on the right; Add, Duplicate, Remove, Test (the server's version or its error),
/// Save and Connect. Edits are saved when another connection is selected, on Save and on Connect.
/// Open it with open(); Connect closes it once connected.
class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionsDialog(ConnectionSwitcher *switcher, QWidget *parent = nullptr);
    ~ConnectionsDialog() override;

    QString currentId() const;
    void select(const QString &id);

    QListView *list() const { return m_list; }
    ConnectionForm *form() const { return m_form; }
    /// The outcome of the last Test, Save or Connect.
    QLabel *status() const { return m_status; }

Q_SIGNALS:
    /// A Test ended (the status shows how); for tests and the screenshot.
    void testFinished(bool ok);
    /// Saving ended, secret included.
    void saved(bool ok);

private:
    void loadCurrent();
    /// Writes the form into the store (and its secret into the keychain); false when invalid.
    bool commit();
    QCoro::Task<> storeSecret(QString id, QString secret);
    QCoro::Task<> testTask();
    QCoro::Task<> connectTask();
    QCoro::Task<> duplicateTask();
    QCoro::Task<> probeKeychain();
    void confirmRemove();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();

    ConnectionSwitcher *m_switcher;
    ConnectionStore *m_store;
    ConnectionListModel *m_model;
    QString m_loadedId;
    bool m_busy = false;
    QListView *m_list = nullptr;
    ConnectionForm *m_form = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_statusIcon = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_connect = nullptr;
};

} // namespace QInflux
