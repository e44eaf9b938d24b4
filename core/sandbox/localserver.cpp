#include "localserver_p.h"

#include <QInflux/client.h>
#include "logging_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <QCoroTimer>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace QInflux {

namespace {

// Two distinct free TCP ports on 127.0.0.1 (HTTP and the RPC bind address influxd always opens).
std::optional<std::pair<quint16, quint16>> freePorts()
{
    QTcpServer a, b;
    if (!a.listen(QHostAddress::LocalHost, 0) || !b.listen(QHostAddress::LocalHost, 0))
        return std::nullopt;
    return std::pair{a.serverPort(), b.serverPort()};
}

QByteArray configuration(const QString &dir, quint16 httpPort, quint16 rpcPort, const LocalServer::Options &options)
{
    const bool https = !options.httpsCertificate.isEmpty();
    const QByteArray d = QDir(dir).absolutePath().toUtf8();
    QByteArray conf;
    conf += "# written by QInflux LocalServer: loopback only, private directory\n";
    conf += "reporting-disabled = true\n";
    conf += "bind-address = \"127.0.0.1:" + QByteArray::number(rpcPort) + "\"\n";
    conf += "[meta]\n  dir = \"" + d + "/meta\"\n  logging-enabled = false\n";
    conf += "[data]\n  dir = \"" + d + "/data\"\n  wal-dir = \"" + d + "/wal\"\n"
            "  index-version = \"inmem\"\n  query-log-enabled = false\n  trace-logging-enabled = false\n";
    conf += "[coordinator]\n  log-queries-after = \"0s\"\n";
    conf += "[retention]\n  enabled = false\n";
    conf += "[shard-precreation]\n  enabled = false\n";
    conf += "[monitor]\n  store-enabled = false\n";
    conf += "[subscriber]\n  enabled = false\n";
    conf += "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:" + QByteArray::number(httpPort) + "\"\n"
            "  auth-enabled = " + QByteArray(options.authEnabled ? "true" : "false") + "\n"
            "  log-enabled = false\n  suppress-write-log = true\n  pprof-enabled = false\n"
            "  unix-socket-enabled = false\n  max-row-limit = 0\n";
    if (https) {
        conf += "  https-enabled = true\n  https-certificate = \"" + QFileInfo(options.httpsCertificate).absoluteFilePath().toUtf8()
            + "\"\n  https-private-key = \"" + QFileInfo(options.httpsPrivateKey).absoluteFilePath().toUtf8() + "\"\n";
    } else {
        conf += "  https-enabled = false\n";
    }
    conf += "[logging]\n  level = \"warn\"\n  suppress-logo = true\n";
    conf += "[continuous_queries]\n  enabled = false\n  log-enabled = false\n";
    return conf;
}

} // namespace

class LocalServer::Private
{
public:
    Options options;
    std::unique_ptr<QTemporaryDir> temporaryDirectory;
    QString directory;
    QProcess *process = nullptr;
    quint16 port = 0;
    bool stopping = false;

    QString logPath() const { return directory + u"/influxd.log"_s; }
    /// Stops influxd and waits for it; the directory stays.
    void terminate();
};

LocalServer::LocalServer(QObject *parent) : LocalServer(Options{}, parent) {}

LocalServer::LocalServer(Options options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->options = std::move(options);
}

LocalServer::~LocalServer()
{
    stop();
}

