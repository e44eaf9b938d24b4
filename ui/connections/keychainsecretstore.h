#pragma once

#include "secretstore.h"

#include <chrono>

namespace QInflux {

/// SecretStore over the OS keychain through QtKeychain (Secret Service / KWallet on Linux, Keychain
/// on macOS, Credential Manager on Windows). QtKeychain's plain-text fallback is never enabled: with
/// no keychain every call reports Unavailable with QtKeychain's reason.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    /// `service` groups this application's entries in the keychain.
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr);

    QCoro::Task<SecretLookup> read(QString key) override;
    QCoro::Task<Result<void>> write(QString key, QString secret) override;
    QCoro::Task<Result<void>> remove(QString key) override;

    /// A keychain that does not answer within this time counts as unavailable (default 15 s: the
    /// desktop may show an unlock prompt).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

private:
    QString m_service;
    std::chrono::milliseconds m_timeout{15'000};
};

} // namespace QInflux
