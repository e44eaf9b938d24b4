#include "commands.h"

#include "client/blockingclient.h"
#include "client/wait.h"
#include "results/resultwriter.h"
#include "sandbox/sampledata.h"
#include "sandbox/sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

namespace {

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

int query(BlockingClient &client, const QCommandLineParser &parser, const QStringList &args)
{
    if (args.size() != 1)
        return usage(u"query takes exactly one argument, the InfluxQL text (quote it)"_s);
    const QString format = parser.value(u"format"_s);
    if (format != "csv"_L1 && format != "json"_L1)
        return usage(u"--format must be csv or json, not \"%1\""_s.arg(format));

    auto result = client.query(args.first());
    if (!result)
        return fail(result.error());
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(Error(Error::Kind::Io, u"Cannot write to standard output."_s));
    if (format == "json"_L1) {
        out.write(ResultWriter::toJson(*result) + '\n');
    } else if (auto written = ResultWriter::writeCsv(*result, out); !written) {
        return fail(written.error());
    }
    out.flush();
    // Statement errors are printed, and make the exit code 1, after the results that did arrive.
    int code = Ok;
    for (const StatementResult &statement : result->statements) {
        for (const QString &message : statement.messages)
            err() << "statement " << statement.statementId << ": " << message << '\n';
        if (statement.error) {
            err() << "qinflux: statement " << statement.statementId << ": " << statement.error->message() << '\n';
            code = ServerError;
        }
    }
    err().flush();
    return code;
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
        "  ping              Print the server's version.\n"
        "  query \"Q\"         Run InfluxQL and print the result (--format csv|json).\n"
        "  sandbox           Run a private InfluxDB with sample data until interrupted;\n"
        "                    prints its URL on the first line of stdout.\n\n"
        "The password is read from the environment variable QINFLUX_PASSWORD.\n"
        "Exit codes: 0 ok, 1 server or query error, 2 usage error, 3 cannot connect."_s);
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
        {u"format"_s, u"query: output format, csv or json (default csv)."_s, u"FORMAT"_s, u"csv"_s},
        {u"data-dir"_s, u"sandbox: keep the server's files in DIR (default: a temporary directory)."_s, u"DIR"_s},
    });
    parser.addPositionalArgument(u"command"_s, u"ping, query or sandbox."_s, u"<command> [args]"_s);
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
    BlockingClient client(std::move(settings).value());
    if (command == "ping"_L1) {
        if (!args.isEmpty())
            return usage(u"ping takes no arguments"_s);
        return ping(client);
    }
    if (command == "query"_L1)
        return query(client, parser, args);
    return usage(u"unknown command \"%1\""_s.arg(command));
}

} // namespace QInflux::Cli
