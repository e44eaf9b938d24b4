#include "querybench.h"

#include "benchoutput.h"
#include "benchserver.h"
#include "cpudata.h"

#include <QInflux/blockingclient.h>
#include "localserver_p.h"

#include <QFile>
#include <QProcess>
#include <QSet>

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

const QString s_database = u"qinflux_bench_query"_s;
const QString s_query = u"SELECT * FROM cpu"_s;

/// Empty when `result` is the single cpu series with n rows, a time column, the ten float fields
/// and the host/region string columns; else what is wrong.
QString checkAnswer(const Result<QueryResult> &result, qint64 n)
{
    if (!result)
        return result.error().toString();
    if (auto error = result->firstError())
        return error->toString();
    if (result->rowCount() != n)
        return u"%1 rows, expected %2"_s.arg(result->rowCount()).arg(n);
    const std::optional<Frame> frame = result->frame();
    if (!frame)
        return u"%1 series, expected 1"_s.arg(result->seriesCount());
    if (!frame->hasTime() || qint64(frame->time().size()) != n)
        return u"no time column of %1 rows"_s.arg(n);
    int floats = 0;
    for (qsizetype c = 0; c < frame->columnCount(); ++c)
        floats += frame->column(c).type() == ColumnType::Float && frame->column(c).name().startsWith("usage_"_L1);
    if (floats != cpuFields)
        return u"%1 float usage_* columns, expected %2 (columns %3)"_s.arg(floats).arg(cpuFields).arg(frame->columnNames().join(u','));
    for (const QString &tag : {u"host"_s, u"region"_s}) {
        const Column *column = frame->column(tag);
        if (!column || column->type() != ColumnType::String)
            return u"no string column %1 (columns %2)"_s.arg(tag, frame->columnNames().join(u','));
    }
    if (frame->columnCount() != cpuFields + 2)
        return u"unexpected columns %1"_s.arg(frame->columnNames().join(u','));
    return {};
}

/// What the result's columns take at the least: 8 bytes a row for time and each number column,
/// validity masks when present, and per string value a QString (24 bytes) plus its UTF-16 text,
/// counted once per distinct text buffer (the decoder may share equal strings).
qint64 columnBytes(const Frame &frame)
{
    qint64 bytes = qint64(frame.time().size()) * 8;
    for (qsizetype c = 0; c < frame.columnCount(); ++c) {
        const Column &column = frame.column(c);
        bytes += qint64(column.validity().size());
        if (column.type() != ColumnType::String) {
            bytes += qint64(column.size()) * 8;
            continue;
        }
        QSet<const void *> buffers;
        for (const QString &value : column.values<QString>()) {
            bytes += qint64(sizeof(QString));
            if (!buffers.contains(value.constData())) {
                buffers.insert(value.constData());
                bytes += qint64(value.size()) * 2;
            }
        }
    }
    return bytes;
}

