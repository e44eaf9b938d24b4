#pragma once

#include "client/result.h"
#include "queryresult.h"

#include <QByteArray>

class QIODevice;

namespace QInflux::ResultWriter {

enum class TimeFormat {
    Rfc3339, ///< 2026-01-05T00:00:00.123456789Z (UTC, nanoseconds kept)
    Epoch,   ///< integer nanoseconds
};

/// Writes every series as RFC 4180 CSV: `name,tags,time,<columns>`; a new header line whenever the
/// columns change. Tags are written as `k1=v1,k2=v2` in one quoted cell. Nulls are empty cells.
Result<void> writeCsv(const QueryResult &result, QIODevice &out, TimeFormat time = TimeFormat::Rfc3339);

/// The result in the server's own JSON shape ({"results":[{"statement_id":..,"series":[..]}]}),
/// times as integer nanoseconds or RFC 3339 strings.
QByteArray toJson(const QueryResult &result, TimeFormat time = TimeFormat::Epoch);

/// One cell as text for CSV and tables: shortest round-trip floats, integers as they are.
QString formatCell(const Column &column, qsizetype row);

} // namespace QInflux::ResultWriter
