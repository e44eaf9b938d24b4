#pragma once

#include "savedconnection.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace QInflux {

/// The editor of one saved connection in the connections dialog: name, URL, database, user,
/// password or token, TLS options and the cache flag. The sandbox shows read-only except its
/// cache flag. The secret typed here is handed out by secret(), never kept elsewhere.
class ConnectionForm : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionForm(QWidget *parent = nullptr);

    void setConnection(const SavedConnection &connection);
    /// The form's values, with the id of the connection set last.
    SavedConnection connection() const;
    /// The password or token typed in the form; empty = unchanged.
    QString secret() const;
    void clearSecret();
    /// Edited since setConnection().
    bool isModified() const { return m_modified; }
    void setModified(bool modified) { m_modified = modified; }
    /// Why secrets cannot be saved (shown under the password); empty when the keychain works.
    void setKeychainProblem(const QString &problem);

Q_SIGNALS:
    void edited();

private:
    void updateEnabled();
    void updateSecretHint();

    SavedConnection m_loaded;
    bool m_modified = false;
    QString m_keychainProblem;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_database = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLabel *m_secretHint = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLineEdit *m_caFile = nullptr;
    QCheckBox *m_cache = nullptr;
};

} // namespace QInflux
