#include "commands.h"

#include "cachecommand.h"
#include "commands_p.h"
#include "importcommand.h"
#include "querycommand.h"
#include "writecommand.h"

#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include <QInflux/resultwriter.h>
#include <QInflux/sampledata.h>
#include <QInflux/sandbox.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <functional>
#include <vector>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

namespace detail {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usage(const QString &message)
{
    err() << "qinflux: " << message << "\nTry 'qinflux --help'.\n";
    err().flush();
    return UsageError;
}

int exitCodeFor(const Error &error)
{
    switch (error.kind()) {
    case Error::Kind::Network:
    case Error::Kind::Timeout:
        return ConnectError;
    case Error::Kind::Usage:
        return UsageError;
    default:
        return ServerError;
    }
}

int fail(const Error &error)
{
    err() << "qinflux: " << error.toString() << '\n';
    err().flush();
    return exitCodeFor(error);
}

} // namespace detail

namespace {

using detail::err;
using detail::fail;
using detail::usage;

Result<ClientSettings> settingsFrom(const QCommandLineParser &parser)
{
    ClientSettings settings;
    if (parser.isSet(u"url"_s)) {
        if (parser.isSet(u"host"_s) || parser.isSet(u"port"_s) || parser.isSet(u"ssl"_s))
            return Error(Error::Kind::Usage, u"--url cannot be combined with --host, --port or --ssl"_s);
        auto fromUrl = ClientSettings::fromUrl(parser.value(u"url"_s));
        if (!fromUrl)
            return fromUrl.error();
        settings = std::move(fromUrl).value();
    } else {
        if (parser.isSet(u"host"_s))
            settings.host = parser.value(u"host"_s);
        if (parser.isSet(u"port"_s)) {
            bool ok = false;
            const int port = parser.value(u"port"_s).toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return Error(Error::Kind::Usage, u"--port must be a number from 1 to 65535, not \"%1\""_s.arg(parser.value(u"port"_s)));
            settings.port = port;
        }
        settings.ssl = parser.isSet(u"ssl"_s);
    }
    if (parser.isSet(u"username"_s))
        settings.username = parser.value(u"username"_s);
    if (qEnvironmentVariableIsSet("QINFLUX_PASSWORD"))
        settings.password = qEnvironmentVariable("QINFLUX_PASSWORD");
    if (qEnvironmentVariableIsSet("QINFLUX_TOKEN"))
        settings.token = qEnvironmentVariable("QINFLUX_TOKEN");
    if (parser.isSet(u"ca-file"_s))
        settings.caFile = parser.value(u"ca-file"_s);
    settings.insecureSkipVerify = parser.isSet(u"insecure"_s);
    if ((parser.isSet(u"ca-file"_s) || parser.isSet(u"insecure"_s)) && !settings.ssl)
        return Error(Error::Kind::Usage, u"--ca-file and --insecure need an https URL or --ssl"_s);
    if (parser.isSet(u"db"_s))
        settings.database = parser.value(u"db"_s);
    if (parser.isSet(u"timeout"_s)) {
        bool ok = false;
        const double seconds = parser.value(u"timeout"_s).toDouble(&ok);
        if (!ok || seconds <= 0)
            return Error(Error::Kind::Usage, u"--timeout must be a positive number of seconds, not \"%1\""_s.arg(parser.value(u"timeout"_s)));
        settings.timeout = std::chrono::milliseconds(qint64(seconds * 1000));
    }
    return settings;
}

int ping(BlockingClient &client)
{
    auto info = client.ping();
    if (!info) {
        // Something answered that is not InfluxDB: for the user that is "cannot connect" too.
        const int code = fail(info.error());
        return info.error().kind() == Error::Kind::Server ? int(ConnectError) : code;
    }
    QTextStream(stdout) << "InfluxDB " << info->version << (info->build.isEmpty() ? QString() : u" ("_s + info->build + u')')
                        << " at " << client.settings().baseUrl().toString() << '\n';
    return Ok;
}

int done(const Result<void> &result, const QString &what)
{
    if (!result)
        return fail(result.error());
    err() << what << '\n';
    err().flush();
    return Ok;
}

/// The commands that run one helper of the client: name, arguments they take, and the call.
struct HelperCommand
{
    const char *name;
    int arguments; ///< positional arguments after the command name
    const char *argumentName;
    std::function<int(BlockingClient &, const QStringList &, const QCommandLineParser &)> run;
};

const std::vector<HelperCommand> &helperCommands()
{
    static const std::vector<HelperCommand> commands = {
        {"databases", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showDatabases(), p); }},
        {"measurements", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showMeasurements(), p); }},
        {"retention-policies", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showRetentionPolicies(), p); }},
        {"series", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showSeries(p.value(u"measurement"_s)), p); }},
        {"tag-keys", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showTagKeys(p.value(u"measurement"_s)), p); }},
        {"field-keys", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showFieldKeys(p.value(u"measurement"_s)), p); }},
        {"tag-values", 1, "KEY", [](BlockingClient &c, const QStringList &a, const QCommandLineParser &p) { return printResult(c.showTagValues(a[0], p.value(u"measurement"_s)), p); }},
        {"users", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showUsers(), p); }},
        {"continuous-queries", 0, "", [](BlockingClient &c, const QStringList &, const QCommandLineParser &p) { return printResult(c.showContinuousQueries(), p); }},
        {"create-database", 1, "NAME", [](BlockingClient &c, const QStringList &a, const QCommandLineParser &) { return done(c.createDatabase(a[0]), u"Created database "_s + a[0] + u'.'); }},
        {"drop-database", 1, "NAME", [](BlockingClient &c, const QStringList &a, const QCommandLineParser &) { return done(c.dropDatabase(a[0]), u"Dropped database "_s + a[0] + u'.'); }},
        {"drop-measurement", 1, "NAME", [](BlockingClient &c, const QStringList &a, const QCommandLineParser &) { return done(c.dropMeasurement(a[0]), u"Dropped measurement "_s + a[0] + u'.'); }},
    };
    return commands;
}

