// qinflux-bench: QInflux's benchmark program. Each subcommand prints `name<TAB>value<TAB>unit` lines
// on stdout, like the peer scripts in ../shared/bench, and notes as `# ...` lines on stderr.
// Later issues add subcommands (serialize, write, query, csv, chart).

#include "client/wait.h"
#include "sandbox/sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
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
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(QINFLUX_VERSION_STRING));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"QInflux benchmarks.\n\nSubcommands:\n"
                                     "  sandbox   start a private influxd and load the sample data"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"repeats"_s, u"Repetitions; the median is reported (default 5)."_s, u"N"_s, u"5"_s});
    parser.addPositionalArgument(u"subcommand"_s, u"What to measure."_s);
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    const int repeats = std::max(1, parser.value(u"repeats"_s).toInt());
    if (args.size() == 1 && args.first() == "sandbox"_L1)
        return benchSandbox(repeats);
    QTextStream(stderr) << "qinflux-bench: unknown or missing subcommand; see --help\n";
    return 2;
}
