#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include "localserver_p.h"
#include <QInflux/sampledata.h>
#include <QInflux/sandbox.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

// True while `pid` is a live process (a zombie waiting to be reaped counts as gone).
bool isAlive(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.size() > close + 2 && text[close + 2] != 'Z';
}

bool answersPing(const QUrl &url)
{
    auto settings = ClientSettings::fromUrl(url.toString());
    if (!settings)
        return false;
    settings->timeout = std::chrono::milliseconds(2000);
    BlockingClient client(*settings);
    return client.ping().ok();
}

} // namespace

class LocalServerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startAndStop()
    {
        LocalServer server;
        const auto started = blockOn(server.start());
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
        QVERIFY(server.isRunning());
        QCOMPARE(server.url().host(), u"127.0.0.1"_s);
        QVERIFY(server.port() > 0);
        QVERIFY(answersPing(server.url()));
        const qint64 pid = server.processId();
        const QString dir = server.dataDirectory();
        QVERIFY(isAlive(pid));
        QVERIFY(QFile::exists(dir + u"/influxd.conf"_s));
        const QUrl url = server.url();

        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(!isAlive(pid));
        QVERIFY(!answersPing(url));
        QVERIFY2(!QDir(dir).exists(), "the temporary directory is removed");
        server.stop(); // twice is fine
    }

    void listensOnlyOnLoopback()
    {
        LocalServer server;
        QVERIFY(blockOn(server.start()).ok());
        QFile conf(server.dataDirectory() + u"/influxd.conf"_s);
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QByteArray text = conf.readAll();
        const QByteArray bind = "bind-address = \"127.0.0.1:" + QByteArray::number(server.port()) + "\"";
        QVERIFY(text.contains(bind));
        QVERIFY(text.contains("reporting-disabled = true"));
        QVERIFY(text.contains("log-enabled = false"));
        QVERIFY(!text.contains("0.0.0.0"));
    }

    void missingProgram()
    {
        LocalServer::Options options;
        options.program = u"/nonexistent/influxd"_s;
        LocalServer server(options);
        const auto started = blockOn(server.start());
        QVERIFY(!started.ok());
        QCOMPARE(started.error().kind(), Error::Kind::Io);
        QVERIFY2(started.error().message().contains(u"influxd was not found at /nonexistent/influxd"_s),
                 qPrintable(started.error().message()));
        QVERIFY(started.error().detail().contains(u"apt-get install influxdb"_s));
    }

    void failingProgramShowsItsLog()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fake = dir.filePath(u"influxd"_s);
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho 'run: open server: listen tcp: bind failed on purpose' >&2\nexit 1\n");
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));

        LocalServer::Options options;
        options.program = fake;
        LocalServer server(options);
        const auto started = blockOn(server.start());
        QVERIFY(!started.ok());
        QCOMPARE(started.error().kind(), Error::Kind::Server);
        QVERIFY2(started.error().message().contains(u"exited during start-up"_s), qPrintable(started.error().message()));
        QVERIFY2(started.error().detail().contains(u"bind failed on purpose"_s), qPrintable(started.error().detail()));
        QVERIFY(!server.isRunning());
    }

    void givenDirectoryIsKept()
    {
        QTemporaryDir dir;
        LocalServer::Options options;
        options.dataDirectory = dir.filePath(u"server"_s);
        {
            LocalServer server(options);
            QVERIFY(blockOn(server.start()).ok());
            QCOMPARE(server.dataDirectory(), options.dataDirectory);
        }
        QVERIFY(QDir(options.dataDirectory + u"/meta"_s).exists());
    }

    void crashIsReported()
    {
        LocalServer server;
        QVERIFY(blockOn(server.start()).ok());
        QSignalSpy crashed(&server, &LocalServer::crashed);
        ::kill(pid_t(server.processId()), SIGKILL);
        QTRY_COMPARE(crashed.size(), 1);
    }

    void ownerKilledLeavesNoServer()
    {
        // `qinflux sandbox` owns a LocalServer; SIGKILL gives it no chance to clean up.
        QProcess owner;
        owner.start(QStringLiteral(QINFLUX_CLI_PATH), {u"sandbox"_s});
        QVERIFY(owner.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(owner.canReadLine(), 30'000);
        const QUrl url(QString::fromUtf8(owner.readLine().trimmed()));
        QVERIFY(url.isValid());
        QVERIFY(answersPing(url));
        QByteArray info;
        QTRY_VERIFY_WITH_TIMEOUT((info += owner.readAllStandardError()).contains("influxd pid"), 10'000);
        const qint64 pid = info.mid(info.indexOf("influxd pid ") + 12).split(',').first().toLongLong();
        QVERIFY(pid > 0);
        QVERIFY(isAlive(pid));

        ::kill(pid_t(owner.processId()), SIGKILL);
        QVERIFY(owner.waitForFinished());
        QTRY_VERIFY_WITH_TIMEOUT(!isAlive(pid), 15'000);
        QVERIFY(!answersPing(url));
    }

    void sandboxLoadsTheSample()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sandbox"_s);
        for (int run = 0; run < 2; ++run) { // the second run reuses the directory and must not write again
            Sandbox sandbox(path);
            const auto started = blockOn(sandbox.start());
            QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
            BlockingClient client(sandbox.clientSettings());
            QCOMPARE(client.settings().database, SampleData::databaseName());
            const auto result = client.query(
                u"SELECT count(value) FROM cpu_load_short; SELECT count(price) FROM \"Trade\"; SELECT count(ph) FROM h2o_quality"_s);
            QVERIFY(result.ok());
            qint64 total = 0;
            for (const StatementResult &s : result->statements) {
                QVERIFY(!s.error);
                total += s.series[0].column(0).value(0).toLongLong();
            }
            QCOMPARE(total, qint64(SampleData::pointCount()));

            // Overwrite one sample value: if the second start wrote the sample again, it would come back.
            const QByteArray first = SampleData::lineProtocol().left(SampleData::lineProtocol().indexOf('\n'));
            const auto value = client.query(u"SELECT value FROM cpu_load_short WHERE host = 'server01' LIMIT 1"_s);
            QVERIFY(value.ok());
            if (run == 0) {
                QCOMPARE(value->statements[0].series[0].column(0).value(0).toDouble(), 0.318);
                QVERIFY(first.contains(" value=0.318 "));
                QVERIFY(client.write(QByteArray(first).replace(" value=0.318 ", " value=99 ")).ok());
            } else {
                QCOMPARE(value->statements[0].series[0].column(0).value(0).toDouble(), 99.0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(LocalServerTest)
#include "localservertest.moc"
