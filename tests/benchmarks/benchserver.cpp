#include "benchserver.h"

#include "benchoutput.h"

#include <QInflux/wait.h>
#include "localserver_p.h"

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

std::optional<ClientSettings> cpuBenchServer(const QString &url, LocalServer &server, const QString &database, qint64 n,
                                             int repeats)
{
    std::optional<ClientSettings> settings = benchServer(url, server);
    if (!settings)
        return std::nullopt;
    note(u"n=%1 repeats=%2 server %3 (%4) build=%5"_s.arg(n)
             .arg(repeats)
             .arg(settings->baseUrl().toString(), url.isEmpty() ? u"private influxd started by LocalServer"_s : u"--url"_s)
             .arg(QStringLiteral(QINFLUX_BENCH_BUILD_TYPE)));
    settings->database = database;
    settings->timeout = std::chrono::minutes(10);
    return settings;
}

} // namespace QInflux::Bench
