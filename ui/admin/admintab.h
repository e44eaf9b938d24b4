#pragma once

#include <QInflux/client.h>

#include <QPointer>
#include <QWidget>

#include <QCoroTask>

#include <functional>

class QBoxLayout;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace QInflux {

class FrameTableModel;

/// One page of the administration dialog: a table of what a SHOW statement lists, buttons and
/// fields that act on it, and one line for the outcome (the server's own words on an error).
/// Everything runs asynchronously on the client, which is watched: when it goes away the page
/// does nothing more.
class AdminTab : public QWidget
{
    Q_OBJECT
public:
    explicit AdminTab(Client *client, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    FrameTableModel *model() const { return m_model; }
    /// The outcome of the last action or load.
    QString message() const;
    /// Lists again; emits loaded() (only for the last of overlapping reloads).
    void reload();
    /// The databases the pages with a database chooser offer.
    virtual void setDatabases(const QStringList &databases);

Q_SIGNALS:
    void loaded();
    /// An action (create, drop, ...) finished; `message` is what the page shows.
    void actionFinished(bool ok, const QString &message);

protected:
    /// What the table shows: the frame of a SHOW statement (an empty Frame when it lists nothing).
    virtual QCoro::Task<Result<Frame>> load() = 0;
    /// The selected row's cell of `column`, as text; empty when no row is selected.
    QString selected(const QString &column) const;
    /// Adds a button to the page's button row.
    QPushButton *addButton(const QString &text, const QString &objectName, const QString &icon = {});
    /// The layout above the table (for fields and choosers) and the button row below it.
    QBoxLayout *fieldsLayout() const { return m_fields; }
    /// Runs `action`; shows `done` or the error, then lists again.
    void act(QCoro::Task<Result<void>> action, QString done);
    /// Asks `question` (window-modal, non-blocking) and runs `then` when the user agrees.
    void confirm(const QString &question, std::function<void()> then);
    void showMessage(const QString &text, bool error);
    /// A database chooser filled by setDatabases(); it lists again when the choice changes.
    QComboBox *addDatabaseChooser();
    QString database() const;

    QPointer<Client> m_client;

private:
    QCoro::Task<> reloadTask();
    QCoro::Task<> actTask(QCoro::Task<Result<void>> action, QString done);

    QTableView *m_view = nullptr;
    FrameTableModel *m_model = nullptr;
    QBoxLayout *m_fields = nullptr;
    QBoxLayout *m_buttons = nullptr;
    QLabel *m_message = nullptr;
    QComboBox *m_database = nullptr;
    quint64 m_generation = 0;
};

} // namespace QInflux
