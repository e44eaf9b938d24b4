#include "commands.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"qinflux"_s);
    QCoreApplication::setOrganizationName(u"QInflux"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(QINFLUX_VERSION_STRING));

    QCommandLineParser parser;
    QInflux::Cli::addOptions(parser);
    if (!parser.parse(QCoreApplication::arguments())) {
        QTextStream(stderr) << "qinflux: " << parser.errorText() << "\nTry 'qinflux --help'.\n";
        return QInflux::Cli::UsageError;
    }
    if (parser.isSet(u"version"_s)) {
        QTextStream(stdout) << "qinflux " << QCoreApplication::applicationVersion() << '\n';
        return QInflux::Cli::Ok;
    }
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText();
        return QInflux::Cli::Ok;
    }
    return QInflux::Cli::run(parser);
}
