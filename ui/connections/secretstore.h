#pragma once

#include <QInflux/result.h>

#include <QObject>
#include <QString>

#include <QCoroTask>

namespace QInflux {

/// What a secret store found for a key.
struct SecretLookup
{
    enum class Status {
        Found,
        NotFound,    ///< the store works but holds nothing under this key
        Unavailable, ///< no store to ask (no keychain, access denied...): `reason` says why
    };
    Status status = Status::NotFound;
    QString secret;
    QString reason;
};

/// Where passwords and tokens are kept: the OS keychain (KeychainSecretStore) in the application.
/// Never a plain file: a store that cannot keep a secret safely reports Unavailable and the caller
/// asks the user each time. Tests use their own stores to drive both paths.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QCoro::Task<SecretLookup> read(QString key) = 0;
    /// Kind::Io with the reason when the secret could not be stored.
    virtual QCoro::Task<Result<void>> write(QString key, QString secret) = 0;
    /// Removing a key that holds nothing succeeds.
    virtual QCoro::Task<Result<void>> remove(QString key) = 0;

    /// Empty when the store can keep secrets, else the reason it cannot (asks the store).
    QCoro::Task<QString> unavailableReason();
};

} // namespace QInflux
