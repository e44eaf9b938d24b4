#include "benchserver.h"

#include "benchoutput.h"

#include "client/wait.h"
#include "sandbox/localserver.h"

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

std::optional<ClientSettings> benchServer(const QString &url, LocalServer &server)
{
    QString target = url;
    if (target.isEmpty()) {
        const auto started = blockOn(server.start());
        if (!started) {
            note(u"FAILED: cannot start influxd: "_s + started.error().toString());
            return std::nullopt;
        }
        target = server.url().toString();
    }
    auto settings = ClientSettings::fromUrl(target);
    if (!settings) {
        note(u"FAILED: "_s + settings.error().toString());
        return std::nullopt;
    }
    return std::move(settings).value();
}

} // namespace QInflux::Bench
