#include <QInflux/cachekey.h>

#include "querytext_p.h"

#include <QInflux/client.h>
#include <QInflux/clientsettings.h>

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

/// Appends `field` with its length, so that no two field lists hash the same bytes.
void addField(QCryptographicHash &hash, const QString &field)
{
    const QByteArray utf8 = field.toUtf8();
    const QByteArray length = QByteArray::number(utf8.size()) + ':';
    hash.addData(length);
    hash.addData(utf8);
}

QString sha256Hex(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

QString CacheKey::normalizeQuery(QStringView query)
{
    using detail::QueryToken;
    const std::vector<QueryToken> tokens = detail::tokenizeQuery(query);
    QString out;
    out.reserve(query.size());
    bool space = false;
    for (const QueryToken &token : tokens) {
        if (token.kind == QueryToken::Kind::Space) {
            space = !out.isEmpty();
            continue;
        }
        if (space && !out.endsWith(u'\n'))
            out += u' ';
        space = false;
        if (token.kind == QueryToken::Kind::Word && detail::isNormalizedKeyword(token.text)) {
            out += token.text.toString().toUpper();
        } else {
            out += token.text;
            // A comment ends at a newline: keep one, or the next line would join the comment.
            if (token.kind == QueryToken::Kind::Comment)
                out += u'\n';
        }
    }
    // Trailing `;` (outside quotes: a quoted one would be inside the last token) and whitespace.
    while (!out.isEmpty() && (out.back() == u';' || out.back() == u' ' || out.back() == u'\n'))
        out.chop(1);
    return out;
}

QString CacheKey::serverIdentity(const ClientSettings &settings)
{
    const QString url = settings.baseUrl().adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments).toString();
    QString user = settings.username;
    if (user.isEmpty() && !settings.token.isEmpty()) // the token names the user; never keep it in clear
        user = u"token-sha256:"_s + sha256Hex(settings.token);
    return url + u' ' + user;
}

QString CacheKey::connectionId(const ClientSettings &settings)
{
    return sha256Hex(serverIdentity(settings)).left(16);
}

CacheKey CacheKey::make(const ClientSettings &settings, const QString &query, const QueryOptions &options)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addField(hash, u"qinflux-cache-key-1"_s);
    addField(hash, serverIdentity(settings));
    addField(hash, options.database.isEmpty() ? settings.database : options.database);
    addField(hash, options.retentionPolicy.isEmpty() ? settings.retentionPolicy : options.retentionPolicy);
    addField(hash, epochParameter(options.epoch));
    // Bind parameters change the answer as much as the text does; JSON objects sort their keys.
    addField(hash, QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(options.params)).toJson(QJsonDocument::Compact)));
    addField(hash, normalizeQuery(query));
    CacheKey key;
    key.m_hash = QString::fromLatin1(hash.result().toHex());
    key.m_connection = connectionId(settings);
    return key;
}

} // namespace QInflux
