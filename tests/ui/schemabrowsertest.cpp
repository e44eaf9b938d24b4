#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include <QInflux/client.h>
#include "connections/connectionsession.h"
#include "editor/queryeditor.h"
#include "influxfixture.h"
#include "connectedwindow.h"
#include "mainwindow/mainwindow.h"
#include "models/frametablemodel.h"
#include "offscreen.h"
#include "resultview/resultview.h"
#include "schema/schemabrowser.h"
#include "schema/schemamodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QGuiApplication>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace QInflux;
using Kind = SchemaModel::Kind;

class SchemaBrowserTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;
    QString m_other;

    std::unique_ptr<MainWindow> connectedWindow()
    {
        QSettings().remove(u"editor"_s); // no tabs restored from the last test's window
        return Test::connectedWindow(m_influx.url(), m_db);
    }

    /// Expands `path` in the window's browser and returns the index of its last row.
    static QModelIndex expand(MainWindow &window, const QStringList &path)
    {
        SchemaBrowser *browser = window.schemaBrowser();
        QSignalSpy expanded(browser, &SchemaBrowser::pathsExpanded);
        browser->expandPaths({path});
        if (!QTest::qWaitFor([&] { return expanded.size() == 1; }, 10'000) || !expanded.first().first().toBool())
            return {};
        QModelIndex index;
        for (const QString &name : path)
            index = browser->model()->child(index, name);
        return index;
    }

    static void trigger(SchemaBrowser *browser, const QModelIndex &index, const QString &action)
    {
        std::unique_ptr<QMenu> menu(browser->createContextMenu(index));
        QAction *a = menu->findChild<QAction *>(action);
        QVERIFY2(a, qPrintable(action));
        a->trigger();
    }

    QStringList serverMeasurements(const QString &db)
    {
        BlockingClient client(m_influx.settings(db));
        auto result = BlockingAdministration(client).showMeasurements(db);
        QStringList names;
        if (result && result->frame()) {
            const Column *name = result->frame()->column(u"name");
            for (qsizetype row = 0; name && row < name->size(); ++row)
                names << name->value(row).toString();
        }
        return names;
    }

    static QStringList childNames(const SchemaModel *model, const QModelIndex &parent)
    {
        QStringList names;
        for (int row = 0; row < model->rowCount(parent); ++row)
            names << model->index(row, 0, parent).data(SchemaModel::NameRole).toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"browser"_s);
        m_other = m_influx.freshDatabase(u"other"_s);
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write("cpu,host=a value=1.5,count=3i,ok=true,msg=\"hi\" 1\n"
                             "odd\\ \"m\"\\,x,k\\=y=it's f=1 1\n"
                             "a.b v=1 1\naxb v=1 1\nvictim v=1 1\n")
                    .ok());
    }

    void dockAndViewMenu()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        auto *dock = window->findChild<QDockWidget *>(u"schemaDock"_s);
        QVERIFY(dock);
        QCOMPARE(window->dockWidgetArea(dock), Qt::LeftDockWidgetArea);
        QVERIFY(dock->isVisible());
        QAction *toggle = window->findChild<QAction *>(u"toggleSchemaDock"_s);
        QVERIFY(toggle);
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
        QVERIFY(window->findChild<QMenu *>(u"viewMenu"_s)->actions().contains(toggle));
        toggle->trigger();
        QVERIFY(!dock->isVisible());
        toggle->trigger();
        QVERIFY(dock->isVisible());

        QAbstractItemModelTester tester(window->schemaBrowser()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(expand(*window, {m_db, u"autogen"_s, u"cpu"_s, u"Fields"_s}).isValid());
        QVERIFY(expand(*window, {m_db, u"autogen"_s, u"cpu"_s, u"Tags"_s, u"host"_s}).isValid());
        QTreeView *view = window->schemaBrowser()->view();
        QVERIFY(view->isExpanded(window->schemaBrowser()->model()->child({}, m_db)));
    }

    void expandingARowLoadsIt()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaModel *model = window->schemaBrowser()->model();
        QTRY_VERIFY(model->child({}, m_db).isValid());
        const QModelIndex db = model->child({}, m_db);
        QCOMPARE(model->rowCount(db), 0);
        QTreeView *view = window->schemaBrowser()->view();
        view->setCurrentIndex(db);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Right); // expands
        QVERIFY(view->isExpanded(db));
        QTRY_COMPARE(childNames(model, db), QStringList{u"autogen"_s});
    }

    void doubleClickOnMoreLoadsTheNextPage()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaModel *model = window->schemaBrowser()->model();
        model->setPageSize(2);
        const QPersistentModelIndex rp = expand(*window, {m_db, u"autogen"_s});
        QVERIFY(rp.isValid());
        QCOMPARE(childNames(model, rp).size(), 3);
        QTreeView *view = window->schemaBrowser()->view();
        const int total = serverMeasurements(m_db).size();
        while (model->kind(model->index(model->rowCount(rp) - 1, 0, rp)) == Kind::More) {
            const QModelIndex more = model->index(model->rowCount(rp) - 1, 0, rp);
            QCOMPARE(more.data().toString(), u"more…"_s);
            view->scrollTo(more);
            const QPoint center = view->visualRect(more).center();
            const int before = model->rowCount(rp);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, center);
            QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, center);
            QCOMPARE(model->kind(model->index(before - 1, 0, rp)), Kind::Loading); // in place of "more…"
            QTRY_VERIFY(model->pendingLoads() == 0);
            QVERIFY(model->rowCount(rp) > before - 1);
        }
        QStringList names = childNames(model, rp);
        QCOMPARE(names.size(), total);
        QCOMPARE(names, serverMeasurements(m_db));
    }

    void selectTemplateGoesIntoTheEditor()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        window->editor()->setPlainText(u"SHOW DATABASES"_s);
        const QModelIndex cpu = expand(*window, {m_db, u"autogen"_s, u"cpu"_s});
        QVERIFY(cpu.isValid());
        trigger(window->schemaBrowser(), cpu, u"selectTemplate"_s);
        const QString statement = u"SELECT * FROM \"%1\".\"autogen\".\"cpu\" ORDER BY time DESC LIMIT 100"_s.arg(m_db);
        QCOMPARE(window->editor()->toPlainText(), u"SHOW DATABASES\n"_s + statement);
        QCOMPARE(window->editor()->textCursor().selectedText(), statement);
        // The selection is what runs.
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        QTest::keyClick(window->editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(window->results()->model()->rowCount(), 1);

        // A field's and a tag value's templates.
        const QModelIndex count = expand(*window, {m_db, u"autogen"_s, u"cpu"_s, u"Fields"_s, u"count"_s});
        QVERIFY(count.isValid());
        trigger(window->schemaBrowser(), count, u"selectTemplate"_s);
        QCOMPARE(window->editor()->textCursor().selectedText(),
                 u"SELECT \"count\" FROM \"%1\".\"autogen\".\"cpu\" ORDER BY time DESC LIMIT 100"_s.arg(m_db));
        const QModelIndex value = expand(*window, {m_db, u"autogen"_s, u"odd \"m\",x"_s, u"Tags"_s, u"k=y"_s, u"it's"_s});
        QVERIFY(value.isValid());
        trigger(window->schemaBrowser(), value, u"selectTemplate"_s);
        QCOMPARE(window->editor()->textCursor().selectedText(),
                 u"SELECT * FROM \"%1\".\"autogen\".\"odd \\\"m\\\",x\" WHERE \"k=y\" = 'it\\'s' ORDER BY time DESC LIMIT 100"_s.arg(m_db));
        finished.clear();
        QTest::keyClick(window->editor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(window->results()->model()->rowCount(), 1);
    }

    void showQueriesRun_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("statement");
        QTest::addColumn<int>("rows");
        QTest::newRow("field keys") << u"showFieldKeys"_s << u"SHOW FIELD KEYS ON \"%1\" FROM \"autogen\".\"cpu\""_s << 4;
        QTest::newRow("tag keys") << u"showTagKeys"_s << u"SHOW TAG KEYS ON \"%1\" FROM \"autogen\".\"cpu\""_s << 1;
        QTest::newRow("series") << u"showSeries"_s << u"SHOW SERIES ON \"%1\" FROM \"autogen\".\"cpu\" LIMIT 1000"_s << 1;
        QTest::newRow("cardinality") << u"showSeriesCardinality"_s
                                     << u"SHOW SERIES CARDINALITY ON \"%1\" FROM \"autogen\".\"cpu\""_s << 1;
    }

    void showQueriesRun()
    {
        QFETCH(QString, action);
        QFETCH(QString, statement);
        QFETCH(int, rows);
        const auto window = connectedWindow();
        QVERIFY(window);
        const QModelIndex cpu = expand(*window, {m_db, u"autogen"_s, u"cpu"_s});
        QVERIFY(cpu.isValid());
        QSignalSpy finished(window.get(), &MainWindow::queryFinished);
        trigger(window->schemaBrowser(), cpu, action);
        QCOMPARE(window->editor()->toPlainText(), statement.arg(m_db));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(window->results()->model()->rowCount(), rows);
    }

    void copyQuotedNames()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaBrowser *browser = window->schemaBrowser();
        const QModelIndex odd = expand(*window, {m_db, u"autogen"_s, u"odd \"m\",x"_s});
        QVERIFY(odd.isValid());
        QClipboard *clipboard = QGuiApplication::clipboard();
        trigger(browser, odd, u"copyName"_s);
        QCOMPARE(clipboard->text(), u"\"odd \\\"m\\\",x\""_s);
        trigger(browser, odd, u"copyQualifiedName"_s);
        QCOMPARE(clipboard->text(), u"\"%1\".\"autogen\".\"odd \\\"m\\\",x\""_s.arg(m_db));
        const QModelIndex value = expand(*window, {m_db, u"autogen"_s, u"odd \"m\",x"_s, u"Tags"_s, u"k=y"_s, u"it's"_s});
        QVERIFY(value.isValid());
        trigger(browser, value, u"copyName"_s);
        QCOMPARE(clipboard->text(), u"'it\\'s'"_s);
        // Ctrl+C in the tree copies the current row's name.
        const QModelIndex key = value.parent();
        browser->view()->setCurrentIndex(key);
        browser->view()->setFocus();
        QTest::keyClick(browser->view(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard->text(), u"\"k=y\""_s);
    }

    void dropMeasurementAsksFirst()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaBrowser *browser = window->schemaBrowser();
        const QModelIndex victim = expand(*window, {m_db, u"autogen"_s, u"victim"_s});
        QVERIFY(victim.isValid());
        const QPersistentModelIndex rp = victim.parent();

        trigger(browser, victim, u"dropMeasurement"_s);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = browser->findChild<QMessageBox *>(u"dropConfirmation"_s)) && box->isVisible());
        QVERIFY(box->text().contains(u"\"victim\""_s));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!browser->findChild<QMessageBox *>(u"dropConfirmation"_s));
        QTest::qWait(100);
        QVERIFY(serverMeasurements(m_db).contains(u"victim"_s));
        QVERIFY(childNames(browser->model(), rp).contains(u"victim"_s));

        QSignalSpy dropped(browser, &SchemaBrowser::dropped);
        trigger(browser, browser->model()->child(rp, u"victim"_s), u"dropMeasurement"_s);
        QTRY_VERIFY((box = browser->findChild<QMessageBox *>(u"dropConfirmation"_s)) && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton *>(u"dropButton"_s), Qt::LeftButton);
        QTRY_COMPARE(dropped.size(), 1);
        QCOMPARE(dropped.first().at(1).toString(), u"victim"_s);
        QVERIFY(!serverMeasurements(m_db).contains(u"victim"_s));
        QVERIFY(!childNames(browser->model(), rp).contains(u"victim"_s));
        QVERIFY(childNames(browser->model(), rp).contains(u"cpu"_s));
    }

    void dropDatabase()
    {
        const QString doomed = m_influx.freshDatabase(u"doomed"_s);
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaBrowser *browser = window->schemaBrowser();
        QTRY_VERIFY(browser->model()->child({}, doomed).isValid());
        QSignalSpy dropped(browser, &SchemaBrowser::dropped);
        trigger(browser, browser->model()->child({}, doomed), u"dropDatabase"_s);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = browser->findChild<QMessageBox *>(u"dropConfirmation"_s)) && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton *>(u"dropButton"_s), Qt::LeftButton);
        QTRY_COMPARE(dropped.size(), 1);
        QVERIFY(!browser->model()->child({}, doomed).isValid());
        QVERIFY(browser->model()->child({}, m_db).isValid());
        BlockingClient client(m_influx.settings());
        auto dbs = BlockingAdministration(client).showDatabases();
        QVERIFY(dbs.ok());
        QVERIFY(!dbs->frame()->column(u"name")->values<QString>().empty());
        const auto &names = dbs->frame()->column(u"name")->values<QString>();
        QVERIFY(std::find(names.begin(), names.end(), doomed) == names.end());
    }

    void doubleClickUsesDatabase()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaBrowser *browser = window->schemaBrowser();
        SchemaModel *model = browser->model();
        QTRY_VERIFY(model->child({}, m_other).isValid());
        QVERIFY(model->child({}, m_db).data(Qt::FontRole).value<QFont>().bold()); // the connection's database
        QSignalSpy used(browser, &SchemaBrowser::useDatabaseRequested);
        const QModelIndex other = model->child({}, m_other);
        QTreeView *view = browser->view();
        const QPoint center = view->visualRect(other).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, center);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, center);
        QTRY_COMPARE(used.size(), 1);
        QCOMPARE(used.first().first().toString(), m_other);
        QCOMPARE(window->session()->client()->settings().database, m_other);
        QVERIFY(model->child({}, m_other).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model->child({}, m_db).data(Qt::FontRole).value<QFont>().bold());
        bool shown = false;
        for (QLabel *label : window->statusBar()->findChildren<QLabel *>())
            shown = shown || label->text().contains(u"database "_s + m_other);
        QVERIFY(shown);

        // The same from the context menu.
        trigger(browser, model->child({}, m_db), u"useDatabase"_s);
        QCOMPARE(window->session()->client()->settings().database, m_db);
    }

    void filterBoxAsksTheServer()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaBrowser *browser = window->schemaBrowser();
        const QPersistentModelIndex rp = expand(*window, {m_db, u"autogen"_s});
        QVERIFY(rp.isValid());
        QTest::keyClicks(browser->filterEdit(), u"A.B"_s);
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        QCOMPARE(browser->model()->measurementFilter(), u"(?i)A\\.B"_s);
        QTRY_COMPARE(childNames(browser->model(), rp), QStringList{u"a.b"_s});
        browser->regexButton()->click(); // now a regex, as typed: case matters
        QCOMPARE(browser->model()->measurementFilter(), u"A.B"_s);
        QTRY_COMPARE(browser->model()->pendingLoads(), 0);
        QCOMPARE(childNames(browser->model(), rp), QStringList{});
        browser->filterEdit()->setText(u"^a.b$"_s); // the dot matches any character
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        QTRY_COMPARE(childNames(browser->model(), rp), (QStringList{u"a.b"_s, u"axb"_s}));

        // An invalid regex: the server's words in a row.
        browser->filterEdit()->setText(u"a(b"_s);
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        QTRY_COMPARE(browser->model()->pendingLoads(), 0);
        QCOMPARE(browser->model()->rowCount(rp), 1);
        const QModelIndex error = browser->model()->index(0, 0, rp);
        QCOMPARE(browser->model()->kind(error), Kind::Error);
        QVERIFY2(error.data().toString().contains(u"missing closing )"_s), qPrintable(error.data().toString()));
        // A regex the browser refuses itself says why next to the box.
        browser->filterEdit()->setText(u"ab\\"_s);
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        auto *problem = browser->findChild<QLabel *>(u"schemaFilterProblem"_s);
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(u"backslash"_s));

        // Typing alone applies the filter after a pause; clearing it lists everything again.
        browser->filterEdit()->clear();
        QTRY_VERIFY(!problem->isVisible());
        QTRY_COMPARE(childNames(browser->model(), rp).size(), serverMeasurements(m_db).size());

        // The tag value scope leaves measurements alone.
        browser->filterScope()->setCurrentIndex(1);
        browser->filterEdit()->setText(u"^zzz$"_s);
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        QCOMPARE(browser->model()->tagValueFilter(), u"^zzz$"_s);
        QCOMPARE(browser->model()->measurementFilter(), QString());
        QTRY_COMPARE(childNames(browser->model(), rp).size(), serverMeasurements(m_db).size());
        const QModelIndex host = expand(*window, {m_db, u"autogen"_s, u"cpu"_s, u"Tags"_s, u"host"_s});
        QVERIFY(host.isValid());
        QCOMPARE(browser->model()->rowCount(host), 0);
    }

    void reloadsOnNewConnectionAndRefresh()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        SchemaModel *model = window->schemaBrowser()->model();
        QTRY_VERIFY(model->child({}, m_db).isValid());
        const QString later = m_influx.freshDatabase(u"later"_s);
        QVERIFY(!model->child({}, later).isValid());
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        window->schemaBrowser()->refreshAction()->trigger();
        QCOMPARE(reset.size(), 1);
        QTRY_VERIFY(model->child({}, later).isValid());

        const QString again = m_influx.freshDatabase(u"again"_s);
        QSignalSpy connected(window.get(), &MainWindow::connected);
        window->connectToUrl(m_influx.url(), m_other);
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(reset.size(), 2);
        QCOMPARE(model->client(), window->session()->client());
        QTRY_VERIFY(model->child({}, again).isValid());
        QVERIFY(model->child({}, m_other).data(Qt::FontRole).value<QFont>().bold());
    }

    void schemaScreenshotOnTheSandbox()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(u"schema.png"_s);
        QProcess explorer;
        explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH), {u"--view"_s, u"schema"_s, u"--screenshot"_s, png});
        QVERIFY(explorer.waitForFinished(60'000));
        QVERIFY2(explorer.exitCode() == 0, explorer.readAllStandardError().constData());
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }
};

QTEST_MAIN(SchemaBrowserTest)
#include "schemabrowsertest.moc"
