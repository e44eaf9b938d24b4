// Writes three points with the blocking client and reads them back.
// Usage: example-writeread URL [DATABASE]
#include <QInflux/BlockingClient>
#include <QInflux/InfluxQL>
#include <QInflux/LineProtocol>
#include <QInflux/Point>
#include <QInflux/Timestamp>

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        err << "usage: example-writeread URL [DATABASE]\n";
        return 2;
    }
    auto settings = QInflux::ClientSettings::fromUrl(args.at(1));
    if (!settings) {
        err << settings.error().toString() << '\n';
        return 2;
    }
    settings->database = args.size() > 2 ? args.at(2) : u"examples"_s;
    QInflux::BlockingClient client(*settings);

    if (auto created = client.query(u"CREATE DATABASE "_s + QInflux::InfluxQL::quoteIdentifier(settings->database));
        !created) {
        err << "create database: " << created.error().toString() << '\n';
        return 1;
    }
    // Three readings of one sensor, one second apart, at exact nanosecond times.
    const std::int64_t start = 1'700'000'000'000'000'000;
    QList<QInflux::Point> points;
    for (int i = 0; i < 3; ++i) {
        QInflux::Point p;
        p.measurement = u"temperature"_s;
        p.tag(u"room"_s, u"kitchen"_s).field(u"celsius"_s, 20.5 + i).at(start + i * 1'000'000'000LL);
        points.append(p);
    }
    const QInflux::LineProtocol::Output lines = QInflux::LineProtocol::serialize(points);
    if (!lines.problems.isEmpty()) {
        err << QInflux::LineProtocol::describeProblems(lines.problems, points.size()) << '\n';
        return 1;
    }
    if (auto written = client.write(lines.lines); !written) {
        err << "write: " << written.error().toString() << '\n';
        return 1;
    }
    auto result = client.query(u"SELECT celsius FROM temperature WHERE room = 'kitchen'"_s);
    if (!result) {
        err << "query: " << result.error().toString() << '\n';
        return 1;
    }
    const QInflux::StatementResult &statement = result->statements.value(0);
    if (statement.error || statement.series.size() != 1) {
        err << "query: expected one series\n";
        return 1;
    }
    const QInflux::Frame &frame = statement.series.first();
    const QInflux::Column *celsius = frame.column(u"celsius");
    double sum = 0;
    for (qsizetype row = 0; row < frame.rowCount(); ++row) {
        out << QInflux::Timestamp::toRfc3339(frame.time()[size_t(row)]) << ' ' << celsius->text(row) << '\n';
        sum += celsius->values<double>()[size_t(row)];
    }
    out << "rows " << frame.rowCount() << " sum " << sum << '\n';
    return frame.rowCount() == 3 && sum == 64.5 ? 0 : 1;
}
