#pragma once

#include <QInflux/cancellation.h>
#include <QInflux/writeinput.h>

#include <QDialog>
#include <QPointer>

#include <QCoroTask>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace QInflux {

class Client;

/// Tools > Write Points: line protocol or aioinflux-style JSON points typed or pasted, written into
/// a database and retention policy of `client`. Every point is checked first (WriteInput): while any
/// is invalid nothing is sent, and the problems are listed by line with the editor's line marked.
/// The server's refusal (e.g. a partial write) is shown in its own words. The client is watched:
/// when it goes away the dialog stops using it.
class WriteDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WriteDialog(Client *client, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QListWidget *problems() const { return m_problems; }
    QComboBox *databaseChooser() const { return m_database; }
    QComboBox *retentionPolicyChooser() const { return m_retention; }
    QComboBox *precisionChooser() const { return m_precision; }

    /// Checks the text and shows the problems; returns what was checked.
    WriteInput::Checked check();
    /// Checks, then writes when every point is valid; emits writeFinished().
    void write();
    /// Stops the write in progress (points of batches already sent stay written).
    void cancel();

Q_SIGNALS:
    /// The database list has been loaded (and the retention policies of the chosen database), or
    /// could not be.
    void choicesLoaded();
    /// `points` written when ok; otherwise `message` says why nothing (or not everything) was written.
    void writeFinished(bool ok, qsizetype points, const QString &message);

private:
    QCoro::Task<> loadDatabases();
    QCoro::Task<> loadRetentionPolicies(QString database);
    QCoro::Task<> writeTask(QByteArray lines, qsizetype points);
    WriteInput::Syntax syntax() const;
    void markLines(const QList<qsizetype> &lines);
    void goToLine(qsizetype line);
    void setStatus(const QString &text, bool error);

    QPointer<Client> m_client;
    QComboBox *m_syntax = nullptr;
    QComboBox *m_database = nullptr;
    QComboBox *m_retention = nullptr;
    QComboBox *m_precision = nullptr;
    QLineEdit *m_measurement = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_writeButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    std::optional<Cancellation> m_cancel; ///< set while writing
};

} // namespace QInflux
