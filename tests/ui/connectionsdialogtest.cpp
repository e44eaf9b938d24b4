#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include "connections/connectionsession.h"
#include "connections/connectioncombobox.h"
#include "connections/connectionform.h"
#include "connections/connectionlistmodel.h"
#include "connections/connectionsdialog.h"
#include "connections/connectionstore.h"
#include "connections/connectionswitcher.h"
#include "connections/secretpromptdialog.h"
#include "influxfixture.h"
#include "mainwindow/mainwindow.h"
#include "offscreen.h"
#include "testsecretstores.h"
#include "tlscertificate.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {
const QString s_user = u"admin"_s;
const QString s_password = u"right-Passw0rd+"_s; // QTest::keyClicks types ASCII only

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void typeInto(QWidget *parent, const QString &objectName, const QString &text)
{
    auto *edit = parent->findChild<QLineEdit *>(objectName);
    QVERIFY2(edit, qPrintable(objectName));
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void click(QWidget *parent, const QString &objectName)
{
    auto *button = parent->findChild<QPushButton *>(objectName);
    QVERIFY2(button, qPrintable(objectName));
    QVERIFY2(button->isEnabled(), qPrintable(objectName));
    QTest::mouseClick(button, Qt::LeftButton);
}

/// The prompt shown on `window`, answered with `secret` (or cancelled when empty).
void answerPrompt(QWidget *window, const QString &secret, QString *reason = nullptr, bool *offersRemember = nullptr)
{
    const auto visiblePrompt = [window]() -> SecretPromptDialog * {
        for (auto *prompt : window->findChildren<SecretPromptDialog *>()) {
            if (prompt->isVisible())
                return prompt;
        }
        return nullptr;
    };
    SecretPromptDialog *prompt = nullptr;
    QTRY_VERIFY(prompt = visiblePrompt());
    QVERIFY(QTest::qWaitForWindowExposed(prompt));
    if (reason)
        *reason = prompt->findChild<QLabel *>(u"reasonLabel"_s)->text();
    if (offersRemember)
        *offersRemember = !prompt->findChild<QCheckBox *>(u"rememberCheck"_s)->isHidden();
    auto *buttons = prompt->findChild<QDialogButtonBox *>();
    if (secret.isEmpty()) {
        QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
        return;
    }
    QTest::keyClicks(prompt->findChild<QLineEdit *>(u"secretEdit"_s), secret);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

} // namespace

// The connections manager, offscreen, against a real influxd with authentication on.
class ConnectionsDialogTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx; // authentication on
    Test::InfluxFixture m_tls;    // HTTPS with a self-signed certificate, no authentication
    Test::TlsCertificate m_cert;
    QTemporaryDir m_dir;
    QString m_version;
    int m_files = 0;

    /// A window with a session, a store over `secrets` and a switcher: what MainWindow wires.
    struct Rig
    {
        QWidget window;
        ConnectionSession session;
        ConnectionStore *store = nullptr;
        ConnectionSwitcher *switcher = nullptr;
        QString file;
    };
    std::unique_ptr<Rig> rig(std::unique_ptr<SecretStore> secrets)
    {
        auto r = std::make_unique<Rig>();
        r->file = m_dir.filePath(u"c%1.conf"_s.arg(++m_files));
        r->store = new ConnectionStore(std::move(secrets), r->file, &r->window);
        r->switcher = new ConnectionSwitcher(r->store, &r->session, &r->window);
        r->window.show();
        return r;
    }
    SavedConnection fixtureConnection(const QString &name, bool cache = true) const
    {
        SavedConnection c;
        c.name = name;
        c.url = m_influx.url();
        c.username = s_user;
        c.cacheResults = cache;
        return c;
    }
    /// The dialog with a new connection to the fixture typed in through the form.
    ConnectionsDialog *dialogWithTypedConnection(Rig &r, const QString &password)
    {
        auto *dialog = new ConnectionsDialog(r.switcher, &r.window);
        dialog->open();
        click(dialog, u"addButton"_s);
        typeInto(dialog, u"nameEdit"_s, u"fixture"_s);
        typeInto(dialog, u"urlEdit"_s, m_influx.url());
        typeInto(dialog, u"userEdit"_s, s_user);
        typeInto(dialog, u"secretEdit"_s, password);
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // no Secret Service: MainWindow's keychain is unavailable
        qunsetenv("DISPLAY");
        QFile::remove(QSettings().fileName());
        QVERIFY2(m_influx.startWithAuth(s_user, s_password), qPrintable(m_influx.error()));
        auto settings = m_influx.settings();
        settings.username = s_user;
        settings.password = s_password;
        const auto info = BlockingClient(settings).ping();
        QVERIFY(info.ok());
        m_version = info->version;

        m_cert = Test::TlsCertificate::create(m_dir.path());
        QVERIFY2(m_cert.error.isEmpty(), qPrintable(m_cert.error));
        LocalServer::Options tls;
        tls.httpsCertificate = m_cert.certificate;
        tls.httpsPrivateKey = m_cert.privateKey;
        QVERIFY2(m_tls.start(tls), qPrintable(m_tls.error()));
    }

    void testShowsTheServerVersion()
    {
        auto r = rig(std::make_unique<Test::MemorySecretStore>());
        ConnectionsDialog *dialog = dialogWithTypedConnection(*r, s_password);
        QCOMPARE(dialog->list()->model()->rowCount(), 2);
        QCOMPARE(dialog->currentId(), r->store->at(1).id);
        QSignalSpy tested(dialog, &ConnectionsDialog::testFinished);
        click(dialog, u"testButton"_s);
        QTRY_COMPARE(tested.size(), 1);
        QCOMPARE(tested.first().first().toBool(), true);
        QVERIFY2(dialog->status()->text().contains(u"InfluxDB "_s + m_version), qPrintable(dialog->status()->text()));
        QVERIFY(!r->window.findChild<SecretPromptDialog *>()); // the typed password was used
    }

    void wrongPasswordShowsTheServersError()
    {
        auto r = rig(std::make_unique<Test::MemorySecretStore>());
        ConnectionsDialog *dialog = dialogWithTypedConnection(*r, u"wrong"_s);
        QSignalSpy tested(dialog, &ConnectionsDialog::testFinished);
        click(dialog, u"testButton"_s);
        QTRY_COMPARE(tested.size(), 1);
        QCOMPARE(tested.first().first().toBool(), false);
        // InfluxDB's own words for a wrong password.
        QVERIFY2(dialog->status()->text().contains(u"authorization failed"_s), qPrintable(dialog->status()->text()));
    }

    void tlsOptions()
    {
        auto r = rig(std::make_unique<Test::MemorySecretStore>());
        auto *dialog = new ConnectionsDialog(r->switcher, &r->window);
        dialog->open();
        click(dialog, u"addButton"_s);
        typeInto(dialog, u"urlEdit"_s, m_tls.url());
        QVERIFY(m_tls.url().startsWith(u"https://"_s));
        QSignalSpy tested(dialog, &ConnectionsDialog::testFinished);
        const auto test = [&](bool expected) {
            tested.clear();
            click(dialog, u"testButton"_s);
            QTRY_COMPARE(tested.size(), 1);
            QVERIFY2(tested.first().first().toBool() == expected, qPrintable(dialog->status()->text()));
        };

        test(false); // verification on, a self-signed certificate
        QVERIFY2(dialog->status()->text().contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(dialog->status()->text()));

        auto *verify = dialog->findChild<QCheckBox *>(u"verifyTlsCheck"_s);
        QTest::mouseClick(verify, Qt::LeftButton, {}, QPoint(5, verify->height() / 2));
        QVERIFY(!verify->isChecked());
        test(true);
        QVERIFY(dialog->status()->text().contains(u"InfluxDB "_s + m_version));

        QTest::mouseClick(verify, Qt::LeftButton, {}, QPoint(5, verify->height() / 2));
        QVERIFY(verify->isChecked());
        typeInto(dialog, u"caFileEdit"_s, m_cert.certificate);
        test(true); // verification on, trusting the test's CA

        typeInto(dialog, u"caFileEdit"_s, m_dir.filePath(u"missing.pem"_s));
        test(false);
        QVERIFY2(dialog->status()->text().contains(u"CA file:"_s), qPrintable(dialog->status()->text()));

        typeInto(dialog, u"caFileEdit"_s, m_cert.certificate);
        click(dialog, u"saveButton"_s);
        const SavedConnection saved = r->store->at(1);
        QCOMPARE(saved.caFile, m_cert.certificate);
        QCOMPARE(saved.verifyTls, true);
    }

    void saveKeepsTheSecretInTheKeychainOnly()
    {
        auto secrets = std::make_unique<Test::MemorySecretStore>();
        Test::MemorySecretStore *memory = secrets.get();
        auto r = rig(std::move(secrets));
        ConnectionsDialog *dialog = dialogWithTypedConnection(*r, s_password);
        QSignalSpy saved(dialog, &ConnectionsDialog::saved);
        click(dialog, u"saveButton"_s);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toBool(), true);
        const QString id = dialog->currentId();
        QCOMPARE(r->store->at(1).url, m_influx.url());
        QCOMPARE(memory->entries.value(u"connection/"_s + id), s_password);
        const QByteArray bytes = fileBytes(r->file);
        QVERIFY(bytes.contains(m_influx.url().toUtf8()));
        QVERIFY(!bytes.contains(s_password.toUtf8()));
        QVERIFY(!bytes.contains("right-P"));

        // Test again with the password field empty: the keychain's is used, no prompt.
        QSignalSpy tested(dialog, &ConnectionsDialog::testFinished);
        click(dialog, u"testButton"_s);
        QTRY_COMPARE(tested.size(), 1);
        QCOMPARE(tested.first().first().toBool(), true);
        QVERIFY(!r->window.findChild<SecretPromptDialog *>());
    }

    void withoutKeychainItAsksEachTimeAndSaysWhy()
    {
        auto r = rig(std::make_unique<Test::NoKeychainStore>());
        ConnectionsDialog *dialog = dialogWithTypedConnection(*r, s_password);
        auto *hint = dialog->findChild<QLabel *>(u"secretHint"_s);
        QTRY_VERIFY2(hint->text().contains(Test::NoKeychainStore::reason()), qPrintable(hint->text()));
        QSignalSpy saved(dialog, &ConnectionsDialog::saved);
        click(dialog, u"saveButton"_s);
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toBool(), false); // settings saved, the password not
        QVERIFY(dialog->status()->text().contains(Test::NoKeychainStore::reason()));
        QVERIFY(!fileBytes(r->file).contains(s_password.toUtf8()));
        const QString id = dialog->currentId();

        // Connect: the password field is empty again, so the switcher asks, saying why.
        click(dialog, u"connectButton"_s);
        QString reason;
        bool offersRemember = true;
        answerPrompt(&r->window, s_password, &reason, &offersRemember);
        QVERIFY2(reason.contains(Test::NoKeychainStore::reason()), qPrintable(reason));
        QVERIFY2(reason.contains(u"never writes them into its settings file"_s), qPrintable(reason));
        QVERIFY(!offersRemember); // nowhere to remember it
        QTRY_COMPARE(r->session.connectionId(), id);
        QVERIFY(r->session.client());
        QTRY_VERIFY(!dialog->isVisible()); // Connect closes the manager once connected

        // Each time: switching again asks again; cancelling keeps the current connection.
        QSignalSpy failed(r->switcher, &ConnectionSwitcher::failed);
        QSignalSpy changed(&r->session, &ConnectionSession::changed);
        r->switcher->switchTo(id);
        QVERIFY(r->switcher->isBusy());
        answerPrompt(&r->window, {});
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind(), Error::Kind::Cancelled);
        QVERIFY(r->session.client());
        QVERIFY(!r->switcher->isBusy());
        r->switcher->switchTo(id);
        answerPrompt(&r->window, s_password);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(r->session.connectionId(), id);
        QVERIFY(!fileBytes(r->file).contains(s_password.toUtf8()));
    }

    void nothingSavedPromptOffersTheKeychain()
    {
        auto secrets = std::make_unique<Test::MemorySecretStore>();
        Test::MemorySecretStore *memory = secrets.get();
        auto r = rig(std::move(secrets));
        const QString id = r->store->add(fixtureConnection(u"no password yet"_s));
        r->switcher->switchTo(id);
        QString reason;
        bool offersRemember = false;
        answerPrompt(&r->window, s_password, &reason, &offersRemember);
        QVERIFY2(reason.contains(u"No password is saved"_s), qPrintable(reason));
        QVERIFY(offersRemember);
        QTRY_COMPARE(r->session.connectionId(), id);
        QCOMPARE(memory->entries.value(u"connection/"_s + id), s_password);
        QVERIFY(!fileBytes(r->file).contains(s_password.toUtf8()));
    }

    void switchingConnectionsCarriesTheCacheFlag()
    {
        auto secrets = std::make_unique<Test::MemorySecretStore>();
        auto r = rig(std::move(secrets));
        const QString cached = r->store->add(fixtureConnection(u"cached"_s, true));
        SavedConnection other = fixtureConnection(u"uncached"_s, false);
        other.database = u"elsewhere"_s;
        const QString uncached = r->store->add(other);
        QVERIFY(blockOn(r->store->setSecret(cached, s_password)).ok());
        QVERIFY(blockOn(r->store->setSecret(uncached, s_password)).ok());

        auto *combo = new ConnectionComboBox(new ConnectionListModel(r->store, &r->window), r->switcher, &r->window);
        combo->show();
        QCOMPARE(combo->currentIndex(), -1);
        QCOMPARE(combo->placeholderText(), u"Not connected"_s);

        QSignalSpy changed(&r->session, &ConnectionSession::changed);
        r->switcher->switchTo(cached);
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(r->session.connectionId(), cached);
        QCOMPARE(r->session.cacheEnabled(), true);
        QCOMPARE(combo->currentIndex(), 1);
        QCOMPARE(r->store->lastUsed(), cached);

        // Choosing the next entry in the switcher connects to it.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTRY_COMPARE(changed.size(), 2);
        QCOMPARE(r->session.connectionId(), uncached);
        QCOMPARE(r->session.cacheEnabled(), false);
        QCOMPARE(r->session.client()->settings().database, u"elsewhere"_s);
        QCOMPARE(combo->currentIndex(), 2);
        // Editing the flag of the connection in use applies at once.
        SavedConnection edited = r->store->at(2);
        edited.cacheResults = true;
        QVERIFY(r->store->update(edited));
        QCOMPARE(r->session.cacheEnabled(), true);

        // A failed switch keeps the current connection and the switcher shows it.
        SavedConnection broken = fixtureConnection(u"broken"_s);
        broken.username.clear();
        broken.url = u"http://127.0.0.1:1"_s;
        const QString brokenId = r->store->add(broken);
        QSignalSpy failed(r->switcher, &ConnectionSwitcher::failed);
        combo->setCurrentIndex(3);
        Q_EMIT combo->activated(3);
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind(), Error::Kind::Network);
        QCOMPARE(r->session.connectionId(), uncached);
        QCOMPARE(combo->currentIndex(), 2);
        QVERIFY(r->store->indexOf(brokenId) == 3);
    }

    void removeAsksFirst()
    {
        auto r = rig(std::make_unique<Test::MemorySecretStore>());
        const QString id = r->store->add(fixtureConnection(u"to remove"_s));
        auto *dialog = new ConnectionsDialog(r->switcher, &r->window);
        dialog->open();
        dialog->select(SavedConnection::sandboxId());
        QVERIFY(!dialog->findChild<QPushButton *>(u"removeButton"_s)->isEnabled());
        QVERIFY(!dialog->form()->findChild<QLineEdit *>(u"urlEdit"_s)->isEnabled());
        QVERIFY(!dialog->form()->findChild<QLineEdit *>(u"secretEdit"_s)->isEnabled());
        QVERIFY(dialog->form()->findChild<QCheckBox *>(u"cacheCheck"_s)->isEnabled());
        dialog->select(id);
        click(dialog, u"removeButton"_s);
        QMessageBox *box = nullptr;
        QTRY_VERIFY(box = dialog->findChild<QMessageBox *>(u"removeConfirmation"_s));
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(r->store->count(), 1);
        QCOMPARE(dialog->currentId(), SavedConnection::sandboxId());
    }

    void mainWindowOpensTheManagerAndSwitches()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(MainWindow::viewNames().contains(u"connections"_s));
        const QString id = window.connectionStore()->add(fixtureConnection(u"from the window"_s, false));
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        ConnectionsDialog *dialog = nullptr;
        QTRY_VERIFY(dialog = window.findChild<ConnectionsDialog *>());
        dialog->select(id);
        QSignalSpy connected(&window, &MainWindow::connected);
        click(dialog, u"connectButton"_s);
        // The real QtKeychain, without a session bus: it asks, and says the keychain is the reason.
        QString reason;
        answerPrompt(&window, s_password, &reason);
        QVERIFY2(reason.contains(u"keychain"_s), qPrintable(reason));
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(window.session()->connectionId(), id);
        QCOMPARE(window.session()->cacheEnabled(), false);
        QVERIFY(!fileBytes(window.connectionStore()->settingsFileName()).contains(s_password.toUtf8()));
        QVERIFY(window.connectionStore()->settingsFileName().contains(u".qttest"_s));
    }

    void screenshotOfTheManager()
    {
        // The program as the README runs it, with a few saved connections in its settings.
        QTemporaryDir config;
        {
            ConnectionStore store(std::make_unique<Test::MemorySecretStore>(),
                                  config.filePath(u"QInflux/qinflux-explorer.conf"_s));
            store.add(fixtureConnection(u"local"_s));
        }
        const QString png = config.filePath(u"connections.png"_s);
        QProcess explorer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, config.path());
        explorer.setProcessEnvironment(env);
        explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH), {u"--view"_s, u"connections"_s, u"--screenshot"_s, png});
        QVERIFY(explorer.waitForFinished(60'000));
        QVERIFY2(explorer.exitCode() == 0, explorer.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 700 && image.height() >= 400);
    }
};

QTEST_MAIN(ConnectionsDialogTest)
#include "connectionsdialogtest.moc"
