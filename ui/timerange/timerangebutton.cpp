#include "timerangebutton.h"

#include "timerangedialog.h"
#include "timerangetext.h"

#include <QActionGroup>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {
constexpr qint64 s_minute = 60'000'000'000LL;
} // namespace

TimeRangeButton::TimeRangeButton(QWidget *parent) : QToolButton(parent)
{
    setObjectName(u"timeRangeButton"_s);
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIcon(QIcon::fromTheme(u"view-calendar-day"_s, QIcon::fromTheme(u"chronometer"_s)));
    setToolTip(tr("The time range of $timeFilter, $from, $to and $interval in this tab's queries"));
    auto *menu = new QMenu(this);
    m_presets = new QActionGroup(this);
    m_presets->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional); // none for custom ranges
    for (const qint64 last : presets()) {
        QAction *action = menu->addAction(TimeRangeText::label(TimeRange::last(last), {}));
        action->setCheckable(true);
        action->setData(last);
        action->setObjectName(u"preset_"_s + Duration::toInfluxQL(last));
        m_presets->addAction(action);
        connect(action, &QAction::triggered, this, [this, last] { choose(TimeRange::last(last), m_zone); });
    }
    menu->addSeparator();
    QAction *custom = menu->addAction(tr("&Custom Range…"));
    custom->setObjectName(u"customRangeAction"_s);
    connect(custom, &QAction::triggered, this, &TimeRangeButton::openDialog);
    setMenu(menu);
    setRange(m_range, m_zone);
}

QList<qint64> TimeRangeButton::presets()
{
    return {5 * s_minute, 15 * s_minute, 60 * s_minute, 6 * 60 * s_minute, 24 * 60 * s_minute,
            7 * 24 * 60 * s_minute, 30 * 24 * 60 * s_minute};
}

void TimeRangeButton::setRange(const TimeRange &range, const QTimeZone &zone)
{
    m_range = range;
    m_zone = zone;
    setText(TimeRangeText::label(range, zone));
    for (QAction *action : m_presets->actions())
        action->setChecked(range.lastDuration() == action->data().toLongLong());
}

TimeRangeDialog *TimeRangeButton::openDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        return m_dialog;
    }
    m_dialog = new TimeRangeDialog(m_range, m_zone, window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, dialog = m_dialog.data()] { choose(dialog->range(), dialog->zone()); });
    m_dialog->open();
    return m_dialog;
}

void TimeRangeButton::choose(const TimeRange &range, const QTimeZone &zone)
{
    setRange(range, zone);
    Q_EMIT rangeChosen(range, zone);
}

} // namespace QInflux
