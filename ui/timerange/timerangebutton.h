#pragma once

#include <QInflux/timerange.h>

#include <QTimeZone>
#include <QPointer>
#include <QToolButton>

class QActionGroup;

namespace QInflux {

class TimeRangeDialog;

/// The toolbar's time range control: shows the range, and a menu with the relative presets (5m, 15m,
/// 1h, 6h, 24h, 7d, 30d) and "Custom Range…" (a TimeRangeDialog for absolute from/to in a time zone).
/// Emits rangeChosen() when the user picks one; setRange() only shows.
class TimeRangeButton : public QToolButton
{
    Q_OBJECT
public:
    explicit TimeRangeButton(QWidget *parent = nullptr);

    void setRange(const TimeRange &range, const QTimeZone &zone);
    TimeRange range() const { return m_range; }
    QTimeZone zone() const { return m_zone; }

    /// The preset durations, in ns.
    static QList<qint64> presets();
    /// Opens the custom range dialog (non-blocking; one at a time) and returns it.
    TimeRangeDialog *openDialog();

Q_SIGNALS:
    void rangeChosen(const QInflux::TimeRange &range, const QTimeZone &zone);

private:
    void choose(const TimeRange &range, const QTimeZone &zone);

    TimeRange m_range;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    QActionGroup *m_presets = nullptr;
    QPointer<TimeRangeDialog> m_dialog;
};

} // namespace QInflux
