#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

class QAbstractAxis;
class QChart;
class QLineSeries;
class QPalette;
class QScatterSeries;
class QXYSeries;

namespace QInflux {

enum class ChartStyle { Line, Step, Scatter };

/// The Qt Charts series that draw one line of the chart on a QChart: the primary series (the first
/// run of the line; it carries the legend entry), one more line series per run after a null gap,
/// and a scatter series for the points that have nulls on both sides. The parts follow the
/// primary's colour and visibility and have no legend entry. It removes and deletes its series
/// from the chart when it is destroyed.
class ChartLine
{
public:
    /// What to hand to the series: the primary's points, the later runs, the lone points.
    struct Pieces
    {
        QList<QPointF> main;
        QList<QList<QPointF>> parts;
        QList<QPointF> isolated;
    };

    /// Splits points at `runStarts` (Downsampler::Result::runStarts) for `style`: runs of one point
    /// become lone points; Step holds each value until the next point; Scatter keeps all in `main`.
    static Pieces split(const QList<QPointF> &points, const std::vector<qsizetype> &runStarts, ChartStyle style);

    ChartLine(QChart *chart, QAbstractAxis *x, QAbstractAxis *y, const QString &name, ChartStyle style);
    ~ChartLine();
    ChartLine(const ChartLine &) = delete;
    ChartLine &operator=(const ChartLine &) = delete;

    QXYSeries *primary() const { return m_primary; }
    /// Empties every series (cheap to do before the axes change).
    void clear();
    void setPieces(const Pieces &pieces);
    /// Points handed to Qt Charts by the last setPieces().
    qsizetype pointCount() const { return m_pointCount; }

    bool isShown() const { return m_shown; }
    void setShown(bool shown);
    /// The legend entry stays visible when the line is hidden, dimmed with the palette's disabled text.
    void updateLegendMarker(const QPalette &palette);

private:
    QXYSeries *addPart(QXYSeries *series);

    QChart *m_chart;
    QAbstractAxis *m_x;
    QAbstractAxis *m_y;
    QXYSeries *m_primary = nullptr;
    QList<QLineSeries *> m_parts;
    QScatterSeries *m_isolated = nullptr;
    qsizetype m_usedParts = 0;
    bool m_shown = true;
    qsizetype m_pointCount = 0;
};

} // namespace QInflux
