#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "influxfixture.h"
#include "tlscertificate.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// HTTPS against a real influxd with a self-signed certificate made for the test.
class TlsTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    Test::TlsCertificate m_cert;
    Test::InfluxFixture m_influx;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = Test::TlsCertificate::create(m_dir.path());
        QVERIFY2(m_cert.error.isEmpty(), qPrintable(m_cert.error));
        LocalServer::Options options;
        options.httpsCertificate = m_cert.certificate;
        options.httpsPrivateKey = m_cert.privateKey;
        QVERIFY2(m_influx.start(options), qPrintable(m_influx.error()));
        QCOMPARE(m_influx.server().url().scheme(), u"https"_s);
    }

    void verificationFailsByDefault()
    {
        BlockingClient client(m_influx.settings());
        QVERIFY(client.settings().ssl);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Network);
        QVERIFY2(info.error().message().contains(u"TLS"_s), qPrintable(info.error().message()));
        QVERIFY2(info.error().message().contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(info.error().message()));
        QVERIFY(info.error().message().contains(u"--ca-file"_s));
    }

    void passesWithTheCaFile()
    {
        ClientSettings s = m_influx.settings();
        s.caFile = m_cert.certificate;
        BlockingClient client(s);
        const auto info = client.ping();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().toString()));
        QVERIFY(BlockingAdministration(client).createDatabase(u"tls"_s).ok());
        QVERIFY(client.write("m v=1 1\n", {.database = u"tls"_s}).ok());
    }

    void passesWithExplicitOptOut()
    {
        ClientSettings s = m_influx.settings();
        s.insecureSkipVerify = true;
        BlockingClient client(s);
        QVERIFY(client.ping().ok());
    }

    void clientCertificateIsPresented()
    {
        // influxd 1.x asks for no client certificate, so a TLS server of the test's own demands one
        // (a proxy in front of influxd would): the certificate made above, trusted as its own CA.
        QSslServer server;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_cert.certificate);
        QCOMPARE(certs.size(), 1);
        QFile keyFile(m_cert.privateKey);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        config.setLocalCertificate(certs.first());
        config.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa));
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        config.setCaCertificates(certs);
        server.setSslConfiguration(config);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QList<QSslCertificate> presented;
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&] {
            while (auto *socket = qobject_cast<QSslSocket *>(server.nextPendingConnection())) {
                presented << socket->peerCertificate();
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QSslSocket::readyRead, socket, [socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : buffer->left(end).split('\n'))
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    if (buffer->size() < end + 4 + length)
                        return;
                    const bool ping = buffer->startsWith("GET /ping") || buffer->startsWith("HEAD /ping");
                    buffer->clear();
                    const QByteArray body = ping ? QByteArray() : QByteArray(R"({"results":[{"statement_id":0}]})");
                    socket->write((ping ? "HTTP/1.1 204 No Content\r\n" : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
                                  + "X-Influxdb-Version: 1.6.7\r\nContent-Length: "_ba + QByteArray::number(body.size()) + "\r\n\r\n"
                                  + body);
                });
                connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
            }
        });

        ClientSettings s;
        s.host = u"127.0.0.1"_s;
        s.port = server.serverPort();
        s.ssl = true;
        s.caFile = m_cert.certificate;
        s.timeout = std::chrono::seconds(10);
        s.retry.maxRetries = 0;
        {
            BlockingClient without(s);
            QVERIFY(!without.ping().ok()); // the server refuses a connection without a certificate
        }
        QVERIFY(presented.isEmpty());
        s.clientCertificateFile = m_cert.certificate;
        s.clientKeyFile = m_cert.privateKey;
        BlockingClient with(s);
        const auto pong = with.ping();
        QVERIFY2(pong.ok(), qPrintable(pong.ok() ? QString() : pong.error().toString()));
        const auto answer = with.query(u"SHOW DATABASES"_s); // the query transport presents it too
        QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().toString()));
        QVERIFY(!presented.isEmpty());
        for (const QSslCertificate &cert : std::as_const(presented))
            QCOMPARE(cert, certs.first());
    }

    void unreadableCaFile()
    {
        ClientSettings s = m_influx.settings();
        s.caFile = m_dir.filePath(u"missing.pem"_s);
        BlockingClient client(s);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Usage);
        QVERIFY(info.error().message().contains(u"missing.pem"_s));
    }
};

QTEST_GUILESS_MAIN(TlsTest)
#include "tlstest.moc"
