#include "timerangedialog.h"

#include "timerangetext.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace QInflux {

TimeRangeDialog::TimeRangeDialog(const TimeRange &range, const QTimeZone &zone, QWidget *parent)
    : QDialog(parent), m_range(range)
{
    setWindowTitle(tr("Time Range"));
    m_zone = new QComboBox(this);
    m_zone->setObjectName(u"zoneChooser"_s);
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    QStringList zones{u"UTC"_s};
    const QString system = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    if (!system.isEmpty() && system != u"UTC")
        zones << system;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (!zones.contains(QString::fromUtf8(id)))
            zones << QString::fromUtf8(id);
    }
    m_zone->addItems(zones);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_zone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_zone->setCurrentText(QString::fromUtf8(zone.isValid() ? zone.id() : QByteArray("UTC")));

    const QTimeZone shown = this->zone();
    m_from = new QLineEdit(TimeRangeText::editText(range.from(), shown), this);
    m_from->setObjectName(u"fromEdit"_s);
    m_to = new QLineEdit(TimeRangeText::editText(range.to(), shown), this);
    m_to->setObjectName(u"toEdit"_s);
    for (QLineEdit *edit : {m_from, m_to}) {
        edit->setPlaceholderText(u"2026-10-25T00:00:00, -6h, now"_s);
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(u"2026-10-25T00:00:00.000000000+00:00"_s) + 16);
    }
    auto *hint = new QLabel(tr("RFC 3339 (up to 9 fraction digits; without an offset the time is read in the time "
                               "zone below), or relative to now: -6h, now-15m, now. The end is exclusive."),
                            this);
    hint->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(u"rangeStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(tr("Time &zone:"), m_zone);
    form->addRow(hint);
    form->addRow(m_status);
    form->addRow(m_buttons);
    connect(m_from, &QLineEdit::textChanged, this, &TimeRangeDialog::check);
    connect(m_to, &QLineEdit::textChanged, this, &TimeRangeDialog::check);
    connect(m_zone, &QComboBox::currentTextChanged, this, &TimeRangeDialog::check);
    check();
    resize(std::max(sizeHint().width(), 560), sizeHint().height());
}

QTimeZone TimeRangeDialog::zone() const
{
    return QTimeZone(m_zone->currentText().trimmed().toUtf8());
}

void TimeRangeDialog::check()
{
    const QTimeZone zone = this->zone();
    QString problem;
    if (!zone.isValid()) {
        problem = tr("Unknown time zone \"%1\".").arg(m_zone->currentText());
    } else if (auto range = TimeRange::parse(m_from->text(), m_to->text(), zone); !range) {
        problem = range.error().message();
    } else {
        m_range = *range;
        const auto resolved = m_range.resolve(TimeRange::currentNs());
        const TimeBound from = TimeBound::at(resolved->from);
        const TimeBound to = TimeBound::at(resolved->to);
        m_status->setText(tr("%1 to %2 UTC").arg(from.toString(), to.toString()));
        m_status->setStyleSheet({});
    }
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        m_status->setStyleSheet(u"color: #b00020"_s);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace QInflux
