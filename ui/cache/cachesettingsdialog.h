#pragma once

#include <QInflux/querycache.h>

#include <QDialog>

#include <QCoroTask>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace QInflux {

class ConnectionSession;

/// Tools > Cache Settings: the cache's location, size limit and time-to-live (saved in QSettings and
/// given to the session at once), its statistics, and clearing all entries or this connection's.
/// Statistics and clearing walk the cache directory on a worker thread.
class CacheSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CacheSettingsDialog(ConnectionSession *session, QWidget *parent = nullptr);

    /// The options the fields describe.
    QueryCache::Options options() const;
    /// Saves the options and hands them to the session; false (with the reason shown) when the
    /// location is not usable.
    bool apply();
    /// Reads the statistics again; emits statsUpdated() when shown.
    void refreshStats();
    void clearAll();
    void clearConnection();

Q_SIGNALS:
    void statsUpdated(const QInflux::CacheStats &stats);
    /// After a clear: how many entries went, or the error.
    void cleared(const QString &message);

private:
    QCoro::Task<> statsTask();
    QCoro::Task<> clearTask(QString connectionId);
    void chooseDirectory();
    void setBusy(bool busy);

    ConnectionSession *m_session;
    QLineEdit *m_directory = nullptr;
    QSpinBox *m_sizeLimit = nullptr;
    QSpinBox *m_timeToLive = nullptr;
    QLabel *m_entries = nullptr;
    QLabel *m_bytes = nullptr;
    QLabel *m_hits = nullptr;
    QLabel *m_misses = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_clearAll = nullptr;
    QPushButton *m_clearConnection = nullptr;
    QPushButton *m_refresh = nullptr;
    int m_busy = 0;
};

} // namespace QInflux
