// The /write connections (HttpConnectionPool): keep-alive reuse, a connection the server closed
// while idle, answers in every framing, timeouts and cancellation. Faults come from the
// fault-injecting server; the real influxd part checks reuse and TCP_NODELAY-era batching there.
#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "faultserver.h"
#include "influxfixture.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;
using namespace std::chrono_literals;
using Test::FaultServer;

class WriteConnectionTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FaultServer> m_server;

    ClientSettings settings() const { return m_server->clientSettings(); }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
    }

    void keepAliveReusesOneConnection()
    {
        m_server->setDefaultResponse(FaultServer::noContent());
        BlockingClient client(settings());
        for (int i = 0; i < 3; ++i)
            QVERIFY(client.write("m v=1 1\n").ok());
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 3);
        for (const auto &request : requests)
            QCOMPARE(request.connection, 0);
        QCOMPARE(requests[0].method, QByteArray("POST"));
        QCOMPARE(requests[0].header("Host"), QByteArray("127.0.0.1:") + QByteArray::number(m_server->port()));
        QCOMPARE(requests[0].header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
        QVERIFY(requests[0].header("User-Agent").startsWith("qinflux/"));
    }

    void concurrentBatchesUseSeveralConnections()
    {
        FaultServer::Response slow = FaultServer::noContent();
        slow.delay = 100ms;
        m_server->setDefaultResponse(slow);
        BlockingClient client(settings());
        WriteOptions options;
        options.batchSize = 1;
        options.concurrency = 2;
        QVERIFY(client.write("m v=1 1\nm v=2 2\nm v=3 3\nm v=4 4\n", options).ok());
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 4);
        QSet<int> connections;
        for (const auto &request : requests)
            connections.insert(request.connection);
        QCOMPARE(connections.size(), 2); // two in flight, each connection kept for the next batch
    }

    void idleConnectionClosedByServerIsResent()
    {
        // The second request arrives on the kept connection and the server closes it without a
        // word, as a server does with an idle keep-alive connection: the client resends it once on
        // a new connection, without spending a retry of the policy.
        FaultServer::Response close;
        close.closeWithoutAnswer = true;
        m_server->enqueue(FaultServer::noContent());
        m_server->enqueue(close);
        m_server->enqueue(FaultServer::noContent());
        ClientSettings s = settings();
        s.retry.maxRetries = 0;
        BlockingClient client(s);
        QVERIFY(client.write("m v=1 1\n").ok());
        const auto written = client.write("m v=2 2\n");
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toString()));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[1].connection, 0);
        QCOMPARE(requests[2].connection, 1);
        QCOMPARE(requests[2].body, QByteArray("m v=2 2\n"));
    }

    void freshConnectionClosedIsAnError()
    {
        FaultServer::Response close;
        close.closeWithoutAnswer = true;
        m_server->setDefaultResponse(close);
        ClientSettings s = settings();
        s.retry.maxRetries = 0;
        BlockingClient client(s);
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Network);
        QCOMPARE(m_server->requestCount(), 1); // nothing resent behind the policy's back
    }

    void answerFramings_data()
    {
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<bool>("closeAfter");
        QTest::newRow("content-length") << false << false;
        QTest::newRow("chunked") << true << false;
        QTest::newRow("connection: close") << false << true;
    }

    void answerFramings()
    {
        QFETCH(bool, chunked);
        QFETCH(bool, closeAfter);
        const QByteArray message = "unable to parse 'm v=': missing field value";
        FaultServer::Response r = FaultServer::json(400, "{\"error\":\"" + message + "\"}");
        if (chunked) {
            r.chunks = {"{\"error\":\"", message, "\"}"};
            r.body.clear();
        }
        if (closeAfter)
            r.headers.append(std::pair<QByteArray, QByteArray>("Connection", "close"));
        m_server->enqueue(r);
        m_server->enqueue(FaultServer::noContent());
        BlockingClient client(settings());
        const auto written = client.write("m v=\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().httpStatus(), 400);
        QVERIFY2(written.error().message().contains(QString::fromLatin1(message)), qPrintable(written.error().toString()));
        // The connection is left in a state fit for the next request (or replaced when closed).
        QVERIFY(client.write("m v=1 1\n").ok());
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[1].connection, closeAfter ? 1 : 0);
    }

    void noAnswerTimesOut()
    {
        FaultServer::Response silent;
        silent.noAnswer = true;
        m_server->setDefaultResponse(silent);
        ClientSettings s = settings();
        s.timeout = 300ms;
        s.retry.maxRetries = 0;
        BlockingClient client(s);
        QElapsedTimer timer;
        timer.start();
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Timeout);
        QVERIFY(timer.elapsed() >= 250 && timer.elapsed() < 3000);
    }

    void cancelWhileWaiting()
    {
        FaultServer::Response silent;
        silent.noAnswer = true;
        m_server->setDefaultResponse(silent);
        Client client(settings());
        Cancellation cancel;
        WriteOptions options;
        options.cancellation = cancel;
        std::optional<Result<void>> outcome;
        QCoro::connect(client.write(QByteArray("m v=1 1\n"), options), this, [&](Result<void> r) { outcome = std::move(r); });
        QTRY_COMPARE(m_server->requestCount(), 1);
        cancel.cancel();
        QTRY_VERIFY(outcome.has_value());
        QVERIFY(!outcome->ok());
        QCOMPARE(outcome->error().kind(), Error::Kind::Cancelled);
    }

    void refusedConnection()
    {
        ClientSettings s = settings();
        m_server.reset(); // nothing listens on that port any more
        s.retry.maxRetries = 0;
        BlockingClient client(s);
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Network);
    }

    void realServerBatchesArriveComplete()
    {
        // 20 batches over 2 keep-alive connections into a real influxd: every point arrives.
        Test::InfluxFixture influx;
        QVERIFY2(influx.start(), qPrintable(influx.error()));
        BlockingClient client(influx.settings(u"wc"_s));
        QVERIFY(BlockingAdministration(client).createDatabase(u"wc"_s).ok());
        QByteArray lines;
        for (int i = 0; i < 20'000; ++i)
            lines += "m,k=" + QByteArray::number(i % 7) + " v=" + QByteArray::number(i) + "i " + QByteArray::number(i) + '\n';
        WriteOptions options;
        options.batchSize = 1000;
        QVERIFY(client.write(lines, options).ok());
        const auto counted = client.query(u"SELECT count(v) FROM m"_s);
        QVERIFY(counted.ok());
        const Frame frame = counted.value().statements.value(0).series.value(0);
        QCOMPARE(frame.rowCount(), 1);
        QCOMPARE(frame.column(u"count")->value(0).toLongLong(), 20'000);
    }
};

QTEST_GUILESS_MAIN(WriteConnectionTest)
#include "writeconnectiontest.moc"
