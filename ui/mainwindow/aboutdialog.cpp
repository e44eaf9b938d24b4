#include "aboutdialog.h"

#include "applicationicon.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace QInflux {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About QInflux Explorer"));

    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);

    auto *label = new QLabel(this);
    label->setObjectName(u"aboutText"_s);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setText(u"<h2>QInflux Explorer</h2><p>"_s + tr("Version %1").arg(QStringLiteral(QINFLUX_VERSION_STRING))
                   + u"</p><p>"_s
                   + tr("A desktop explorer for InfluxDB 1.x: run InfluxQL and browse the results, on your own "
                        "server or on the built-in sandbox. It is built on QInflux::Core, a C++ client library "
                        "for InfluxDB 1.x.")
                   + u"</p><p>"_s
                   + tr("Built with Qt %1, running on Qt %2.").arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()))
                   + u"</p><p>"_s + tr("License: %1").arg(QStringLiteral(QINFLUX_LICENSE_SPDX)) + u"</p>"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *row = new QHBoxLayout;
    row->addWidget(icon);
    row->addWidget(label, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString AboutDialog::text() const
{
    return findChild<QLabel *>(u"aboutText"_s)->text();
}

} // namespace QInflux
