#include <QInflux/clientsettings.h>

using namespace Qt::StringLiterals;

namespace QInflux {

QUrl ClientSettings::baseUrl() const
{
    QUrl url;
    url.setScheme(ssl ? u"https"_s : u"http"_s);
    url.setHost(host);
    url.setPort(port);
    QString prefix = pathPrefix;
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    if (!prefix.isEmpty() && !prefix.startsWith(u'/'))
        prefix.prepend(u'/');
    url.setPath(prefix);
    return url;
}

Result<ClientSettings> ClientSettings::fromUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return Error(Error::Kind::Usage, u"\"%1\" is not a valid server URL; expected e.g. http://localhost:8086"_s.arg(text));
    if (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)
        return Error(Error::Kind::Usage, u"\"%1\": the URL scheme must be http or https"_s.arg(text));
    ClientSettings s;
    s.ssl = url.scheme() == "https"_L1;
    s.host = url.host();
    s.port = url.port(8086);
    s.pathPrefix = url.path();
    if (!url.userName().isEmpty())
        s.username = url.userName();
    if (!url.password().isEmpty())
        s.password = url.password();
    return s;
}

} // namespace QInflux
