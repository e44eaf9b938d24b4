#pragma once

// The `cpu` shape of ../shared/bench/gen_data.py, generated here (same shape and sizes; the random
// values are our own, not numpy's): measurement "cpu", tags host (host-000..host-099) and region
// (us-east-1, us-west-2, eu-west-1, ap-south-1 by host number), ten full-precision float fields
// usage_user..usage_guest_nice in [0, 100), one point per host every 10 s from 1_700_000_000 s.
// Used by the cache and query benchmarks.

#include <QInflux/result.h>

#include <QByteArray>
#include <QString>

namespace QInflux {
class Client;
}

namespace QInflux::Bench {

inline constexpr qint64 cpuBaseNs = 1'700'000'000'000'000'000;
inline constexpr int cpuHosts = 100;
inline constexpr int cpuFields = 10;

/// Line protocol of points [first, first + count), newline-terminated; the values of a point depend
/// only on `seed` and its index (blocks of 65536 points seeded independently, like gen_data.py).
QByteArray cpuLines(qint64 first, qint64 count, quint64 seed = 42);

/// Drops and creates `database`, then writes `n` points with Client::write, 100,000 points per call
/// (the client batches them). Checks the stored count afterwards.
Result<void> loadCpuData(Client &client, const QString &database, qint64 n, quint64 seed = 42);

/// The benchmarks' preamble: loads `n` points with loadCpuData unless `database` already holds
/// exactly `n`, with a note either way (the load time, or that it was not measured). false, after a
/// FAILED note, when loading fails.
bool ensureCpuData(Client &client, const QString &database, qint64 n, quint64 seed = 42);

/// SELECT count(usage_user) FROM cpu in `database`; -1 with `error` set when the query fails.
qint64 storedCpuPoints(Client &client, const QString &database, QString *error = nullptr);

} // namespace QInflux::Bench
