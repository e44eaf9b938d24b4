#include "faultserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using QInflux::Test::FaultServer;

Q_DECLARE_METATYPE(FaultServer::Response)

namespace {

QNetworkRequest request(const FaultServer &server, const QString &pathAndQuery, int timeoutMs = 5000)
{
    QNetworkRequest req(QUrl(server.url() + pathAndQuery));
    req.setTransferTimeout(timeoutMs);
    return req;
}

int statusOf(const QNetworkReply &reply)
{
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Collects every byte a reply delivers through readyRead, even when it later fails.
struct Received {
    explicit Received(QNetworkReply *reply)
    {
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [this, reply] { bytes += reply->readAll(); });
    }
    QByteArray bytes;
};

// How many complete Content-Length responses `buffer` (raw bytes from a socket) holds.
int completeResponses(const QByteArray &buffer)
{
    int count = 0;
    qsizetype pos = 0;
    while (true) {
        const qsizetype end = buffer.indexOf("\r\n\r\n", pos);
        if (end < 0)
            return count;
        const QByteArray head = buffer.mid(pos, end - pos).toLower();
        const qsizetype at = head.indexOf("content-length: ");
        const qsizetype length = at < 0 ? 0 : head.mid(at + 16, head.indexOf('\r', at) - at - 16).toLongLong();
        if (buffer.size() < end + 4 + length)
            return count;
        pos = end + 4 + length;
        ++count;
    }
}

} // namespace

class FaultServerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonResponseAndRecordedRequest()
    {
        FaultServer server;
        QVERIFY(server.listen());
        QVERIFY(server.port() > 0);
        QCOMPARE(server.url(), u"http://127.0.0.1:%1"_s.arg(server.port()));
        QSignalSpy received(&server, &FaultServer::requestReceived);
        server.enqueue(FaultServer::json(200, R"({"results":[{"statement_id":0}]})"_ba));

        QNetworkAccessManager nam;
        QNetworkRequest req = request(server, u"/query?db=my%20db&q=SELECT+mean(v)+FROM+cpu&epoch=ns"_s);
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        req.setRawHeader("X-Test-Header", "hello");
        std::unique_ptr<QNetworkReply> reply(nam.post(req, "q=SHOW+DATABASES"_ba));
        QTRY_VERIFY(reply->isFinished());

        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(statusOf(*reply), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"application/json"_s);
        QCOMPARE(reply->rawHeader("X-Influxdb-Version"), "1.6.7"_ba);
        QCOMPARE(reply->rawHeader("Connection"), "keep-alive"_ba);
        QCOMPARE(reply->readAll(), R"({"results":[{"statement_id":0}]})"_ba);

        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().first().toInt(), 0);
        QCOMPARE(server.requestCount(), 1);
        const FaultServer::Request recorded = server.requests().first();
        QCOMPARE(recorded.method, "POST"_ba);
        QCOMPARE(recorded.path, "/query"_ba);
        QCOMPARE(recorded.query.queryItemValue(u"db"_s, QUrl::FullyDecoded), u"my db"_s);
        QCOMPARE(recorded.query.queryItemValue(u"q"_s, QUrl::FullyDecoded), u"SELECT mean(v) FROM cpu"_s);
        QCOMPARE(recorded.query.queryItemValue(u"epoch"_s), u"ns"_s);
        QCOMPARE(recorded.header("x-test-header"_ba), "hello"_ba);
        QCOMPARE(recorded.header("CONTENT-TYPE"_ba), "application/x-www-form-urlencoded"_ba);
        QCOMPARE(recorded.header("X-Absent"_ba), QByteArray());
        QCOMPARE(recorded.body, "q=SHOW+DATABASES"_ba);
    }

    void keepAliveTwoRequests()
    {
        FaultServer server;
        QVERIFY(server.listen());
        server.enqueue(FaultServer::influxPing());
        server.enqueue(FaultServer::noContent());
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> ping(nam.get(request(server, u"/ping"_s)));
        QTRY_VERIFY(ping->isFinished());
        QCOMPARE(ping->error(), QNetworkReply::NoError);
        QCOMPARE(statusOf(*ping), 204);
        QCOMPARE(ping->rawHeader("X-Influxdb-Build"), "OSS"_ba);
        QCOMPARE(ping->rawHeader("X-Influxdb-Version"), "1.6.7"_ba);

        QNetworkRequest writeRequest = request(server, u"/write?db=x"_s);
        writeRequest.setHeader(QNetworkRequest::ContentTypeHeader, u"text/plain"_s);
        std::unique_ptr<QNetworkReply> write(nam.post(writeRequest, "cpu v=1 1\n"_ba));
        QTRY_VERIFY(write->isFinished());
        QCOMPARE(write->error(), QNetworkReply::NoError);
        QCOMPARE(statusOf(*write), 204);
        QCOMPARE(write->rawHeader("X-Influxdb-Version"), "1.6.7"_ba);

        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).body, "cpu v=1 1\n"_ba);
    }

    // On one raw socket: a request whose header arrives in pieces, then a chunked request body,
    // then Connection: close, which the server honours.
    void keepAliveOnOneSocketWithSplitReads()
    {
        FaultServer server;
        QVERIFY(server.listen());
        server.enqueue(FaultServer::json(200, "one"_ba));
        server.enqueue(FaultServer::json(200, "two"_ba));
        server.enqueue(FaultServer::json(200, "three"_ba));

        QTcpSocket socket;
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);

        const QList<QByteArray> pieces = {"GET /ping?verb", "ose=true HTTP/1.1\r\nHo", "st: x\r\nX-A: 1\r", "\n\r", "\n"};
        for (const QByteArray &piece : pieces) {
            QCOMPARE(server.requestCount(), 0);
            socket.write(piece);
            QTRY_COMPARE(socket.bytesToWrite(), 0); // runs the event loop, so the server reads the piece
        }
        QTRY_COMPARE(server.requestCount(), 1);
        QTRY_COMPARE(completeResponses(answer), 1);
        QVERIFY(answer.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(answer.contains("\r\nConnection: keep-alive\r\n"));
        QVERIFY(answer.endsWith("\r\n\r\none"));
        QCOMPARE(server.requests().at(0).path, "/ping"_ba);
        QCOMPARE(server.requests().at(0).query.queryItemValue(u"verbose"_s), u"true"_s);
        QCOMPARE(server.requests().at(0).header("x-a"_ba), "1"_ba);

        socket.write("POST /write HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7\r\ncpu v"_ba);
        QTRY_COMPARE(socket.bytesToWrite(), 0);
        socket.write("=1\r\n4;ext=1\r\n 123\r\n0\r\n\r\n"_ba);
        QTRY_COMPARE(server.requestCount(), 2);
        QCOMPARE(server.requests().at(1).body, "cpu v=1 123"_ba);
        QTRY_COMPARE(completeResponses(answer), 2);
        QVERIFY(answer.endsWith("\r\n\r\ntwo"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);

        socket.write("GET /query HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba);
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(completeResponses(answer), 3);
        QVERIFY(answer.endsWith("\r\nConnection: close\r\n\r\nthree"));
        QCOMPARE(server.requestCount(), 3);
    }

    void concurrentConnections()
    {
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response slow = FaultServer::json(200, "slow"_ba);
        slow.delay = 1s; // ample margin for the fast answer on a loaded machine
        server.enqueue(slow);
        server.enqueue(FaultServer::json(200, "fast"_ba));
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> first(nam.get(request(server, u"/a"_s)));
        QTRY_COMPARE(server.requestCount(), 1);
        std::unique_ptr<QNetworkReply> second(nam.get(request(server, u"/b"_s))); // a second connection
        QTRY_VERIFY(second->isFinished());
        QVERIFY(!first->isFinished()); // the slow answer does not hold up the other connection
        QCOMPARE(second->readAll(), "fast"_ba);
        QTRY_VERIFY(first->isFinished());
        QCOMPARE(first->readAll(), "slow"_ba);
        QCOMPARE(server.requests().at(0).path, "/a"_ba);
        QCOMPARE(server.requests().at(1).path, "/b"_ba);
    }

    void chunkedResponse()
    {
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response chunked = FaultServer::json(200, {});
        chunked.chunks = {R"({"results":[{"statement_id":0,"partial":true}]})"_ba + '\n',
                          R"({"results":[{"statement_id":0,"partial":true}]})"_ba + '\n',
                          R"({"results":[{"statement_id":0}]})"_ba + '\n'};
        chunked.chunkDelay = 30ms;
        server.enqueue(chunked);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query?chunked=true"_s)));
        Received received(reply.get());
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->rawHeader("Transfer-Encoding"), "chunked"_ba);
        QVERIFY(!reply->hasRawHeader("Content-Length"));
        received.bytes += reply->readAll();
        QCOMPARE(received.bytes, chunked.chunks.join());
    }

    void dropAfterChunks_data()
    {
        QTest::addColumn<int>("chunkDelayMs");
        QTest::newRow("with chunk delay") << 50;
        QTest::newRow("at once") << 0;
    }
    void dropAfterChunks()
    {
        QFETCH(int, chunkDelayMs);
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response dropped = FaultServer::json(200, {});
        dropped.chunks = {"first\n"_ba, "second\n"_ba, "third\n"_ba};
        dropped.chunkDelay = std::chrono::milliseconds(chunkDelayMs);
        dropped.dropAfterChunks = 1;
        server.enqueue(dropped);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query?chunked=true"_s)));
        Received received(reply.get());
        QTRY_VERIFY(reply->isFinished());
        received.bytes += reply->readAll();
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(statusOf(*reply), 200);
        QCOMPARE(received.bytes, "first\n"_ba);
        QCOMPARE(server.requestCount(), 1); // bytes arrived, so the client does not resend
    }

    void dropBeforeContentLengthBody()
    {
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response dropped = FaultServer::json(200, R"({"results":[]})"_ba);
        dropped.dropAfterChunks = 0;
        server.enqueue(dropped);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query"_s)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    }

    void noAnswer()
    {
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response silent;
        silent.noAnswer = true;
        server.enqueue(silent);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query"_s, 300)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QTRY_COMPARE(server.requestCount(), 1);
        QVERIFY(!reply->isFinished());
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(server.requestCount(), 1);
    }

    void closeWithoutAnswer()
    {
        FaultServer server;
        QVERIFY(server.listen());
        FaultServer::Response hangUp;
        hangUp.closeWithoutAnswer = true;
        // QNetworkAccessManager resends a request whose connection closed before any answer.
        server.setDefaultResponse(hangUp);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query"_s)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QVERIFY(reply->readAll().isEmpty());
        QVERIFY(server.requestCount() >= 1);
        qInfo("QNetworkAccessManager sent the request %d times", server.requestCount());
    }

    void responseArrivesIntact_data()
    {
        QTest::addColumn<FaultServer::Response>("response");
        QTest::addColumn<QNetworkReply::NetworkError>("error");

        FaultServer::Response unavailable = FaultServer::json(503, R"({"error":"overloaded"})"_ba);
        unavailable.headers.append({"Retry-After"_ba, "7"_ba});
        QTest::newRow("503 with Retry-After") << unavailable << QNetworkReply::ServiceUnavailableError;

        // Truncated JSON; an ordinary literal because moc loses track of braces in raw strings.
        QTest::newRow("malformed JSON") << FaultServer::json(200, "{\"results\":[{\"series\":[{\"na"_ba)
                                        << QNetworkReply::NoError;

        FaultServer::Response html;
        html.status = 502;
        html.headers = {{"Content-Type"_ba, "text/html"_ba}};
        html.body = "<html><body>Bad Gateway</body></html>"_ba;
        QTest::newRow("wrong content type") << html << QNetworkReply::UnknownServerError;

        FaultServer::Response delayed = FaultServer::json(200, "{}"_ba);
        delayed.delay = 100ms;
        QTest::newRow("delayed") << delayed << QNetworkReply::NoError;
    }
    void responseArrivesIntact()
    {
        QFETCH(FaultServer::Response, response);
        QFETCH(QNetworkReply::NetworkError, error);
        FaultServer server;
        QVERIFY(server.listen());
        server.enqueue(response);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/query"_s)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), error);
        QCOMPARE(statusOf(*reply), response.status);
        for (const auto &[name, value] : response.headers)
            QCOMPARE(reply->rawHeader(name), value);
        QCOMPARE(reply->rawHeader("Content-Length"), QByteArray::number(response.body.size()));
        QCOMPARE(reply->readAll(), response.body);
    }

    void queueOrderThenDefault()
    {
        FaultServer server;
        QVERIFY(server.listen());
        server.enqueue(FaultServer::json(200, "first"_ba));
        server.enqueue(FaultServer::json(400, "second"_ba));
        QNetworkAccessManager nam;

        const auto fetch = [&](const QString &path) {
            std::unique_ptr<QNetworkReply> reply(nam.get(request(server, path)));
            if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
                return std::pair(-1, QByteArray());
            return std::pair(statusOf(*reply), reply->readAll());
        };
        QCOMPARE(fetch(u"/1"_s), std::pair(200, "first"_ba));
        QCOMPARE(fetch(u"/2"_s), std::pair(400, "second"_ba));
        QCOMPARE(fetch(u"/3"_s), std::pair(404, "404 page not found\n"_ba));
        QCOMPARE(fetch(u"/4"_s), std::pair(404, "404 page not found\n"_ba));
        server.setDefaultResponse(FaultServer::json(200, "default"_ba));
        QCOMPARE(fetch(u"/5"_s), std::pair(200, "default"_ba));
        server.enqueue(FaultServer::json(201, "queued"_ba));
        QCOMPARE(fetch(u"/6"_s), std::pair(201, "queued"_ba));
        QCOMPARE(fetch(u"/7"_s), std::pair(200, "default"_ba));
        QCOMPARE(server.requestCount(), 7);
    }

    void slotMayEnqueueTheAnswer()
    {
        FaultServer server;
        QVERIFY(server.listen());
        connect(&server, &FaultServer::requestReceived, &server, [&server](int index) {
            server.enqueue(FaultServer::json(200, "answer to " + server.requests().at(index).path));
        });
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(request(server, u"/ping"_s)));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->readAll(), "answer to /ping"_ba);
    }

    void destructorClosesConnections()
    {
        auto server = std::make_unique<FaultServer>();
        QVERIFY(server->listen());
        FaultServer::Response silent;
        silent.noAnswer = true;
        server->setDefaultResponse(silent);
        QNetworkAccessManager nam;

        std::unique_ptr<QNetworkReply> reply(nam.get(request(*server, u"/query"_s)));
        QTRY_COMPARE(server->requestCount(), 1);
        const quint16 port = server->port();
        server.reset();
        QTRY_VERIFY(reply->isFinished());
        QVERIFY(reply->error() != QNetworkReply::NoError);

        QTcpSocket socket; // nothing listens any more
        socket.connectToHost(u"127.0.0.1"_s, port);
        QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    }
};

QTEST_GUILESS_MAIN(FaultServerTest)
#include "faultservertest.moc"