QCoro::Task<Result<void>> LocalServer::start()
{
    if (isRunning())
        co_return {};

    const QString program = d->options.program.isEmpty()
        ? QStandardPaths::findExecutable(u"influxd"_s)
        : d->options.program;
    if (program.isEmpty() || !QFileInfo(program).isExecutable())
        co_return Error(Error::Kind::Io,
                        u"The InfluxDB server program influxd was not found%1."_s.arg(
                            d->options.program.isEmpty() ? u" on PATH"_s : u" at "_s + d->options.program),
                        u"Install it with: apt-get install influxdb"_s);

    if (d->options.httpsCertificate.isEmpty() != d->options.httpsPrivateKey.isEmpty())
        co_return Error(Error::Kind::Usage, u"HTTPS needs both a certificate and a private key."_s);

    if (d->options.dataDirectory.isEmpty()) {
        d->temporaryDirectory = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/qinflux-sandbox-XXXXXX"_s);
        if (!d->temporaryDirectory->isValid())
            co_return Error(Error::Kind::Io, u"Cannot create a temporary directory for the sandbox server."_s,
                            d->temporaryDirectory->errorString());
        d->directory = d->temporaryDirectory->path();
    } else {
        d->directory = QDir(d->options.dataDirectory).absolutePath();
        if (!QDir().mkpath(d->directory))
            co_return Error(Error::Kind::Io, u"Cannot create the server directory %1."_s.arg(d->directory));
    }

    QPointer<LocalServer> self(this);
    Error lastError(Error::Kind::Server, u"influxd did not start."_s);
    // A port found free can be taken by someone else before influxd binds it: try again then.
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto ports = freePorts();
        if (!ports)
            co_return Error(Error::Kind::Io, u"No free TCP port on 127.0.0.1 for the sandbox server."_s);

        QFile conf(d->directory + u"/influxd.conf"_s);
        if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || conf.write(configuration(d->directory, ports->first, ports->second, d->options)) < 0)
            co_return Error(Error::Kind::Io, u"Cannot write %1."_s.arg(conf.fileName()), conf.errorString());
        conf.close();

        auto *process = new QProcess(this);
        d->process = process;
        process->setProgram(program);
        process->setArguments({u"run"_s, u"-config"_s, conf.fileName()});
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardOutputFile(d->logPath(), QIODevice::Append);
        process->setStandardInputFile(QProcess::nullDevice());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys()) {
            if (key.startsWith("INFLUXDB_"_L1)) // these would override the generated configuration
                env.remove(key);
        }
        process->setProcessEnvironment(env);
        const pid_t owner = ::getpid();
        process->setChildProcessModifier([owner] {
            // Die with the owner, however it ends (crash, SIGKILL): never leave a server behind.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != owner)
                ::_exit(127);
        });
        connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
            if (d->process == process && !d->stopping) {
                qCWarning(lcSandbox) << "influxd exited unexpectedly, code" << code << "status" << status;
                Q_EMIT crashed(logTail());
            }
        });
        process->start();
        if (!process->waitForStarted(5000)) {
            const QString why = process->errorString();
            d->process = nullptr;
            process->deleteLater();
            co_return Error(Error::Kind::Io, u"Cannot run %1."_s.arg(program), why);
        }
        qCDebug(lcSandbox) << "influxd pid" << process->processId() << "port" << ports->first << "dir" << d->directory;

        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = ports->first;
        settings.timeout = 1s;
        settings.ssl = isHttps();
        settings.insecureSkipVerify = true; // our own server, just started: only "is it up?" matters here
        Client client(settings);
        const auto deadline = std::chrono::steady_clock::now() + d->options.startTimeout;
        bool up = false;
        while (std::chrono::steady_clock::now() < deadline) {
            if (process->state() != QProcess::Running)
                break;
            const auto pong = co_await client.ping();
            if (!self)
                co_return Error(Error::Kind::Cancelled, u"The sandbox server was destroyed while starting."_s);
            if (pong) {
                up = process->state() == QProcess::Running;
                break;
            }
            co_await QCoro::sleepFor(50ms);
            if (!self)
                co_return Error(Error::Kind::Cancelled, u"The sandbox server was destroyed while starting."_s);
        }
        if (up && !logTail(50).contains("address already in use"_L1)) {
            d->port = ports->first;
            co_return {};
        }
        const bool portTaken = logTail(50).contains("address already in use"_L1);
        lastError = Error(Error::Kind::Server,
                          process->state() == QProcess::Running
                              ? u"influxd did not answer /ping within %1 s."_s.arg(d->options.startTimeout.count() / 1000.0)
                              : u"influxd exited during start-up (exit code %1)."_s.arg(process->exitCode()),
                          u"Log tail (%1):\n%2"_s.arg(d->logPath(), logTail()));
        d->terminate();
        if (!portTaken)
            break;
    }
    stop();
    co_return lastError;
}

void LocalServer::Private::terminate()
{
    if (!process)
        return;
    stopping = true;
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(10'000)) {
            qCWarning(lcSandbox) << "influxd did not stop within 10 s after SIGTERM; killing it";
            process->kill();
            process->waitForFinished(5'000);
        }
    }
    delete std::exchange(process, nullptr);
    port = 0;
    stopping = false;
}

void LocalServer::stop()
{
    d->terminate();
    d->temporaryDirectory.reset(); // removes a temporary directory with everything in it
}

bool LocalServer::isHttps() const
{
    return !d->options.httpsCertificate.isEmpty();
}

bool LocalServer::isRunning() const
{
    return d->process && d->process->state() == QProcess::Running && d->port != 0;
}

QUrl LocalServer::url() const
{
    if (!d->port)
        return {};
    QUrl url;
    url.setScheme(isHttps() ? u"https"_s : u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(d->port);
    return url;
}

quint16 LocalServer::port() const
{
    return d->port;
}

QString LocalServer::dataDirectory() const
{
    return d->directory;
}

qint64 LocalServer::processId() const
{
    return d->process ? d->process->processId() : 0;
}

QString LocalServer::logTail(int lines) const
{
    QFile log(d->logPath());
    if (!log.open(QIODevice::ReadOnly))
        return {};
    if (log.size() > 64 * 1024)
        log.seek(log.size() - 64 * 1024);
    const QList<QByteArray> all = log.readAll().split('\n');
    QStringList tail;
    for (qsizetype i = std::max<qsizetype>(0, all.size() - lines - 1); i < all.size(); ++i) {
        if (!all[i].isEmpty())
            tail << QString::fromUtf8(all[i]);
    }
    return tail.join(u'\n');
}

} // namespace QInflux