/// Seconds of `curl` fetching the query's answer to /dev/null; -1 when curl fails.
double curlFetch(const QString &baseUrl, bool msgpack)
{
    QStringList args{u"-s"_s, u"-f"_s, u"-o"_s, u"/dev/null"_s};
    if (msgpack)
        args << u"-H"_s << u"Accept: application/x-msgpack"_s;
    args << u"--data-urlencode"_s << u"q="_s + s_query << u"--data"_s << u"db=%1&epoch=ns"_s.arg(s_database)
         << baseUrl + u"/query"_s;
    QProcess curl;
    const auto start = std::chrono::steady_clock::now();
    curl.start(u"curl"_s, args);
    if (!curl.waitForFinished(600'000) || curl.exitStatus() != QProcess::NormalExit || curl.exitCode() != 0)
        return -1;
    return secondsSince(start);
}

/// Fastest of `repeats` curl fetches, with the runs in a note; -1 when one fails.
double fastestCurl(const QString &baseUrl, bool msgpack, int repeats)
{
    std::vector<double> runs;
    for (int r = 0; r < repeats; ++r) {
        runs.push_back(curlFetch(baseUrl, msgpack));
        if (runs.back() < 0)
            return -1;
    }
    note(u"curl %1: runs=%2 (fastest used)"_s.arg(msgpack ? u"msgpack"_s : u"json"_s, formatRuns(runs)));
    return *std::min_element(runs.begin(), runs.end());
}

} // namespace

int benchQuery(const QueryArgs &args)
{
    LocalServer server;
    const std::optional<ClientSettings> settings = cpuBenchServer(args.url, server, s_database, args.n, args.repeats);
    if (!settings)
        return 1;
    const QString url = settings->baseUrl().toString();
    BlockingClient client(*settings);
    if (!ensureCpuData(client.async(), s_database, args.n, quint64(args.seed)))
        return 1;

    std::vector<double> runs;
    for (int r = 0; r < args.repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const Result<QueryResult> result = client.query(s_query);
        runs.push_back(secondsSince(start));
        if (const QString problem = checkAnswer(result, args.n); !problem.isEmpty()) {
            note(u"FAILED: SELECT * FROM cpu: "_s + problem);
            return 1;
        }
    }
    const double ours = *std::min_element(runs.begin(), runs.end());
    note(u"query_qinflux_frames: runs=%1 (fastest reported, median %2 s); each answer checked: %3 rows, time + 10 float + host/region columns"_s
             .arg(formatRuns(runs))
             .arg(median(runs), 0, 'f', 3)
             .arg(args.n));

    // The memory of one query alone: a fresh process that only connects and queries.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(args.program, {u"query-child"_s, u"--url"_s, url, u"-n"_s, QString::number(args.n)});
    if (!child.waitForFinished(1'800'000) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        note(u"FAILED: the query-child process (exit %1)"_s.arg(child.exitCode()));
        return 1;
    }
    const QByteArray childOut = child.readAllStandardOutput();

    const double curlMsgpack = fastestCurl(url, true, args.repeats);
    const double curlJson = fastestCurl(url, false, args.repeats);
    if (curlMsgpack < 0 || curlJson < 0) {
        note(u"FAILED: curl could not fetch the answer"_s);
        return 1;
    }
    note(u"query_qinflux_frames / curl msgpack = %1 (target <= 1.15); / curl json = %2"_s
             .arg(ours / curlMsgpack, 0, 'f', 3)
             .arg(ours / curlJson, 0, 'f', 3));
    emit("query_qinflux_frames_s", ours, "s");
    std::fwrite(childOut.constData(), 1, size_t(childOut.size()), stdout);
    std::fflush(stdout);
    emit("query_curl_msgpack_s", curlMsgpack, "s");
    emit("query_curl_json_s", curlJson, "s");
    return 0;
}

int benchQueryChild(const QueryArgs &args)
{
    auto settings = ClientSettings::fromUrl(args.url);
    if (!settings) {
        note(u"FAILED: "_s + settings.error().toString());
        return 1;
    }
    settings->database = s_database;
    settings->timeout = std::chrono::minutes(10);
    BlockingClient client(*settings);
    // Connects and loads the network stack first, so that the baseline holds all but the query.
    if (auto pong = client.ping(); !pong) {
        note(u"FAILED: query-child: ping: "_s + pong.error().toString());
        return 1;
    }
    const qint64 baseline = currentRssKib();
    const auto start = std::chrono::steady_clock::now();
    const Result<QueryResult> result = client.query(s_query);
    const double seconds = secondsSince(start);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    if (const QString problem = checkAnswer(result, args.n); !problem.isEmpty()) {
        note(u"FAILED: query-child: SELECT * FROM cpu: "_s + problem);
        return 1;
    }
    const double peakMb = double(usage.ru_maxrss - baseline) / 1024.0; // KiB on Linux
    const qint64 bytes = columnBytes(*result->frame());
    const double columnMb = double(bytes) / (1024.0 * 1024.0);
    note(u"query-child: one query in %1 s; RSS before %2 MiB, peak (ru_maxrss) %3 MiB, after %4 MiB"_s
             .arg(seconds, 0, 'f', 3)
             .arg(double(baseline) / 1024.0, 0, 'f', 1)
             .arg(double(usage.ru_maxrss) / 1024.0, 0, 'f', 1)
             .arg(double(currentRssKib()) / 1024.0, 0, 'f', 1));
    note(u"column bytes of the result: %1 (%2 MiB: time + 10 float columns 8 B/row, host/region as QString + UTF-16 text, masks); "
         "peak RSS growth / column bytes = %3 (target <= 2)"_s.arg(bytes)
             .arg(columnMb, 0, 'f', 1)
             .arg(peakMb / columnMb, 0, 'f', 2));
    emit("query_qinflux_peak_rss_mb", peakMb, "MB");
    return 0;
}

} // namespace QInflux::Bench
