#include "client/blockingclient.h"
#include "client/influxql.h"
#include "influxfixture.h"

#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The client against a real influxd started by the fixture.
class ClientTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;

    static QString describe(const Error &e) { return Error::kindName(e.kind()) + u": "_s + e.toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    void ping()
    {
        BlockingClient client(m_influx.settings());
        const auto info = client.ping();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : describe(info.error())));
        QVERIFY2(info->version.startsWith(u"1."_s), qPrintable(info->version));
    }

    void writeAndQueryBack()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"write"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.createDatabase(db).ok());
        const QByteArray lines = "cpu_load_short,host=server01,region=us-west value=0.64,count=3i,ok=true,note=\"a \\\"b\\\"\" 1257894000000000000\n"
                                 "cpu_load_short,host=server02,region=us-west value=0.5,count=-9007199254740993i,ok=false,note=\"x\" 1257894000000000001\n"
                                 "cpu_load_short,host=server03,region=us-east value=1.5,count=4i,ok=true,note=\"epoch\" 0\n";
        const auto written = client.write(lines);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : describe(written.error())));

        const auto result = client.query(u"SELECT * FROM cpu_load_short"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : describe(result.error())));
        QCOMPARE(result->statements.size(), 1);
        QCOMPARE(result->statements[0].series.size(), 1);
        const Frame &frame = result->statements[0].series[0];
        QCOMPARE(frame.rowCount(), 3);
        // timestamp 0 is a real timestamp; nanoseconds survive
        QCOMPARE(frame.time(), (std::vector<std::int64_t>{0, 1257894000000000000, 1257894000000000001}));
        QCOMPARE(frame.column(u"host")->values<QString>(), (std::vector<QString>{u"server03"_s, u"server01"_s, u"server02"_s}));
        QCOMPARE(frame.column(u"value")->values<double>(), (std::vector<double>{1.5, 0.64, 0.5}));
        QCOMPARE(frame.column(u"count")->values<std::int64_t>(), (std::vector<std::int64_t>{4, 3, -9007199254740993}));
        QCOMPARE(frame.column(u"ok")->type(), ColumnType::Bool);
        QCOMPARE(frame.column(u"note")->values<QString>()[1], u"a \"b\""_s);
    }

    void groupBy()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"groupby"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.createDatabase(db).ok());
        QVERIFY(client.write("h2o,location=a ph=7 1\nh2o,location=a ph=8 2\nh2o,location=b ph=6.5 1\n").ok());
        const auto result = client.query(u"SELECT mean(ph) FROM h2o GROUP BY location"_s);
        QVERIFY(result.ok());
        const auto &series = result->statements[0].series;
        QCOMPARE(series.size(), 2);
        QCOMPARE(series[0].seriesKey(), u"h2o,location=a"_s);
        QCOMPARE(series[1].seriesKey(), u"h2o,location=b"_s);
        QCOMPARE(series[0].time()[0], std::int64_t(0)); // aggregates without GROUP BY time() have time 0
        QCOMPARE(series[0].column(u"mean")->value(0).toDouble(), 7.5);
    }

    void statementErrorKeepsOtherStatements()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"multi"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.createDatabase(db).ok());
        QVERIFY(client.write("m v=1 1\n").ok());
        // The server stops at the first failing statement; what ran before it stays available.
        const auto result = client.query(u"SELECT * FROM m; SHOW DATABASES; SELECT * FROM m GROUP BY time(1ms)"_s);
        QVERIFY(result.ok());
        QCOMPARE(result->statements.size(), 3);
        QCOMPARE(result->statements[0].series.size(), 1);
        QVERIFY(!result->statements[0].error);
        QVERIFY(!result->statements[1].error);
        QVERIFY(result->statements[1].series[0].column(u"name") != nullptr);
        QVERIFY(result->statements[2].error.has_value());
        QCOMPARE(result->statements[2].error->kind(), Error::Kind::Statement);
        QCOMPARE(result->statements[2].error->statementId(), 2);
        QVERIFY2(result->statements[2].error->message().contains(u"GROUP BY"_s), qPrintable(result->statements[2].error->message()));
    }

    void invalidQuery()
    {
        BlockingClient client(m_influx.settings());
        const auto result = client.query(u"SELEC nonsense"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Error::Kind::Statement);
        QCOMPARE(result.error().httpStatus(), 400);
        QVERIFY2(result.error().message().contains(u"error parsing query"_s), qPrintable(result.error().message()));
    }

    void queryWithoutDatabase()
    {
        BlockingClient client(m_influx.settings());
        const auto result = client.query(u"SELECT * FROM m"_s);
        QVERIFY(result.ok());
        QVERIFY(result->statements[0].error.has_value());
        QVERIFY2(result->statements[0].error->message().contains(u"database name required"_s),
                 qPrintable(result->statements[0].error->message()));
    }

    void writeToMissingDatabase()
    {
        BlockingClient client(m_influx.settings(u"no_such_db"_s));
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::NotFound);
        QVERIFY2(written.error().toString().contains(u"database not found"_s), qPrintable(written.error().toString()));
    }

    void badLineProtocol()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"badlp"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.createDatabase(db).ok());
        const auto written = client.write("m v=1 1\nm\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().httpStatus(), 400);
        QVERIFY2(written.error().toString().contains(u"unable to parse"_s), qPrintable(written.error().toString()));
    }

    void partialWrite()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"partial"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.createDatabase(db).ok());
        QVERIFY(client.write("m v=1 1\n").ok());
        const auto written = client.write("m v=2 2\nm v=\"text\" 3\n"); // field type conflict on the second line
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::PartialWrite);
        QVERIFY2(written.error().detail().contains(u"field type conflict"_s), qPrintable(written.error().detail()));
        const auto result = client.query(u"SELECT count(v) FROM m"_s);
        QVERIFY(result.ok());
        QCOMPARE(result->statements[0].series[0].column(u"count")->value(0).toLongLong(), 2); // the valid line was written
    }

    void hostileNamesNeverInject()
    {
        BlockingClient client(m_influx.settings());
        const QString name = u"x\"; DROP DATABASE \"y"_s;
        QVERIFY(client.createDatabase(u"y"_s).ok());
        QVERIFY(client.createDatabase(name).ok());
        const auto result = client.query(u"SHOW DATABASES"_s);
        QVERIFY(result.ok());
        const auto &names = result->statements[0].series[0].column(u"name")->values<QString>();
        QVERIFY(std::find(names.begin(), names.end(), name) != names.end());
        QVERIFY(std::find(names.begin(), names.end(), u"y"_s) != names.end()); // not dropped
        const auto dropped = client.query(u"DROP DATABASE "_s + InfluxQL::quoteIdentifier(name));
        QVERIFY(dropped.ok() && !dropped->firstError());
    }

    void asyncClient()
    {
        Client client(m_influx.settings());
        bool done = false;
        QCoro::connect(client.ping(), this, [&](const Result<ServerInfo> &info) {
            QVERIFY(info.ok());
            done = true;
        });
        QTRY_VERIFY(done);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } // closed: nothing listens there now
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = port;
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Network);
        QVERIFY2(info.error().message().contains(u"cannot reach"_s), qPrintable(info.error().message()));
    }

    void notInflux()
    {
        // A plain TCP server that answers HTTP without InfluxDB's headers.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.serverPort();
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Server);
        QVERIFY2(info.error().message().contains(u"not InfluxDB"_s), qPrintable(info.error().message()));
    }

    void timeout()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = silent.serverPort();
        settings.timeout = std::chrono::milliseconds(300);
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Timeout);
    }
};

QTEST_GUILESS_MAIN(ClientTest)
#include "clienttest.moc"
