#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "editor/queryeditor.h"
#include "history/queryhistory.h"
#include "influxfixture.h"
#include "connectedwindow.h"
#include "mainwindow/mainwindow.h"
#include "models/frametablemodel.h"
#include "offscreen.h"
#include "resultview/resultview.h"

#include <QComboBox>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class MainWindowTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

    /// A shown window connected to the fixture's server and test database.
    std::unique_ptr<MainWindow> connectedWindow()
    {
        return Test::connectedWindow(m_influx.url(), m_db);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Start without the tabs and history an earlier run of this test kept (test-mode locations).
        QSettings().clear();
        QFile::remove(QueryHistory::defaultPath());
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = Test::InfluxFixture::uniqueDatabase(u"gui"_s);
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(BlockingAdministration(client).createDatabase(m_db).ok());
        QVERIFY(client.write("cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000\n"
                             "cpu_load_short,host=server02,region=us-east value=0.5 1257894000000000001\n"
                             "h2o,location=a ph=7 1\nh2o,location=b ph=8 1\n")
                    .ok());
    }

    void typeQueryAndPressCtrlEnter()
    {
        const auto connected = connectedWindow();
        QVERIFY(connected);
        MainWindow &window = *connected;
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy finished(&window, &MainWindow::queryFinished);
        window.editor()->setFocus();
        QTest::keyClicks(window.editor(), u"SELECT * FROM cpu_load_short"_s);
        QTest::keyClick(window.editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);

        FrameTableModel *model = window.results()->model();
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->columnCount(), 4);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), u"host"_s);
        QCOMPARE(model->data(model->index(0, 0)).toString(), u"2009-11-10T23:00:00Z"_s);
        QCOMPARE(model->data(model->index(1, 0)).toString(), u"2009-11-10T23:00:00.000000001Z"_s);
        QCOMPARE(model->data(model->index(0, 1)).toString(), u"server01"_s);
        QCOMPARE(model->data(model->index(1, 3)).toString(), u"0.5"_s);
        QCOMPARE(window.editor()->toPlainText(), u"SELECT * FROM cpu_load_short"_s); // Ctrl+Enter adds no newline
    }

    void groupBySeriesChooser()
    {
        const auto connected = connectedWindow();
        QVERIFY(connected);
        MainWindow &window = *connected;
        QSignalSpy finished(&window, &MainWindow::queryFinished);
        window.runQuery(u"SELECT ph FROM h2o GROUP BY location"_s);
        QTRY_COMPARE(finished.size(), 1);
        QComboBox *chooser = window.results()->seriesChooser();
        QCOMPARE(chooser->count(), 2);
        QVERIFY(chooser->isEnabled());
        QVERIFY(chooser->itemText(0).startsWith(u"h2o,location=a"_s));
        QCOMPARE(window.results()->model()->data(window.results()->model()->index(0, 1)).toString(), u"7"_s);
        chooser->setCurrentIndex(1);
        QCOMPARE(window.results()->model()->data(window.results()->model()->index(0, 1)).toString(), u"8"_s);
    }

    void selectionRunsOnlyTheSelection()
    {
        const auto connected = connectedWindow();
        QVERIFY(connected);
        MainWindow &window = *connected;
        window.editor()->setPlainText(u"SELECT ph FROM h2o\nSELEC broken"_s);
        QTextCursor cursor = window.editor()->textCursor();
        cursor.setPosition(0);
        cursor.setPosition(18, QTextCursor::KeepAnchor);
        window.editor()->setTextCursor(cursor);
        QSignalSpy finished(&window, &MainWindow::queryFinished);
        QTest::keyClick(window.editor(), Qt::Key_Enter, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(window.results()->model()->rowCount(), 2);
    }

    void queryErrorIsShown()
    {
        const auto connected = connectedWindow();
        QVERIFY(connected);
        MainWindow &window = *connected;
        QSignalSpy finished(&window, &MainWindow::queryFinished);
        window.runQuery(u"SELEC broken"_s);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QTRY_VERIFY(window.findChild<QWidget *>(u"errorBox"_s) != nullptr);
        QCOMPARE(window.results()->model()->rowCount(), 0);
    }

    void connectionFailureIsReported()
    {
        MainWindow window;
        QSignalSpy failed(&window, &MainWindow::connectionFailed);
        window.connectToUrl(u"http://127.0.0.1:1"_s, {});
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().kind(), Error::Kind::Network);
    }

    void explorerScreenshotOnTheSandbox()
    {
        // The real program, as the README and CI run it: sandbox, query, screenshot, exit 0.
        QTemporaryDir dir;
        const QString png = dir.filePath(u"shot.png"_s);
        QProcess explorer;
        // Its own settings and data: the explorer keeps its tabs and history there.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
        explorer.setProcessEnvironment(env);
        explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH),
                       {u"--query"_s, u"SELECT * FROM cpu_load_short"_s, u"--screenshot"_s, png});
        QVERIFY(explorer.waitForFinished(60'000));
        QCOMPARE(explorer.exitCode(), 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }
};

QTEST_MAIN(MainWindowTest)
#include "mainwindowtest.moc"
