#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QInflux/result.h>
#include <QInflux/timerange.h>

#include <QStringList>

namespace QInflux {

/// An InfluxQL text with time macros, expanded for one run:
///   $timeFilter  ->  `time >= FROMns AND time < TOns`      (exact nanoseconds)
///   $from, $to   ->  `FROMns`, `TOns`                      (the same literals)
///   $interval    ->  a GROUP BY time() step such as 10u, 5m, 1h (see interval())
/// Macros inside '...' strings, "..." identifiers, /.../ regexes after =~ or !~, and -- comments
/// are left alone. Any other $name outside them is an error unless Options::parameters names it
/// (a bind parameter sent with QueryOptions::params). A value type, cheap to copy.
class QINFLUX_CORE_EXPORT QueryTemplate
{
public:
    struct Options
    {
        qint64 nowNs = TimeRange::currentNs(); ///< what "now" means for a relative range
        int pixelWidth = 1000;                  ///< the chart's width: $interval aims at one point per pixel
        /// Bind parameter names (QueryOptions::params, without '$') left for the server.
        QStringList parameters;
    };

    explicit QueryTemplate(QString text = {}) : m_text(std::move(text)) {}

    const QString &text() const { return m_text; }
    /// The macros the text uses, each once, in order of first use ("$timeFilter", ...).
    QStringList macros() const;
    bool usesMacros() const { return !macros().isEmpty(); }

    /// The statement to run. Errors: an unknown $name (line and column), or a range that does not
    /// resolve (start not before end, outside InfluxDB's times) when a macro needs it.
    Result<QString> expand(const TimeRange &range, const Options &options) const;
    /// expand() at the current time for 1000 px.
    Result<QString> expand(const TimeRange &range) const;

    /// The GROUP BY time() step for `spanNs` drawn over `pixelWidth` pixels: the smallest readable step
    /// (1, 2, 5 x 10^k ns below a second; 1s 5s 10s 15s 30s 1m 5m 10m 15m 30m 1h 3h 6h 12h 1d 7d 30d 90d
    /// 180d 365d and 365d multiples above) at least span / width; never below 1 ns.
    static qint64 interval(qint64 spanNs, int pixelWidth);

    /// The names expand() knows.
    static QStringList knownMacros();

private:
    QString m_text;
};

} // namespace QInflux
