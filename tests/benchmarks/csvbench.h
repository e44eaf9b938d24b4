#pragma once

#include "serializebench.h"

#include <QString>

namespace QInflux::Bench {

struct CsvArgs : TradeArgs
{
    CsvArgs() { n = 1'000'000; }
    /// A running server (like the peers' INFLUX_URL); empty = a private influxd via LocalServer.
    QString url;
};

/// `qinflux-bench csv`: the peer_csv.py counterpart, on the same gen_data.py Trade CSV.
/// - csv_qinflux_parse_*: CsvReader + type detection + conversion into Frames of 10000 rows
///   (pandas read_csv + to_datetime in the peer), one thread.
/// - csv_qinflux_import_*: CsvImportJob end to end into a fresh database per run (reading,
///   conversion, line protocol, writes, and the count check), checked to have written every row.
/// - csv_qinflux_peak_rss_mb: the process's peak RSS (getrusage) after all runs.
/// Returns the process exit code (1 when a run failed or a count did not match).
int benchCsv(const CsvArgs &args);

} // namespace QInflux::Bench
