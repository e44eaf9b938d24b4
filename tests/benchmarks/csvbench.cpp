#include "csvbench.h"

#include "benchoutput.h"
#include "benchserver.h"
#include <QInflux/blockingadministration.h>
#include "tradedata.h"
#include "writebench.h"

#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include <QInflux/wait.h>
#include "csvframebuilder_p.h"
#include <QInflux/csvimportjob.h>
#include <QInflux/csvreader.h>
#include "localserver_p.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

CsvImportProfile tradeProfile()
{
    CsvImportProfile p;
    p.measurement = u"Trade"_s;
    p.tagColumns = {u"instrument"_s, u"source"_s, u"side"_s};
    return p;
}

// Reads the whole file into Frames of 10000 rows (dropped as they come, like a streaming consumer).
// Returns the rows converted, or -1 with `error` set.
qint64 parseToFrames(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return -1;
    }
    const CsvImportProfile profile = tradeProfile();
    CsvReader reader(&file, profile.dialect);
    if (!reader.open()) {
        *error = reader.error();
        return -1;
    }
    // The sample decides the types; its rows are then converted like the others.
    std::vector<std::vector<std::string>> sample;
    std::vector<qint64> sampleLines;
    CsvRecord record;
    while (qsizetype(sample.size()) < profile.sampleRows && reader.next(&record)) {
        sample.emplace_back(record.fields.begin(), record.fields.end());
        sampleLines.push_back(record.line);
    }
    auto schema = CsvSchema::resolve(profile, reader.header(), sample);
    if (!schema) {
        *error = schema.error().message();
        return -1;
    }
    CsvFrameBuilder builder(*schema, profile, reader.header().size());
    qint64 rows = 0;
    const auto add = [&](const CsvRecord &r) {
        if (const auto added = builder.add(r); !added) {
            *error = u"line %1: %2"_s.arg(r.line).arg(added.error().message());
            return false;
        }
        if (builder.rowCount() >= 10'000) {
            for (const CsvFrameBuilder::Table &t : builder.take())
                rows += t.frame.rowCount();
        }
        return true;
    };
    CsvRecord sampled;
    for (size_t i = 0; i < sample.size(); ++i) {
        sampled.fields.assign(sample[i].begin(), sample[i].end());
        sampled.line = sampleLines[i];
        if (!add(sampled))
            return -1;
    }
    while (reader.next(&record)) {
        if (!add(record))
            return -1;
    }
    if (!reader.error().isEmpty()) {
        *error = reader.error();
        return -1;
    }
    for (const CsvFrameBuilder::Table &t : builder.take())
        rows += t.frame.rowCount();
    return rows;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

} // namespace

int benchCsv(const CsvArgs &args)
{
    QTemporaryDir scratch;
    QString csvPath = args.csv;
    if (csvPath.isEmpty()) {
        const QString dir = qEnvironmentVariableIsSet("BENCH_TMP") ? qEnvironmentVariable("BENCH_TMP") : scratch.path();
        csvPath = dir + u"/qinflux-csvbench-trades-%1-%2.csv"_s.arg(args.n).arg(args.seed);
        if (!QFile::exists(csvPath)) {
            note(u"generating the data: PYENV_VERSION=system python3 %1 --shape trade -n %2 --seed %3 --format csv --out %4"_s
                     .arg(args.genData)
                     .arg(args.n)
                     .arg(args.seed)
                     .arg(csvPath));
            QString error;
            if (!generateTradeCsv(args.genData, args.n, args.seed, csvPath, &error)) {
                note(u"FAILED: "_s + error);
                return 1;
            }
        }
    }
    const qint64 bytes = QFileInfo(csvPath).size();
    note(u"csv=%1 (%2 bytes) repeats=%3 build=%4"_s.arg(csvPath).arg(bytes).arg(args.repeats).arg(QStringLiteral(QINFLUX_BENCH_BUILD_TYPE)));

    // Parsing and conversion into Frames.
    std::vector<double> parseTimes;
    qint64 n = 0;
    for (int r = 0; r < args.repeats; ++r) {
        QString error;
        const auto start = std::chrono::steady_clock::now();
        n = parseToFrames(csvPath, &error);
        parseTimes.push_back(secondsSince(start));
        if (n < 0) {
            note(u"csv_qinflux_parse FAILED: "_s + error);
            return 1;
        }
    }
    if (args.nGiven && !args.csv.isEmpty() && n != args.n)
        note(u"WARNING: %1 holds %2 rows, -n %3 was asked for"_s.arg(csvPath).arg(n).arg(args.n));
    const double parseMedian = median(parseTimes);
    note(u"csv_qinflux_parse: rows=%1 runs=%2"_s.arg(n).arg(formatRuns(parseTimes)));
    emit("csv_qinflux_parse_rows_s", double(n) / parseMedian, "rows/s");
    emit("csv_qinflux_parse_s", parseMedian, "s");

    // End-to-end import.
    LocalServer server;
    const auto settings = benchServer(args.url, server);
    if (!settings)
        return 1;
    const QString url = settings->baseUrl().toString();
    note(u"server %1 (%2)"_s.arg(url, args.url.isEmpty() ? u"private influxd started by LocalServer"_s : u"--url"_s));
    BlockingClient admin(*settings);
    Client client(*settings);
    std::vector<double> importTimes;
    for (int r = 0; r < args.repeats; ++r) {
        const QString database = u"qinflux_bench_csv_%1"_s.arg(r);
        (void)BlockingAdministration(admin).dropDatabase(database);
        if (const auto created = BlockingAdministration(admin).createDatabase(database); !created) {
            note(u"csv_qinflux_import FAILED: CREATE DATABASE: "_s + created.error().toString());
            return 1;
        }
        CsvImportOptions options;
        options.path = csvPath;
        options.profile = tradeProfile();
        options.database = database;
        if (qEnvironmentVariableIsSet("QINFLUX_CSV_BATCH_ROWS")) // for trying other request sizes
            options.batchRows = qEnvironmentVariableIntValue("QINFLUX_CSV_BATCH_ROWS");
        CsvImportJob job(&client, options);
        const auto start = std::chrono::steady_clock::now();
        const CsvImportReport report = blockOn(job.run());
        importTimes.push_back(secondsSince(start));
        if (report.error || report.pointsWritten != n || report.rowsRejected != 0 || !report.countChecked || report.countMismatch
            || report.mergedPoints != 0) {
            note(u"csv_qinflux_import FAILED: "_s + report.summary());
            return 1;
        }
        (void)BlockingAdministration(admin).dropDatabase(database);
    }
    const double importMedian = median(importTimes);
    note(u"csv_qinflux_import: runs=%1 (count checked by the job: %2 points each run; %3 rows per request)"_s
             .arg(formatRuns(importTimes))
             .arg(n)
             .arg(qEnvironmentVariableIsSet("QINFLUX_CSV_BATCH_ROWS") ? qEnvironmentVariableIntValue("QINFLUX_CSV_BATCH_ROWS")
                                                                      : CsvImportOptions().batchRows));
    emit("csv_qinflux_import_rows_s", double(n) / importMedian, "rows/s");
    emit("csv_qinflux_import_s", importMedian, "s");
    emit("csv_qinflux_peak_rss_mb", peakRssMb(), "MB");
    return 0;
}

} // namespace QInflux::Bench
