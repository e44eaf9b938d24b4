#pragma once

// The user guide's Trade shape, loaded from the CSV that ../shared/bench/gen_data.py writes, so that
// QInflux is measured on exactly the peers' data (same seed, same values), in the three shapes a
// user hands to LineProtocol: schema structs, a Frame, and Points.

#include <QInflux/frame.h>
#include <QInflux/point.h>
#include <QInflux/schema.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// The Trade of the user guide (aioinflux's @lineprotocol NamedTuple in gen_data.py).
struct Trade
{
    std::int64_t timestamp = 0; ///< ns since the epoch
    std::string instrument;
    std::string source;
    std::string side;
    double price = 0;
    std::int64_t size = 0;
    std::string trade_id;
};

QINFLUX_LINEPROTOCOL(Trade, QINFLUX_TIMEINT(timestamp), QINFLUX_TAG(instrument), QINFLUX_TAG(source),
                     QINFLUX_TAG(side), QINFLUX_FLOAT(price), QINFLUX_INT(size), QINFLUX_STR(trade_id));

namespace QInflux::Bench {

struct TradeSet
{
    std::vector<Trade> trades;
    /// Bytes of gen_data.lp_lines("trade") joined with newlines plus a final one: the peers'
    /// ser_reference_lp_bytes, computed from the CSV's own text.
    std::int64_t referenceBytes = 0;
    /// Bytes the reference spends on Python's float repr beyond the shortest round-trip form that
    /// std::to_chars writes ("43000.0" vs "43000"; both are the same float to the server).
    std::int64_t reprExtraBytes = 0;
};

/// Reads `gen_data.py --shape trade --format csv`; nullopt with `error` set on any malformed row.
std::optional<TradeSet> loadTradeCsv(const QString &path, QString *error);

/// Runs `python3 <genData> --shape trade -n <n> --seed <seed> --format csv --out <out>` with
/// PYENV_VERSION=system; false with `error` set when it fails.
bool generateTradeCsv(const QString &genData, qint64 n, int seed, const QString &out, QString *error);

/// The same trades as a Frame: time column, instrument/source/side string columns (the tag columns),
/// price float, size int, trade_id string. Equal strings share one QString, as pandas shares objects.
Frame toFrame(const std::vector<Trade> &trades);
/// The same trades as Points with measurement "Trade" (tags in the CSV's order; the serializer sorts).
QList<Point> toPoints(const std::vector<Trade> &trades);

/// Decodes line `index` (0-based) of `lines` and compares it with `expected`, tags in the server's
/// order (instrument, side, source). Empty when it matches, else what differs.
QString checkLine(const QByteArray &lines, qsizetype index, const Trade &expected);

} // namespace QInflux::Bench
