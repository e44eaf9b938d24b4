#pragma once

#include <QStringList>

class QCommandLineParser;

namespace QInflux {
struct ClientSettings;
}

namespace QInflux::Cli {

/// `qinflux write [FILE|-]`: streams the points of FILE or stdin to the server in batches, each sent
/// before more input is read (with --dry-run, printed on stdout instead; nothing connects). Invalid
/// lines are reported on stderr by line number and skipped, or with --strict stop everything.
/// Returns an ExitCode.
int write(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings);

} // namespace QInflux::Cli
