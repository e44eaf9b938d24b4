#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "faultserver.h"
#include "influxfixture.h"
#include <QInflux/sampledata.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
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
    QString m_rangeDb; ///< queryTimeRange()'s points

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return runWithInput(args, {}, env);
    }

    /// Runs qinflux with `input` on its stdin (then closed; an empty input is an empty stdin).
    static Run runWithInput(const QStringList &args, const QByteArray &input,
                            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QINFLUX_CLI_PATH), args);
        if (!p.waitForStarted(30'000))
            qFatal("qinflux did not start");
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(60'000))
            qFatal("qinflux did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QStringList server() const { return {u"--url"_s, m_influx.url(), u"--db"_s, m_db}; }
    QStringList server(const QString &database) const { return {u"--url"_s, m_influx.url(), u"--db"_s, database}; }

    /// A new, empty database for one test.
    QString freshDatabase(const QString &name)
    {
        const QString database = Test::InfluxFixture::uniqueDatabase(name);
        BlockingClient client(m_influx.settings());
        if (!BlockingAdministration(client).createDatabase(database).ok())
            qFatal("cannot create a database");
        return database;
    }

    /// The rows of `query`, run by `qinflux query --format json` (times in ns); empty when none.
    QJsonArray rows(const QString &database, const QString &query) const
    {
        const Run r = run(server(database) << u"query"_s << query << u"--format"_s << u"json"_s << u"--epoch"_s << u"ns"_s);
        if (r.code != 0)
            qFatal("query failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out)[u"results"_s][0][u"series"_s][0][u"values"_s].toArray();
    }

    /// Points with a field `v` in measurement `m`, counted by `qinflux query`.
    qint64 countPoints(const QString &database, const QString &measurement = u"m"_s) const
    {
        // An aggregate without GROUP BY time() has no time column: "count" is the only column.
        const QJsonArray values = rows(database, u"SELECT count(v) FROM \"%1\""_s.arg(measurement));
        return values.isEmpty() ? 0 : values[0][0].toInteger();
    }

    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write a test file");
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = Test::InfluxFixture::uniqueDatabase(u"cli"_s);
        QCOMPARE(run(server() << u"query"_s << u"CREATE DATABASE "_s + m_db).code, 0);
        // Written with the library, so the commands below do not depend on `write`.
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
        const Run r = run(server() << u"query"_s << u"SELECT v FROM m"_s << u"--format"_s << u"json"_s << u"--epoch"_s << u"ns"_s);
        QCOMPARE(r.code, 0);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out);
        QVERIFY(doc.isObject());
        const QJsonArray values = doc[u"results"_s][0][u"series"_s][0][u"values"_s].toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values[0][0].toInteger(), qint64(1257894000123456789));
        QCOMPARE(values[0][1].toDouble(), 1.5);
        // Without --epoch, times are RFC 3339 strings, as the server writes them.
        const Run rfc = run(server() << u"query"_s << u"SELECT v FROM m"_s << u"--format"_s << u"json"_s);
        QCOMPARE(QJsonDocument::fromJson(rfc.out)[u"results"_s][0][u"series"_s][0][u"values"_s][0][0].toString(),
                 u"2009-11-10T23:00:00.123456789Z"_s);
    }

    void queryEpochUnits_data()
    {
        QTest::addColumn<QString>("epoch");
        QTest::addColumn<QByteArray>("time");
        QTest::newRow("ns") << u"ns"_s << QByteArray("1257894000123456789");
        QTest::newRow("u") << u"u"_s << QByteArray("1257894000123456");
        QTest::newRow("ms") << u"ms"_s << QByteArray("1257894000123");
        QTest::newRow("s") << u"s"_s << QByteArray("1257894000");
        QTest::newRow("m") << u"m"_s << QByteArray("20964900");
        QTest::newRow("h") << u"h"_s << QByteArray("349415");
    }

    void queryEpochUnits()
    {
        QFETCH(QString, epoch);
        QFETCH(QByteArray, time);
        const Run r = run(server() << u"query"_s << u"SELECT v FROM m WHERE host = 'a'"_s << u"--epoch"_s << epoch);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("name,tags,time,v\r\nm,," + time + ",1.5\r\n"));
    }

    void queryTable()
    {
        const Run r = run(server() << u"query"_s << u"SELECT v, n FROM m GROUP BY host"_s << u"--format"_s << u"table"_s);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("name: m\ntags: host=a\n"
                                   "time                           v   n\n"
                                   "------------------------------ --- -\n"
                                   "2009-11-10T23:00:00.123456789Z 1.5 2\n"
                                   "\nname: m\ntags: host=b\n"
                                   "time                           v n\n"
                                   "------------------------------ - -\n"
                                   "2009-11-10T23:00:00.123456790Z 2 \n"));
    }

    void queryJsonLinesWritesBack()
    {
        // jsonl is what `write --input jsonl` reads: typed values (2 stays an integer, 2.0 a float),
        // series tags as tags, nulls left out. Copy m into another database and compare.
        const Run r = run(server() << u"query"_s << u"SELECT * FROM m GROUP BY *"_s << u"--format"_s << u"jsonl"_s
                                   << u"--epoch"_s << u"ns"_s);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray(R"({"measurement":"m","tags":{"host":"a"},"time":1257894000123456789,"fields":{"n":2,"s":"x,y","v":1.5}})" "\n"
                                   R"({"measurement":"m","tags":{"host":"b"},"time":1257894000123456790,"fields":{"v":2.0}})" "\n"));
        const QString copy = freshDatabase(u"jsonlcopy"_s);
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"points.jsonl"_s, r.out);
        QCOMPARE(run(server(copy) << u"write"_s << file << u"--input"_s << u"jsonl"_s).code, 0);
        const Run original = run(server() << u"query"_s << u"SELECT * FROM m"_s << u"--format"_s << u"json"_s);
        const Run copied = run(server(copy) << u"query"_s << u"SELECT * FROM m"_s << u"--format"_s << u"json"_s);
        QCOMPARE(copied.out, original.out);
    }

    void queryChunkedMatchesWhole_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << u"csv"_s;
        QTest::newRow("jsonl") << u"jsonl"_s;
    }

    void queryChunkedMatchesWhole()
    {
        QFETCH(QString, format);
        const Run whole = run(server() << u"query"_s << u"SELECT * FROM m"_s << u"--format"_s << format);
        const Run chunked = run(server() << u"query"_s << u"SELECT * FROM m"_s << u"--format"_s << format << u"--chunked"_s
                                         << u"--chunk-size"_s << u"1"_s);
        QCOMPARE(whole.code, 0);
        QCOMPARE(chunked.code, 0);
        QCOMPARE(chunked.out, whole.out);
        QCOMPARE(whole.out.count('\n'), format == "csv"_L1 ? 3 : 2);
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
        QTest::newRow("bad format") << QStringList{u"query"_s, u"SHOW DATABASES"_s, u"--format"_s, u"xml"_s}
                                    << QByteArray("one of table, csv, json, jsonl");
        QTest::newRow("bad epoch") << QStringList{u"query"_s, u"SHOW DATABASES"_s, u"--epoch"_s, u"days"_s}
                                   << QByteArray("--epoch must be ns, u, ms, s, m or h");
        QTest::newRow("chunked with cache") << QStringList{u"query"_s, u"SELECT 1"_s, u"--chunked"_s, u"--cache"_s}
                                            << QByteArray("cannot be combined with --cache");
        QTest::newRow("bad chunk size") << QStringList{u"query"_s, u"SELECT 1"_s, u"--chunked"_s, u"--chunk-size"_s, u"0"_s}
                                        << QByteArray("--chunk-size must be a positive number");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mentions);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
    }

    void queryTimeRange_data()
    {
        QTest::addColumn<QStringList>("range");
        QTest::addColumn<qint64>("count");
        // Points every 30 min from 2026-10-24T18:00Z, 1 ns either side of each (written in initTimeRange()).
        QTest::newRow("utc") << QStringList{u"--from"_s, u"2026-10-24T22:00:00Z"_s, u"--to"_s, u"2026-10-24T23:00:00Z"_s}
                             << 6LL;
        QTest::newRow("offset, 9 digits") << QStringList{u"--from"_s, u"2026-10-25T00:00:00.000000001+02:00"_s, u"--to"_s,
                                                         u"2026-10-25T01:00:00.000000001+02:00"_s}
                                          << 6LL;
        // The Berlin day the clocks go back has 25 hours.
        QTest::newRow("berlin day") << QStringList{u"--from"_s, u"2026-10-25"_s, u"--to"_s, u"2026-10-26"_s, u"--tz"_s,
                                                   u"Europe/Berlin"_s}
                                    << 150LL;
        QTest::newRow("2 ns") << QStringList{u"--from"_s, u"2026-10-24T21:59:59.999999999Z"_s, u"--to"_s,
                                             u"2026-10-24T22:00:00.000000001Z"_s}
                              << 2LL;
        QTest::newRow("relative, to now") << QStringList{u"--from"_s, u"-30d"_s} << 0LL;
        QTest::newRow("relative both") << QStringList{u"--from=now-50000d"_s, u"--to"_s, u"now+50000d"_s} << 288LL;
    }
    void queryTimeRange()
    {
        QFETCH(QStringList, range);
        QFETCH(qint64, count);
        if (m_rangeDb.isEmpty()) {
            m_rangeDb = freshDatabase(u"cli_range"_s);
            QByteArray lines;
            const qint64 start = 1792864800LL * 1'000'000'000LL; // 2026-10-24T18:00:00Z
            for (qint64 t = start; t < start + 2 * 86400LL * 1'000'000'000LL; t += 1800LL * 1'000'000'000LL) {
                for (const qint64 at : {t - 1, t, t + 1})
                    lines += "m v=1 " + QByteArray::number(at) + '\n';
            }
            QVERIFY(BlockingClient(m_influx.settings(m_rangeDb)).write(lines).ok());
        }
        const Run r = run(server(m_rangeDb) << u"query"_s << u"SELECT count(v) FROM m WHERE $timeFilter"_s << range
                                             << u"--format"_s << u"json"_s);
        QCOMPARE(r.code, 0);
        const QJsonArray values =
            QJsonDocument::fromJson(r.out)[u"results"_s][0][u"series"_s][0][u"values"_s].toArray();
        QCOMPARE(values.isEmpty() ? 0 : values[0][1].toInteger(), count);
    }

    void queryMacros()
    {
        // $from, $to and $interval: one count per hour of the two hours.
        const Run r = run(server() << u"query"_s << u"SELECT count(v) FROM m WHERE time >= $from AND time < $to GROUP BY time($interval)"_s
                                   << u"--from"_s << u"2009-11-10T23:00:00Z"_s << u"--to"_s << u"2009-11-11T01:00:00Z"_s
                                   << u"--width"_s << u"2"_s << u"--format"_s << u"csv"_s << u"--epoch"_s << u"ns"_s);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("name,tags,time,count\r\nm,,1257894000000000000,2\r\nm,,1257897600000000000,0\r\n")); // RFC 4180 line ends
    }

    void queryRangeErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mentions");
        const QString filter = u"SELECT * FROM m WHERE $timeFilter"_s;
        QTest::newRow("macro without range") << QStringList{filter} << QByteArray("the query uses $timeFilter; give the time range with --from");
        QTest::newRow("unknown macro") << QStringList{u"SELECT * FROM m WHERE $timefilter"_s, u"--from"_s, u"-1h"_s}
                                       << QByteArray("Unknown macro $timefilter at line 1, column 23");
        QTest::newRow("unknown macro, no range") << QStringList{u"SELECT * FROM m WHERE $start"_s} << QByteArray("Unknown macro $start");
        QTest::newRow("bad from") << QStringList{filter, u"--from"_s, u"2026-02-30T00:00:00Z"_s}
                                  << QByteArray("The range's start: \"2026-02-30T00:00:00Z\" is not a time: day 30 does not exist");
        QTest::newRow("backwards") << QStringList{filter, u"--from"_s, u"now"_s, u"--to"_s, u"-1h"_s}
                                   << QByteArray("is not before its end");
        QTest::newRow("to without from") << QStringList{filter, u"--to"_s, u"now"_s} << QByteArray("--to needs --from");
        QTest::newRow("bad zone") << QStringList{filter, u"--from"_s, u"2026-01-01"_s, u"--tz"_s, u"Mars/Olympus"_s}
                                  << QByteArray("unknown time zone \"Mars/Olympus\"");
        QTest::newRow("dst gap") << QStringList{filter, u"--from"_s, u"2026-03-29T02:30"_s, u"--tz"_s, u"Europe/Berlin"_s}
                                 << QByteArray("does not exist in Europe/Berlin");
    }
    void queryRangeErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mentions);
        const Run r = run(server() << u"query"_s << args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
        QCOMPARE(r.out, QByteArray());
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

    // ---- write ----

    void writeLineProtocolFromFile()
    {
        const QString db = freshDatabase(u"cli_write_file"_s);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A comment, a CRLF line end, a blank line and no newline at the end.
        const QString file = writeFile(dir, u"points.lp"_s,
                                       "# points\nm,host=a v=1 1000000000\r\n\nm,host=b v=2 2000000000\nm,host=c v=3 3000000000");
        const Run r = run(server(db) << u"write"_s << file);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray());
        QCOMPARE(r.err, QByteArray("Wrote 3 points in 1 batch (0 lines rejected).\n"));
        QCOMPARE(countPoints(db), 3);
        const QJsonArray values = rows(db, u"SELECT v, host FROM m"_s);
        QCOMPARE(values.size(), 3);
        QCOMPARE(values[0].toArray(), QJsonArray({1'000'000'000, 1, u"a"_s}));
        QCOMPARE(values[2].toArray(), QJsonArray({3'000'000'000LL, 3, u"c"_s}));
    }

    void writeLineProtocolFromStdin_data()
    {
        QTest::addColumn<QStringList>("file");
        QTest::newRow("-") << QStringList{u"-"_s};
        QTest::newRow("no FILE") << QStringList{};
    }
    void writeLineProtocolFromStdin()
    {
        QFETCH(QStringList, file);
        const QString db = freshDatabase(u"cli_write_stdin"_s);
        const Run r = runWithInput(server(db) << u"write"_s << file, "m v=1 1\nm v=2 2\n");
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QByteArray("Wrote 2 points in 1 batch (0 lines rejected).\n"));
        QCOMPARE(countPoints(db), 2);
    }

    void writeJsonlValueTypes()
    {
        const QString db = freshDatabase(u"cli_write_jsonl"_s);
        const QByteArray input =
            "{\"measurement\":\"t\",\"time\":1257894000123456789,\"tags\":{\"host\":\"a\"},\"fields\":{\"i\":1,\"f\":1.0,\"b\":true,\"s\":\"x y\",\"n\":null}}" "\n"
            "{\"time\":\"2009-11-10T23:00:01Z\",\"tags\":{\"host\":\"b\"},\"fields\":{\"i\":-2,\"f\":2.5e0,\"b\":false,\"s\":\"z\"}}" "\n"
            "{\"measurement\":\"other\",\"time\":\"2009-11-10T23:00:02.5+01:00\",\"tags\":{\"region\":\"us\"},\"fields\":{\"v\":7}}" "\n";
        const Run r = runWithInput(server(db) << u"write"_s << u"--input"_s << u"jsonl"_s << u"--measurement"_s << u"t"_s
                                              << u"--tag"_s << u"region=eu"_s,
                                   input);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QByteArray("Wrote 3 points in 1 batch (0 lines rejected).\n"));

        // Field types as the server stored them: 1 stays an integer, 1.0 is a float, null is not written.
        BlockingClient client(m_influx.settings(db));
        const auto keys = BlockingAdministration(client).showFieldKeys(u"t"_s);
        QVERIFY(keys.ok());
        const Frame &frame = keys->statements.at(0).series.at(0);
        const Column *key = frame.column(u"fieldKey");
        const Column *type = frame.column(u"fieldType");
        QVERIFY(key && type);
        QMap<QString, QString> types;
        for (size_t row = 0; row < size_t(frame.rowCount()); ++row)
            types.insert(key->values<QString>()[row], type->values<QString>()[row]);
        const QMap<QString, QString> expected{{u"b"_s, u"boolean"_s}, {u"f"_s, u"float"_s}, {u"i"_s, u"integer"_s}, {u"s"_s, u"string"_s}};
        QCOMPARE(types, expected);

        // Times as int ns and as date strings; the point's own measurement wins over --measurement,
        // its own tag over --tag.
        const QJsonArray t = rows(db, u"SELECT b, f, host, i, region, s FROM t"_s);
        QCOMPARE(t.size(), 2);
        QCOMPARE(t[0].toArray(), QJsonArray({1257894000123456789LL, true, 1, u"a"_s, 1, u"eu"_s, u"x y"_s}));
        QCOMPARE(t[1].toArray(), QJsonArray({1257894001000000000LL, false, 2.5, u"b"_s, -2, u"eu"_s, u"z"_s}));
        const QJsonArray other = rows(db, u"SELECT v, region FROM other"_s);
        QCOMPARE(other.size(), 1);
        QCOMPARE(other[0].toArray(), QJsonArray({1257890402500000000LL, 7, u"us"_s}));
    }

    void writeDryRunPrintsLineProtocol()
    {
        // Nothing listens at this URL and no --db is given: a dry run must not need either.
        const QByteArray input =
            "{\"measurement\":\"cpu load\",\"time\":1257894000000000000,\"tags\":{\"zone\":\"z1\",\"host\":\"a,b\",\"empty\":\"\"},"
            "\"fields\":{\"n\":42,\"x\":0.5,\"e\":1e3,\"ok\":true,\"msg\":\"say \\\"hi\\\" \\\\ C:\\\\dir\"}}" "\n"
            "{\"measurement\":\"m\",\"tags\":{\"region\":\"us\"},\"fields\":{\"v\":-7}}" "\n";
        const Run r = runWithInput({u"--url"_s, u"http://127.0.0.1:1"_s, u"write"_s, u"--input"_s, u"jsonl"_s, u"--tag"_s,
                                    u"region=eu"_s, u"--dry-run"_s},
                                   input);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QByteArray("cpu\\ load,host=a\\,b,region=eu,zone=z1 e=1000,msg=\"say \\\"hi\\\" \\\\ C:\\\\dir\",n=42i,ok=true,x=0.5 1257894000000000000"
                                   "\n"
                                   "m,region=us v=-7i\n"));
        QCOMPARE(r.err, QByteArray("Would write 2 points in 1 batch (0 lines rejected).\n"));

        // Line protocol goes out as it is (comments and blank lines aside).
        const Run lp = runWithInput({u"write"_s, u"--dry-run"_s}, "# c\nm,b=2,a=1 v=1 5\n\nm v=\"x\"\n");
        QCOMPARE(lp.code, 0);
        QCOMPARE(lp.out, QByteArray("m,b=2,a=1 v=1 5\nm v=\"x\"\n"));
        QCOMPARE(lp.err, QByteArray("Would write 2 points in 1 batch (0 lines rejected).\n"));
    }

    void writeInvalidLinesAreReported()
    {
        const QString db = freshDatabase(u"cli_write_invalid"_s);
        QTemporaryDir dir;
        const QString file = writeFile(dir, u"points.jsonl"_s,
                                       "{\"measurement\":\"m\",\"time\":1,\"fields\":{\"v\":1}}" "\n"
                                       "not json\n"
                                       "{\"measurement\":\"m\",\"time\":2,\"fields\":{\"v\":2}}" "\n"
                                       "{\"measurement\":\"m\",\"fields\":{}}" "\n"
                                       "\n"
                                       "{\"measurement\":\"m\",\"fields\":{\"v\":[1]}}" "\n"
                                       "{\"measurement\":\"m\",\"time\":\"yesterday\",\"fields\":{\"v\":3}}" "\n"
                                       "{\"measurement\":\"m\",\"time\":4,\"fields\":{\"v\":4}}" "\n"
                                       "{\"measurement\":\"m\",\"time\":5,\"tags\":{\"time\":\"x\"},\"fields\":{\"v\":5}}" "\n");
        const Run r = run(server(db) << u"write"_s << file << u"--input"_s << u"jsonl"_s);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("qinflux: line 2: invalid JSON at byte 0: "), r.err.constData());
        QVERIFY2(r.err.contains("qinflux: line 4: the point has no field"), r.err.constData());
        QVERIFY2(r.err.contains("qinflux: line 6: field \"v\" has type QVariantList; expected a number, bool or string"), r.err.constData());
        QVERIFY2(r.err.contains("qinflux: line 7: the time \"yesterday\" is not"), r.err.constData());
        QVERIFY2(r.err.contains("qinflux: line 9: the tag key \"time\" is \"time\", which the server drops"), r.err.constData());
        QVERIFY2(r.err.endsWith("Wrote 3 points in 1 batch (5 lines rejected).\n"), r.err.constData());
        QCOMPARE(countPoints(db), 3);
    }

    void writeStrictWritesNothing_data()
    {
        QTest::addColumn<bool>("fromStdin");
        QTest::newRow("file") << false;
        QTest::newRow("stdin") << true;
    }
    void writeStrictWritesNothing()
    {
        QFETCH(bool, fromStdin);
        const QString db = freshDatabase(u"cli_write_strict"_s);
        const QByteArray invalid = "{\"measurement\":\"m\",\"fields\":{\"v\":1}}" "\n"
                                   "{\"measurement\":\"m\",\"fields\":{\"v\":\"#\"},\"time\":1.5}" "\n"
                                   "{\"measurement\":\"m\",\"fields\":{\"v\":2}}" "\n"
                                   "[]\n";
        const QByteArray valid = "{\"measurement\":\"m\",\"time\":1,\"fields\":{\"v\":1}}" "\n"
                                 "{\"measurement\":\"m\",\"time\":2,\"fields\":{\"v\":2}}" "\n";
        QTemporaryDir dir;
        auto write = [&](const QByteArray &input) {
            const QStringList args = server(db) << u"write"_s << u"--input"_s << u"jsonl"_s << u"--strict"_s << u"--batch-size"_s << u"1"_s;
            return fromStdin ? runWithInput(args, input) : run(QStringList(args) << writeFile(dir, u"in.jsonl"_s, input));
        };
        Run r = write(invalid);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("qinflux: line 2: the time 1.5 is not a whole number"), r.err.constData());
        QVERIFY2(r.err.contains("qinflux: line 4: the JSON value is not an object"), r.err.constData());
        QVERIFY2(r.err.endsWith("Wrote 0 points in 0 batches (2 lines rejected); --strict: nothing was written.\n"), r.err.constData());
        QCOMPARE(countPoints(db), 0);

        // Valid input is read again (or from memory) and written.
        r = write(valid);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QByteArray("Wrote 2 points in 2 batches (0 lines rejected).\n"));
        QCOMPARE(countPoints(db), 2);
    }

    void writeInBatches()
    {
        const QString db = freshDatabase(u"cli_write_batches"_s);
        const QByteArray input = "m v=1 1\nm v=2 2\nm v=3 3\nm v=4 4\nm v=5 5\n";
        Run r = runWithInput(server(db) << u"write"_s << u"--batch-size"_s << u"2"_s, input);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QByteArray("Wrote 5 points in 3 batches (0 lines rejected).\n"));
        QCOMPARE(countPoints(db), 5);

        r = runWithInput({u"write"_s, u"--batch-size"_s, u"5"_s, u"--dry-run"_s}, input);
        QCOMPARE(r.err, QByteArray("Would write 5 points in 1 batch (0 lines rejected).\n"));
    }

    void writeSendsEachBatchBeforeReadingOn()
    {
        // The first batch is in the database while stdin is still open: the input is streamed.
        const QString db = freshDatabase(u"cli_write_stream"_s);
        QProcess p;
        p.start(QStringLiteral(QINFLUX_CLI_PATH), server(db) << u"write"_s << u"--batch-size"_s << u"1"_s);
        QVERIFY(p.waitForStarted());
        p.write("m v=1 1\n");
        QTRY_COMPARE_WITH_TIMEOUT(countPoints(db), 1, 30'000);
        QCOMPARE(p.state(), QProcess::Running);
        p.write("m v=2 2\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardError(), QByteArray("Wrote 2 points in 2 batches (0 lines rejected).\n"));
        QCOMPARE(countPoints(db), 2);
    }

    void writeStringWithNewlineRoundTrips()
    {
        // LineWriter writes a newline inside a string field as it is; reading that line protocol back
        // must keep the point whole, also where a batch ends.
        const QString db = freshDatabase(u"cli_write_newline"_s);
        const Run printed = runWithInput({u"write"_s, u"--input"_s, u"jsonl"_s, u"--dry-run"_s},
                                         "{\"measurement\":\"m\",\"time\":1,\"fields\":{\"v\":1,\"s\":\"a\\nb\"}}" "\n"
                                         "{\"measurement\":\"m\",\"time\":2,\"fields\":{\"v\":2,\"s\":\"c=\\\"\\n\\n\"}}" "\n");
        QCOMPARE(printed.code, 0);
        QCOMPARE(printed.out, QByteArray("m s=\"a\nb\",v=1i 1\nm s=\"c=\\\"\n\n\",v=2i 2\n"));
        const Run r = runWithInput(server(db) << u"write"_s << u"--batch-size"_s << u"1"_s, printed.out);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QByteArray("Wrote 2 points in 2 batches (0 lines rejected).\n"));
        const QJsonArray values = rows(db, u"SELECT s FROM m"_s);
        QCOMPARE(values.size(), 2);
        QCOMPARE(values[0][1].toString(), u"a\nb"_s);
        QCOMPARE(values[1][1].toString(), u"c=\"\n\n"_s);
    }

    void writePrecision()
    {
        const QString db = freshDatabase(u"cli_write_precision"_s);
        const QByteArray input = "{\"measurement\":\"m\",\"time\":1257894000000000000,\"fields\":{\"v\":1}}" "\n"
                                 "{\"measurement\":\"m\",\"time\":\"2009-11-10T23:00:01Z\",\"fields\":{\"v\":2}}" "\n"
                                 "{\"measurement\":\"m\",\"time\":1257894002500000000,\"fields\":{\"v\":3}}" "\n";
        const QStringList args{u"write"_s, u"--input"_s, u"jsonl"_s, u"--precision"_s, u"s"_s};
        Run r = runWithInput(QStringList(args) << u"--dry-run"_s, input);
        QCOMPARE(r.code, 4);
        QCOMPARE(r.out, QByteArray("m v=1i 1257894000\nm v=2i 1257894001\n"));
        QVERIFY2(r.err.contains("qinflux: line 3: the time is not a whole number of the write precision"), r.err.constData());

        r = runWithInput(server(db) << args, input);
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.endsWith("Wrote 2 points in 1 batch (1 line rejected).\n"), r.err.constData());
        // Line protocol timestamps are read in --precision by the server.
        r = runWithInput(server(db) << u"write"_s << u"--precision"_s << u"s"_s, "m v=4i 1257894003\n");
        QCOMPARE(r.code, 0);
        const QJsonArray values = rows(db, u"SELECT v FROM m"_s);
        QCOMPARE(values.size(), 3);
        QCOMPARE(values[0].toArray(), QJsonArray({1257894000000000000LL, 1}));
        QCOMPARE(values[1].toArray(), QJsonArray({1257894001000000000LL, 2}));
        QCOMPARE(values[2].toArray(), QJsonArray({1257894003000000000LL, 4}));
    }

    void writeUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("bad --input") << QStringList{u"--input"_s, u"csv"_s} << QByteArray("--input must be lp or jsonl, not \"csv\"");
        QTest::newRow("bad --precision") << QStringList{u"--precision"_s, u"us"_s}
                                         << QByteArray("--precision must be n, u, ms, s, m or h, not \"us\"");
        QTest::newRow("--tag without =") << QStringList{u"--input"_s, u"jsonl"_s, u"--tag"_s, u"host"_s}
                                         << QByteArray("--tag must be KEY=VALUE, not \"host\"");
        QTest::newRow("--tag with empty key") << QStringList{u"--input"_s, u"jsonl"_s, u"--tag"_s, u"=a"_s}
                                              << QByteArray("--tag \"=a\" has an empty key");
        QTest::newRow("--tag with empty value") << QStringList{u"--input"_s, u"jsonl"_s, u"--tag"_s, u"a="_s}
                                                << QByteArray("empty value");
        QTest::newRow("--tag time") << QStringList{u"--input"_s, u"jsonl"_s, u"--tag"_s, u"time=1"_s}
                                    << QByteArray("the key is \"time\", which the server drops");
        QTest::newRow("--measurement with lp") << QStringList{u"--measurement"_s, u"m"_s}
                                               << QByteArray("--measurement and --tag apply to --input jsonl only");
        QTest::newRow("--tag with lp") << QStringList{u"--tag"_s, u"a=b"_s} << QByteArray("--measurement and --tag apply to --input jsonl only");
        QTest::newRow("--strict with lp") << QStringList{u"--strict"_s} << QByteArray("--strict applies to --input jsonl only");
        QTest::newRow("bad --batch-size") << QStringList{u"--batch-size"_s, u"0"_s} << QByteArray("--batch-size must be a positive number");
        QTest::newRow("two files") << QStringList{u"a"_s, u"b"_s} << QByteArray("at most one argument");
        QTest::newRow("missing file") << QStringList{u"/nonexistent/points.lp"_s} << QByteArray("cannot open /nonexistent/points.lp");
    }
    void writeUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mentions);
        const Run r = run(QStringList{u"write"_s, u"--dry-run"_s} << args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
        QCOMPARE(r.out, QByteArray());

        const Run noDatabase = runWithInput({u"--url"_s, m_influx.url(), u"write"_s}, "m v=1\n");
        QCOMPARE(noDatabase.code, 2);
        QVERIFY2(noDatabase.err.contains("write needs a database"), noDatabase.err.constData());
    }

    void writeToMissingDatabase()
    {
        const Run r = runWithInput(server(u"cli_no_such_database"_s) << u"write"_s, "m v=1\nm v=2\n");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("database not found"), r.err.constData());
        QVERIFY2(r.err.endsWith("Wrote 0 points in 0 batches (0 lines rejected) before batch 1 (input lines 1 to 2) failed.\n"),
                 r.err.constData());
    }

    void writeStopsAtServerError()
    {
        // The second batch holds a field type conflict: the server writes its valid line and refuses
        // the other; the command stops there and says what was written.
        const QString db = freshDatabase(u"cli_write_partial"_s);
        const Run r = runWithInput(server(db) << u"write"_s << u"--batch-size"_s << u"2"_s,
                                   "m v=1 1\nm v=2 2\nm v=3 3\nm v=\"text\" 4\nm v=5 5\n");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("partial write: field type conflict"), r.err.constData());
        QVERIFY2(r.err.endsWith("Wrote 2 points in 1 batch (0 lines rejected) before batch 2 (input lines 3 to 4) failed. "
                                "The server kept the lines of that batch it could write.\n"),
                 r.err.constData());
        QCOMPARE(countPoints(db), 3);
    }

    void writeCannotConnect()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        const Run r = runWithInput({u"--url"_s, u"http://127.0.0.1:%1"_s.arg(port), u"--db"_s, u"x"_s, u"write"_s}, "m v=1\n");
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains("cannot reach"), r.err.constData());
    }

    void helpMentionsWrite()
    {
        const Run r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("write [FILE|-]"));
        QVERIFY(r.out.contains("4 invalid input lines (write)"));
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "clitest.moc"
