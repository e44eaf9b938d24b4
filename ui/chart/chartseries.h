#pragma once

#include "downsampler.h"
#include <QInflux/frame.h>

#include <QString>
#include <QVariant>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace QInflux {

/// One line of the chart: a numeric column of one series (Frame), prepared for drawing. The time and
/// value arrays are viewed from the Frame where they can be (a Float column in ascending time order)
/// and converted once otherwise: Int/UInt/Bool to double (Bool as 0/1), descending or unordered time
/// sorted ascending. Not copyable: the views point into its own storage.
class ChartSeries
{
public:
    /// Precondition: frame.hasTime() and the column at `column` is not a String column.
    ChartSeries(QString name, Frame frame, qsizetype column);
    ChartSeries(const ChartSeries &) = delete;
    ChartSeries &operator=(const ChartSeries &) = delete;

    /// True for the column types a chart can draw: Float, Int, UInt, Bool.
    static bool isNumeric(const Column &column);

    const QString &name() const { return m_name; }
    const Frame &frame() const { return m_frame; }
    const Column &column() const { return m_frame.column(m_column); }
    const Downsampler &downsampler() const { return m_downsampler; }

    qsizetype size() const { return qsizetype(m_time.size()); }
    /// Time of point `i` (ascending order), nanoseconds since the epoch.
    std::int64_t time(qsizetype i) const { return m_time[size_t(i)]; }
    double value(qsizetype i) const { return m_values[size_t(i)]; }
    /// The Frame row of point `i` (they differ when the time was not ascending).
    qsizetype frameRow(qsizetype i) const { return m_order.empty() ? i : m_order[size_t(i)]; }
    /// The exact cell of point `i` as the Frame holds it (no conversion to double).
    QVariant exactValue(qsizetype i) const { return column().value(frameRow(i)); }

private:
    QString m_name;
    Frame m_frame;
    qsizetype m_column = 0;
    std::vector<qsizetype> m_order; ///< empty, or the Frame row of each point
    std::vector<std::int64_t> m_timeStorage;
    std::vector<double> m_valueStorage;
    std::vector<std::uint8_t> m_validStorage;
    std::span<const std::int64_t> m_time;
    std::span<const double> m_values;
    std::span<const std::uint8_t> m_valid;
    Downsampler m_downsampler;
};

} // namespace QInflux
