#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include "editor/queryeditor.h"
#include "history/queryhistory.h"
#include "importwizard/csvimportwizard.h"
#include "imagecheck.h"
#include "influxfixture.h"
#include "connectedwindow.h"
#include "mainwindow/mainwindow.h"
#include "models/frametablemodel.h"
#include "offscreen.h"
#include "resultview/resultview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QPalette>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QTableWidget>
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

    void stopEndsTheQueryOnTheServer()
    {
        // Far more answer than the socket buffers hold (16 statements of 4000 rows of 1 KB): Stop
        // after the first rows arrive ends the query on the server too (SHOW QUERIES no longer has it).
        const QString db = m_influx.freshDatabase(u"stop"_s);
        QByteArray lines;
        const QByteArray text(100, 'x');
        for (int i = 0; i < 4000; ++i) {
            lines += "wide ";
            for (int f = 0; f < 10; ++f)
                lines += (f ? ",f" : "f") + QByteArray::number(f) + "=\"" + text + '"';
            lines += ' ' + QByteArray::number(i) + '\n';
        }
        QVERIFY(BlockingClient(m_influx.settings(db)).write(lines).ok());
        const auto listed = [&] {
            const auto shown = BlockingClient(m_influx.settings()).showQueries();
            if (!shown.ok())
                return false;
            for (const Frame &frame : shown->statements[0].series)
                for (qsizetype row = 0; row < frame.rowCount(); ++row)
                    if (frame.column(u"query"_s)->value(row).toString().contains(u"FROM wide"_s))
                        return true;
            return false;
        };
        QStringList statements;
        for (int i = 0; i < 16; ++i)
            statements << u"SELECT * FROM wide"_s;

        const auto window = Test::connectedWindow(m_influx.url(), db);
        QVERIFY(window);
        QAction *stop = window->findChild<QAction *>(u"stopAction"_s);
        QVERIFY(stop);
        bool stopped = false;
        bool listedWhileRunning = false;
        connect(window->results(), &ResultView::rowsReceived, this, [&] {
            if (std::exchange(stopped, true))
                return;
            listedWhileRunning = listed(); // (the answer goes on arriving meanwhile)
            stop->trigger();
        });
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        window->runQuery(statements.join(u"; "_s));
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 30'000);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(listedWhileRunning);
        QTRY_VERIFY_WITH_TIMEOUT(!listed(), 10'000);
    }

    void fileImportCsvWithADroppedFile()
    {
        // File > Import CSV... opens the wizard on the window's connection; a file dropped on it is
        // the file imported; its "open query" shows the imported rows in the window.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"dropped.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("time,host,v\n2024-01-01T00:00:00Z,a,1.5\n2024-01-01T00:00:01Z,b,2.5\n2024-01-01T00:00:02Z,a,3.5\n");
        file.close();
        const auto window = connectedWindow();
        QVERIFY(window);
        auto *fileMenu = window->findChild<QMenu *>(u"fileMenu"_s);
        QVERIFY(fileMenu);
        QAction *import = fileMenu->actions().value(0);
        QVERIFY(import && import->text().contains(u"Import CSV"_s));
        import->trigger();
        CsvImportWizard *wizard = nullptr;
        QTRY_VERIFY((wizard = window->findChild<CsvImportWizard *>()) && wizard->isVisible());

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        const QPoint at = wizard->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(wizard, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(wizard, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(wizard->path(), path);

        wizard->next(); // dialect
        wizard->next(); // columns
        auto *columns = wizard->findChild<QTableWidget *>(u"columns"_s);
        QVERIFY(columns);
        static_cast<QComboBox *>(columns->cellWidget(1, 1))->setCurrentText(u"tag"_s);
        wizard->next(); // target
        wizard->findChild<QLineEdit *>(u"measurement"_s)->setText(u"dropped"_s);
        QCOMPARE(wizard->database(), m_db); // the window's database
        wizard->next(); // review
        wizard->next(); // run
        QTRY_VERIFY_WITH_TIMEOUT(wizard->isImportFinished(), 30'000);
        QVERIFY2(!wizard->report().error, qPrintable(wizard->report().summary()));
        QCOMPARE(wizard->report().pointsWritten, 3);
        const auto stored = BlockingClient(m_influx.settings(m_db)).query(u"SELECT count(v), sum(v) FROM dropped"_s);
        QVERIFY(stored.ok() && stored->frame());
        QCOMPARE(stored->frame()->column(u"count"_s)->value(0).toLongLong(), 3);
        QCOMPARE(stored->frame()->column(u"sum"_s)->value(0).toDouble(), 7.5);

        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        QTest::mouseClick(wizard->findChild<QPushButton *>(u"openQuery"_s), Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(window->results()->model()->rowCount(), 3);
    }

    void explorerScreenshotFailuresExitOne_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::addColumn<bool>("pngWritten");
        QTest::newRow("no server") << QStringList{u"--url"_s, u"http://127.0.0.1:1"_s} << u"qinflux-explorer: "_s << false;
        QTest::newRow("failing query") << QStringList{u"--query"_s, u"SELEC nope"_s} << QString() << true;
        QTest::newRow("unwritable file") << QStringList{u"--screenshot-dir"_s} << u"cannot save the screenshot"_s << false;
    }

    void explorerScreenshotFailuresExitOne()
    {
        // --screenshot is what CI runs: any failure must show in the exit code, never as exit 0.
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        QFETCH(bool, pngWritten);
        QTemporaryDir dir;
        QString png = dir.filePath(u"shot.png"_s);
        if (args == QStringList{u"--screenshot-dir"_s}) {
            png = dir.filePath(u"missing/dir/shot.png"_s);
            args.clear();
        }
        if (!args.contains(u"--url"_s))
            args << u"--url"_s << m_influx.url() << u"--db"_s << m_db;
        QProcess explorer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"data"_s));
        explorer.setProcessEnvironment(env);
        explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH), args << u"--screenshot"_s << png);
        QVERIFY(explorer.waitForFinished(60'000));
        const QByteArray err = explorer.readAllStandardError();
        QCOMPARE(explorer.exitStatus(), QProcess::NormalExit);
        QVERIFY2(explorer.exitCode() == 1, err.constData());
        QVERIFY2(err.contains(says.toUtf8()), err.constData());
        QCOMPARE(QFile::exists(png), pngWritten); // a failed query's picture is taken, and still exit 1
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
        // The result rows are on it: the table paints every other row in the palette's alternate
        // base colour (the same style and palette here), which nothing else in the window uses.
        const QColor alternate = QApplication::palette().color(QPalette::AlternateBase);
        QVERIFY(alternate != QApplication::palette().color(QPalette::Base));
        QVERIFY(alternate != QApplication::palette().color(QPalette::Window));
        const qsizetype rows = Test::pixelsOfColour(image, alternate, 0);
        QVERIFY2(rows > 5'000, qPrintable(u"%1 pixels of alternate rows"_s.arg(rows)));
    }
};

QTEST_MAIN(MainWindowTest)
#include "mainwindowtest.moc"
