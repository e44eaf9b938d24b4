#pragma once

#include "chartline.h"
#include "chartseries.h"
#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCategoryAxis;
class QChart;
class QComboBox;
class QLabel;
class QScatterSeries;
class QTimer;
class QToolButton;
class QValueAxis;
class QXYSeries;

namespace QInflux {

class TimeChartView;

/// A chart of a QueryResult: one numeric column (chosen in a combo box) over time, one line per series
/// (GROUP BY gives several; the legend names them by their tags). Draws only what the pixels can
/// show (Downsampler, recomputed on every zoom and pan), breaks lines at nulls, keeps nanosecond times
/// on its own time axis, and shows the exact time and value of the drawn point nearest the cursor.
class ChartWidget : public QWidget
{
    Q_OBJECT
public:
    using Style = ChartStyle;

    explicit ChartWidget(QWidget *parent = nullptr);
    ~ChartWidget() override;

    /// Shows the result's numeric columns; keeps the chosen column when the new result has it. While
    /// the widget is hidden (e.g. the table page is in front) the series are prepared only when it is
    /// shown or setColumn() is called: a table user does not pay for a chart of 10M rows.
    void setResult(const QueryResult &result);
    void clear();

    /// The numeric columns of the current result, in the chooser's order.
    QStringList columns() const;
    QString column() const;
    void setColumn(const QString &name);
    Style chartStyle() const { return m_style; }
    void setChartStyle(Style style);

    /// The time range shown, nanoseconds since the epoch; redraws at once.
    void setTimeRange(std::int64_t from, std::int64_t to);
    std::int64_t timeFrom() const { return m_from; }
    std::int64_t timeTo() const { return m_to; }
    /// Back to every point, with an automatic value range.
    void resetZoom();
    /// Zooms the time axis by `factor` (< 1 zooms in) around the time at view position x.
    void zoom(double factor, qreal viewX);

    /// The chart series carrying the legend entries, one per data series, in order.
    QList<QXYSeries *> dataSeries() const;
    /// Points handed to Qt Charts for data series `index` at the last redraw (all its parts).
    qsizetype drawnPointCount(qsizetype index) const;
    bool isSeriesShown(qsizetype index) const;
    void setSeriesShown(qsizetype index, bool shown);
    /// Redraws done so far (each downsamples and replaces the points).
    int redrawCount() const { return m_redraws; }

    /// The text about the point nearest the cursor ("" when there is none).
    QString cursorText() const;
    /// Updates the cursor read-out for the mouse at `viewPos` (TimeChartView coordinates).
    void trackCursor(QPointF viewPos);

    /// Writes the chart as a PNG to `path` atomically (QSaveFile); a Kind::Io error naming the file.
    Result<void> exportPng(const QString &path);

    QChart *chart() const { return m_chart; }
    TimeChartView *view() const { return m_view; }
    QComboBox *columnChooser() const { return m_columnBox; }
    QComboBox *styleChooser() const { return m_styleBox; }

Q_SIGNALS:
    /// After each redraw.
    void redrawn();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void redraw();
    void scheduleRedraw();
    void updateTimeAxis();
    void onAxisXChanged(qreal min, qreal max);
    void pan(qreal dx, qreal dy);
    void chooseExportFile();
    int plotPixels() const;
    double toX(std::int64_t t) const { return double(t - m_origin); }

    QueryResult m_result;
    std::vector<std::unique_ptr<ChartSeries>> m_series;
    std::vector<std::unique_ptr<ChartLine>> m_lines; ///< one per m_series
    std::vector<std::vector<qsizetype>> m_drawnRows; ///< per line, the ChartSeries points drawn
    Style m_style = Style::Line;
    std::int64_t m_origin = 0;
    std::int64_t m_fullFrom = 0, m_fullTo = 0;
    std::int64_t m_from = 0, m_to = 0;
    bool m_yAuto = true;
    bool m_seriesPending = false; ///< setResult() while hidden: setColumn() at the next show
    std::optional<QPointF> m_cursorPos; ///< the last cursor position tracked, in view coordinates
    bool m_updating = false;
    int m_redraws = 0;

    QChart *m_chart = nullptr;
    TimeChartView *m_view = nullptr;
    QCategoryAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QScatterSeries *m_cursorMark = nullptr;
    QComboBox *m_columnBox = nullptr;
    QComboBox *m_styleBox = nullptr;
    QToolButton *m_resetButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QLabel *m_cursorLabel = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QTimer *m_redrawTimer = nullptr;
};

} // namespace QInflux