// SIGINT/SIGTERM end `qinflux sandbox` through the event loop, so the server is stopped cleanly.
int s_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(s_signalFds[1], &byte, 1);
}

int sandbox(const QCommandLineParser &parser)
{
    Sandbox sandbox(parser.value(u"data-dir"_s));
    const auto started = blockOn(sandbox.start());
    if (!started)
        return fail(started.error());

    QTextStream out(stdout);
    out << sandbox.server().url().toString() << Qt::endl; // the first line of stdout, flushed: scripts read it
    err() << "Sandbox InfluxDB running: database \"" << SampleData::databaseName() << "\" with "
          << SampleData::pointCount() << " sample points; influxd pid " << sandbox.server().processId()
          << ", files in " << sandbox.server().dataDirectory() << ".\nPress Ctrl+C to stop.\n";
    err().flush();

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) != 0)
        return fail(Error(Error::Kind::Io, u"Cannot set up signal handling."_s));
    QSocketNotifier notifier(s_signalFds[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGHUP, onSignal);
    QObject::connect(&sandbox.server(), &LocalServer::crashed, qApp, [](const QString &log) {
        err() << "qinflux: the sandbox server stopped unexpectedly.\n" << log << '\n';
        err().flush();
        QCoreApplication::exit(ServerError);
    });
    const int code = QCoreApplication::exec();
    sandbox.stop();
    err() << "Sandbox stopped.\n";
    err().flush();
    return code;
}

} // namespace

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        u"Command line client for InfluxDB 1.x.\n\n"
        "Commands:\n"
        "  ping                    Print the server's version.\n"
        "  query \"Q\"               Run InfluxQL and print the result (--format table|csv|json|jsonl,\n"
        "                          --epoch UNIT, --chunked [--chunk-size N]). csv: a header\n"
        "                          name,tags,time,<columns> per block of series; json: the server's\n"
        "                          shape; jsonl: one object a row with measurement, tags, time and\n"
        "                          typed fields (what write --input jsonl reads).\n"
        "  databases               SHOW DATABASES\n"
        "  measurements            SHOW MEASUREMENTS (of --db)\n"
        "  retention-policies      SHOW RETENTION POLICIES (of --db)\n"
        "  series                  SHOW SERIES [FROM --measurement]\n"
        "  tag-keys                SHOW TAG KEYS [FROM --measurement]\n"
        "  field-keys              SHOW FIELD KEYS [FROM --measurement]\n"
        "  tag-values KEY          SHOW TAG VALUES [FROM --measurement] WITH KEY = KEY\n"
        "  users                   SHOW USERS\n"
        "  continuous-queries      SHOW CONTINUOUS QUERIES\n"
        "  create-database NAME    CREATE DATABASE NAME\n"
        "  drop-database NAME      DROP DATABASE NAME\n"
        "  drop-measurement NAME   DROP MEASUREMENT NAME (in --db)\n"
        "  write [FILE|-]          Write points from FILE, or from stdin (- or no FILE), to --db.\n"
        "                          The input is streamed: every --batch-size points go out in one\n"
        "                          request before more is read.\n"
        "                          --input lp: line protocol, one point a line, sent unchanged\n"
        "                          ('#' comment lines and blank lines are skipped).\n"
        "                          --input jsonl: one JSON object a line, {\"measurement\": \"m\",\n"
        "                          \"time\": ns or \"2009-11-10T23:00:00Z\", \"tags\": {...},\n"
        "                          \"fields\": {...}}; 1 is an integer, 1.0 a float, null skipped;\n"
        "                          --measurement for points without one, --tag K=V on every point.\n"
        "                          --precision: the unit of the timestamps sent (jsonl times must be\n"
        "                          whole units of it). Invalid lines are reported as \"line N: why\"\n"
        "                          and skipped (exit 4); with --strict, nothing is written if any\n"
        "                          line is invalid (stdin is then held in memory). --dry-run prints\n"
        "                          the line protocol instead of sending it.\n"
        ""_s + importHelp() + u"  sandbox                 Run a private InfluxDB with sample data until interrupted;\n"
        "                          prints its URL on the first line of stdout.\n\n"
        "Names are always quoted, so any name works and none can inject a statement.\n"
        "The password is read from the environment variable QINFLUX_PASSWORD, an API token\n"
        "(Authorization: Token) from QINFLUX_TOKEN.\n"
        "Exit codes: 0 ok, 1 server or query error, 2 usage error, 3 cannot connect,\n"
        "4 invalid input lines (write)."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"url"_s, u"Server URL (default http://localhost:8086)."_s, u"URL"_s},
        {u"host"_s, u"Server host (default localhost)."_s, u"HOST"_s},
        {u"port"_s, u"Server port (default 8086)."_s, u"PORT"_s},
        {u"ssl"_s, u"Use HTTPS."_s},
        {u"username"_s, u"User name; the password comes from QINFLUX_PASSWORD."_s, u"NAME"_s},
        {u"db"_s, u"Database."_s, u"DB"_s},
        {u"timeout"_s, u"Request timeout in seconds (default 10)."_s, u"SECONDS"_s},
        {u"ca-file"_s, u"Trust the CA certificates in this PEM file (HTTPS)."_s, u"FILE"_s},
        {u"insecure"_s, u"Do not verify the server's certificate (HTTPS). Only if you accept the risk."_s},
        {u"format"_s, u"query and SHOW commands: output format, table, csv, json or jsonl (default csv)."_s, u"FORMAT"_s, u"csv"_s},
        {u"measurement"_s, u"series, tag-keys, field-keys, tag-values: only this measurement. "
                           "write (jsonl): the measurement of points without one."_s, u"NAME"_s},
        {u"input"_s, u"write: input format, lp (line protocol) or jsonl (JSON points) (default lp)."_s, u"FORMAT"_s, u"lp"_s},
        {u"precision"_s, u"write: time unit of the timestamps, n, u, ms, s, m or h (default n)."_s, u"UNIT"_s, u"n"_s},
        {u"tag"_s, u"write (jsonl): add the tag KEY=VALUE to every point; repeatable; a point's own tag wins."_s, u"KEY=VALUE"_s},
        {u"batch-size"_s, u"write: points per request (default 10000)."_s, u"N"_s, u"10000"_s},
        {u"dry-run"_s, u"write: print the line protocol on stdout instead of sending it."_s},
        {u"strict"_s, u"write (jsonl): if any line is invalid, write nothing."_s},
        {u"data-dir"_s, u"sandbox: keep the server's files in DIR (default: a temporary directory)."_s, u"DIR"_s},
    });
    addQueryOptions(parser);
    addCacheOptions(parser);
    addImportOptions(parser);
    parser.addPositionalArgument(u"command"_s, u"One of the commands above."_s, u"<command> [args]"_s);
}

