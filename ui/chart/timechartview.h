#pragma once

#include <QChartView>

namespace QInflux {

/// The chart's view: rubber-band zoom (drag; right click zooms out) from QChartView, and on top of it
/// wheel zoom around the cursor, pan by dragging with the middle button or Shift+left button, the
/// arrow keys, +/- and Home. It only turns input into requests; ChartWidget acts on them.
class TimeChartView : public QChartView
{
    Q_OBJECT
public:
    explicit TimeChartView(QChart *chart, QWidget *parent = nullptr);

Q_SIGNALS:
    /// Zoom the time axis by `factor` (< 1 zooms in) around the plot x position `x` (in view pixels).
    void zoomRequested(double factor, qreal x);
    /// Move the visible area by a distance in pixels (positive dx shows later times).
    void panRequested(qreal dx, qreal dy);
    void resetRequested();
    /// The mouse is at `pos` (view coordinates), or left the view.
    void cursorMoved(QPointF pos);
    void cursorLeft();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    bool m_panning = false;
    QPointF m_lastPan;
};

} // namespace QInflux
