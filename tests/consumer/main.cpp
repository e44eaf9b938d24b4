// The aioinflux user guide's first example with QInflux::Core, async:
//   create the database testdb, write one point (the guide's mapping), query it back.
// Usage: consumer URL   (an InfluxDB 1.x server, e.g. the one `qinflux sandbox` prints)
// Prints the value that came back and exits 0 when it is the 0.64 written, 1 otherwise.
#include <QInflux/Administration>
#include <QInflux/Client>
#include <QInflux/Point>

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QCoro::Task<int> firstExample(QInflux::ClientSettings settings)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    settings.database = u"testdb"_s;
    QInflux::Client client(settings);

    const QVariantMap mapping{
        {u"time"_s, u"2009-11-10T23:00:00Z"_s},
        {u"measurement"_s, u"cpu_load_short"_s},
        {u"tags"_s, QVariantMap{{u"host"_s, u"server01"_s}, {u"region"_s, u"us-west"_s}}},
        {u"fields"_s, QVariantMap{{u"value"_s, 0.64}}},
    };
    auto point = QInflux::Point::fromVariantMap(mapping);
    if (!point) {
        err << "consumer: the point: " << point.error().toString() << '\n';
        co_return 1;
    }
    if (auto created = co_await QInflux::Administration(client).createDatabase(u"testdb"_s); !created) {
        err << "consumer: create_database: " << created.error().toString() << '\n';
        co_return 1;
    }
    if (auto written = co_await client.write(*point); !written) {
        err << "consumer: write: " << written.error().toString() << '\n';
        co_return 1;
    }
    const QInflux::Result<QInflux::QueryResult> result = co_await client.query(u"SELECT value FROM cpu_load_short"_s);
    if (!result) {
        err << "consumer: query: " << result.error().toString() << '\n';
        co_return 1;
    }
    if (result->statements.empty() || result->statements[0].series.empty()
        || !result->statements[0].series[0].column(u"value")) {
        err << "consumer: the query returned no value column\n";
        co_return 1;
    }
    const QInflux::Frame &series = result->statements[0].series[0];
    const QVariant value = series.column(u"value")->value(0);
    out << "cpu_load_short value=" << value.toString() << " time=" << series.time().at(0) << '\n';
    // 2009-11-10T23:00:00Z is 1257894000 s after the epoch.
    co_return value == QVariant(0.64) && series.time().at(0) == 1257894000000000000LL ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 2) {
        QTextStream(stderr) << "usage: consumer URL\n";
        return 2;
    }
    auto settings = QInflux::ClientSettings::fromUrl(args.at(1));
    if (!settings) {
        QTextStream(stderr) << "consumer: " << settings.error().toString() << '\n';
        return 2;
    }
    QCoro::connect(firstExample(*settings), &app, [](int status) { QCoreApplication::exit(status); });
    QTimer::singleShot(60'000, &app, [] {
        QTextStream(stderr) << "consumer: no answer within 60 s\n";
        QCoreApplication::exit(1);
    });
    return QCoreApplication::exec();
}
