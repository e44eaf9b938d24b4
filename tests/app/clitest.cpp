#include "client/blockingclient.h"
#include "faultserver.h"
#include "influxfixture.h"
#include "sandbox/sampledata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The `qinflux` program, run as a user would, against a real influxd.
class CliTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QINFLUX_CLI_PATH), args);
        if (!p.waitForFinished(60'000))
            qFatal("qinflux did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QStringList server() const { return {u"--url"_s, m_influx.url(), u"--db"_s, m_db}; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = Test::InfluxFixture::uniqueDatabase(u"cli"_s);
        QCOMPARE(run(server() << u"query"_s << u"CREATE DATABASE "_s + m_db).code, 0);
        // The CLI has no write command yet: write with the library.
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write("m,host=a v=1.5,n=2i,s=\"x,y\" 1257894000123456789\nm,host=b v=2 1257894000123456790\n").ok());
    }

    void version()
    {
        const Run r = run({u"--version"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("qinflux " QINFLUX_VERSION_STRING));
    }

    void ping()
    {
        const Run r = run({u"--url"_s, m_influx.url(), u"ping"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.startsWith("InfluxDB 1."), r.out.constData());
    }

    void pingWithHostAndPort()
    {
        const Run r = run({u"--host"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(m_influx.server().port()), u"ping"_s});
        QCOMPARE(r.code, 0);
    }

    void queryCsv()
    {
        const Run r = run(server() << u"query"_s << u"SELECT * FROM m"_s);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("name,tags,time,host,n,s,v\r\n"
                                   "m,,2009-11-10T23:00:00.123456789Z,a,2,\"x,y\",1.5\r\n"
                                   "m,,2009-11-10T23:00:00.123456790Z,b,,,2\r\n"));
    }

    void queryJson()
    {
        const Run r = run(server() << u"query"_s << u"SELECT v FROM m"_s << u"--format"_s << u"json"_s);
        QCOMPARE(r.code, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out);
        QVERIFY(doc.isObject());
        const QJsonArray values = doc[u"results"_s][0][u"series"_s][0][u"values"_s].toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values[0][0].toInteger(), qint64(1257894000123456789));
        QCOMPARE(values[0][1].toDouble(), 1.5);
    }

    void statementErrorExitsOne()
    {
        const Run r = run(server() << u"query"_s << u"SELECT v FROM m; SELECT * FROM m GROUP BY time(1ms)"_s);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("1.5")); // the first statement's rows still print
        QVERIFY2(r.err.contains("statement 1"), r.err.constData());
    }

    void invalidQueryExitsOne()
    {
        const Run r = run(server() << u"query"_s << u"SELEC x"_s);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("error parsing query"), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("no command") << QStringList{} << QByteArray("no command");
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << QByteArray("unknown command \"frobnicate\"");
        QTest::newRow("unknown option") << QStringList{u"--frob"_s, u"ping"_s} << QByteArray("frob");
        QTest::newRow("bad url") << QStringList{u"--url"_s, u"ftp://x"_s, u"ping"_s} << QByteArray("http or https");
        QTest::newRow("bad port") << QStringList{u"--port"_s, u"70000"_s, u"ping"_s} << QByteArray("--port");
        QTest::newRow("bad timeout") << QStringList{u"--timeout"_s, u"soon"_s, u"ping"_s} << QByteArray("--timeout");
        QTest::newRow("query without text") << QStringList{u"query"_s} << QByteArray("exactly one argument");
        QTest::newRow("bad format") << QStringList{u"query"_s, u"SHOW DATABASES"_s, u"--format"_s, u"xml"_s} << QByteArray("csv or json");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mentions);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
    }

    void cannotConnectExitsThree()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const Run r = run({u"--url"_s, u"http://127.0.0.1:%1"_s.arg(port), u"--timeout"_s, u"2"_s, u"ping"_s});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("cannot reach"), r.err.constData());
    }

    void passwordFromEnvironment()
    {
        // With auth off the server ignores credentials; this checks the variable is read and the
        // password never shows up in the output.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QINFLUX_PASSWORD"_s, u"s3cret-pw"_s);
        const Run r = run({u"--url"_s, m_influx.url(), u"--username"_s, u"admin"_s, u"ping"_s}, env);
        QCOMPARE(r.code, 0);
        QVERIFY(!r.out.contains("s3cret-pw") && !r.err.contains("s3cret-pw"));
    }

    void helperCommands()
    {
        const QString name = u"cli \"quoted\"; DROP DATABASE \"x"_s;
        Run r = run({u"--url"_s, m_influx.url(), u"create-database"_s, name});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("Created database"));
        r = run({u"--url"_s, m_influx.url(), u"databases"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("databases,,\"cli \"\"quoted\"\"; DROP DATABASE \"\"x\"\r\n"), r.out.constData());

        r = run(server() << u"measurements"_s);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("name,tags,name\r\nmeasurements,,m\r\n"));
        r = run(server() << u"tag-values"_s << u"host"_s << u"--measurement"_s << u"m"_s << u"--format"_s << u"json"_s);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(R"([["host","a"],["host","b"]])"), r.out.constData());
        r = run(server() << u"field-keys"_s);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("m,,n,integer\r\n"), r.out.constData());
        for (const QString &command : {u"series"_s, u"tag-keys"_s, u"retention-policies"_s, u"users"_s, u"continuous-queries"_s})
            QVERIFY2(run(server() << command).code == 0, qPrintable(command));

        r = run({u"--url"_s, m_influx.url(), u"drop-database"_s, name});
        QCOMPARE(r.code, 0);
        QVERIFY(!run({u"--url"_s, m_influx.url(), u"databases"_s}).out.contains("quoted"));

        r = run({u"--url"_s, m_influx.url(), u"tag-values"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("tag-values takes one argument, KEY"));
        r = run({u"--url"_s, m_influx.url(), u"--db"_s, u"nope"_s, u"drop-measurement"_s, u"m"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("database not found"), r.err.constData());
    }

    void tlsOptionsNeedHttps()
    {
        const Run r = run({u"--url"_s, m_influx.url(), u"--insecure"_s, u"ping"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("need an https URL"));
    }

    void tokenFromEnvironment()
    {
        // The header the CLI sends, seen by the fault server; the process runs while this event loop does.
        Test::FaultServer fault;
        QVERIFY(fault.listen());
        fault.setDefaultResponse(Test::FaultServer::influxPing());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QINFLUX_TOKEN"_s, u"t0ken"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QINFLUX_CLI_PATH), {u"--url"_s, fault.url(), u"ping"_s});
        QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 30'000);
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(fault.requestCount(), 1);
        QCOMPARE(fault.requests().first().header("Authorization"), QByteArray("Token t0ken"));
    }

    void sandboxThenPing()
    {
        QProcess sandbox;
        sandbox.start(QStringLiteral(QINFLUX_CLI_PATH), {u"sandbox"_s});
        QVERIFY(sandbox.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 30'000);
        const QString url = QString::fromUtf8(sandbox.readLine().trimmed());
        QVERIFY2(url.startsWith(u"http://127.0.0.1:"_s), qPrintable(url));

        const Run pinged = run({u"--url"_s, url, u"ping"_s});
        QCOMPARE(pinged.code, 0);
        const Run counted = run({u"--url"_s, url, u"--db"_s, SampleData::databaseName(), u"query"_s,
                                 u"SELECT count(value) FROM cpu_load_short"_s});
        QCOMPARE(counted.code, 0);
        QVERIFY2(counted.out.contains(",3456\r\n"), counted.out.constData());

        ::kill(pid_t(sandbox.processId()), SIGINT); // Ctrl+C stops it cleanly
        QVERIFY(sandbox.waitForFinished(15'000));
        QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sandbox.exitCode(), 0);
        QVERIFY(sandbox.readAllStandardError().contains("Sandbox stopped."));
        QCOMPARE(run({u"--url"_s, url, u"--timeout"_s, u"2"_s, u"ping"_s}).code, 3);
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "clitest.moc"
