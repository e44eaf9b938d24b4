#include "savedconnection.h"

#include <QInflux/sampledata.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("QInflux::SavedConnection", text);
}
} // namespace

SavedConnection SavedConnection::sandbox()
{
    SavedConnection c;
    c.id = sandboxId();
    c.name = tr("Sandbox");
    c.url = tr("(a private influxd started on demand)");
    c.database = SampleData::databaseName();
    c.auth = Auth::Password;
    return c;
}

bool SavedConnection::needsSecret() const
{
    return !isSandbox() && (auth == Auth::Token || !username.isEmpty());
}

QString SavedConnection::validate() const
{
    if (isSandbox())
        return {};
    if (name.trimmed().isEmpty())
        return tr("Name: enter a name for the connection.");
    const auto settings = ClientSettings::fromUrl(url.trimmed());
    if (!settings)
        return tr("URL: %1").arg(settings.error().message());
    const QUrl parsed(url.trimmed());
    if (!parsed.password().isEmpty() || !parsed.userName().isEmpty())
        return tr("URL: remove the user name and password from the URL; settings are saved as plain text, "
                  "use the User and Password fields (the password goes into the system keychain).");
    if (!caFile.isEmpty() && !QFileInfo(caFile).isFile())
        return tr("CA file: \"%1\" does not exist or is not a file.").arg(caFile);
    return {};
}

Result<ClientSettings> SavedConnection::clientSettings(const QString &secret) const
{
    if (isSandbox())
        return Error(Error::Kind::Usage, tr("The sandbox's address is only known once it runs."));
    if (const QString problem = validate(); !problem.isEmpty())
        return Error(Error::Kind::Usage, tr("Connection \"%1\": %2").arg(name, problem));
    auto settings = ClientSettings::fromUrl(url.trimmed());
    settings->database = database.trimmed();
    if (auth == Auth::Token) {
        settings->token = secret;
    } else if (!username.isEmpty()) {
        settings->username = username;
        settings->password = secret;
    }
    settings->insecureSkipVerify = !verifyTls;
    settings->caFile = caFile;
    return settings;
}

} // namespace QInflux
