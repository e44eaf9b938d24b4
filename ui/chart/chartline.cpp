#include "chartline.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPalette>
#include <QScatterSeries>

namespace QInflux {

namespace {

constexpr qreal kScatterMarkerSize = 6.0;
constexpr qreal kIsolatedMarkerSize = 5.0;

// Step style: hold each value until the next point.
QList<QPointF> stepPoints(const QList<QPointF> &points)
{
    QList<QPointF> out;
    out.reserve(points.size() * 2);
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i > 0)
            out.append(QPointF(points[i].x(), points[i - 1].y()));
        out.append(points[i]);
    }
    return out;
}

} // namespace

ChartLine::Pieces ChartLine::split(const QList<QPointF> &points, const std::vector<qsizetype> &runStarts, ChartStyle style)
{
    Pieces pieces;
    if (style == ChartStyle::Scatter) {
        pieces.main = points;
        return pieces;
    }
    for (size_t r = 0; r < runStarts.size(); ++r) {
        const qsizetype begin = runStarts[r];
        const qsizetype end = r + 1 < runStarts.size() ? runStarts[r + 1] : points.size();
        if (end - begin == 1) {
            pieces.isolated.append(points[begin]);
            continue;
        }
        QList<QPointF> run = points.mid(begin, end - begin);
        if (style == ChartStyle::Step)
            run = stepPoints(run);
        if (pieces.main.isEmpty())
            pieces.main = std::move(run);
        else
            pieces.parts.append(std::move(run));
    }
    return pieces;
}

ChartLine::ChartLine(QChart *chart, QAbstractAxis *x, QAbstractAxis *y, const QString &name, ChartStyle style)
    : m_chart(chart), m_x(x), m_y(y)
{
    if (style == ChartStyle::Scatter) {
        auto *scatter = new QScatterSeries;
        scatter->setMarkerSize(kScatterMarkerSize);
        m_primary = scatter;
    } else {
        m_primary = new QLineSeries;
    }
    m_primary->setName(name);
    m_chart->addSeries(m_primary);
    m_primary->attachAxis(m_x);
    m_primary->attachAxis(m_y);
}

ChartLine::~ChartLine()
{
    QList<QXYSeries *> all{m_primary};
    for (QLineSeries *part : std::as_const(m_parts))
        all.append(part);
    if (m_isolated)
        all.append(m_isolated);
    for (QXYSeries *series : all) {
        m_chart->removeSeries(series);
        delete series;
    }
}

QXYSeries *ChartLine::addPart(QXYSeries *series)
{
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    for (QLegendMarker *marker : m_chart->legend()->markers(series))
        marker->setVisible(false);
    return series;
}

void ChartLine::clear()
{
    m_primary->clear();
    for (QLineSeries *part : std::as_const(m_parts))
        part->clear();
    if (m_isolated)
        m_isolated->clear();
}

void ChartLine::setPieces(const Pieces &pieces)
{
    m_primary->replace(pieces.main);
    m_pointCount = pieces.main.size() + pieces.isolated.size();
    while (m_parts.size() < pieces.parts.size())
        m_parts.append(static_cast<QLineSeries *>(addPart(new QLineSeries)));
    m_usedParts = pieces.parts.size();
    for (qsizetype k = 0; k < m_parts.size(); ++k) {
        QLineSeries *part = m_parts[k];
        part->setPen(m_primary->pen());
        if (k < m_usedParts) {
            part->replace(pieces.parts[k]);
            m_pointCount += pieces.parts[k].size();
        }
        part->setVisible(m_shown && k < m_usedParts);
    }
    if (!pieces.isolated.isEmpty() && !m_isolated) {
        m_isolated = static_cast<QScatterSeries *>(addPart(new QScatterSeries));
        m_isolated->setMarkerSize(kIsolatedMarkerSize);
    }
    if (m_isolated) {
        const QColor color = m_primary->color();
        m_isolated->setColor(color);
        m_isolated->setBorderColor(color);
        m_isolated->replace(pieces.isolated);
        m_isolated->setVisible(m_shown && !pieces.isolated.isEmpty());
    }
}

void ChartLine::setShown(bool shown)
{
    m_shown = shown;
    m_primary->setVisible(shown);
    for (qsizetype k = 0; k < m_parts.size(); ++k)
        m_parts[k]->setVisible(shown && k < m_usedParts);
    if (m_isolated)
        m_isolated->setVisible(shown && m_isolated->count() > 0);
}

void ChartLine::updateLegendMarker(const QPalette &palette)
{
    for (QLegendMarker *marker : m_chart->legend()->markers(m_primary)) {
        marker->setVisible(true); // a hidden series hides its marker; keep it to click again
        QColor label = palette.color(QPalette::Text);
        QColor swatch = m_primary->color();
        if (!m_shown) {
            label = palette.color(QPalette::Disabled, QPalette::Text);
            swatch.setAlphaF(0.25);
        }
        marker->setLabelBrush(label);
        marker->setBrush(swatch);
        QPen pen = marker->pen();
        pen.setColor(swatch);
        marker->setPen(pen);
    }
}

} // namespace QInflux
