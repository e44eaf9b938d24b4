#pragma once

#include <QInflux/result.h>

#include <QByteArray>
#include <QString>

#include <QCoroTask>

namespace QInflux {

class Client;

/// The sandbox's deterministic sample database: the same bytes on every machine and every run.
///
/// - cpu_load_short (tags host, region; field value): the user guide's measurement, 4 hosts, every
///   5 minutes for 3 days.
/// - Trade (tags instrument, source, side; fields price, size, trade_id): the user guide's Trade.
/// - h2o_quality (tags location, station; fields ph, temperature, turbidity, sample_index): water
///   quality at 3 locations, every 30 minutes for 4 days.
namespace SampleData {

/// Name of the sandbox database.
QString databaseName();
/// Start of the sample time range: 2026-01-05T00:00:00Z in ns.
std::int64_t startTime();
/// The whole sample as line protocol, ns precision, one point per line.
QByteArray lineProtocol();
/// Number of points (lines) in lineProtocol().
int pointCount();
/// Creates databaseName() and writes the sample into it.
QCoro::Task<Result<void>> load(Client &client);

} // namespace SampleData
} // namespace QInflux
