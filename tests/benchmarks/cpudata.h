#pragma once

// The `cpu` shape of ../shared/bench/gen_data.py, as gen_data.py itself writes it (the same seed gives
// the peers' very values): measurement "cpu", tags host and region, ten float fields
// usage_user..usage_guest_nice. Used by the cache and query benchmarks, which check each answer
// against the server's own count and sums.

#include <QInflux/result.h>
#include <QInflux/queryresult.h>

#include <QString>

#include <array>
#include <optional>

namespace QInflux {
class Client;
}

namespace QInflux::Bench {

inline constexpr int cpuFields = 10;

/// The usage_* field names in gen_data.py's order.
const std::array<QString, cpuFields> &cpuFieldNames();

/// Drops and creates `database`, runs `python3 genData --shape cpu -n n --seed seed --format lp` (in
/// batch files of 100,000 lines) and writes the files with Client::write; then marks the database
/// with what it holds and checks the stored count.
Result<void> loadCpuData(Client &client, const QString &database, qint64 n, int seed, const QString &genData);

/// The benchmarks' preamble: loads the data with loadCpuData unless `database` already holds
/// gen_data.py's n points of this seed (its mark says so), with a note either way. false, after a
/// FAILED note, when loading fails.
bool ensureCpuData(Client &client, const QString &database, qint64 n, int seed, const QString &genData);

/// The server's own figures for the cpu data: SELECT count(usage_user), sum(<each field>) FROM cpu.
struct CpuChecksum
{
    qint64 rows = -1;
    std::array<double, cpuFields> sums{};
};
std::optional<CpuChecksum> serverCpuChecksum(Client &client, const QString &database, QString *error);

/// Empty when `result` holds `expected.rows` rows over its series and the sums of its usage_*
/// columns match the server's (relative 1e-9: the summation order differs); else what differs.
QString compareCpuChecksum(const QueryResult &result, const CpuChecksum &expected);

} // namespace QInflux::Bench
