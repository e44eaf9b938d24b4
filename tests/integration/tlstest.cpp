#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "influxfixture.h"
#include "tlscertificate.h"

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
