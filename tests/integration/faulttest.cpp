#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "faultserver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;
using namespace std::chrono_literals;
using Test::FaultServer;

// Faults a real influxd will not produce on demand, from the fault-injecting server.
class FaultTest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FaultServer> m_server;

    ClientSettings settings() const { return m_server->clientSettings(); }

    static FaultServer::Response status(int code, QByteArray body = {}, QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        FaultServer::Response r = FaultServer::json(code, std::move(body));
        r.headers += headers;
        return r;
    }

    static QList<Result<QueryResult>> drain(BlockingClient &client, const QString &query)
    {
        QList<Result<QueryResult>> out;
        auto consume = [](Client &c, QString q, QList<Result<QueryResult>> &items) -> QCoro::Task<> {
            auto stream = c.queryChunked(std::move(q));
            for (auto it = co_await stream.begin(); it != stream.end(); co_await ++it)
                items.append(*it);
        };
        QCoro::waitFor(consume(client.async(), query, out));
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FaultServer>();
        QVERIFY(m_server->listen());
    }

    void timeout()
    {
        FaultServer::Response silent;
        silent.noAnswer = true;
        m_server->setDefaultResponse(silent);
        ClientSettings s = settings();
        s.timeout = 300ms;
        BlockingClient client(s);
        QElapsedTimer timer;
        timer.start();
        const auto result = client.query(u"SELECT 1"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Error::Kind::Timeout);
        QVERIFY2(result.error().message().contains(u"within 0.3 s"_s), qPrintable(result.error().message()));
        QVERIFY(timer.elapsed() < 5000);
    }

    void connectionDroppedMidChunk()
    {
        FaultServer::Response r = status(200);
        r.chunks = {R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[1,1.5]],"partial":true}],"partial":true}]})"
                    "\n",
                    R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[2,2.5]]}]}]})" "\n"};
        r.dropAfterChunks = 1;
        m_server->enqueue(r);
        BlockingClient client(settings());
        const auto items = drain(client, u"SELECT v FROM m"_s);
        QCOMPARE(items.size(), 2);
        QVERIFY(items[0].ok());
        QCOMPARE(items[0]->rowCount(), 1);
        QVERIFY(items[0]->statements[0].partial);
        QVERIFY(!items[1].ok());
        QCOMPARE(items[1].error().kind(), Error::Kind::Network);
        QVERIFY2(items[1].error().detail().contains(u"1 chunk(s) arrived"_s), qPrintable(items[1].error().toString()));

        // The same cut, but the connection closes cleanly: the missing continuation is still noticed.
        FaultServer::Response clean = status(200);
        clean.chunks = {r.chunks.first()};
        m_server->enqueue(clean);
        const auto cut = drain(client, u"SELECT v FROM m"_s);
        QCOMPARE(cut.size(), 2);
        QVERIFY(cut[0].ok());
        QCOMPARE(cut[1].error().kind(), Error::Kind::Network);
        QVERIFY(cut[1].error().message().contains(u"before its last chunk"_s));
    }

    void chunksSplitAnywhere()
    {
        // pretty=true style objects span lines, and HTTP chunks cut objects at any byte.
        const QByteArray stream = "{\n  \"results\": [{\"statement_id\": 0, \"series\": [{\"name\": \"m\", \"columns\": [\"time\", \"s\"],\n"
                                  "   \"values\": [[1, \"}{\\\"]\"]], \"partial\": true}], \"partial\": true}]\n}\n"
                                  "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"s\"],\"values\":[[2,\"x\"]]}]}]}\n";
        FaultServer::Response r = status(200);
        for (qsizetype i = 0; i < stream.size(); i += 7)
            r.chunks << stream.mid(i, 7);
        m_server->enqueue(r);
        BlockingClient client(settings());
        const auto items = drain(client, u"SELECT s FROM m"_s);
        QCOMPARE(items.size(), 2);
        QVERIFY(items[0].ok() && items[1].ok());
        QCOMPARE(items[0]->statements[0].series[0].column(u"s")->value(0).toString(), u"}{\"]"_s);
        QCOMPARE(items[1]->statements[0].series[0].time()[0], std::int64_t(2));
    }

    void garbageInStream()
    {
        FaultServer::Response r = status(200);
        r.chunks = {"<html>oops</html>\n"};
        m_server->enqueue(r);
        BlockingClient client(settings());
        const auto items = drain(client, u"SELECT 1"_s);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].error().kind(), Error::Kind::Parse);
    }

    void streamEndsInsideAnObject()
    {
        FaultServer::Response r = status(200);
        r.chunks = {"{\"results\":[{\"statement_id\":0,\"ser"}; // (not a raw string: moc misreads unbalanced braces in them)
        m_server->enqueue(r);
        BlockingClient client(settings());
        const auto items = drain(client, u"SELECT 1"_s);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].error().kind(), Error::Kind::Parse);
        QVERIFY2(items[0].error().message().contains(u"ends inside an answer"_s), qPrintable(items[0].error().toString()));
    }

    void serviceUnavailableThenSuccess()
    {
        m_server->enqueue(status(503, R"({"error":"busy"})", {{"Retry-After", "0"}}));
        m_server->enqueue(status(503, R"({"error":"still busy"})"));
        m_server->enqueue(FaultServer::noContent());
        BlockingClient client(settings());
        const auto written = client.write("m v=1 1\n");
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().toString()));
        QCOMPARE(m_server->requestCount(), 3); // the retries are observed
        const auto requests = m_server->requests();
        QCOMPARE(requests[2].body, QByteArray("m v=1 1\n"));
        QCOMPARE(requests[2].path, QByteArray("/write"));
        QCOMPARE(requests[2].query.queryItemValue(u"db"_s), u"db"_s);
        QCOMPARE(requests[2].query.queryItemValue(u"precision"_s), u"n"_s);
    }

    void retryAfterIsHonoured()
    {
        m_server->enqueue(status(429, R"({"error":"slow down"})", {{"Retry-After", "1"}}));
        m_server->enqueue(FaultServer::noContent());
        BlockingClient client(settings());
        QElapsedTimer timer;
        timer.start();
        QVERIFY(client.write("m v=1 1\n").ok());
        QVERIFY2(timer.elapsed() >= 950, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_server->requestCount(), 2);
    }

    void retriesAreBounded()
    {
        m_server->setDefaultResponse(status(503, R"({"error":"down"})"));
        ClientSettings s = settings();
        s.retry.maxRetries = 2;
        BlockingClient client(s);
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().httpStatus(), 503);
        QVERIFY(written.error().message().contains(u"down"_s));
        QCOMPARE(m_server->requestCount(), 3);
    }

    void totalRetryTimeIsBounded()
    {
        m_server->setDefaultResponse(status(500, R"({"error":"timeout"})"));
        ClientSettings s = settings();
        s.retry.maxRetries = 100;
        s.retry.firstDelay = 100ms;
        s.retry.maxTotal = 250ms;
        BlockingClient client(s);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!client.write("m v=1 1\n").ok());
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(m_server->requestCount(), 2); // 0 ms, then 100 ms; 100 + 200 would pass 250
    }

    void networkErrorIsRetried()
    {
        FaultServer::Response drop;
        drop.closeWithoutAnswer = true;
        m_server->enqueue(drop);
        m_server->enqueue(drop); // Qt itself resends once on a connection closed before any answer
        m_server->enqueue(FaultServer::noContent());
        BlockingClient client(settings());
        QVERIFY(client.write("m v=1 1\n").ok());
        QCOMPARE(m_server->requestCount(), 3);
    }

    void noRetryOnOtherClientErrors()
    {
        m_server->setDefaultResponse(status(400, R"({"error":"unable to parse 'm v=': missing field value"})"));
        BlockingClient client(settings());
        const auto written = client.write("m v=\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Http);
        QVERIFY(written.error().message().contains(u"unable to parse"_s));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void partialWriteIsNotRetried()
    {
        // (ordinary literals: moc misreads \" inside raw strings)
        const QByteArray reason = "partial write: field type conflict: input field \"v\" on measurement \"m\" is type string, "
                                  "already exists as type float dropped=1";
        QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, QString::fromUtf8(reason)}}).toJson(QJsonDocument::Compact);
        m_server->setDefaultResponse(status(400, body, {{"X-Influxdb-Error", reason}}));
        BlockingClient client(settings());
        const auto written = client.write("m v=1 1\nm v=\"x\" 2\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::PartialWrite);
        QVERIFY(written.error().detail().contains(u"dropped=1"_s));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void queriesAreNotRetried()
    {
        m_server->setDefaultResponse(status(503, R"({"error":"busy"})"));
        BlockingClient client(settings());
        QVERIFY(!client.query(u"SELECT 1"_s).ok());
        QCOMPARE(m_server->requestCount(), 1);
    }

    void malformedJson()
    {
        m_server->enqueue(status(200, "{\"results\":[{\"statement_id\":0,"));
        BlockingClient client(settings());
        const auto result = client.query(u"SELECT 1"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Error::Kind::Parse);
    }

    void wrongContentType()
    {
        FaultServer::Response html;
        html.status = 200;
        html.headers = {{"Content-Type", "text/html"}};
        html.body = "<html>proxy login</html>";
        m_server->setDefaultResponse(html);
        BlockingClient client(settings());
        const auto result = client.query(u"SELECT 1"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Error::Kind::Server);
        QVERIFY(result.error().message().contains(u"text/html"_s));
        const auto items = drain(client, u"SELECT 1"_s);
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].error().kind(), Error::Kind::Server);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QVERIFY(info.error().message().contains(u"not InfluxDB"_s));
    }

    void requestShape()
    {
        m_server->setDefaultResponse(status(200, R"({"results":[{"statement_id":0}]})"));
        ClientSettings s = settings();
        s.username = u"me"_s;
        s.password = u"p@ss:word"_s;
        s.retentionPolicy = u"rp one"_s;
        BlockingClient client(s);
        QueryOptions options;
        options.epoch = TimeUnit::Milliseconds;
        options.params = {{u"x"_s, 1}};
        QVERIFY(client.query(u"SELECT a+b FROM \"m\" WHERE x = $x"_s, options).ok());
        const auto request = m_server->requests().first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path, QByteArray("/query"));
        QCOMPARE(request.header("Authorization"), "Basic " + QByteArray("me:p@ss:word").toBase64());
        QVERIFY(request.query.isEmpty()); // nothing secret or long in the URL
        QVERIFY2(request.body.contains("q=SELECT%20a%2Bb%20FROM%20%22m%22%20WHERE%20x%20%3D%20%24x"), request.body.constData());
        QVERIFY(request.body.contains("&db=db&rp=rp%20one&epoch=ms&params=%7B%22x%22%3A1%7D"));
        QVERIFY(request.header("User-Agent").startsWith("qinflux/"));
        // Exactly this value: influxd compares the whole header, and a list with q-values gets JSON.
        QCOMPARE(request.header("Accept"), QByteArray("application/x-msgpack"));
        // No gzip unless asked for: on a LAN it costs the server more than it saves.
        QCOMPARE(request.header("Accept-Encoding"), QByteArray("identity"));
        // The JSON answer of this fault server is taken as well (the fallback).
    }

    void gzipAnswersWhenAsked()
    {
        m_server->setDefaultResponse(status(200, R"({"results":[{"statement_id":0}]})"));
        ClientSettings s = settings();
        s.gzipAnswers = true;
        BlockingClient client(s);
        QVERIFY(client.query(u"SELECT 1"_s).ok());
        QVERIFY(m_server->requests().first().header("Accept-Encoding").contains("gzip"));
    }

    void fastAnswersInManyPieces()
    {
        // Many pieces arriving at once (readyRead after readyRead, then finished) wake the decoding
        // coroutine many times before it runs; it must resume once per wait and never after it
        // moved on (QCoro 0.8's signal awaiter did: a crash on large fast answers).
        FaultServer::Response r = status(200);
        QByteArray values;
        for (int i = 0; i < 2000; ++i)
            values += (i ? ",[" : "[") + QByteArray::number(i) + ',' + QByteArray::number(i) + ".5]";
        const QByteArray body = R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[)" + values
            + "]}]}]}";
        for (qsizetype at = 0; at < body.size(); at += 97)
            r.chunks.append(body.mid(at, 97));
        m_server->setDefaultResponse(r);
        BlockingClient client(settings());
        for (int round = 0; round < 20; ++round) {
            const auto result = client.query(u"SELECT v FROM m"_s);
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
            QCOMPARE(result->rowCount(), 2000);
        }
    }

    void answersLargerThanOneSliceOnOneConnection()
    {
        // Answers bigger than the client's read slice (4 MiB), in HTTP chunks that split rows, and
        // with a Content-Length: decoded piece by piece, and the keep-alive connection is reused.
        QByteArray values;
        const int rows = 400'000;
        for (int i = 0; i < rows; ++i)
            values += (i ? ",[" : "[") + QByteArray::number(i) + ',' + QByteArray::number(i) + ".25]";
        const QByteArray body = R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[)" + values
            + "]}]}]}";
        QVERIFY(body.size() > 3 * (4 << 20) / 2);
        FaultServer::Response chunked = status(200);
        for (qsizetype at = 0; at < body.size(); at += 1'000'003)
            chunked.chunks.append(body.mid(at, 1'000'003));
        FaultServer::Response whole = status(200, body);
        BlockingClient client(settings());
        for (const FaultServer::Response &response : {chunked, whole}) {
            m_server->setDefaultResponse(response);
            const auto result = client.query(u"SELECT v FROM m"_s);
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
            const Frame frame = *result->frame();
            QCOMPARE(frame.rowCount(), rows);
            QCOMPARE(frame.column(u"v"_s)->values<double>().back(), rows - 1 + 0.25);
            QCOMPARE(frame.time().back(), std::int64_t(rows - 1));
        }
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[1].connection, requests[0].connection);
    }

    void logsRequestsButNoSecrets()
    {
        static QStringList messages;
        messages.clear();
        // A category filter, not setFilterRules(): ctest's QT_LOGGING_RULES would win over rules.
        static QLoggingCategory::CategoryFilter previousFilter = nullptr;
        previousFilter = QLoggingCategory::installFilter([](QLoggingCategory *category) {
            if (previousFilter) // null while installFilter() itself runs the new filter
                previousFilter(category);
            if (QByteArrayView(category->categoryName()) == "qinflux.client")
                category->setEnabled(QtDebugMsg, true);
        });
        const QtMessageHandler previous = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &context, const QString &text) {
            if (QByteArrayView(context.category) == "qinflux.client")
                messages << text;
        });
        m_server->setDefaultResponse(status(200, R"({"results":[{"statement_id":0}]})"));
        ClientSettings s = settings();
        s.username = u"user"_s;
        s.password = u"hunter2-secret"_s;
        BlockingClient withPassword(s);
        QVERIFY(withPassword.query(u"SHOW DATABASES"_s).ok());
        s.token = u"token-secret"_s;
        BlockingClient withToken(s);
        QVERIFY(withToken.query(u"SHOW DATABASES"_s).ok());
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(previousFilter);

        QCOMPARE(messages.size(), 2);
        QVERIFY2(messages[0].contains(u"POST"_s) && messages[0].contains(u"/query"_s), qPrintable(messages[0]));
        for (const QString &m : std::as_const(messages)) {
            QVERIFY(!m.contains(u"hunter2"_s));
            QVERIFY(!m.contains(u"token-secret"_s));
            QVERIFY(!m.contains(QString::fromLatin1(QByteArray("user:hunter2-secret").toBase64())));
        }
    }

    void tokenHeader()
    {
        m_server->setDefaultResponse(FaultServer::influxPing());
        ClientSettings s = settings();
        s.token = u"my-token"_s;
        s.username = u"ignored"_s;
        BlockingClient client(s);
        QVERIFY(client.ping().ok());
        QCOMPARE(m_server->requests().first().header("Authorization"), QByteArray("Token my-token"));
    }

    void gzipBody()
    {
        m_server->setDefaultResponse(FaultServer::noContent());
        ClientSettings s = settings();
        s.gzipWrites = true;
        BlockingClient client(s);
        QVERIFY(client.write("m v=1 1\n").ok());
        const auto request = m_server->requests().first();
        QCOMPARE(request.header("Content-Encoding"), QByteArray("gzip"));
        QVERIFY(request.body.startsWith("\x1f\x8b"));
    }

    void cancelChunkedStream()
    {
        FaultServer::Response r = status(200);
        r.chunks = {R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[1,1]]}],"partial":true}]})" "\n",
                    R"({"results":[{"statement_id":0}]})" "\n"};
        r.chunkDelay = 5000ms;
        m_server->enqueue(r);
        Client client(settings());
        Cancellation cancel;
        QueryOptions options;
        options.cancellation = cancel;
        QList<Result<QueryResult>> items;
        bool done = false;
        auto consume = [&]() -> QCoro::Task<> {
            auto stream = client.queryChunked(u"SELECT v FROM m"_s, options);
            for (auto it = co_await stream.begin(); it != stream.end(); co_await ++it) {
                items.append(*it);
                if (items.size() == 1)
                    cancel.cancel();
            }
            done = true;
        };
        QElapsedTimer timer;
        timer.start();
        QCoro::connect(consume(), this, [] {});
        QTRY_VERIFY(done);
        QVERIFY(timer.elapsed() < 4000);
        QCOMPARE(items.size(), 2);
        QVERIFY(items[0].ok());
        QCOMPARE(items[1].error().kind(), Error::Kind::Cancelled);
    }

    void clientDestroyedWhileRequestsAreInFlight()
    {
        // The owner of a Client may go away while a query or a write is on its way (a window
        // closed): the requests end as cancelled, and nothing touches the destroyed client later.
        FaultServer::Response slow = status(200, R"({"results":[{"statement_id":0}]})");
        slow.delay = std::chrono::milliseconds(300);
        m_server->setDefaultResponse(slow);
        auto *client = new Client(settings());
        std::optional<Result<QueryResult>> queried;
        std::optional<Result<void>> written;
        QCoro::connect(client->query(u"SELECT v FROM m"_s), this, [&](const Result<QueryResult> &r) { queried = r; });
        QCoro::connect(client->write(QByteArray("m v=1 1\n")), this, [&](const Result<void> &r) { written = r; });
        QTRY_COMPARE(m_server->requests().size(), 2); // both arrived; the answers are 300 ms away
        delete client;
        QTRY_VERIFY(queried.has_value() && written.has_value());
        QVERIFY(!queried->ok());
        QCOMPARE(queried->error().kind(), Error::Kind::Cancelled);
        QVERIFY(!written->ok());
        QCOMPARE(written->error().kind(), Error::Kind::Cancelled);
        QTest::qWait(400); // the server's late answers find nobody
    }
};

QTEST_GUILESS_MAIN(FaultTest)
#include "faulttest.moc"
