#include "chart/chartwidget.h"
#include "chart/timechartview.h"
#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "influxfixture.h"
#include "offscreen.h"
#include "resultview/resultview.h"

#include <QApplication>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QFileDialog>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QImage>
#include <QImageReader>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QValueAxis>
#include <QWheelEvent>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

constexpr std::int64_t kStart = 1'767'571'200'000'000'000; // 2026-01-05T00:00:00Z
constexpr std::int64_t kSecond = 1'000'000'000;

// One series of n float points a millisecond apart, value sin-like, with `spike` set at row spikeRow.
QueryResult generated(qsizetype n, qsizetype spikeRow = -1, double spike = 0)
{
    std::vector<std::int64_t> time(static_cast<size_t>(n));
    std::vector<double> values(static_cast<size_t>(n));
    for (qsizetype i = 0; i < n; ++i) {
        time[size_t(i)] = kStart + i * 1'000'000;
        values[size_t(i)] = std::sin(double(i) * 1e-3);
    }
    if (spikeRow >= 0)
        values[size_t(spikeRow)] = spike;
    StatementResult statement;
    statement.series.append(Frame(u"gen"_s, {{u"host"_s, u"a"_s}}, std::move(time),
                                  {Column(u"value"_s, std::move(values))}));
    QueryResult result;
    result.statements.append(statement);
    return result;
}

QPoint viewPosOf(ChartWidget &chart, QPointF value, QAbstractSeries *series)
{
    const QPointF inChart = chart.chart()->mapToPosition(value, series);
    return chart.view()->mapFromScene(chart.chart()->mapToScene(inChart));
}

} // namespace

class ChartWidgetTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

    QueryResult query(const QString &text)
    {
        BlockingClient client(m_influx.settings(m_db));
        auto result = client.query(text);
        if (!result)
            qFatal("query failed: %s", qPrintable(result.error().toString()));
        return *result;
    }

    static std::unique_ptr<ChartWidget> shownChart()
    {
        auto chart = std::make_unique<ChartWidget>();
        chart->resize(900, 560);
        chart->show();
        if (!QTest::qWaitForWindowExposed(chart.get()))
            return nullptr;
        return chart;
    }

    /// A shown chart of the result of `text`, laid out, with every point in view.
    std::unique_ptr<ChartWidget> chartOf(const QString &text)
    {
        auto chart = shownChart();
        if (!chart)
            return nullptr;
        chart->setResult(query(text));
        if (!QTest::qWaitFor([&] { return chart->chart()->plotArea().width() > 100; }))
            return nullptr;
        chart->resetZoom();
        return chart;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"chart"_s);
        QByteArray lines;
        for (int i = 0; i < 100; ++i) {
            for (const char *host : {"a", "b", "c"}) {
                lines += "load,host=" + QByteArray(host) + " value=" + QByteArray::number(0.01 * i + (host[0] - 'a'))
                         + ",count=" + QByteArray::number(i) + "i,flag=" + (i % 2 ? "true" : "false") + ",note=\"n\" "
                         + QByteArray::number(kStart + i * kSecond + 123'456'789) + '\n';
            }
        }
        // x is missing at rows 4 and 5 (only y written there): nulls in SELECT x, y.
        for (int i = 0; i < 10; ++i) {
            const QByteArray field = (i == 4 || i == 5) ? QByteArray("y=1") : "x=" + QByteArray::number(10 + i) + ",y=1";
            lines += "gappy " + field + ' ' + QByteArray::number(kStart + i * kSecond) + '\n';
        }
        lines += "big u=9007199254740993i " + QByteArray::number(kStart) + "\nbig u=1i "
                 + QByteArray::number(kStart + kSecond) + '\n';
        BlockingClient client(m_influx.settings(m_db));
        WriteOptions options;
        options.database = m_db;
        const auto written = client.write(lines, options);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().toString()));
    }

    void groupByGivesOneLinePerSeries()
    {
        ResultView view;
        view.resize(900, 600);
        view.show();
        QCOMPARE(view.pages()->count(), 2);
        QCOMPARE(view.pages()->widget(1), view.chart());
        QCOMPARE(view.pages()->currentIndex(), 0);
        Client client(m_influx.settings(m_db));
        QSignalSpy finished(&view, &ResultView::runFinished);
        QVERIFY(view.run(&client, u"SELECT * FROM load GROUP BY host"_s));
        QTRY_COMPARE(finished.size(), 1);
        ChartWidget *chart = view.chart();
        // The table is in front: the chart prepares its series only when its page is shown.
        QCOMPARE(chart->dataSeries().size(), 0);
        QTest::keyClick(view.pages()->tabBar(), Qt::Key_Right);
        QCOMPARE(view.pages()->currentWidget(), chart);
        QCOMPARE(chart->dataSeries().size(), 3);
        // Numeric columns only (note is a string), in the answer's order.
        QCOMPARE(chart->columns(), (QStringList{u"count"_s, u"flag"_s, u"value"_s}));
        chart->setColumn(u"value"_s);
        const QList<QXYSeries *> series = chart->dataSeries();
        QCOMPARE(series.size(), 3);
        const QStringList names{u"host=a"_s, u"host=b"_s, u"host=c"_s};
        for (qsizetype i = 0; i < 3; ++i) {
            QVERIFY(qobject_cast<QLineSeries *>(series[i]));
            QCOMPARE(series[i]->name(), names[i]);
            QCOMPARE(series[i]->count(), 100); // fewer points than pixels: every one
            QCOMPARE(chart->drawnPointCount(i), 100);
            QCOMPARE(series[i]->at(0).y(), double(i));
            QCOMPARE(chart->chart()->legend()->markers(series[i]).first()->label(), names[i]);
        }
        QCOMPARE(chart->timeFrom(), kStart + 123'456'789);
        QCOMPARE(chart->timeTo(), kStart + 99 * kSecond + 123'456'789);
        // Bool as 0/1.
        chart->setColumn(u"flag"_s);
        QCOMPARE(chart->dataSeries().first()->at(1).y(), 1.0);
        QCOMPARE(chart->dataSeries().first()->at(2).y(), 0.0);
    }

    void tenMillionPointsKeepTheSpikeAndZoomRecomputes()
    {
        constexpr qsizetype n = 10'000'000;
        const qsizetype spikeRow = 6'543'210;
        auto chart = shownChart();
        QVERIFY(chart);
        chart->setResult(generated(n, spikeRow, 50.0));
        QTRY_VERIFY(chart->chart()->plotArea().width() > 100);
        chart->resetZoom();
        const int pixels = int(chart->chart()->plotArea().width());
        QXYSeries *line = chart->dataSeries().first();
        QVERIFY(line->count() <= 4 * pixels + 2);
        QVERIFY(line->count() > pixels);
        bool spikeDrawn = false;
        for (const QPointF &p : line->points())
            spikeDrawn = spikeDrawn || p.y() == 50.0;
        QVERIFY(spikeDrawn);
        auto *axisY = qobject_cast<QValueAxis *>(chart->chart()->axes(Qt::Vertical).first());
        QVERIFY(axisY->max() >= 50.0);

        // Wheel over the middle: the time range narrows around the cursor and the points are recomputed.
        const int redraws = chart->redrawCount();
        const std::int64_t span = chart->timeTo() - chart->timeFrom();
        const QPoint middle = chart->view()->viewport()->rect().center();
        QWheelEvent wheel(middle, chart->view()->viewport()->mapToGlobal(middle), {}, {0, 5 * 120}, Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(chart->view()->viewport(), &wheel);
        QTRY_VERIFY(chart->redrawCount() > redraws);
        const std::int64_t zoomedSpan = chart->timeTo() - chart->timeFrom();
        QVERIFY2(std::abs(double(zoomedSpan) / double(span) - std::pow(0.8, 5)) < 0.01, qPrintable(QString::number(zoomedSpan)));
        QVERIFY(line->count() <= 4 * pixels + 2);
        QVERIFY(line->points().first().x() <= double(chart->timeFrom() - kStart));

        // Zoom far in around the spike: every row there is drawn, the spike among them.
        chart->setTimeRange(kStart + (spikeRow - 20) * 1'000'000, kStart + (spikeRow + 20) * 1'000'000);
        QCOMPARE(line->count(), 43); // 41 rows in range and one on each side
        QVERIFY(line->points().contains(QPointF(double((spikeRow) * 1'000'000), 50.0)));

        // A range of a few nanoseconds: the time axis labels them (QDateTime could not).
        chart->setTimeRange(kStart + 3, kStart + 40);
        auto *axisX = qobject_cast<QCategoryAxis *>(chart->chart()->axes(Qt::Horizontal).first());
        QVERIFY(axisX);
        QVERIFY(axisX->count() >= 3);
        for (const QString &label : axisX->categoriesLabels())
            QVERIFY2(QRegularExpression(u"^00:00:00\\.0000000[0-4][05]$"_s).match(label).hasMatch(), qPrintable(label));
        QVERIFY(axisX->titleText().contains(u"2026-01-05T00:00:00.000000003Z"_s));

        // Rubber band: drag over the left half of the plot.
        chart->resetZoom();
        const QRectF plot = chart->chart()->plotArea();
        const QPoint from = chart->view()->mapFromScene(chart->chart()->mapToScene(plot.topLeft() + QPointF(10, 10)));
        const QPoint to = chart->view()->mapFromScene(chart->chart()->mapToScene(plot.center()));
        QTest::mousePress(chart->view()->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(chart->view()->viewport(), to);
        QTest::mouseRelease(chart->view()->viewport(), Qt::LeftButton, {}, to);
        QTRY_VERIFY(chart->timeTo() - chart->timeFrom() < span * 6 / 10);
        QVERIFY(chart->timeFrom() > kStart);

        // Keys: Right pans to later times, Home resets.
        chart->view()->setFocus();
        const std::int64_t before = chart->timeFrom();
        QTest::keyClick(chart->view(), Qt::Key_Right);
        QTRY_VERIFY(chart->timeFrom() > before);
        QTest::keyClick(chart->view(), Qt::Key_Home);
        QTRY_COMPARE(chart->timeFrom(), kStart);
        QCOMPARE(chart->timeTo(), kStart + (n - 1) * 1'000'000);
        // Minus zooms out, up to four times the data's range.
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(chart->view(), Qt::Key_Minus);
        QVERIFY(chart->timeTo() - chart->timeFrom() > 3 * (n - 1) * 1'000'000);
        QVERIFY(chart->timeTo() - chart->timeFrom() <= 4 * (n - 1) * 1'000'000 + 1'000'000'000);
        QTest::keyClick(chart->view(), Qt::Key_Plus);
        QVERIFY(chart->timeTo() - chart->timeFrom() < 3 * (n - 1) * 1'000'000);

        // Shift+drag pans: dragging right shows earlier times.
        chart->setTimeRange(kStart + 1000 * 1'000'000, kStart + 2000 * 1'000'000);
        const std::int64_t panFrom = chart->timeFrom();
        QTest::mousePress(chart->view()->viewport(), Qt::LeftButton, Qt::ShiftModifier, middle);
        QTest::mouseMove(chart->view()->viewport(), middle + QPoint(100, 0));
        QTest::mouseRelease(chart->view()->viewport(), Qt::LeftButton, Qt::ShiftModifier, middle + QPoint(100, 0));
        QTRY_VERIFY(chart->timeFrom() < panFrom);
    }

    void descendingTimeIsDrawnInTimeOrder()
    {
        const auto chart = chartOf(u"SELECT \"count\" FROM load WHERE host = 'a' ORDER BY time DESC"_s);
        QVERIFY(chart);
        QXYSeries *line = chart->dataSeries().first();
        QCOMPARE(line->count(), 100);
        QCOMPARE(line->at(0), QPointF(0.0, 0.0)); // the earliest point first, an integer column as double
        QCOMPARE(line->at(99).y(), 99.0);
        // The read-out maps the drawn point back to its row of the (descending) answer.
        chart->trackCursor(viewPosOf(*chart, line->at(1), line));
        QCOMPARE(chart->cursorText(), u"load  ·  2026-01-05T00:00:01.123456789Z  ·  count = 1"_s);
    }

    void nothingToChartIsSaid()
    {
        const auto chart = chartOf(u"SHOW MEASUREMENTS"_s);
        QVERIFY(chart);
        QVERIFY(chart->dataSeries().isEmpty());
        QVERIFY(chart->columns().isEmpty());
        QVERIFY(chart->chart()->title().contains(u"no numeric column with a time"_s));
        chart->setResult(query(u"SELECT note FROM load"_s)); // strings only
        QVERIFY(chart->dataSeries().isEmpty());
        QVERIFY(chart->chart()->title().contains(u"no numeric column with a time"_s));
        chart->clear();
        QVERIFY(chart->chart()->title().contains(u"Run a query"_s));
    }

    void legendEntriesToggleTheirSeries()
    {
        const auto chart = chartOf(u"SELECT value FROM load GROUP BY host"_s);
        QVERIFY(chart);
        // Click the legend text "host=b" as a user would, once the legend has laid itself out.
        auto findLabel = [&]() -> QGraphicsItem * {
            for (QGraphicsItem *item : chart->view()->scene()->items()) {
                auto *text = dynamic_cast<QGraphicsTextItem *>(item);
                if (text && text->toPlainText() == u"host=b" && text->isVisible())
                    return item;
            }
            return nullptr;
        };
        QGraphicsItem *label = nullptr;
        QTRY_VERIFY((label = findLabel()) != nullptr);
        const QPoint at = chart->view()->mapFromScene(label->sceneBoundingRect().center());
        QTest::mouseClick(chart->view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(!chart->isSeriesShown(1));
        QVERIFY(!chart->dataSeries()[1]->isVisible());
        QVERIFY(chart->dataSeries()[0]->isVisible());
        QVERIFY(chart->chart()->legend()->markers(chart->dataSeries()[1]).first()->isVisible());
        // The value range follows the shown series: c (2..2.99) still shown (axis beyond 3), hide it too and it shrinks to a.
        auto *axisY = qobject_cast<QValueAxis *>(chart->chart()->axes(Qt::Vertical).first());
        QVERIFY(axisY->max() >= 2.99);
        chart->setSeriesShown(2, false);
        QVERIFY2(axisY->max() < 2.0, qPrintable(QString::number(axisY->max())));
        QTest::mouseClick(chart->view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(chart->isSeriesShown(1));
        QVERIFY(chart->dataSeries()[1]->isVisible());
    }

    void stepAndScatterStyles()
    {
        const auto chart = chartOf(u"SELECT value FROM load WHERE host = 'a'"_s);
        QVERIFY(chart);
        QCOMPARE(chart->dataSeries().first()->count(), 100);
        chart->styleChooser()->setCurrentIndex(chart->styleChooser()->findText(u"Step"_s));
        QCOMPARE(chart->chartStyle(), ChartWidget::Style::Step);
        QXYSeries *step = chart->dataSeries().first();
        QVERIFY(qobject_cast<QLineSeries *>(step));
        QCOMPARE(step->count(), 199); // a horizontal then a vertical piece between points
        QCOMPARE(step->at(1).y(), step->at(0).y());
        QCOMPARE(step->at(1).x(), step->at(2).x());
        chart->styleChooser()->setCurrentIndex(chart->styleChooser()->findText(u"Scatter"_s));
        QCOMPARE(chart->chartStyle(), ChartWidget::Style::Scatter);
        QVERIFY(qobject_cast<QScatterSeries *>(chart->dataSeries().first()));
        QCOMPARE(chart->dataSeries().first()->count(), 100);
        QCOMPARE(chart->dataSeries().first()->name(), u"load"_s); // no tags: the measurement
    }

    void nullsBreakTheLine()
    {
        const auto chart = chartOf(u"SELECT x, y FROM gappy"_s);
        QVERIFY(chart);
        chart->setColumn(u"x"_s); // every point in view again
        // Rows 0-3 in the legend's line, rows 6-9 in a second piece; rows 4 and 5 nowhere (not as 0).
        QXYSeries *first = chart->dataSeries().first();
        QCOMPARE(first->count(), 4);
        QCOMPARE(first->at(3).y(), 13.0);
        QCOMPARE(chart->drawnPointCount(0), 8);
        int piecesWithSix = 0;
        for (QAbstractSeries *s : chart->chart()->series()) {
            auto *xy = qobject_cast<QLineSeries *>(s);
            if (!xy || xy == first || !xy->isVisible())
                continue;
            for (const QPointF &p : xy->points()) {
                QVERIFY(p.y() >= 10.0);
                piecesWithSix += p.y() == 16.0;
            }
            QCOMPARE(xy->count(), 4);
        }
        QCOMPARE(piecesWithSix, 1);
    }

    void valueUnderTheCursorIsExact()
    {
        const auto chart = chartOf(u"SELECT value FROM load GROUP BY host"_s);
        QVERIFY(chart);
        QXYSeries *b = chart->dataSeries()[1];
        const QPoint at = viewPosOf(*chart, b->at(50), b);
        QTest::mouseMove(chart->view()->viewport(), at);
        QTRY_VERIFY(!chart->cursorText().isEmpty());
        QCOMPARE(chart->cursorText(), u"host=b  ·  2026-01-05T00:00:50.123456789Z  ·  value = 1.5"_s);

        // Integers beyond 2^53 are shown as stored, not as the double drawn.
        chart->setResult(query(u"SELECT u FROM big"_s));
        QXYSeries *big = chart->dataSeries().first();
        chart->trackCursor(viewPosOf(*chart, big->at(0), big));
        QCOMPARE(chart->cursorText(), u"big  ·  2026-01-05T00:00:00.000000000Z  ·  u = 9007199254740993"_s);
    }

    void exportPngWritesAnImageOrSaysWhy()
    {
        const auto chart = chartOf(u"SELECT value FROM load GROUP BY host"_s);
        QVERIFY(chart);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"chart.png"_s);
        const Result<void> written = chart->exportPng(path);
        QVERIFY(written.ok());
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage image = reader.read();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), chart->view()->size() * chart->view()->devicePixelRatio());
        QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2).isValid());

        const QString bad = dir.filePath(u"missing/dir/chart.png"_s);
        const Result<void> failed = chart->exportPng(bad);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().kind(), Error::Kind::Io);
        QVERIFY(failed.error().message().contains(bad));
        QVERIFY(!QFile::exists(bad));

        // Through the button: the file dialog, then the error in a message box.
        QTest::mouseClick(chart->findChildren<QToolButton *>().last(), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = chart->findChild<QFileDialog *>(u"chartExportDialog"_s)) != nullptr);
        Q_EMIT dialog->fileSelected(bad);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = chart->findChild<QMessageBox *>(u"chartExportError"_s)) != nullptr);
        QVERIFY(box->text().contains(bad));
    }

    void explorerChartScreenshot()
    {
        // The real program on the sandbox: --view chart runs its GROUP BY query and captures the chart.
        QTemporaryDir dir;
        const QString png = dir.filePath(u"chart.png"_s);
        QProcess explorer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        explorer.setProcessEnvironment(env);
        explorer.start(QStringLiteral(QINFLUX_EXPLORER_PATH), {u"--view"_s, u"chart"_s, u"--screenshot"_s, png});
        QVERIFY(explorer.waitForFinished(60'000));
        QCOMPARE(explorer.exitCode(), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 500);
    }
};

QTEST_MAIN(ChartWidgetTest)
#include "chartwidgettest.moc"
