#include <QInflux/blockingclient.h>
#include "connections/connectionsession.h"
#include "editor/queryeditor.h"
#include "editor/querytab.h"
#include "editor/querytabwidget.h"
#include "faultserver.h"
#include "history/historydock.h"
#include "history/queryhistory.h"
#include "influxfixture.h"
#include "connectedwindow.h"
#include "mainwindow/mainwindow.h"
#include "models/frametablemodel.h"
#include "offscreen.h"
#include "resultview/resultview.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace QInflux;

/// The editor part of the main window against a real influxd: tabs, run keys, history, stop.
class EditorWindowTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

    std::unique_ptr<MainWindow> connectedWindow(const QString &url = {}, const QString &db = {})
    {
        auto window = Test::connectedWindow(url.isEmpty() ? m_influx.url() : url, url.isEmpty() ? m_db : db);
        if (window && !QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QFile::remove(QueryHistory::defaultPath());
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"editorwindow"_s);
        QVERIFY(BlockingClient(m_influx.settings(m_db))
                    .write("cpu_load_short,host=server01 value=0.64 1\ncpu_load_short,host=server02 value=0.5 2\n"
                           "h2o,location=a ph=7 1\nh2o,location=a;b ph=8 1\nh2o,location=c ph=9 1\n")
                    .ok());
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(QueryHistory::defaultPath());
    }

    void tabsKeepTheirTextAcrossWindows()
    {
        {
            const auto window = connectedWindow();
            QVERIFY(window);
            QueryTabWidget *tabs = window->queryTabs();
            QCOMPARE(tabs->count(), 1);
            QueryEditor *first = window->editor();
            first->setPlainText(u"SELECT ph FROM h2o"_s);
            QTest::keyClick(window.get(), Qt::Key_T, Qt::ControlModifier);
            QCOMPARE(tabs->count(), 2);
            QCOMPARE(tabs->currentIndex(), 1);
            QVERIFY(window->editor() != first);
            QVERIFY(window->editor()->toPlainText().isEmpty());
            QTest::keyClicks(window->editor(), u"SELECT value FROM cpu_load_short"_s);

            // Each tab has its own results: a run in the second leaves the first's table alone.
            QSignalSpy finished(window.get(), &MainWindow::queryFinished);
            QTest::keyClick(window->editor(), Qt::Key_Return, Qt::ControlModifier);
            QTRY_COMPARE(finished.size(), 1);
            QCOMPARE(window->results()->model()->rowCount(), 2);
            QCOMPARE(tabs->tab(0)->results()->model()->rowCount(), 0);
            QVERIFY(tabs->tabText(1).startsWith(u"SELECT value"_s));
        } // the window goes, its tabs are written
        {
            MainWindow window;
            QueryTabWidget *tabs = window.queryTabs();
            QCOMPARE(tabs->count(), 2);
            QCOMPARE(tabs->currentIndex(), 1);
            QCOMPARE(tabs->tab(0)->editor()->toPlainText(), u"SELECT ph FROM h2o"_s);
            QCOMPARE(window.editor()->toPlainText(), u"SELECT value FROM cpu_load_short"_s);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
            QCOMPARE(tabs->count(), 1);
            QCOMPARE(window.editor()->toPlainText(), u"SELECT ph FROM h2o"_s);
            QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier); // the last tab: an empty one replaces it
            QCOMPARE(tabs->count(), 1);
            QVERIFY(window.editor()->toPlainText().isEmpty());
        }
        MainWindow window;
        QCOMPARE(window.queryTabs()->count(), 1);
        QVERIFY(window.editor()->toPlainText().isEmpty());
    }

    void statementUnderTheCursorWithSemicolonInQuotes()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        QueryEditor *editor = window->editor();
        editor->setPlainText(u"SELECT ph FROM h2o WHERE location = 'a;b';\nSELECT ph FROM h2o WHERE location = 'c'"_s);
        QTextCursor cursor = editor->textCursor();
        cursor.setPosition(5);
        editor->setTextCursor(cursor);
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true); // not cut at the ';' inside the quotes
        QCOMPARE(window->results()->result().statements.size(), 1);
        QCOMPARE(window->results()->model()->rowCount(), 1);
        QCOMPARE(window->results()->model()->data(window->results()->model()->index(0, 1)).toString(), u"8"_s);

        cursor.movePosition(QTextCursor::End);
        editor->setTextCursor(cursor);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(window->results()->model()->data(window->results()->model()->index(0, 1)).toString(), u"9"_s);

        // Ctrl+Shift+Enter: both statements in one request.
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(finished.size(), 3);
        QCOMPARE(finished.last().first().toBool(), true);
        QCOMPARE(window->results()->result().statements.size(), 2);
        QCOMPARE(window->results()->result().rowCount(), 2);
    }

    void historyIsKeptAndSearchable()
    {
        {
            const auto window = connectedWindow();
            QVERIFY(window);
            QSignalSpy finished(window.get(), &MainWindow::queryFinished);
            window->runQuery(u"SELECT * FROM cpu_load_short"_s);
            QTRY_COMPARE(finished.size(), 1);
            window->runQuery(u"SELEC broken"_s);
            QTRY_COMPARE(finished.size(), 2);
            window->runQuery(u"SHOW MEASUREMENTS"_s);
            QTRY_COMPARE(finished.size(), 3);
            QCOMPARE(window->history()->rowCount(), 3);
        }
        const auto window = connectedWindow();
        QVERIFY(window);
        QueryHistory *history = window->history();
        QCOMPARE(history->rowCount(), 3);
        QCOMPARE(history->entry(0).query, u"SHOW MEASUREMENTS"_s);
        QCOMPARE(history->entry(1).ok, false);
        QVERIFY(history->entry(1).error.contains(u"SELEC"_s));
        QCOMPARE(history->entry(2).rows, 2);
        QCOMPARE(history->entry(2).database, m_db);

        HistoryDock *dock = window->historyDock();
        QVERIFY(dock->isVisible());
        QTreeView *view = dock->historyView();
        QTest::keyClicks(dock->filterEdit(), u"cpu_load"_s);
        QTRY_COMPARE(view->model()->rowCount(), 1);
        const QRect cell = view->visualRect(view->model()->index(0, QueryHistory::QueryColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(window->editor()->toPlainText(), u"SELECT * FROM cpu_load_short"_s); // the tab was empty
        QCOMPARE(window->queryTabs()->count(), 1);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(window->queryTabs()->count(), 2); // the tab has text: a new one
        QCOMPARE(window->editor()->toPlainText(), u"SELECT * FROM cpu_load_short"_s);
    }

    void escapeStopsTheRun()
    {
        // A server that does not answer the query: what a real one cannot be made to do on demand.
        Test::FaultServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(Test::FaultServer::influxPing());
        const auto window = connectedWindow(server.url(), QString());
        QVERIFY(window);
        Test::FaultServer::Response hang;
        hang.noAnswer = true;
        server.enqueue(hang);
        QAction *stop = window->findChild<QAction *>(u"stopAction"_s);
        QVERIFY(stop && !stop->isEnabled());
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        window->editor()->setPlainText(u"SELECT * FROM slow"_s);
        window->editor()->setFocus();
        QTest::keyClick(window->editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(window->results()->isRunning());
        QVERIFY(stop->isEnabled());
        QTest::keyClick(window->editor(), Qt::Key_Escape);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(!window->results()->isRunning());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(window->history()->entry(0).cancelled, true);
    }

    void windowClosedWhileCompletionLoads()
    {
        // The completion's SHOW requests are still in flight when the window (and its Client) goes.
        Test::FaultServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(Test::FaultServer::influxPing());
        int slowAnswers = 0;
        connect(&server, &Test::FaultServer::requestReceived, this, [&](int index) {
            if (server.requests().at(index).path != "/query")
                return;
            // Headers and the answer at once, the end of the body later: the request is mid-answer.
            auto slow = Test::FaultServer::json(200, {});
            slow.chunks = {R"({"results":[{"statement_id":0}]})"};
            slow.chunkDelay = std::chrono::milliseconds(300);
            server.enqueue(slow);
            ++slowAnswers;
        });
        {
            const auto window = connectedWindow(server.url(), u"db"_s);
            QVERIFY(window);
            // The completion's request, and the schema browser's (every /query is slow here).
            QTRY_VERIFY(slowAnswers >= 1);
        }
        QTest::qWait(800); // the answer arrives after the window is gone: nothing may touch it
        QVERIFY(slowAnswers >= 1);
    }

    void useCacheIsPerTab()
    {
        MainWindow window;
        QAction *useCache = window.findChild<QAction *>(u"useCacheAction"_s);
        QVERIFY(useCache && useCache->isCheckable());
        // Until the connection has a cache there is nothing to choose.
        QCOMPARE(useCache->isEnabled(), window.session()->cache() != nullptr);
        QueryTab *first = window.queryTabs()->currentTab();
        QVERIFY(first->useCache());
        QVERIFY(useCache->isChecked());
        first->setUseCache(false);
        window.queryTabs()->newTab();
        QVERIFY(useCache->isChecked()); // a new tab uses the cache
        window.queryTabs()->setCurrentIndex(0);
        QVERIFY(!useCache->isChecked()); // the action shows the current tab's choice
        useCache->setChecked(true);
        QVERIFY(first->useCache());
        QVERIFY(window.queryTabs()->tab(1)->useCache());
    }

    void refreshRunsTheLastQueryAgain()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        QAction *refresh = window->findChild<QAction *>(u"refreshAction"_s);
        QVERIFY(refresh && !refresh->isEnabled()); // nothing ran in this tab yet
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        window->runQuery(u"SELECT ph FROM h2o"_s);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(refresh->isEnabled());
        QVERIFY(BlockingClient(m_influx.settings(m_db)).write("h2o,location=d ph=10 1\n").ok());
        refresh->trigger();
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(window->results()->model()->rowCount(), 4);
        QCOMPARE(window->history()->entry(0).query, u"SELECT ph FROM h2o"_s);
    }

    void historyScreenshotOnTheSandbox()
    {
        // The real program twice with its own data directory: the second run's history shows the first's query.
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        const QString png = dir.filePath(u"history.png"_s);
        for (const QString &query : {u"SELECT * FROM cpu_load_short"_s, u"SHOW MEASUREMENTS"_s}) {
            QProcess explorer;
            explorer.setProcessEnvironment(env);
            explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH),
                           {u"--query"_s, query, u"--view"_s, u"history"_s, u"--screenshot"_s, png});
            QVERIFY(explorer.waitForFinished(60'000));
            QCOMPARE(explorer.exitCode(), 0);
        }
        QFile history(dir.filePath(u"data/QInflux/qinflux-explorer/history.jsonl"_s));
        QVERIFY(history.open(QIODevice::ReadOnly));
        QCOMPARE(history.readAll().count('\n'), 2);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }
};

QTEST_MAIN(EditorWindowTest)
#include "editorwindowtest.moc"
