// The same query twice through an on-disk cache: the first answer comes from the server and is
// stored, the second comes from the cache file, equal to the first.
// Usage: example-cachedquery URL CACHE_DIRECTORY [DATABASE]
#include <QInflux/CachedQuery>
#include <QInflux/Client>
#include <QInflux/InfluxQL>
#include <QInflux/QueryCache>

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QCoro::Task<int> run(QInflux::ClientSettings settings, QString cacheDirectory)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QInflux::Client client(settings);
    if (auto created = co_await client.query(u"CREATE DATABASE "_s + QInflux::InfluxQL::quoteIdentifier(settings.database));
        !created) {
        err << "create database: " << created.error().toString() << '\n';
        co_return 1;
    }
    if (auto written = co_await client.write(QByteArray("weather,city=Oslo temp=-3.5 1700000000000000000\n"
                                                       "weather,city=Rome temp=14.25 1700000000000000000\n"));
        !written) {
        err << "write: " << written.error().toString() << '\n';
        co_return 1;
    }
    QInflux::QueryCache::Options cacheOptions;
    cacheOptions.directory = cacheDirectory;
    QInflux::QueryCache cache(cacheOptions);
    // An absolute time range: the answer cannot change, so the cache policy keeps it.
    const QString query = u"SELECT temp FROM weather WHERE time >= 1699999999000000000 AND time < 1700000001000000000 GROUP BY city"_s;
    const QInflux::CachedQuery first = co_await QInflux::cachedQuery(client, cache, query, {});
    const QInflux::CachedQuery second = co_await QInflux::cachedQuery(client, cache, query, {});
    if (!first.result || !second.result) {
        err << "query: " << (first.result ? second.result.error() : first.result.error()).toString() << '\n';
        co_return 1;
    }
    out << "first: " << first.reason << (first.stored ? ", stored" : "") << '\n';
    out << "second: " << second.reason << '\n';
    const auto &series = second.result->statements.value(0).series;
    for (const QInflux::Frame &frame : series)
        out << frame.seriesKey() << " temp " << frame.column(u"temp")->text(0) << '\n';
    co_return !first.hit && first.stored && second.hit && series.size() == 2 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: example-cachedquery URL CACHE_DIRECTORY [DATABASE]\n";
        return 2;
    }
    auto settings = QInflux::ClientSettings::fromUrl(args.at(1));
    if (!settings) {
        QTextStream(stderr) << settings.error().toString() << '\n';
        return 2;
    }
    settings->database = args.size() > 3 ? args.at(3) : u"examples_cached"_s;
    QTimer::singleShot(0, &app, [&] {
        QCoro::connect(run(*settings, args.at(2)), &app, [](int code) { QCoreApplication::exit(code); });
    });
    return app.exec();
}
