#pragma once

#include <QtGlobal>

namespace QInflux::Bench {

struct ChartArgs
{
    qint64 n = 10'000'000;
    int repeats = 3;
};

/// `qinflux-bench chart` (needs a QApplication; runs offscreen when no platform is set): loads n
/// float points (one series, a millisecond apart, one single-sample spike) into a 1280x720 ChartWidget,
/// then times redraws after zooms: a zoom step (downsample + replace the series' points), the
/// chart's pending layout, and rendering the view into an image. chart_qinflux_redraw_ms is the
/// median over `repeats` passes of five wheel-like zoom steps from the full range and a reset;
/// chart_qinflux_redraw_max_ms the slowest; chart_qinflux_load_ms the time setResult() takes.
/// For scale, chart_qtcharts_raw_100k_redraw_ms is the same redraw handing 100k points to a QLineSeries
/// without downsampling. Checks that the spike is among the drawn points after every redraw.
int benchChart(const ChartArgs &args);

} // namespace QInflux::Bench
