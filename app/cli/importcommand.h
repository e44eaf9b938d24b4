#pragma once

#include <QStringList>

class QCommandLineParser;

namespace QInflux {
struct ClientSettings;
}

namespace QInflux::Cli {

/// The options only `import` takes (it shares --db, --measurement, --tag, --precision and
/// --dry-run with the other commands).
void addImportOptions(QCommandLineParser &parser);
/// The lines `qinflux --help` shows for `import`.
QString importHelp();

/// `qinflux import FILE.csv`: imports a CSV file with CsvImportJob. Prints the summary on stderr
/// (progress too when stderr is a terminal, or with --progress); with --dry-run the line protocol
/// on stdout. Returns an ExitCode: InvalidInput when rows were rejected.
int import(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings);

} // namespace QInflux::Cli
