// ResultView against a real influxd: navigation, time modes, copy, export, streaming, cancel, guard.

#include <QInflux/querycache.h>
#include <QInflux/blockingclient.h>
#include "framebuilder_p.h"
#include "influxfixture.h"
#include "models/frametablemodel.h"
#include "offscreen.h"
#include "chart/chartwidget.h"
#include "resultview/resultview.h"
#include <QInflux/resultwriter.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <ctime>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {
constexpr qint64 s_bigRows = 70'000; // more than one export slice (65,536 rows)
constexpr std::int64_t s_ns = 1257894000123456789;
} // namespace

class ResultViewTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;
    std::unique_ptr<Client> m_client;

    /// Runs `query` in `view` and returns the summary.
    static QueryRunSummary runAndWait(ResultView &view, Client *client, const QString &query, QueryRunOptions options = {})
    {
        QSignalSpy finished(&view, &ResultView::runFinished);
        if (!view.run(client, query, options))
            qFatal("run refused");
        if (!finished.wait(30'000) && finished.isEmpty())
            qFatal("run did not finish");
        return finished.first().first().value<QueryRunSummary>();
    }
    QueryRunOptions options(bool guard = false) const
    {
        QueryRunOptions o;
        o.database = m_db;
        o.guard = guard;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qRegisterMetaType<QMessageBox *>();
        qputenv("TZ", "Europe/Berlin");
        tzset();
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"results"_s);
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write(QByteArray("cpu,host=a v=1 ") + QByteArray::number(s_ns) + "\n"
                             "cpu,host=a v=2 1257894000223456789\n"
                             "cpu,host=b v=3 1257894000323456789\n")
                    .ok());
        QByteArray big;
        for (qint64 i = 0; i < s_bigRows; ++i)
            big += "big,k=" + QByteArray::number(i % 2) + " x=" + QByteArray::number(i) + "i " + QByteArray::number(i * 1000) + '\n';
        QVERIFY(client.write(big).ok());
        m_client = std::make_unique<Client>(m_influx.settings(m_db));
    }

    void statementsAndSeries()
    {
        ResultView view;
        view.show();
        const auto summary = runAndWait(view, m_client.get(),
                                        u"SELECT v FROM cpu GROUP BY host; SELECT * FROM cpu WHERE host = 'b'; SELECT * FROM cpu GROUP BY time(1ms)"_s,
                                        options());
        QVERIFY(!summary.ok); // the third statement fails
        QCOMPARE(summary.rows, 4);
        QCOMPARE(view.statementChooser()->count(), 3);
        QVERIFY(view.statementChooser()->isEnabled());
        QCOMPARE(view.seriesChooser()->count(), 2);
        QVERIFY(view.seriesChooser()->itemText(0).startsWith(u"cpu,host=a"_s));
        QVERIFY(view.seriesChooser()->itemText(1).startsWith(u"cpu,host=b"_s));
        FrameTableModel *model = view.model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->data(model->index(1, 1)).toString(), u"2"_s);

        QSignalSpy current(&view, &ResultView::currentSeriesChanged);
        view.seriesChooser()->setCurrentIndex(1);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->data(model->index(0, 1)).toString(), u"3"_s);
        QCOMPARE(current.last().at(0).toInt(), 0);
        QCOMPARE(current.last().at(1).toInt(), 1);

        view.statementChooser()->setCurrentIndex(1);
        QCOMPARE(view.seriesChooser()->count(), 1);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), u"host"_s);
        QCOMPARE(model->data(model->index(0, 1)).toString(), u"b"_s);

        // The failing statement: its error in the server's own words, in the messages.
        view.statementChooser()->setCurrentIndex(2);
        QCOMPARE(model->rowCount(), 0);
        QVERIFY(view.statementChooser()->itemText(2).contains(u"error"_s));
        const std::optional<Error> error = view.result().statements[2].error;
        QVERIFY(error.has_value());
        QVERIFY(view.messageLabel()->isVisible());
        QVERIFY2(view.messageLabel()->text().contains(error->message()), qPrintable(view.messageLabel()->text()));
        QVERIFY(view.messageLabel()->text().contains(u"Statement 3"_s));
    }

    void requestErrorInMessages()
    {
        ResultView view;
        const auto summary = runAndWait(view, m_client.get(), u"SELEC broken"_s, options());
        QVERIFY(!summary.ok);
        QVERIFY(summary.error.has_value());
        QVERIFY(view.messageLabel()->text().contains(u"error parsing query"_s));
        QVERIFY(view.messageLabel()->text().contains(summary.error->message()));
    }

    void timeModes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::newRow("utc") << u"utc"_s << u"2009-11-10T23:00:00.123456789Z"_s;
        QTest::newRow("local") << u"local"_s << u"2009-11-11 00:00:00.123456789 +01:00"_s;
        QTest::newRow("ns") << u"ns"_s << u"1257894000123456789"_s;
        QTest::newRow("us") << u"us"_s << u"1257894000123456.789"_s;
        QTest::newRow("ms") << u"ms"_s << u"1257894000123.456789"_s;
        QTest::newRow("s") << u"s"_s << u"1257894000.123456789"_s;
    }
    void timeModes()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        {
            ResultView view;
            runAndWait(view, m_client.get(), u"SELECT v FROM cpu WHERE host = 'a'"_s, options());
            QComboBox *chooser = view.timeChooser();
            chooser->setCurrentIndex(chooser->findData(key));
            const QModelIndex cell = view.model()->index(0, 0);
            QCOMPARE(view.model()->data(cell).toString(), text);
            QCOMPARE(view.model()->data(cell, Qt::EditRole).toLongLong(), s_ns);
            // the tooltip gives every form
            const QString tip = view.model()->data(cell, Qt::ToolTipRole).toString();
            QVERIFY(tip.contains(u"2009-11-10T23:00:00.123456789Z"_s));
            QVERIFY(tip.contains(u"1257894000123456789"_s));
            QVERIFY(tip.contains(u"2009-11-11 00:00:00.123456789 +01:00"_s));
        }
        QCOMPARE(QSettings().value(u"results/timeDisplay"_s, u"utc"_s).toString(), key);
        ResultView next; // the next view starts in the chosen mode
        QCOMPARE(TimeText::key(next.timeDisplay()), key);
        next.setTimeDisplay(TimeDisplay::Utc);
    }

    void copySelectionWithCtrlC()
    {
        ResultView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        runAndWait(view, m_client.get(), u"SELECT v FROM cpu GROUP BY host"_s, options());
        view.setTimeDisplay(TimeDisplay::EpochS);
        QTableView *table = view.table();
        table->setFocus();
        table->selectionModel()->select(QItemSelection(view.model()->index(0, 0), view.model()->index(1, 1)),
                                        QItemSelectionModel::ClearAndSelect);
        QApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(),
                 u"time\tv\n1257894000.123456789\t1\n1257894000.223456789\t2\n"_s);
        view.setTimeDisplay(TimeDisplay::Utc);
    }

    void exportEveryStatementAndSeries()
    {
        ResultView view;
        const auto summary = runAndWait(view, m_client.get(),
                                        u"SELECT v FROM cpu GROUP BY host; SELECT * FROM big GROUP BY k; SHOW TAG KEYS"_s, options());
        QVERIFY(summary.ok);
        QCOMPARE(summary.rows, 3 + s_bigRows + 2);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"all.csv"_s);
        QSignalSpy finished(&view, &ResultView::exportFinished);
        QVERIFY(view.exportCsv(path, {ResultWriter::TimeFormat::Epoch, TimeUnit::Nanoseconds}));
        QVERIFY(view.isExporting());
        QVERIFY(finished.wait(30'000));
        QVERIFY(!finished.first().at(1).value<std::optional<Error>>().has_value());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        // Exactly what the core writer makes of the whole result, read back line by line.
        QBuffer expected;
        expected.open(QIODevice::WriteOnly);
        QVERIFY(ResultWriter::writeCsv(view.result(), expected, ResultWriter::TimeFormat::Epoch).ok());
        QCOMPARE(written.size(), expected.data().size());
        QVERIFY(written == expected.data());
        const QList<QByteArray> lines = written.split('\n');
        QCOMPARE(lines.size() - 1, 3 + s_bigRows + 2 + 3); // rows plus a header per column set (3)
        QVERIFY(lines.contains("cpu,host=a,1257894000123456789,1\r"));
        QVERIFY(lines.contains("big,k=1,69999000,69999\r"));
        QCOMPARE(lines.count("name,tags,time,x\r"), 1); // k=0 and k=1 share the header
    }

    void exportCancelAndError()
    {
        ResultView view;
        FrameBuilder builder(u"m"_s, {}, {u"v"_s}, true);
        builder.reserve(2'000'000);
        for (qint64 i = 0; i < 2'000'000; ++i) {
            builder.appendTime(i);
            QVERIFY(builder.appendFloat(0, double(i) / 3));
            builder.endRow();
        }
        QueryResult result;
        result.statements.append(StatementResult{0, {builder.build()}, {}, std::nullopt, false, {}});
        view.setResult(result);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cancelled.csv"_s);
        QSignalSpy finished(&view, &ResultView::exportFinished);
        QVERIFY(view.exportCsv(path));
        QVERIFY(!view.exportCsv(path)); // one at a time
        view.cancelExport();
        QVERIFY(finished.wait(30'000));
        const auto error = finished.first().at(1).value<std::optional<Error>>();
        QVERIFY(error.has_value());
        QCOMPARE(error->kind(), Error::Kind::Cancelled);
        QVERIFY(!QFile::exists(path)); // no half-written file
        QVERIFY(QDir(dir.path()).isEmpty());

        finished.clear();
        QVERIFY(view.exportCsv(dir.filePath(u"no/such/dir/x.csv"_s)));
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.first().at(1).value<std::optional<Error>>()->kind(), Error::Kind::Io);
        QVERIFY(view.messageLabel()->text().contains(u"Export failed"_s));
        QVERIFY(view.messageLabel()->text().contains(u"no/such/dir"_s));
    }

    void streamsChunksWithLiveCount()
    {
        ResultView view;
        view.show();
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<qint64> counts;
        QList<int> modelRows;
        connect(&view, &ResultView::rowsReceived, this, [&](qint64 rows) {
            counts << rows;
            modelRows << view.model()->rowCount();
        });
        QueryRunOptions o = options();
        o.chunkSize = 5'000;
        const auto summary = runAndWait(view, m_client.get(), u"SELECT * FROM big"_s, o);
        QVERIFY(summary.ok);
        QCOMPARE(summary.rows, s_bigRows);
        QVERIFY2(counts.size() >= s_bigRows / 5'000, qPrintable(QString::number(counts.size())));
        QVERIFY(std::is_sorted(counts.begin(), counts.end()));
        QCOMPARE(counts.last(), s_bigRows);
        // The table shows the first chunk at once and grows with the stream (chunks that arrive
        // within 100 ms of the last growth are handed over together).
        QCOMPARE(qint64(modelRows.first()), counts.first());
        QVERIFY(std::is_sorted(modelRows.begin(), modelRows.end()));
        for (qsizetype i = 0; i < counts.size(); ++i)
            QVERIFY(modelRows[i] <= counts[i]);
        QCOMPARE(view.model()->rowCount(), int(s_bigRows));
        QCOMPARE(view.model()->partCount(), 1); // compacted once the stream ended
        QCOMPARE(view.result().rowCount(), s_bigRows);
        QCOMPARE(view.result().statements.front().series.size(), 1);
        QCOMPARE(view.model()->data(view.model()->index(int(s_bigRows) - 1, 2)).toString(), u"69999"_s);
    }

    void cancelKeepsWhatCame()
    {
        ResultView view;
        QueryRunOptions o = options();
        o.chunkSize = 1'000;
        connect(&view, &ResultView::rowsReceived, &view, [&](qint64 rows) {
            if (rows >= 3'000)
                view.cancel();
        });
        const auto summary = runAndWait(view, m_client.get(), u"SELECT * FROM big"_s, o);
        QVERIFY(summary.cancelled);
        QVERIFY(!summary.ok);
        QCOMPARE(summary.rows, 3'000);
        QCOMPARE(view.model()->rowCount(), 3'000);
        QCOMPARE(view.result().rowCount(), 3'000);
        QVERIFY(view.statusLabel()->text().contains(u"Cancelled"_s));
        QVERIFY(!view.isRunning());
    }

    void cachePathStillWorks()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        ResultView view;
        QueryRunOptions o = options();
        o.cache = &cache;
        const QString query = u"SELECT v FROM cpu GROUP BY host"_s;
        const auto miss = runAndWait(view, m_client.get(), query, o);
        QVERIFY(miss.ok);
        QCOMPARE(miss.cache, QueryRunSummary::CacheState::Miss);
        const auto hit = runAndWait(view, m_client.get(), query, o);
        QVERIFY(hit.ok);
        QCOMPARE(hit.cache, QueryRunSummary::CacheState::Hit);
        QCOMPARE(hit.rows, 3);
        QCOMPARE(view.seriesChooser()->count(), 2);
        QCOMPARE(view.model()->data(view.model()->index(0, 0)).toString(), u"2009-11-10T23:00:00.123456789Z"_s);
        QSignalSpy finished(&view, &ResultView::runFinished);
        QVERIFY(view.run(m_client.get(), query, o));
        QVERIFY(!view.run(m_client.get(), query, o)); // one run at a time
        QVERIFY(finished.wait(30'000));
    }

    void guard_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<bool>("cancelled");
        QTest::newRow("fetch everything") << u"fetchAll"_s << s_bigRows << false;
        QTest::newRow("add limit") << u"addLimit"_s << 2 * ResultView::guardLimit << false; // LIMIT is per series
        QTest::newRow("cancel") << u"cancelRun"_s << qint64(0) << true;
    }
    void guard()
    {
        QFETCH(QString, button);
        QFETCH(qint64, rows);
        QFETCH(bool, cancelled);
        ResultView view;
        view.show();
        view.setGuardThreshold(30'000);
        QSignalSpy asked(&view, &ResultView::guardAsked);
        QSignalSpy finished(&view, &ResultView::runFinished);
        QVERIFY(view.run(m_client.get(), u"SELECT * FROM big GROUP BY k"_s, options(true)));
        QVERIFY(asked.wait(30'000));
        auto *box = asked.first().first().value<QMessageBox *>();
        QVERIFY(box->isVisible());
        QVERIFY(box->text().contains(u"30"_s));
        QVERIFY(view.isRunning()); // waiting for the answer does not block the GUI thread
        auto *choice = box->findChild<QPushButton *>(button);
        QVERIFY(choice);
        QTest::mouseClick(choice, Qt::LeftButton);
        QVERIFY(finished.wait(30'000));
        const auto summary = finished.first().first().value<QueryRunSummary>();
        QCOMPARE(summary.rows, rows);
        QCOMPARE(summary.cancelled, cancelled);
        if (button == u"addLimit")
            QCOMPARE(summary.query, u"SELECT * FROM big GROUP BY k LIMIT 10000"_s);
    }

    void guardStaysQuiet_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("time bound") << u"SELECT * FROM big WHERE time >= 0"_s;
        QTest::newRow("limit") << u"SELECT * FROM big LIMIT 40000"_s;
        QTest::newRow("small") << u"SELECT * FROM cpu"_s;
        QTest::newRow("aggregate") << u"SELECT count(x) FROM big"_s;
    }
    void guardStaysQuiet()
    {
        QFETCH(QString, query);
        ResultView view;
        view.setGuardThreshold(30'000);
        QSignalSpy asked(&view, &ResultView::guardAsked);
        const auto summary = runAndWait(view, m_client.get(), query, options(true));
        QVERIFY(summary.ok);
        QCOMPARE(asked.size(), 0);
        QCOMPARE(summary.query, query);
    }

    void guardBudget()
    {
        ResultView view;
        view.setGuardThreshold(100'000); // more than the measurement has: only the budget can ask
        QSignalSpy asked(&view, &ResultView::guardAsked);
        connect(&view, &ResultView::guardAsked, &view, [](QMessageBox *box) { box->reject(); });
        runAndWait(view, m_client.get(), u"SELECT * FROM big"_s, options(true));
        QCOMPARE(asked.size(), 0);
        view.setGuardBudget(1);
        const auto summary = runAndWait(view, m_client.get(), u"SELECT * FROM big"_s, options(true));
        QCOMPARE(asked.size(), 1);
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.rows, 0);
    }

    void tablePage()
    {
        ResultView view;
        QCOMPARE(view.pages()->count(), 2);
        QCOMPARE(view.pages()->tabText(0), u"Table"_s);
        QCOMPARE(view.pages()->widget(0), view.table());
        QCOMPARE(view.pages()->widget(1), view.chart());
    }
};

QTEST_MAIN(ResultViewTest)
#include "resultviewtest.moc"
