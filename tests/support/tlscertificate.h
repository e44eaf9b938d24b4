#pragma once

#include <QString>

namespace QInflux::Test {

/// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command line.
struct TlsCertificate
{
    QString certificate; ///< PEM certificate path (also the CA to trust)
    QString privateKey;  ///< PEM private key path (unencrypted)
    QString error;       ///< why it could not be made; empty on success

    /// Writes cert.pem and key.pem into `directory`.
    static TlsCertificate create(const QString &directory);
};

} // namespace QInflux::Test
