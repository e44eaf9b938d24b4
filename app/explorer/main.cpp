#include <QInflux/error.h>
#include "mainwindow/mainwindow.h"
#include "editor/queryeditor.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"qinflux-explorer"_s);
    QApplication::setApplicationDisplayName(u"QInflux Explorer"_s);
    QApplication::setOrganizationName(u"QInflux"_s);
    QApplication::setApplicationVersion(QStringLiteral(QINFLUX_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral(QINFLUX_APP_ID)); // the .desktop file: icon and name on Wayland

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Desktop explorer for InfluxDB 1.x. Without options it starts the built-in "
                                     "sandbox: a private influxd with sample data."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"sandbox"_s, u"Start the built-in sandbox server and connect to it (the default)."_s},
        {u"url"_s, u"Connect to the InfluxDB server at URL, e.g. http://localhost:8086."_s, u"URL"_s},
        {u"db"_s, u"Default database (with --url)."_s, u"DB"_s},
        {u"query"_s, u"Run this query once connected."_s, u"Q"_s},
        {u"screenshot"_s, u"Save a PNG of the view chosen by --view once it shows its content (with --query: its result), then exit."_s, u"FILE.png"_s},
        {u"view"_s, u"What --screenshot captures: %1 (default table)."_s.arg(QInflux::MainWindow::viewNames().join(u", "_s)), u"NAME"_s, u"table"_s},
    });
    parser.process(app);

    QTextStream err(stderr);
    if (parser.isSet(u"sandbox"_s) && parser.isSet(u"url"_s)) {
        err << "qinflux-explorer: --sandbox and --url exclude each other\n";
        return 2;
    }
    if (!QInflux::MainWindow::viewNames().contains(parser.value(u"view"_s))) {
        err << "qinflux-explorer: unknown --view " << parser.value(u"view"_s) << "; the views are: "
            << QInflux::MainWindow::viewNames().join(u", "_s) << '\n';
        return 2;
    }
    const QString query = parser.value(u"query"_s);
    const QString screenshot = parser.value(u"screenshot"_s);

    const QString view = parser.value(u"view"_s);

    QInflux::MainWindow window;
    QObject::connect(&window, &QInflux::MainWindow::connected, &window, [&] {
        if (!query.isEmpty()) {
            window.openQuery(query); // a new tab if the current one holds text from the last session
            window.runQuery(query);
        }
        if (!screenshot.isEmpty())
            window.showView(view);
    });
    QObject::connect(&window, &QInflux::MainWindow::connectionFailed, &window, [&](const QInflux::Error &error) {
        err << "qinflux-explorer: " << error.toString() << '\n';
        err.flush();
        if (!screenshot.isEmpty())
            QCoreApplication::exit(1);
    });
    bool queryOk = true;
    QObject::connect(&window, &QInflux::MainWindow::queryFinished, &window, [&](bool ok) { queryOk = queryOk && ok; });
    if (!screenshot.isEmpty()) {
        QObject::connect(&window, &QInflux::MainWindow::viewReady, &window, [&](QWidget *target) {
            // Let the view lay itself out and paint once before grabbing.
            QTimer::singleShot(200, &window, [&, target] {
                if (!target->grab().save(screenshot)) {
                    err << "qinflux-explorer: cannot save the screenshot to " << screenshot << '\n';
                    QCoreApplication::exit(1);
                    return;
                }
                QCoreApplication::exit(queryOk ? 0 : 1);
            });
        });
        QObject::connect(&window, &QInflux::MainWindow::viewFailed, &window, [&](const QString &reason) {
            err << "qinflux-explorer: " << reason << '\n';
            err.flush();
            QCoreApplication::exit(1);
        });
    }

    window.show();
    if (parser.isSet(u"url"_s))
        window.connectToUrl(parser.value(u"url"_s), parser.value(u"db"_s));
    else
        window.connectToSandbox();
    return QApplication::exec();
}
