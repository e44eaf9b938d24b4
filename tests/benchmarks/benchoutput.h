#pragma once

// What every qinflux-bench subcommand shares with the peer scripts (../shared/bench/benchlib.py):
// one `name<TAB>value<TAB>unit` line per figure on stdout, notes as `# ...` lines on stderr, and the
// median of the repeated runs.

#include <QString>
#include <QtGlobal>

#include <chrono>
#include <cstdint>
#include <vector>

namespace QInflux::Bench {

/// A figure, formatted like benchlib.emit: >= 1000 without decimals, >= 1 with three, else 4 digits.
void emit(const char *name, double value, const char *unit);
/// An integer figure (byte and allocation counts).
void emitCount(const char *name, std::int64_t value, const char *unit);
/// A `# ...` line on stderr.
void note(const QString &text);

/// statistics.median: the middle value, or the mean of the two middle ones.
double median(std::vector<double> values);
/// "['0.021', '0.020', '0.020']", the peers' way of listing the runs.
QString formatRuns(const std::vector<double> &seconds);

/// Resident set size now, in KiB (VmRSS of /proc/self/status); -1 when unknown.
qint64 currentRssKib();

/// Seconds since `start` on the steady clock.
inline double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace QInflux::Bench
