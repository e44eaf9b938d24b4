#include "writebench.h"

#include "benchoutput.h"
#include "benchserver.h"
#include "tradedata.h"

#include <QInflux/blockingclient.h>
#include <QInflux/lineprotocol.h>
#include <QInflux/wait.h>
#include "localserver_p.h"

#include <QFile>
#include <QTemporaryDir>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

// utime + stime of a process in seconds (Linux /proc), like benchlib.proc_cpu_s; -1 when unknown.
double processCpuSeconds(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> parts = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (parts.size() < 13)
        return -1;
    return double(parts[11].toLongLong() + parts[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// SELECT count(price): the number of points stored, or an error text.
std::optional<qint64> storedPoints(BlockingClient &client, const QString &database, QString *error)
{
    QueryOptions options;
    options.database = database;
    const auto result = client.query(u"SELECT count(price) FROM \"Trade\""_s, options);
    if (!result) {
        *error = result.error().toString();
        return std::nullopt;
    }
    if (auto e = result->firstError()) {
        *error = e->toString();
        return std::nullopt;
    }
    if (result->statements.isEmpty() || result->statements.first().series.isEmpty())
        return 0;
    const Frame &series = result->statements.first().series.first();
    const Column *count = series.column(u"count"_s);
    if (!count || series.rowCount() != 1) {
        *error = u"unexpected answer to SELECT count(price)"_s;
        return std::nullopt;
    }
    return count->value(0).toLongLong();
}

} // namespace

int benchWrite(const WriteArgs &args)
{
    QTemporaryDir scratch;
    QString csvPath = args.csv;
    if (csvPath.isEmpty()) {
        csvPath = scratch.filePath(u"trades.csv"_s);
        note(u"no --csv given: generating the data with PYENV_VERSION=system python3 %1 --shape trade -n %2 --seed %3 "
             "--format csv --out %4"_s.arg(args.genData).arg(args.n).arg(args.seed).arg(csvPath));
        QString error;
        if (!scratch.isValid() || !generateTradeCsv(args.genData, args.n, args.seed, csvPath, &error)) {
            note(u"FAILED: "_s + error);
            return 1;
        }
    }
    QString error;
    const std::optional<TradeSet> loaded = loadTradeCsv(csvPath, &error);
    if (!loaded) {
        note(u"FAILED: "_s + error);
        return 1;
    }
    const std::vector<Trade> &trades = loaded->trades;
    const auto n = qint64(trades.size());
    if ((args.nGiven && !args.csv.isEmpty() && n != args.n) || n == 0) {
        note(u"FAILED: %1 holds %2 rows, -n %3 was asked for"_s.arg(csvPath).arg(n).arg(args.n));
        return 1;
    }

    LocalServer server;
    const std::optional<ClientSettings> settings = benchServer(args.url, server);
    if (!settings)
        return 1;
    const QString url = settings->baseUrl().toString();
    BlockingClient admin(*settings);
    Client client(*settings);
    const WriteOptions defaults;
    note(u"n=%1 repeats=%2 server %3 (%4) client defaults: batchSize=%5 maxBatchBytes=%6 concurrency=%7 gzip=%8 "
         "build=%9"_s.arg(n)
             .arg(args.repeats)
             .arg(url, args.url.isEmpty() ? u"private influxd started by LocalServer"_s : u"--url"_s)
             .arg(defaults.batchSize)
             .arg(defaults.maxBatchBytes)
             .arg(defaults.concurrency)
             .arg(settings->gzipWrites)
             .arg(QStringLiteral(QINFLUX_BENCH_BUILD_TYPE)));

    {
        // For reading the figure: how much of a run is the client's own serialization.
        const auto start = std::chrono::steady_clock::now();
        const LineProtocol::Output serialized = LineProtocol::serialize(trades);
        const double seconds = secondsSince(start);
        note(u"serializing the %1 structs alone (part of each run) takes %2 s, %3 bytes"_s.arg(n)
                 .arg(seconds, 0, 'f', 3)
                 .arg(serialized.lines.size()));
        emit("write_qinflux_serialize_s", seconds, "s");
    }

    const qint64 serverPid = args.url.isEmpty() ? server.processId() : 0;
    std::vector<double> times, serverCpu;
    for (int r = 0; r < args.repeats; ++r) {
        const QString database = u"qinflux_bench_write_%1"_s.arg(r);
        (void)admin.dropDatabase(database);
        if (const auto created = admin.createDatabase(database); !created) {
            note(u"write_qinflux FAILED: CREATE DATABASE: "_s + created.error().toString());
            return 1;
        }
        WriteOptions options;
        options.database = database;
        const double cpu0 = processCpuSeconds(serverPid);
        const auto start = std::chrono::steady_clock::now();
        const Result<void> written = blockOn(client.write(trades, options));
        times.push_back(secondsSince(start));
        const double cpu1 = processCpuSeconds(serverPid);
        if (cpu0 >= 0 && cpu1 >= 0)
            serverCpu.push_back(cpu1 - cpu0);
        if (!written) {
            note(u"write_qinflux FAILED: "_s + written.error().toString());
            emitCount("write_qinflux_error", 1, "failed");
            return 1;
        }
        const auto stored = storedPoints(admin, database, &error);
        if (!stored || *stored != n) {
            note(u"write_qinflux FAILED: run %1 stored %2 points, expected %3 %4"_s.arg(r + 1)
                     .arg(stored ? *stored : -1)
                     .arg(n)
                     .arg(error));
            emitCount("write_qinflux_error", 1, "failed");
            return 1;
        }
        (void)admin.dropDatabase(database);
    }
    const double med = median(times);
    note(u"write_qinflux: runs=%1%2 (count checked: %3 points each run)"_s.arg(formatRuns(times))
             .arg(serverCpu.empty() ? QString() : u" server_cpu_s="_s + formatRuns(serverCpu))
             .arg(n));
    emit("write_qinflux_pps", double(n) / med, "points/s");
    emit("write_qinflux_s", med, "s");
    return 0;
}

} // namespace QInflux::Bench
