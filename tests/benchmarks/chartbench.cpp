#include "chartbench.h"

#include "benchoutput.h"
#include "chart/chartwidget.h"
#include "chart/timechartview.h"

#include <QApplication>
#include <QChart>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <chrono>
#include <cmath>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

constexpr std::int64_t kStart = 1'767'571'200'000'000'000; // 2026-01-05T00:00:00Z
constexpr double kSpike = 1000.0;

QueryResult generated(qint64 n, qint64 spikeRow)
{
    std::vector<std::int64_t> time(static_cast<size_t>(n));
    std::vector<double> values(static_cast<size_t>(n));
    std::uint64_t noise = 42;
    for (qint64 i = 0; i < n; ++i) {
        noise = noise * 6364136223846793005ull + 1442695040888963407ull;
        time[size_t(i)] = kStart + i * 1'000'000;
        values[size_t(i)] = std::sin(double(i) * 2e-6) + double(noise >> 40) * 0x1.0p-24 * 0.2;
    }
    values[size_t(spikeRow)] = kSpike;
    StatementResult statement;
    statement.series.append(Frame(u"bench"_s, {{u"host"_s, u"a"_s}}, std::move(time), {Column(u"value"_s, std::move(values))}));
    QueryResult result;
    result.statements.append(statement);
    return result;
}

// The view as the screen would show it: pending layout, then every item painted.
void render(QWidget *view, QImage &image)
{
    QCoreApplication::sendPostedEvents();
    image.fill(Qt::white);
    QPainter painter(&image);
    view->render(&painter);
}

} // namespace

int benchChart(const ChartArgs &args)
{
    const qint64 spikeRow = args.n * 2 / 3 + 1;
    note(u"generating %1 points"_s.arg(args.n));
    QueryResult result = generated(args.n, spikeRow);

    ChartWidget chart;
    chart.resize(1280, 720);
    chart.show();
    QCoreApplication::processEvents();
    auto start = std::chrono::steady_clock::now();
    chart.setResult(result);
    const double loadMs = secondsSince(start) * 1e3;
    QCoreApplication::processEvents();
    chart.resetZoom();
    QImage image(chart.view()->size(), QImage::Format_ARGB32_Premultiplied);
    render(chart.view(), image);

    auto spikeDrawn = [&] {
        for (const QPointF &p : chart.dataSeries().first()->points()) {
            if (p.y() == kSpike)
                return true;
        }
        return false;
    };
    std::vector<double> times, zoomTimes;
    // Zoom towards the spike's time: every step keeps it in view.
    const qreal spikeX = chart.view()->mapFromScene(chart.chart()->mapToScene(
        chart.chart()->mapToPosition(QPointF(double(spikeRow) * 1e6, 0), chart.dataSeries().first()))).x();
    for (int r = 0; r < args.repeats; ++r) {
        for (int step = 0; step <= 5; ++step) {
            start = std::chrono::steady_clock::now();
            if (step < 5)
                chart.zoom(0.8, spikeX);
            else
                chart.resetZoom();
            const double zoomMs = secondsSince(start) * 1e3;
            render(chart.view(), image);
            times.push_back(secondsSince(start) * 1e3);
            zoomTimes.push_back(zoomMs);
            if (!spikeDrawn()) {
                note(u"FAILED: the spike is not drawn after zoom step %1"_s.arg(step));
                return 1;
            }
        }
        note(u"pass %1: %2 ms; %3 points drawn at full range"_s.arg(r + 1)
                 .arg(formatRuns(std::vector<double>(times.end() - 6, times.end())))
                 .arg(chart.drawnPointCount(0)));
    }
    note(u"of which zoom (downsample + replace points + axes), median: %1 ms"_s.arg(median(zoomTimes), 0, 'f', 1));
    emit("chart_qinflux_load_ms", loadMs, "ms");
    emit("chart_qinflux_redraw_ms", median(times), "ms");
    emit("chart_qinflux_redraw_max_ms", *std::max_element(times.begin(), times.end()), "ms");
    emitCount("chart_qinflux_drawn_points", chart.drawnPointCount(0), "points");

    // For scale: Qt Charts drawing 1M points itself, no downsampling.
    {
        auto *raw = new QChart; // owned by the view
        auto *series = new QLineSeries;
        raw->addSeries(series);
        raw->createDefaultAxes();
        QChartView rawView(raw);
        rawView.resize(1280, 720);
        rawView.show();
        QList<QPointF> points;
        const qint64 m = std::min<qint64>(args.n, 100'000);
        points.reserve(m);
        for (qint64 i = 0; i < m; ++i)
            points.append(QPointF(double(i), std::sin(double(i) * 2e-5)));
        std::vector<double> rawTimes;
        for (int r = 0; r < args.repeats; ++r) {
            start = std::chrono::steady_clock::now();
            series->replace(points);
            raw->axes(Qt::Horizontal).first()->setRange(0.0, double(m) * (r + 1) / args.repeats);
            raw->axes(Qt::Vertical).first()->setRange(-1.0, 1.0);
            render(&rawView, image);
            rawTimes.push_back(secondsSince(start) * 1e3);
        }
        emit("chart_qtcharts_raw_100k_redraw_ms", median(rawTimes), "ms");
    }
    return 0;
}

} // namespace QInflux::Bench
