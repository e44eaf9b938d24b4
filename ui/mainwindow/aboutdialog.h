#pragma once

#include <QDialog>

namespace QInflux {

/// Help > About: the explorer's name and icon, its version (QINFLUX_VERSION_STRING, set once in
/// CMake), what it is, the Qt version it was built with and runs on, and its license.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The text shown, as rich text (for tests and for copying).
    QString text() const;
};

} // namespace QInflux
