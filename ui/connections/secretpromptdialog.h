#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace QInflux {

struct SavedConnection;

/// Asks for the password or token of a connection, saying why it is asked (no keychain, nothing
/// saved...). Open it with open(); it never stores anything itself.
class SecretPromptDialog : public QDialog
{
    Q_OBJECT
public:
    /// `offerRemember`: show "Save in the system keychain" (only when there is one).
    SecretPromptDialog(const SavedConnection &connection, const QString &reason, bool offerRemember,
                       QWidget *parent = nullptr);

    QString secret() const;
    bool remember() const;

private:
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_remember = nullptr;
};

} // namespace QInflux
