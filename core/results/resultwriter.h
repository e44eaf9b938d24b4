#pragma once

#include <QInflux/result.h>
#include <QInflux/timestamp.h>
#include <QInflux/queryresult.h>

#include <QByteArray>

class QIODevice;

namespace QInflux::ResultWriter {

enum class TimeFormat {
    Rfc3339, ///< 2026-01-05T00:00:00.123456789Z (UTC, nanoseconds kept)
    Epoch,   ///< integer nanoseconds
};

/// How times are printed: RFC 3339 (UTC, nanoseconds kept) or integers in `unit` (truncated
/// toward zero, as the server's `epoch` does).
struct TimeStyle
{
    TimeFormat format = TimeFormat::Rfc3339;
    TimeUnit unit = TimeUnit::Nanoseconds;
};

/// Writes every series as RFC 4180 CSV: `name,tags,time,<columns>`; a new header line whenever the
/// columns change. Tags are written as `k1=v1,k2=v2` in one quoted cell. Nulls are empty cells.
Result<void> writeCsv(const QueryResult &result, QIODevice &out, TimeFormat time = TimeFormat::Rfc3339);

/// The streaming form of writeCsv(): results (e.g. the chunks of a chunked query) written one after
/// the other form one CSV text; the header is repeated only when the columns change.
class CsvWriter
{
public:
    CsvWriter(QIODevice &out, TimeStyle time) : m_out(out), m_time(time) {}
    Result<void> write(const QueryResult &result);

private:
    QIODevice &m_out;
    TimeStyle m_time;
    QStringList m_header;
};

/// One JSON object a line per row: {"measurement": name, "tags": {series tags}, "time": ...,
/// "fields": {column: value}} with typed values (floats always with a fraction or exponent, so 1.0
/// stays a float; integers as integers; null cells left out). `qinflux write --input jsonl` reads
/// it back. Frames without a time index have no "time".
Result<void> writeJsonLines(const QueryResult &result, QIODevice &out, TimeStyle time = {});

/// A text table for people: per series a "name: ..." / "tags: ..." heading, then aligned columns.
Result<void> writeTable(const QueryResult &result, QIODevice &out, TimeStyle time = {});

/// The result in the server's own JSON shape ({"results":[{"statement_id":..,"series":[..]}]}),
/// times as integer nanoseconds or RFC 3339 strings.
QByteArray toJson(const QueryResult &result, TimeFormat time = TimeFormat::Epoch);
/// toJson() with times in any epoch unit.
QByteArray toJson(const QueryResult &result, TimeStyle time);

/// One cell as text for CSV and tables: shortest round-trip floats, integers as they are.
QString formatCell(const Column &column, qsizetype row);

} // namespace QInflux::ResultWriter
