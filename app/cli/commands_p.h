#pragma once

#include <QInflux/result.h>
#include <QInflux/frame.h>
#include <QInflux/timestamp.h>

#include <QString>
#include <QStringList>

class QTextStream;

namespace QInflux {
class Error;
}

// What the commands of `qinflux` share; not part of any public API.
namespace QInflux::Cli::detail {

/// Standard error, one stream for every command so that messages keep their order.
QTextStream &err();
/// Prints "qinflux: <message>" and a hint on stderr; returns UsageError.
int usage(const QString &message);
/// The exit code for an error (ConnectError, UsageError or ServerError).
int exitCodeFor(const Error &error);
/// Prints the error on stderr; returns exitCodeFor(error).
int fail(const Error &error);
/// --precision: n, u, ms, s, m or h.
Result<TimeUnit> precisionFrom(const QString &text);
/// --tag KEY=VALUE options, checked as the server would (no empty key or value, no repeats).
Result<Tags> extraTagsFrom(const QStringList &options);

} // namespace QInflux::Cli::detail
