#include "decodebench.h"

#include "benchoutput.h"

#include <QInflux/wait.h>
#include <QInflux/responsedecoder.h>
#include "localserver_p.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSaveFile>

#include <ctime>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

const QString Database = u"qinflux_bench_decode"_s;

bool run(const QString &program, const QStringList &arguments, QString *error, QByteArray *output = nullptr)
{
    QProcess process;
    if (program == "python3"_L1) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PYENV_VERSION"_s, u"system"_s);
        process.setProcessEnvironment(env);
    }
    process.start(program, arguments);
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = u"%1 %2 failed: %3"_s.arg(program, arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    return true;
}

// Loads n cpu points into `url` with curl (batches of 10000 lines, like peer_query.py) and saves
// the JSON and MessagePack answers of SELECT * FROM cpu (epoch=ns) as jsonPath and msgpackPath.
bool fetchAnswers(const DecodeArgs &args, const QString &url, const QDir &cache, QString *error)
{
    const QString lpDir = cache.filePath(u"lp"_s);
    QDir(lpDir).removeRecursively();
    note(u"generating %1 cpu points with %2"_s.arg(args.n).arg(args.genData));
    if (!run(u"python3"_s, {args.genData, u"--shape"_s, u"cpu"_s, u"-n"_s, QString::number(args.n), u"--seed"_s,
                            QString::number(args.seed), u"--format"_s, u"lp"_s, u"--batch"_s, u"10000"_s,
                            u"--out-dir"_s, lpDir},
             error))
        return false;
    if (!run(u"curl"_s, {u"-sSf"_s, u"-XPOST"_s, url + u"/query"_s, u"--data-urlencode"_s,
                         u"q=DROP DATABASE %1; CREATE DATABASE %1"_s.arg(Database)},
             error))
        return false;
    QStringList config;
    const QStringList files = QDir(lpDir).entryList(QDir::Files, QDir::Name);
    for (const QString &file : files) {
        if (!config.isEmpty())
            config << u"next"_s;
        config << u"url = \"%1/write?db=%2\""_s.arg(url, Database) << u"data-binary = \"@%1\""_s.arg(QDir(lpDir).filePath(file))
               << u"output = \"/dev/null\""_s << u"write-out = \"%{http_code}\\n\""_s;
    }
    QFile cfg(cache.filePath(u"curl-write.cfg"_s));
    if (!cfg.open(QIODevice::WriteOnly) || cfg.write(config.join(u'\n').toUtf8() + '\n') < 0) {
        *error = u"cannot write "_s + cfg.fileName();
        return false;
    }
    cfg.close();
    note(u"loading %1 batch files with curl"_s.arg(files.size()));
    QByteArray codes;
    if (!run(u"curl"_s, {u"-sS"_s, u"-K"_s, cfg.fileName()}, error, &codes))
        return false;
    if (codes.split('\n').count("204") != files.size()) {
        *error = u"some writes were not answered 204: "_s + QString::fromLatin1(codes.left(200));
        return false;
    }
    QDir(lpDir).removeRecursively();
    for (const auto &[accept, name] : {std::pair(u"application/json"_s, u"cpu.json"_s),
                                       std::pair(u"application/x-msgpack"_s, u"cpu.msgpack"_s)}) {
        const QString part = cache.filePath(name + u".part"_s);
        if (!run(u"curl"_s, {u"-sSfG"_s, url + u"/query"_s, u"-H"_s, u"Accept: "_s + accept, u"--data-urlencode"_s,
                             u"db="_s + Database, u"--data-urlencode"_s, u"q=SELECT * FROM cpu"_s, u"--data-urlencode"_s,
                             u"epoch=ns"_s, u"-o"_s, part},
                 error))
            return false;
        QFile::remove(cache.filePath(name));
        if (!QFile::rename(part, cache.filePath(name))) {
            *error = u"cannot rename "_s + part;
            return false;
        }
    }
    return true;
}

std::optional<QByteArray> readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace

int benchDecode(const DecodeArgs &args)
{
    const QString tmp = qEnvironmentVariable("BENCH_TMP", QDir::tempPath());
    const QDir cache(QDir(tmp).filePath(u"qinflux-decode-cpu-n%1-seed%2"_s.arg(args.n).arg(args.seed)));
    if (!cache.exists() && !QDir().mkpath(cache.path())) {
        note(u"FAILED: cannot create "_s + cache.path());
        return 1;
    }
    if (!cache.exists(u"cpu.json"_s) || !cache.exists(u"cpu.msgpack"_s)) {
        LocalServer server;
        QString url = args.url;
        if (url.isEmpty()) {
            const auto started = blockOn(server.start());
            if (!started) {
                note(u"FAILED: cannot start influxd: "_s + started.error().toString());
                return 1;
            }
            url = server.url().toString();
        }
        QString error;
        if (!fetchAnswers(args, url, cache, &error)) {
            note(u"FAILED: "_s + error);
            return 1;
        }
    } else {
        note(u"using the cached answers in "_s + cache.path());
    }

    note(u"n=%1 repeats=%2 build=%3"_s.arg(args.n).arg(args.repeats).arg(QStringLiteral(QINFLUX_BENCH_BUILD_TYPE)));
    for (const auto &[format, file, name] :
         {std::tuple(ResponseFormat::MessagePack, u"cpu.msgpack"_s, "decode_qinflux_msgpack"),
          std::tuple(ResponseFormat::Json, u"cpu.json"_s, "decode_qinflux_json")}) {
        const auto body = readAll(cache.filePath(file));
        if (!body) {
            note(u"FAILED: cannot read "_s + cache.filePath(file));
            return 1;
        }
        std::vector<double> times, cpu;
        for (int r = 0; r < args.repeats; ++r) {
            const std::clock_t cpu0 = std::clock();
            const auto start = std::chrono::steady_clock::now();
            const auto result = decodeResponse(*body, format, TimeUnit::Nanoseconds);
            times.push_back(secondsSince(start));
            cpu.push_back(double(std::clock() - cpu0) / CLOCKS_PER_SEC);
            if (!result) {
                note(u"%1 FAILED: %2"_s.arg(QLatin1StringView(name), result.error().toString()));
                return 1;
            }
            const auto frame = result->frame();
            if (!frame || frame->rowCount() != args.n || frame->columnCount() != 12
                || frame->column(u"usage_user") == nullptr || frame->column(u"usage_user")->type() != ColumnType::Float) {
                note(u"%1 FAILED: expected one series of %2 rows x 12 columns (10 Float), got %3 rows in %4 series"_s
                         .arg(QLatin1StringView(name))
                         .arg(args.n)
                         .arg(result->rowCount())
                         .arg(result->seriesCount()));
                return 1;
            }
        }
        const double seconds = median(times);
        // CPU seconds too: on a shared machine the wall time also holds the time others' processes ran
        note(u"%1: runs=%2 cpu=%3 bytes=%4"_s.arg(QLatin1StringView(name), formatRuns(times), formatRuns(cpu)).arg(body->size()));
        emit((std::string(name) + "_s").c_str(), seconds, "s");
        emit((std::string(name) + "_rows_s").c_str(), double(args.n) / seconds, "rows/s");
        emit((std::string(name) + "_mbps").c_str(), double(body->size()) / seconds / 1e6, "MB/s");
    }
    return 0;
}

} // namespace QInflux::Bench
