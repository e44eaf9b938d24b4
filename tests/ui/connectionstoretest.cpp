#include <QInflux/wait.h>
#include "connections/connectionlistmodel.h"
#include "connections/connectionstore.h"
#include "connections/keychainsecretstore.h"
#include "connections/savedconnection.h"
#include "offscreen.h"
#include "testsecretstores.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QIcon>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

SavedConnection sample(const QString &name)
{
    SavedConnection c;
    c.name = name;
    c.url = u"https://influx.example.com:8443/influx"_s;
    c.database = u"telegraf"_s;
    c.username = u"grafana"_s;
    c.auth = SavedConnection::Auth::Password;
    c.verifyTls = false;
    c.cacheResults = false;
    return c;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

// The saved connections: settings in an INI file, secrets only in the secret store.
class ConnectionStoreTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshFile() { return m_dir.filePath(u"connections-%1.conf"_s.arg(++m_files)); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void validation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QString>("problem"); // start of the message, empty = valid

        QTest::newRow("ok") << u"prod"_s << u"http://localhost:8086"_s << QString() << QString();
        QTest::newRow("https with prefix") << u"prod"_s << u"https://h:8443/influx"_s << QString() << QString();
        QTest::newRow("no name") << u"  "_s << u"http://localhost:8086"_s << QString() << u"Name:"_s;
        QTest::newRow("not a URL") << u"x"_s << u"localhost 8086"_s << QString() << u"URL:"_s;
        QTest::newRow("wrong scheme") << u"x"_s << u"ftp://h"_s << QString() << u"URL:"_s;
        QTest::newRow("password in URL") << u"x"_s << u"http://u:secret@h:8086"_s << QString() << u"URL: remove the user name"_s;
        QTest::newRow("missing CA file") << u"x"_s << u"https://h"_s << u"/nonexistent/ca.pem"_s << u"CA file:"_s;
    }

    void validation()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QString, caFile);
        QFETCH(QString, problem);
        SavedConnection c;
        c.name = name;
        c.url = url;
        c.caFile = caFile;
        const QString found = c.validate();
        if (problem.isEmpty()) {
            QCOMPARE(found, QString());
            const auto settings = c.clientSettings(u"pw"_s);
            QVERIFY(settings.ok());
        } else {
            QVERIFY2(found.startsWith(problem), qPrintable(found));
            QVERIFY(!c.clientSettings(u"pw"_s).ok());
        }
    }

    void clientSettingsCarryAuthAndTls()
    {
        SavedConnection c = sample(u"p"_s);
        c.caFile = m_dir.filePath(u"ca.pem"_s); // validation wants an existing file; TLS reads it later
        QFile ca(c.caFile);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.close();
        auto settings = c.clientSettings(u"pw"_s);
        QVERIFY(settings.ok());
        QCOMPARE(settings->host, u"influx.example.com"_s);
        QCOMPARE(settings->port, 8443);
        QVERIFY(settings->ssl);
        QCOMPARE(settings->pathPrefix, u"/influx"_s);
        QCOMPARE(settings->database, u"telegraf"_s);
        QCOMPARE(settings->username, u"grafana"_s);
        QCOMPARE(settings->password, u"pw"_s);
        QVERIFY(settings->token.isEmpty());
        QVERIFY(settings->insecureSkipVerify);
        QCOMPARE(settings->caFile, c.caFile);

        c.auth = SavedConnection::Auth::Token;
        settings = c.clientSettings(u"tok"_s);
        QCOMPARE(settings->token, u"tok"_s);
        QVERIFY(settings->password.isEmpty());
        QVERIFY(settings->username.isEmpty());

        SavedConnection open;
        open.name = u"open"_s;
        open.url = u"http://h:8086"_s;
        QVERIFY(!open.needsSecret());
        QVERIFY(!SavedConnection::sandbox().needsSecret());
        QVERIFY(c.needsSecret());
    }

    void saveAndLoad()
    {
        const QString file = freshFile();
        QString prodId;
        QString tokenId;
        {
            ConnectionStore store(std::make_unique<Test::MemorySecretStore>(), file);
            QCOMPARE(store.count(), 1);
            QVERIFY(store.at(0).isSandbox());
            prodId = store.add(sample(u"prod"_s));
            SavedConnection token = sample(u"cloud"_s);
            token.auth = SavedConnection::Auth::Token;
            token.username.clear();
            token.verifyTls = true;
            token.cacheResults = true;
            tokenId = store.add(token);
            SavedConnection sandbox = store.at(0);
            sandbox.cacheResults = false;
            QVERIFY(store.update(sandbox));
            store.setLastUsed(tokenId);
        }
        ConnectionStore loaded(std::make_unique<Test::MemorySecretStore>(), file);
        QCOMPARE(loaded.count(), 3);
        QVERIFY(loaded.at(0).isSandbox());
        QCOMPARE(loaded.at(0).cacheResults, false);
        SavedConnection expected = sample(u"prod"_s);
        expected.id = prodId;
        QCOMPARE(loaded.at(1), expected);
        QCOMPARE(loaded.at(2).id, tokenId);
        QCOMPARE(loaded.at(2).auth, SavedConnection::Auth::Token);
        QCOMPARE(loaded.at(2).verifyTls, true);
        QCOMPARE(loaded.at(2).cacheResults, true);
        QCOMPARE(loaded.lastUsed(), tokenId);
    }

    void sandboxKeepsItsNameAndCannotBeRemoved()
    {
        ConnectionStore store(std::make_unique<Test::MemorySecretStore>(), freshFile());
        SavedConnection renamed = store.at(0);
        renamed.name = u"hacked"_s;
        renamed.url = u"http://elsewhere:1"_s;
        QVERIFY(store.update(renamed));
        QCOMPARE(store.at(0).name, SavedConnection::sandbox().name);
        QCOMPARE(store.at(0).url, SavedConnection::sandbox().url);
        const auto removed = blockOn(store.remove(SavedConnection::sandboxId()));
        QVERIFY(!removed.ok());
        QCOMPARE(store.count(), 1);
        QVERIFY(blockOn(store.duplicate(SavedConnection::sandboxId())).isEmpty());
    }

    void secretNeverInTheSettingsFile()
    {
        const QString file = freshFile();
        const QString secret = u"S3cret-pässword!"_s;
        auto secrets = std::make_unique<Test::MemorySecretStore>();
        Test::MemorySecretStore *memory = secrets.get();
        ConnectionStore store(std::move(secrets), file);
        const QString id = store.add(sample(u"prod"_s));
        QVERIFY(blockOn(store.setSecret(id, secret)).ok());
        const QString copy = blockOn(store.duplicate(id));
        QVERIFY(!copy.isEmpty());
        QCOMPARE(store.settingsFileName(), file);

        const QByteArray bytes = fileBytes(file);
        QVERIFY(bytes.contains("grafana")); // the file is the one written...
        QVERIFY(bytes.contains(id.toUtf8()));
        QVERIFY(!bytes.contains(secret.toUtf8())); // ...and holds no secret in any encoding
        QVERIFY(!bytes.contains("S3cret"));
        QVERIFY(!bytes.contains(secret.toUtf8().toBase64()));
        QVERIFY(!bytes.contains(QByteArray("S3cret").toPercentEncoding()));
        QCOMPARE(memory->entries.size(), 2); // the original's and the copy's
        QCOMPARE(blockOn(store.secret(copy)).secret, secret);

        QVERIFY(blockOn(store.remove(id)).ok());
        QCOMPARE(blockOn(store.secret(id)).status, SecretLookup::Status::NotFound);
        QCOMPARE(memory->entries.size(), 1);
    }

    void noKeychainStoresNothing()
    {
        const QString file = freshFile();
        ConnectionStore store(std::make_unique<Test::NoKeychainStore>(), file);
        const QString id = store.add(sample(u"prod"_s));
        const auto written = blockOn(store.setSecret(id, u"S3cret"_s));
        QVERIFY(!written.ok());
        QVERIFY(written.error().message().contains(Test::NoKeychainStore::reason()));
        QCOMPARE(blockOn(store.secrets()->unavailableReason()), Test::NoKeychainStore::reason());
        QVERIFY(!fileBytes(file).contains("S3cret"));
    }

    void realKeychainWithoutSessionBus()
    {
        // The CI case: no D-Bus session, so no Secret Service. QtKeychain must report it, and
        // must not fall back to a plain-text file.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        KeychainSecretStore keychain(u"QInflux test %1"_s.arg(QCoreApplication::applicationPid()));
        keychain.setTimeout(std::chrono::seconds(20));
        const SecretLookup lookup = blockOn(keychain.read(u"connection/x"_s));
        QCOMPARE(lookup.status, SecretLookup::Status::Unavailable);
        QVERIFY(!lookup.reason.isEmpty());
        qInfo().noquote() << "keychain unavailable:" << lookup.reason;
        const auto written = blockOn(keychain.write(u"connection/x"_s, u"S3cret"_s));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Io);
        QVERIFY(!blockOn(keychain.unavailableReason()).isEmpty());
    }

    void realKeychainRoundTrip()
    {
        // Run by the ctest entry connectionstoretest_secretservice inside a private D-Bus session
        // with an unlocked gnome-keyring (scripts/with-secret-service.sh): the real store path.
        if (!qEnvironmentVariableIsSet("QINFLUX_TEST_SECRET_SERVICE"))
            QSKIP("needs a Secret Service: see the connectionstoretest_secretservice test");
        const QString file = freshFile();
        ConnectionStore store(std::make_unique<KeychainSecretStore>(u"QInflux test"_s), file);
        QCOMPARE(blockOn(store.secrets()->unavailableReason()), QString());
        const QString id = store.add(sample(u"prod"_s));
        QCOMPARE(blockOn(store.secret(id)).status, SecretLookup::Status::NotFound);
        const QString secret = u"Keychain-S3cret"_s;
        const auto written = blockOn(store.setSecret(id, secret));
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message()));
        const SecretLookup found = blockOn(store.secret(id));
        QCOMPARE(found.status, SecretLookup::Status::Found);
        QCOMPARE(found.secret, secret);
        QVERIFY(!fileBytes(file).contains("Keychain-S3cret"));
        QVERIFY(blockOn(store.remove(id)).ok());
        KeychainSecretStore again(u"QInflux test"_s);
        QCOMPARE(blockOn(again.read(u"connection/"_s + id)).status, SecretLookup::Status::NotFound);
    }

    void listModel()
    {
        ConnectionStore store(std::make_unique<Test::MemorySecretStore>(), freshFile());
        ConnectionListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(ConnectionListModel::IsSandboxRole).toBool(), true);
        QVERIFY(!model.index(0).data(Qt::DecorationRole).value<QIcon>().isNull());

        const QString a = store.add(sample(u"a"_s));
        const QString b = store.add(sample(u"b"_s));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data().toString(), u"b"_s);
        QCOMPARE(model.index(1).data(ConnectionListModel::IdRole).toString(), a);
        QVERIFY(model.index(1).data(Qt::ToolTipRole).toString().contains(u"telegraf"_s));

        const QString copy = blockOn(store.duplicate(a));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2).data(ConnectionListModel::IdRole).toString(), copy);
        QCOMPARE(model.index(2).data().toString(), u"a (copy)"_s);

        SavedConnection renamed = store.at(store.indexOf(b));
        renamed.name = u"b2"_s;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(store.update(renamed));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(3).data().toString(), u"b2"_s);

        QVERIFY(blockOn(store.remove(a)).ok());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1).data(ConnectionListModel::IdRole).toString(), copy);
        QCOMPARE(model.index(1, 0, model.index(0)).isValid(), false);
    }
};

QTEST_MAIN(ConnectionStoreTest)
#include "connectionstoretest.moc"
