#pragma once

#include <QInflux/clientsettings.h>
#include <QInflux/result.h>

#include <QString>

namespace QInflux {

/// One entry of the connections manager, as saved in the settings. It never holds the password or
/// token: those live in the OS keychain (SecretStore) under the connection's id.
struct SavedConnection
{
    enum class Auth {
        Password, ///< username and password (Basic); no credentials at all when the username is empty
        Token,    ///< `Authorization: Token ...` (InfluxDB 1.8+, 2.x/3.x v1 API)
    };

    /// Stable key: a UUID, or sandboxId() for the built-in sandbox.
    QString id;
    QString name;
    /// http(s)://host:port/prefix, without credentials.
    QString url;
    QString database;
    QString username;
    Auth auth = Auth::Password;
    /// false skips certificate verification (explicit opt-in).
    bool verifyTls = true;
    /// PEM file of CA certificates trusted in addition to the system's.
    QString caFile;
    /// Results of this connection's queries go through the query-result cache.
    bool cacheResults = false; // the cache is opt-in

    static QString sandboxId() { return QStringLiteral("sandbox"); }
    /// The built-in sandbox: always the first connection, never removed.
    static SavedConnection sandbox();
    bool isSandbox() const { return id == sandboxId(); }

    /// True when connecting needs a secret: a token, or a password for a username.
    bool needsSecret() const;
    /// Empty when the entry can be saved, else what is wrong (names the field).
    QString validate() const;
    /// The client settings for this connection with `secret` as password or token. Not for the
    /// sandbox (its address is only known once it runs).
    Result<ClientSettings> clientSettings(const QString &secret) const;

    friend bool operator==(const SavedConnection &, const SavedConnection &) = default;
};

} // namespace QInflux
