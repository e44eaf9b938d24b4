#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QStringView>

namespace QInflux {

struct ClientSettings;
struct QueryOptions;

/// Names one cached query result: a SHA-256 over the server identity (base URL and user, or a hash
/// of the API token), the database, retention policy, epoch, bind parameters and the normalized
/// query text. Two keys are equal only when every one of these is.
class QINFLUX_CORE_EXPORT CacheKey
{
public:
    CacheKey() = default;
    /// `options.database` / `retentionPolicy` fall back to the settings' defaults, as Client::query does.
    static CacheKey make(const ClientSettings &settings, const QString &query, const QueryOptions &options);

    /// Whitespace runs outside strings ('...'), quoted identifiers ("..."), regular expressions
    /// (/.../) and comments become one space; leading and trailing whitespace and trailing `;` go.
    /// The keywords of detail::isNormalizedKeyword are upper-cased; every other character, and
    /// everything inside quotes, keeps its case (InfluxQL names and values are case-sensitive).
    static QString normalizeQuery(QStringView query);
    /// "<base URL> <user>": the part of the key that `clear --connection` matches.
    static QString serverIdentity(const ClientSettings &settings);
    /// The first 16 hex digits of SHA-256(serverIdentity): the directory of that server's entries.
    static QString connectionId(const ClientSettings &settings);

    bool isValid() const { return !m_hash.isEmpty(); }
    /// 64 lower-case hex digits.
    const QString &hash() const { return m_hash; }
    const QString &connection() const { return m_connection; }

    friend bool operator==(const CacheKey &, const CacheKey &) = default;

private:
    QString m_hash;
    QString m_connection;
};

} // namespace QInflux
