#include "timechartview.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace QInflux {

TimeChartView::TimeChartView(QChart *chart, QWidget *parent) : QChartView(chart, parent)
{
    setRubberBand(QChartView::RectangleRubberBand);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
}

void TimeChartView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    Q_EMIT zoomRequested(std::pow(0.8, notches), event->position().x());
    event->accept();
}

void TimeChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && event->modifiers().testFlag(Qt::ShiftModifier))) {
        m_panning = true;
        m_lastPan = event->position();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void TimeChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPointF delta = event->position() - m_lastPan;
        m_lastPan = event->position();
        Q_EMIT panRequested(-delta.x(), delta.y());
        event->accept();
        return;
    }
    Q_EMIT cursorMoved(event->position());
    QChartView::mouseMoveEvent(event);
}

void TimeChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void TimeChartView::keyPressEvent(QKeyEvent *event)
{
    const qreal step = viewport()->width() / 10.0;
    switch (event->key()) {
    case Qt::Key_Left:
        Q_EMIT panRequested(-step, 0);
        break;
    case Qt::Key_Right:
        Q_EMIT panRequested(step, 0);
        break;
    case Qt::Key_Up:
        Q_EMIT panRequested(0, viewport()->height() / 10.0);
        break;
    case Qt::Key_Down:
        Q_EMIT panRequested(0, -viewport()->height() / 10.0);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        Q_EMIT zoomRequested(0.5, viewport()->width() / 2.0);
        break;
    case Qt::Key_Minus:
        Q_EMIT zoomRequested(2.0, viewport()->width() / 2.0);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        Q_EMIT resetRequested();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimeChartView::leaveEvent(QEvent *event)
{
    Q_EMIT cursorLeft();
    QChartView::leaveEvent(event);
}

} // namespace QInflux
