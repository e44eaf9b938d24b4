#include "admin/admindialog.h"
#include "admin/continuousqueriestab.h"
#include "admin/databasestab.h"
#include "admin/retentionpoliciestab.h"
#include "admin/runningqueriestab.h"
#include "admin/userstab.h"
#include <QInflux/blockingadministration.h>
#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "influxfixture.h"
#include "mainwindow/mainwindow.h"
#include "write/writedialog.h"
#include "models/frametablemodel.h"
#include "offscreen.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The administration dialog against a real influxd (auth off: users are created, granted and dropped;
// what they may do is not enforced).
class AdminDialogTest : public QObject
{
    Q_OBJECT
private:
    /// Waits for an action of `tab` and the listing that follows it.
    struct ActionWait
    {
        explicit ActionWait(AdminTab *tab)
        {
            QObject::connect(tab, &AdminTab::actionFinished, &context, [this](bool ok, const QString &message) {
                result = {ok, message};
                finished = true;
            });
            QObject::connect(tab, &AdminTab::loaded, &context, [this] { listedAfter = finished; });
        }
        std::pair<bool, QString> wait()
        {
            if (!QTest::qWaitFor([&] { return listedAfter; }, 10'000))
                return {false, u"<no answer>"_s};
            return result;
        }
        QObject context;
        bool finished = false;
        bool listedAfter = false;
        std::pair<bool, QString> result;
    };

    Test::InfluxFixture m_influx;
    QString m_db;
    std::unique_ptr<Client> m_client;
    std::unique_ptr<AdminDialog> m_dialog;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    /// The values of `column` in the tab's table.
    static QStringList column(AdminTab *tab, const QString &name)
    {
        QStringList out;
        const Frame &frame = tab->model()->frame();
        if (const Column *values = frame.column(name)) {
            for (qsizetype row = 0; row < frame.rowCount(); ++row)
                out << values->value(row).toString();
        }
        return out;
    }

    static bool selectRow(AdminTab *tab, const QString &columnName, const QString &value)
    {
        const qsizetype row = column(tab, columnName).indexOf(value);
        if (row < 0)
            return false;
        tab->view()->selectRow(int(row));
        return true;
    }

    /// Clicks `button` of `tab`; returns the action's outcome after the table has been listed again.
    static std::pair<bool, QString> click(AdminTab *tab, const QString &button)
    {
        ActionWait action(tab);
        auto *widget = tab->findChild<QPushButton *>(button);
        if (!widget)
            return {false, u"no button "_s + button};
        QTest::mouseClick(widget, Qt::LeftButton);
        return action.wait();
    }

    /// Clicks `button`, then Yes (or Cancel) in the confirmation.
    static std::pair<bool, QString> clickConfirmed(AdminTab *tab, const QString &button, bool yes = true)
    {
        ActionWait action(tab);
        QTest::mouseClick(tab->findChild<QPushButton *>(button), Qt::LeftButton);
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor([&] { return (box = tab->findChild<QMessageBox *>(u"adminConfirm"_s)) && box->isVisible(); }, 5'000))
            return {false, u"<no confirmation>"_s};
        QTest::mouseClick(box->button(yes ? QMessageBox::Yes : QMessageBox::Cancel), Qt::LeftButton);
        if (!yes) {
            QTest::qWait(200);
            return {!action.finished, u"cancelled"_s};
        }
        return action.wait();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"admin"_s);
        m_client = std::make_unique<Client>(m_influx.settings(m_db));
        m_dialog = std::make_unique<AdminDialog>(m_client.get());
        for (AdminTab *tab : m_dialog->findChildren<AdminTab *>())
            m_testers.push_back(std::make_unique<QAbstractItemModelTester>(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        QSignalSpy loaded(m_dialog->users(), &AdminTab::loaded);
        m_dialog->show();
        QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 10'000));
        QVERIFY(column(m_dialog->databases(), u"name"_s).contains(m_db));
    }

    void toolsMenuOpensTheDialogs()
    {
        MainWindow window;
        auto *write = window.findChild<QAction *>(u"writeAction"_s);
        auto *admin = window.findChild<QAction *>(u"adminAction"_s);
        QVERIFY(write && admin);
        QVERIFY(!write->isEnabled() && !admin->isEnabled()); // not connected yet
        window.show();
        QSignalSpy connected(&window, &MainWindow::connected);
        window.connectToUrl(m_influx.url(), m_db);
        QTRY_COMPARE(connected.size(), 1);
        QVERIFY(write->isEnabled() && admin->isEnabled());
        write->trigger();
        QTRY_VERIFY(window.findChild<WriteDialog *>() && window.findChild<WriteDialog *>()->isVisible());
        QTRY_COMPARE(window.findChild<WriteDialog *>()->databaseChooser()->currentText(), m_db);
        window.findChild<WriteDialog *>()->close();
        admin->trigger();
        QTRY_VERIFY(window.findChild<AdminDialog *>() && window.findChild<AdminDialog *>()->isVisible());
        QTRY_VERIFY(column(window.findChild<AdminDialog *>()->databases(), u"name"_s).contains(m_db));
    }

    void createAndDropDatabase()
    {
        DatabasesTab *tab = m_dialog->databases();
        m_dialog->tabs()->setCurrentWidget(tab);
        const QString name = Test::InfluxFixture::uniqueDatabase(u"made"_s);
        QTest::keyClicks(tab->findChild<QLineEdit *>(u"databaseName"_s), name);
        auto [ok, message] = click(tab, u"createDatabaseButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(column(tab, u"name"_s).contains(name));
        // The other pages offer it.
        QTRY_VERIFY(m_dialog->retentionPolicies()->findChild<QComboBox *>(u"databaseChooser"_s)->findText(name) >= 0);

        QVERIFY(selectRow(tab, u"name"_s, name));
        std::tie(ok, message) = clickConfirmed(tab, u"dropDatabaseButton"_s, false);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(column(tab, u"name"_s).contains(name));
        QVERIFY(selectRow(tab, u"name"_s, name));
        std::tie(ok, message) = clickConfirmed(tab, u"dropDatabaseButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(!column(tab, u"name"_s).contains(name));
        QVERIFY(!BlockingClient(m_influx.settings()).query(u"SHOW DATABASES"_s)->frame()->column(0).value(0).toString().isEmpty());
    }

    void retentionPolicyCreateAlterDrop()
    {
        RetentionPoliciesTab *tab = m_dialog->retentionPolicies();
        m_dialog->tabs()->setCurrentWidget(tab);
        auto *chooser = tab->findChild<QComboBox *>(u"databaseChooser"_s);
        QSignalSpy loaded(tab, &AdminTab::loaded);
        chooser->setCurrentText(m_db);
        if (chooser->currentText() != m_db || loaded.isEmpty())
            tab->reload();
        QTRY_VERIFY(column(tab, u"name"_s).contains(u"autogen"_s));

        tab->findChild<QLineEdit *>(u"policyName"_s)->setText(u"two hours"_s);
        tab->findChild<QLineEdit *>(u"policyDuration"_s)->setText(u"2h"_s);
        tab->findChild<QLineEdit *>(u"policyShardDuration"_s)->setText(u"1h"_s);
        auto [ok, message] = click(tab, u"createPolicyButton"_s);
        QVERIFY2(ok, qPrintable(message));
        const qsizetype row = column(tab, u"name"_s).indexOf(u"two hours"_s);
        QVERIFY(row >= 0);
        QCOMPARE(column(tab, u"duration"_s).at(row), u"2h0m0s"_s);
        QCOMPARE(column(tab, u"shardGroupDuration"_s).at(row), u"1h0m0s"_s);
        QCOMPARE(column(tab, u"default"_s).at(row), u"false"_s);

        // Selecting fills the fields; alter what they say.
        QVERIFY(selectRow(tab, u"name"_s, u"two hours"_s));
        QCOMPARE(tab->findChild<QLineEdit *>(u"policyDuration"_s)->text(), u"2h0m0s"_s);
        tab->findChild<QLineEdit *>(u"policyDuration"_s)->setText(u"3h"_s);
        tab->findChild<QCheckBox *>(u"policyDefault"_s)->setChecked(true);
        std::tie(ok, message) = click(tab, u"alterPolicyButton"_s);
        QVERIFY2(ok, qPrintable(message));
        const qsizetype altered = column(tab, u"name"_s).indexOf(u"two hours"_s);
        QCOMPARE(column(tab, u"duration"_s).at(altered), u"3h0m0s"_s);
        QCOMPARE(column(tab, u"default"_s).at(altered), u"true"_s);

        // The server's words when it refuses.
        tab->findChild<QLineEdit *>(u"policyDuration"_s)->setText(u"10m"_s);
        std::tie(ok, message) = click(tab, u"alterPolicyButton"_s);
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"retention policy duration must be at least 1h0m0s"_s), qPrintable(message));

        // autogen the default again (a database without a default policy refuses writes), then drop.
        QVERIFY(selectRow(tab, u"name"_s, u"autogen"_s));
        QCOMPARE(tab->findChild<QCheckBox *>(u"policyDefault"_s)->isChecked(), false);
        tab->findChild<QCheckBox *>(u"policyDefault"_s)->setChecked(true);
        std::tie(ok, message) = click(tab, u"alterPolicyButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(column(tab, u"default"_s).at(column(tab, u"name"_s).indexOf(u"autogen"_s)), u"true"_s);
        QVERIFY(selectRow(tab, u"name"_s, u"two hours"_s));
        std::tie(ok, message) = clickConfirmed(tab, u"dropPolicyButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(!column(tab, u"name"_s).contains(u"two hours"_s));
    }

    void userCreateGrantDrop()
    {
        UsersTab *tab = m_dialog->users();
        m_dialog->tabs()->setCurrentWidget(tab);
        QTest::keyClicks(tab->findChild<QLineEdit *>(u"userName"_s), u"reader"_s);
        QTest::keyClicks(tab->findChild<QLineEdit *>(u"userPassword"_s), u"s3cret"_s);
        auto [ok, message] = click(tab, u"createUserButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(column(tab, u"user"_s).contains(u"reader"_s));
        QVERIFY(tab->findChild<QLineEdit *>(u"userPassword"_s)->text().isEmpty()); // not kept around

        // The same name again: the server's words.
        tab->findChild<QLineEdit *>(u"userPassword"_s)->setText(u"other"_s);
        std::tie(ok, message) = click(tab, u"createUserButton"_s);
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"user already exists"_s), qPrintable(message));

        QVERIFY(selectRow(tab, u"user"_s, u"reader"_s));
        tab->findChild<QComboBox *>(u"grantDatabase"_s)->setCurrentText(m_db);
        tab->findChild<QComboBox *>(u"grantPrivilege"_s)->setCurrentText(u"READ"_s);
        QSignalSpy grants(tab, &UsersTab::grantsLoaded);
        std::tie(ok, message) = click(tab, u"grantButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QTRY_COMPARE(tab->grants(), u"Grants of reader: %1: READ"_s.arg(m_db));

        std::tie(ok, message) = click(tab, u"grantAdminButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(column(tab, u"admin"_s).at(column(tab, u"user"_s).indexOf(u"reader"_s)), u"true"_s);
        std::tie(ok, message) = click(tab, u"revokeAdminButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(column(tab, u"admin"_s).at(column(tab, u"user"_s).indexOf(u"reader"_s)), u"false"_s);
        tab->findChild<QLineEdit *>(u"userPassword"_s)->setText(u"n3w"_s);
        std::tie(ok, message) = click(tab, u"setPasswordButton"_s);
        QVERIFY2(ok, qPrintable(message));

        QVERIFY(selectRow(tab, u"user"_s, u"reader"_s));
        std::tie(ok, message) = clickConfirmed(tab, u"dropUserButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(!column(tab, u"user"_s).contains(u"reader"_s));
    }

    void continuousQueryCreateDrop()
    {
        ContinuousQueriesTab *tab = m_dialog->continuousQueries();
        m_dialog->tabs()->setCurrentWidget(tab);
        tab->findChild<QComboBox *>(u"databaseChooser"_s)->setCurrentText(m_db);
        tab->statementEditor()->setPlainText(
            u"CREATE CONTINUOUS QUERY cq_hourly ON %1 BEGIN SELECT mean(v) INTO m_1h FROM m GROUP BY time(1h) END"_s.arg(m_db));
        auto [ok, message] = click(tab, u"createCqButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(column(tab, u"name"_s), QStringList{u"cq_hourly"_s});
        QVERIFY(column(tab, u"query"_s).first().contains(u"mean(v)"_s));

        tab->statementEditor()->setPlainText(u"DROP DATABASE x"_s); // only CREATE CONTINUOUS QUERY here
        std::tie(ok, message) = click(tab, u"createCqButton"_s);
        QVERIFY(!ok);
        QVERIFY(message.contains(u"CREATE CONTINUOUS QUERY"_s));

        QVERIFY(selectRow(tab, u"name"_s, u"cq_hourly"_s));
        std::tie(ok, message) = clickConfirmed(tab, u"dropCqButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(column(tab, u"name"_s), QStringList());
    }

    void runningQueryListedAndKilled()
    {
        // A query that runs until it is killed: a chunked answer of 10^8 rows to a reader that stops
        // reading, so the server blocks on sending.
        BlockingClient writer(m_influx.settings(m_db));
        QVERIFY(writer.write("slow v=1 1\n").ok());
        const QString slow = u"SELECT count(v) FROM slow WHERE time >= 0 AND time < 100000000s GROUP BY time(1s) fill(0)"_s;
        QTcpSocket socket;
        socket.setReadBufferSize(1024);
        socket.connectToHost(u"127.0.0.1"_s, quint16(QUrl(m_influx.url()).port()));
        QVERIFY(socket.waitForConnected(5'000));
        QUrlQuery params;
        params.addQueryItem(u"db"_s, m_db);
        params.addQueryItem(u"chunked"_s, u"true"_s);
        params.addQueryItem(u"q"_s, slow);
        socket.write("GET /query?" + params.query(QUrl::FullyEncoded).toUtf8() + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5'000));

        RunningQueriesTab *tab = m_dialog->runningQueries();
        m_dialog->tabs()->setCurrentWidget(tab); // lists on showing
        QTRY_VERIFY_WITH_TIMEOUT(column(tab, u"query"_s).contains(slow), 10'000);
        QVERIFY(selectRow(tab, u"query"_s, slow));
        const QString qid = column(tab, u"qid"_s).at(column(tab, u"query"_s).indexOf(slow));
        auto [ok, message] = clickConfirmed(tab, u"killQueryButton"_s);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(message, u"Killed query %1."_s.arg(qid));
        QTRY_VERIFY_WITH_TIMEOUT((tab->reload(), !column(tab, u"query"_s).contains(slow)), 10'000);
    }
};

QTEST_MAIN(AdminDialogTest)
#include "admindialogtest.moc"
