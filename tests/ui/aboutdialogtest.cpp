#include "mainwindow/aboutdialog.h"
#include "mainwindow/mainwindow.h"
#include "offscreen.h"

#include <QAction>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class AboutDialogTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsVersionQtAndLicense()
    {
        AboutDialog dialog;
        const QString text = dialog.text();
        QVERIFY2(text.contains(u"Version "_s + QStringLiteral(QINFLUX_VERSION_STRING)), qPrintable(text));
        QVERIFY2(text.contains(u"Built with Qt "_s + QStringLiteral(QT_VERSION_STR)), qPrintable(text));
        QVERIFY2(text.contains(u"running on Qt "_s + QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(u"License: "_s + QStringLiteral(QINFLUX_LICENSE_SPDX)), qPrintable(text));
        QVERIFY2(text.contains(u"InfluxDB 1.x"_s), qPrintable(text));
    }

    void helpMenuOpensAbout()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *about = window.findChild<QAction *>(u"aboutAction"_s);
        QVERIFY(about);
        QVERIFY(!window.findChild<AboutDialog *>());
        about->trigger();
        QTRY_VERIFY(window.findChild<AboutDialog *>() && window.findChild<AboutDialog *>()->isVisible());
        auto *dialog = window.findChild<AboutDialog *>();
        QVERIFY(dialog->text().contains(QStringLiteral(QINFLUX_VERSION_STRING)));
        // Closing deletes it: opening About twice does not pile up dialogs.
        dialog->reject();
        QTRY_VERIFY(!window.findChild<AboutDialog *>());
    }

    void windowIconIsTheRenderedIcon()
    {
        MainWindow window;
        const QList<QSize> sizes = window.windowIcon().availableSizes();
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
            QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(u"no %1 px icon"_s.arg(size)));
        // Rendered from the SVG, not blank: the 48 px icon has opaque pixels in its middle.
        const QImage image = window.windowIcon().pixmap(48, 48).toImage();
        QCOMPARE(image.size(), QSize(48, 48));
        QVERIFY(qAlpha(image.pixel(24, 24)) == 255);
    }
};

QTEST_MAIN(AboutDialogTest)
#include "aboutdialogtest.moc"
