#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace QInflux::Cli {

/// Exit codes of `qinflux`; later commands keep them.
enum ExitCode : int {
    Ok = 0,
    ServerError = 1,  ///< the server answered with an error, or the query failed
    UsageError = 2,   ///< bad command line
    ConnectError = 3, ///< cannot connect (refused, unreachable, timeout, not InfluxDB)
    InvalidInput = 4, ///< write: some input lines are invalid (reported on stderr; the others were written)
};

/// Runs the command named by the first positional argument. Prints results on stdout, errors on stderr.
int run(const QCommandLineParser &parser);

/// Adds every global and per-command option to `parser`.
void addOptions(QCommandLineParser &parser);

} // namespace QInflux::Cli
