#include "history/historydock.h"
#include "history/queryhistory.h"
#include "history/savedqueries.h"
#include "offscreen.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

QueryRunSummary run(const QString &query, qint64 rows, bool ok = true)
{
    QueryRunSummary s;
    s.query = query;
    s.rows = rows;
    s.ok = ok;
    s.elapsedMs = 12;
    if (!ok)
        s.error = Error(Error::Kind::Server, u"error parsing query: found SELEC"_s);
    return s;
}

QStringList lines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

} // namespace

class QueryHistoryTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void historyIsKeptAcrossInstances()
    {
        const QString path = m_dir.filePath(u"a/history.jsonl"_s);
        {
            QueryHistory history(path);
            QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
            history.add(run(u"SELECT * FROM cpu"_s, 2), u"db1"_s);
            history.add(run(u"SELEC broken"_s, 0, false), u"db1"_s);
            QCOMPARE(history.rowCount(), 2);
            QCOMPARE(history.entry(0).query, u"SELEC broken"_s); // newest first
        }
        QCOMPARE(lines(path).size(), 2);
        QueryHistory again(path);
        QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(again.rowCount(), 2);
        QVERIFY(again.loadWarnings().isEmpty());
        const HistoryEntry &failed = again.entry(0);
        QCOMPARE(failed.query, u"SELEC broken"_s);
        QCOMPARE(failed.ok, false);
        QCOMPARE(failed.error, u"error parsing query: found SELEC"_s);
        QCOMPARE(failed.database, u"db1"_s);
        const HistoryEntry &ok = again.entry(1);
        QCOMPARE(ok.rows, 2);
        QCOMPARE(ok.durationMs, 12);
        QVERIFY(ok.ok);
        QVERIFY(qAbs(ok.time.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(again.data(again.index(1, QueryHistory::RowsColumn)).toLongLong(), 2);
        QCOMPARE(again.data(again.index(1, QueryHistory::ResultColumn)).toString(), u"ok"_s);
        QCOMPARE(again.data(again.index(0, QueryHistory::ResultColumn)).toString(), u"error"_s);
        QVERIFY(again.data(again.index(0, QueryHistory::ResultColumn), Qt::ToolTipRole).toString().contains(u"found SELEC"_s));
    }

    void historyIsBounded()
    {
        const QString path = m_dir.filePath(u"bounded.jsonl"_s);
        QueryHistory history(path, 3);
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 1; i <= 7; ++i)
            history.add(run(u"SELECT %1"_s.arg(i), i));
        QCOMPARE(history.rowCount(), 3);
        QCOMPARE(history.entry(0).query, u"SELECT 7"_s);
        QCOMPARE(history.entry(2).query, u"SELECT 5"_s);
        // The file grows to twice the bound, then is rewritten with the newest entries.
        QVERIFY(lines(path).size() < 6);
        QueryHistory again(path, 3);
        QCOMPARE(again.rowCount(), 3);
        QCOMPARE(again.entry(0).query, u"SELECT 7"_s);
        QCOMPARE(again.entry(2).query, u"SELECT 5"_s);
    }

    void unreadableLinesAreReported()
    {
        const QString path = m_dir.filePath(u"broken.jsonl"_s);
        {
            QueryHistory history(path);
            history.add(run(u"SELECT 1"_s, 1));
        }
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write("{\"query\": \"SELECT 2\", \"time\": \"2026\n"); // cut short, as after a crash
            file.write("{\"time\": \"2026-01-01T00:00:00Z\"}\n");
        }
        QueryHistory history(path);
        QCOMPARE(history.rowCount(), 1);
        QCOMPARE(history.loadWarnings().size(), 2);
        QVERIFY2(history.loadWarnings().at(0).contains(u"line 2"_s), qPrintable(history.loadWarnings().at(0)));
        QVERIFY2(history.loadWarnings().at(1).contains(u"line 3: no \"query\""_s), qPrintable(history.loadWarnings().at(1)));
    }

    void writeFailureIsReported()
    {
        // A directory where the file should be: the append fails and says so.
        const QString path = m_dir.filePath(u"isadir"_s);
        QVERIFY(QDir().mkpath(path));
        QueryHistory history(path);
        QSignalSpy failed(&history, &QueryHistory::writeFailed);
        history.add(run(u"SELECT 1"_s, 1));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(path));
        QCOMPARE(history.rowCount(), 1); // kept for this session
    }

    void savedQueries()
    {
        const QString path = m_dir.filePath(u"saved.json"_s);
        {
            SavedQueries saved(path);
            QAbstractItemModelTester tester(&saved, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(saved.save(u"  cpu "_s, u"SELECT * FROM cpu"_s), 0);
            QCOMPARE(saved.save(u"alpha"_s, u"SHOW DATABASES"_s), 0); // sorted by name
            QCOMPARE(saved.save(u""_s, u"x"_s), -1);
            QCOMPARE(saved.rowCount(), 2);
            QCOMPARE(saved.save(u"cpu"_s, u"SELECT mean(value) FROM cpu"_s), 1); // same name: replaced
            QCOMPARE(saved.rowCount(), 2);
            QVERIFY(!saved.rename(0, u"cpu"_s)); // taken
            QVERIFY(!saved.setData(saved.index(0), u" "_s));
            QVERIFY(saved.setData(saved.index(0), u"zeta"_s));
            QCOMPARE(saved.name(1), u"zeta"_s);
            QCOMPARE(saved.text(1), u"SHOW DATABASES"_s);
            saved.save(u"h2o"_s, u"SELECT * FROM h2o"_s);
            saved.remove(saved.find(u"cpu"_s));
        }
        SavedQueries again(path);
        QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(again.loadError(), QString());
        QCOMPARE(again.rowCount(), 2);
        QCOMPARE(again.name(0), u"h2o"_s);
        QCOMPARE(again.name(1), u"zeta"_s);
        QCOMPARE(again.index(1).data(SavedQueries::TextRole).toString(), u"SHOW DATABASES"_s);
    }

    void unreadableSavedQueriesAreNotOverwritten()
    {
        const QString path = m_dir.filePath(u"saved-broken.json"_s);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[{\"name\": \"a\", \"text\": \"SELECT 1\"}, ");
        }
        SavedQueries saved(path);
        QVERIFY(saved.loadError().contains(path));
        QSignalSpy failed(&saved, &SavedQueries::writeFailed);
        saved.save(u"b"_s, u"SELECT 2"_s);
        QCOMPARE(failed.size(), 1);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("[{\"name\": \"a\", \"text\": \"SELECT 1\"}, "));
    }

    void dockFiltersAndChooses()
    {
        QueryHistory history(QString{});
        SavedQueries saved(QString{});
        history.add(run(u"SELECT * FROM cpu_load_short"_s, 2));
        history.add(run(u"SHOW MEASUREMENTS"_s, 3));
        history.add(run(u"select mean(ph) from h2o"_s, 1));
        saved.save(u"water"_s, u"SELECT * FROM h2o"_s);
        saved.save(u"load"_s, u"SELECT * FROM cpu_load_short"_s);
        HistoryDock dock(&history, &saved);
        dock.setCurrentQueryProvider([] { return u"SHOW TAG KEYS"_s; });
        dock.resize(500, 400);
        dock.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dock));
        QTreeView *view = dock.historyView();
        QCOMPARE(view->model()->rowCount(), 3);

        QTest::keyClicks(dock.filterEdit(), u"SELECT"_s); // case-insensitive
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QTest::keyClicks(dock.filterEdit(), u" m"_s);
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, QueryHistory::QueryColumn).data().toString(), u"select mean(ph) from h2o"_s);

        QSignalSpy chosen(&dock, &HistoryDock::queryChosen);
        const QRect cell = view->visualRect(view->model()->index(0, QueryHistory::QueryColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().first().toString(), u"select mean(ph) from h2o"_s);

        // The saved page: the filter matches the text too.
        dock.filterEdit()->clear();
        dock.pages()->setCurrentIndex(1);
        QListView *savedView = dock.savedView();
        QCOMPARE(savedView->model()->rowCount(), 2);
        QTest::keyClicks(dock.filterEdit(), u"h2o"_s);
        QTRY_COMPARE(savedView->model()->rowCount(), 1);
        const QRect row = savedView->visualRect(savedView->model()->index(0, 0));
        QTest::mouseClick(savedView->viewport(), Qt::LeftButton, {}, row.center());
        QTest::mouseDClick(savedView->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_COMPARE(chosen.size(), 2);
        QCOMPARE(chosen.last().first().toString(), u"SELECT * FROM h2o"_s);
        dock.filterEdit()->clear();

        // Save the current query under a name (non-blocking dialog).
        QTest::mouseClick(dock.findChild<QPushButton *>(u"saveQueryButton"_s), Qt::LeftButton);
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = dock.findChild<QInputDialog *>(u"saveQueryDialog"_s)) != nullptr);
        dialog->setTextValue(u"tags"_s);
        dialog->accept();
        QTRY_COMPARE(saved.rowCount(), 3);
        QCOMPARE(saved.text(saved.find(u"tags"_s)), u"SHOW TAG KEYS"_s);

        // Delete the selected one after confirmation.
        savedView->setCurrentIndex(savedView->model()->index(saved.find(u"load"_s), 0));
        auto *deleteButton = dock.findChild<QPushButton *>(u"deleteQueryButton"_s);
        QVERIFY(deleteButton->isEnabled());
        QTest::mouseClick(deleteButton, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = dock.findChild<QMessageBox *>(u"deleteQueryBox"_s)) != nullptr);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(saved.rowCount(), 2);
        QCOMPARE(saved.find(u"load"_s), -1);
    }
};

QTEST_MAIN(QueryHistoryTest)
#include "queryhistorytest.moc"