int run(const QCommandLineParser &parser)
{
    QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return usage(u"no command given"_s);
    const QString command = args.takeFirst();

    if (command == "sandbox"_L1) {
        if (!args.isEmpty())
            return usage(u"sandbox takes no arguments"_s);
        return sandbox(parser);
    }

    auto settings = settingsFrom(parser);
    if (!settings)
        return usage(settings.error().message());
    if (command == "write"_L1)
        return write(parser, args, *settings);
    if (command == "cache"_L1)
        return cache(parser, args, *settings);
    if (command == "import"_L1)
        return import(parser, args, *settings);
    BlockingClient client(std::move(settings).value());
    if (command == "ping"_L1) {
        if (!args.isEmpty())
            return usage(u"ping takes no arguments"_s);
        return ping(client);
    }
    if (const QString problem = checkOutputOptions(parser); !problem.isEmpty())
        return usage(problem);
    if (command == "query"_L1)
        return query(client, args, parser);
    for (const HelperCommand &helper : helperCommands()) {
        if (command == QLatin1StringView(helper.name)) {
            if (args.size() != helper.arguments)
                return usage(helper.arguments == 0 ? u"%1 takes no arguments"_s.arg(command)
                                                   : u"%1 takes one argument, %2"_s.arg(command, QLatin1StringView(helper.argumentName)));
            return helper.run(client, args, parser);
        }
    }
    return usage(u"unknown command \"%1\""_s.arg(command));
}

} // namespace QInflux::Cli
