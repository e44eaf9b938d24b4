#include "cachesettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace QInflux {

QueryCache::Options CacheSettings::load()
{
    QSettings settings;
    QueryCache::Options options;
    options.directory = settings.value(u"cache/directory"_s).toString();
    if (options.directory.isEmpty())
        options.directory = QueryCache::defaultDirectory();
    options.maxBytes = std::max<qint64>(0, settings.value(u"cache/maxBytes"_s, options.maxBytes).toLongLong());
    options.timeToLive = std::chrono::seconds(std::max<qint64>(0, settings.value(u"cache/timeToLiveSeconds"_s, 0).toLongLong()));
    return options;
}

void CacheSettings::save(const QueryCache::Options &options)
{
    QSettings settings;
    // The default location is not written down, so that it follows QStandardPaths.
    if (options.directory.isEmpty() || options.directory == QueryCache::defaultDirectory())
        settings.remove(u"cache/directory"_s);
    else
        settings.setValue(u"cache/directory"_s, options.directory);
    settings.setValue(u"cache/maxBytes"_s, options.maxBytes);
    settings.setValue(u"cache/timeToLiveSeconds"_s, qint64(options.timeToLive.count()));
}

} // namespace QInflux
