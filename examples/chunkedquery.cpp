// Writes 25,000 points, then reads them back as a chunked query: each chunk arrives as Frames
// while the server is still sending, and the parts are concatenated into one Frame per series.
// Usage: example-chunkedquery URL [DATABASE]
#include <QInflux/Client>
#include <QInflux/InfluxQL>

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

QCoro::Task<int> run(QInflux::ClientSettings settings)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QInflux::Client client(settings);
    if (auto created = co_await client.query(u"CREATE DATABASE "_s + QInflux::InfluxQL::quoteIdentifier(settings.database));
        !created) {
        err << "create database: " << created.error().toString() << '\n';
        co_return 1;
    }
    // 25,000 lines of line protocol: values 0..24999 one millisecond apart.
    constexpr int count = 25'000;
    QByteArray lines;
    for (int i = 0; i < count; ++i)
        lines += "ramp value=" + QByteArray::number(i) + "i " + QByteArray::number(1'600'000'000'000LL + i) + '\n';
    QInflux::WriteOptions write;
    write.precision = QInflux::TimeUnit::Milliseconds;
    if (auto written = co_await client.write(lines, write); !written) {
        err << "write: " << written.error().toString() << '\n';
        co_return 1;
    }

    QInflux::QueryOptions options;
    options.chunkSize = 5'000;
    QList<QInflux::Frame> parts;
    int chunks = 0;
    auto stream = client.queryChunked(u"SELECT value FROM ramp"_s, options);
    QCORO_FOREACH(const QInflux::Result<QInflux::QueryResult> &chunk, stream) {
        if (!chunk) {
            err << "chunk: " << chunk.error().toString() << '\n';
            co_return 1;
        }
        ++chunks;
        for (const QInflux::StatementResult &statement : chunk->statements)
            parts += statement.series;
    }
    auto frame = QInflux::Frame::concat(parts);
    if (!frame) {
        err << "concat: " << frame.error().toString() << '\n';
        co_return 1;
    }
    qint64 sum = 0;
    for (std::int64_t v : frame->column(u"value")->values<std::int64_t>())
        sum += v;
    out << "chunks " << chunks << " rows " << frame->rowCount() << " sum " << sum << '\n';
    co_return chunks >= 5 && frame->rowCount() == count && sum == qint64(count) * (count - 1) / 2 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        QTextStream(stderr) << "usage: example-chunkedquery URL [DATABASE]\n";
        return 2;
    }
    auto settings = QInflux::ClientSettings::fromUrl(args.at(1));
    if (!settings) {
        QTextStream(stderr) << settings.error().toString() << '\n';
        return 2;
    }
    settings->database = args.size() > 2 ? args.at(2) : u"examples_chunked"_s;
    QTimer::singleShot(0, &app, [&] {
        QCoro::connect(run(*settings), &app, [](int code) { QCoreApplication::exit(code); });
    });
    return app.exec();
}
