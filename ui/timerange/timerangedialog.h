#pragma once

#include <QInflux/timerange.h>

#include <QDialog>
#include <QTimeZone>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace QInflux {

/// The absolute (or custom relative) range: From and To as RFC 3339 without an offset read in the
/// chosen time zone, with an offset, or relative (-6h, now-15m, now). Checks as the user types and
/// shows the resolved UTC range; OK only while both ends are valid. Open with open() (non-blocking).
class TimeRangeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TimeRangeDialog(const TimeRange &range, const QTimeZone &zone, QWidget *parent = nullptr);

    /// The range as entered; valid while the OK button is enabled.
    TimeRange range() const { return m_range; }
    QTimeZone zone() const;

    QLineEdit *fromEdit() const { return m_from; }
    QLineEdit *toEdit() const { return m_to; }
    QComboBox *zoneChooser() const { return m_zone; }
    /// The problem with the input, or the resolved range in UTC.
    QLabel *statusLabel() const { return m_status; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void check();

    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QComboBox *m_zone = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    TimeRange m_range;
};

} // namespace QInflux
