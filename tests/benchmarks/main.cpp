// qinflux-bench: QInflux's benchmark program. Each subcommand prints `name<TAB>value<TAB>unit` lines
// on stdout, like the peer scripts in ../shared/bench, and notes as `# ...` lines on stderr.
// `table` and `chart` run in a QApplication (offscreen unless QT_QPA_PLATFORM says otherwise).

#include "cachebench.h"
#include "chartbench.h"
#include "csvbench.h"
#include "decodebench.h"
#include "querybench.h"
#include "serializebench.h"
#include "tablebench.h"
#include "writebench.h"

#include <QInflux/wait.h>
#include <QInflux/sandbox.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Time from nothing to a running private influxd with the sample database loaded: what a user
// waits for when the explorer opens on the sandbox.
int benchSandbox(int repeats)
{
    QTextStream out(stdout), err(stderr);
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        QInflux::Sandbox sandbox;
        const auto started = QInflux::blockOn(sandbox.start());
        if (!started) {
            err << "# sandbox failed: " << started.error().toString() << '\n';
            return 1;
        }
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        err << "# run " << i + 1 << ": " << times.back() << " ms\n";
    }
    out << "sandbox_start_ms\t" << QString::number(median(times), 'f', 1) << "\tms\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // `table` and `chart` show widgets (offscreen unless told otherwise); the others need no GUI.
    const bool gui = std::any_of(argv + 1, argv + argc,
                                 [](const char *arg) { return qstrcmp(arg, "table") == 0 || qstrcmp(arg, "chart") == 0; });
    if (gui && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(gui ? new QApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationVersion(QStringLiteral(QINFLUX_VERSION_STRING));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"QInflux benchmarks: name<TAB>value<TAB>unit lines on stdout, notes on stderr, like ../shared/bench.\n\n"
        "Subcommands:\n"
        "  sandbox    start a private influxd and load the sample data\n"
        "  serialize  N Trade points to line protocol as schema structs, a Frame and Points (-n 200000)\n"
        "  write      N Trade structs end to end with Client::write into influxd (-n 500000)\n"
        "  cache      N cpu points: SELECT * FROM cpu uncached vs from the query-result cache (-n 1000000)\n"
        "  csv        the Trade CSV parsed into Frames, and imported end to end with CsvImportJob (-n 1000000)\n"
        "  decode     a saved N-row cpu answer (SELECT * FROM cpu, epoch=ns) into Frames, JSON and MessagePack (-n 1000000)\n"
        "  query      N cpu points: SELECT * FROM cpu into Frames vs curl, and the query's peak RSS (-n 1000000)\n"
        "  table      N rows x 5 columns in the results table (offscreen): one page of scrolling, memory per cell (-n 10000000)\n"
        "  chart      N points in the chart (offscreen): redraw after a zoom, downsampled (-n 10000000)"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({{u"r"_s, u"repeats"_s}, u"Repetitions; the median is reported (default 5 for sandbox, else 3)."_s, u"R"_s});
    parser.addOption({u"n"_s, u"Points (default 200000 for serialize, 500000 for write, 1000000 for decode)."_s, u"N"_s});
    parser.addOption({u"seed"_s, u"gen_data.py seed (default 42)."_s, u"S"_s, u"42"_s});
    parser.addOption({u"csv"_s, u"The Trade CSV made by gen_data.py --shape trade --format csv (default: run gen_data.py "
                                "into a temporary directory)."_s,
                      u"FILE"_s});
    parser.addOption({u"gen-data"_s, u"Path of gen_data.py."_s, u"PATH"_s, QStringLiteral(QINFLUX_PEER_BENCH_DIR "/gen_data.py")});
    parser.addOption({u"url"_s, u"write, cache, csv, query: a running server instead of a private influxd (like INFLUX_URL)."_s, u"URL"_s});
    parser.addPositionalArgument(u"subcommand"_s, u"What to measure."_s);
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    const QString command = args.size() == 1 ? args.first() : QString();
    const int repeats = std::max(1, parser.isSet(u"repeats"_s) ? parser.value(u"repeats"_s).toInt()
                                                                : (command == "sandbox"_L1 ? 5 : 3));
    const bool nGiven = parser.isSet(u"n"_s);
    const qint64 n = parser.value(u"n"_s).toLongLong();
    if (nGiven && n <= 0) {
        QTextStream(stderr) << "qinflux-bench: -n needs a positive number\n";
        return 2;
    }
    if (command == "sandbox"_L1)
        return benchSandbox(repeats);
    auto fill = [&](QInflux::Bench::TradeArgs &a) {
        a.n = nGiven ? n : a.n;
        a.nGiven = nGiven;
        a.repeats = repeats;
        a.seed = parser.value(u"seed"_s).toInt();
        a.csv = parser.value(u"csv"_s);
        a.genData = parser.value(u"gen-data"_s);
    };
    if (command == "serialize"_L1) {
        QInflux::Bench::SerializeArgs a;
        fill(a);
        return QInflux::Bench::benchSerialize(a);
    }
    if (command == "cache"_L1) {
        QInflux::Bench::CacheArgs a;
        a.n = nGiven ? n : a.n;
        a.repeats = repeats;
        a.seed = parser.value(u"seed"_s).toInt();
        a.url = parser.value(u"url"_s);
        return QInflux::Bench::benchCache(a);
    }
    if (command == "decode"_L1) {
        QInflux::Bench::DecodeArgs a;
        a.n = nGiven ? n : a.n;
        a.repeats = repeats;
        a.seed = parser.value(u"seed"_s).toInt();
        a.genData = parser.value(u"gen-data"_s);
        a.url = parser.value(u"url"_s);
        return QInflux::Bench::benchDecode(a);
    }
    if (command == "query"_L1 || command == "query-child"_L1) {
        // query-child (not in --help): the query re-executes this program to measure one query's memory.
        QInflux::Bench::QueryArgs a;
        a.n = nGiven ? n : a.n;
        a.repeats = repeats;
        a.seed = parser.value(u"seed"_s).toInt();
        a.url = parser.value(u"url"_s);
        a.program = QCoreApplication::applicationFilePath();
        return command == "query"_L1 ? QInflux::Bench::benchQuery(a) : QInflux::Bench::benchQueryChild(a);
    }
    if (command == "table"_L1) {
        QInflux::Bench::TableArgs a;
        a.n = nGiven ? n : a.n;
        a.repeats = repeats;
        return QInflux::Bench::benchTable(a);
    }
    if (command == "chart"_L1) {
        QInflux::Bench::ChartArgs a;
        a.n = nGiven ? n : a.n;
        a.repeats = repeats;
        return QInflux::Bench::benchChart(a);
    }
    if (command == "write"_L1) {
        QInflux::Bench::WriteArgs a;
        fill(a);
        a.url = parser.value(u"url"_s);
        return QInflux::Bench::benchWrite(a);
    }
    if (command == "csv"_L1) {
        QInflux::Bench::CsvArgs a;
        fill(a);
        a.url = parser.value(u"url"_s);
        return QInflux::Bench::benchCsv(a);
    }
    QTextStream(stderr) << "qinflux-bench: unknown or missing subcommand; see --help\n";
    return 2;
}
