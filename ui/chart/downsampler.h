#pragma once

#include <QtGlobal>

#include <cstdint>
#include <span>
#include <vector>

namespace QInflux {

/// Min/max-per-pixel downsampling of one time series for drawing: of the rows that fall into one pixel
/// column it keeps at most four (the first, the minimum, the maximum and the last valid value, in time
/// order), so the drawn line covers exactly the vertical extent the full data would paint and a single
/// sample spike stays visible, however many rows there are.
///
/// The input is viewed, not copied: `time` must be sorted ascending (non-decreasing), `values` has one
/// value per time and `valid` is empty (no nulls) or has one entry per time (0 = null). The constructor
/// summarises blocks of blockSize rows once (O(n), about 48 bytes per block), so that a downsample()
/// reads whole blocks from their summary and only the rows at pixel column edges one by one: a full
/// range redraw of 10M rows costs about n / blockSize + pixels * blockSize steps, not n.
class Downsampler
{
public:
    /// What downsample() keeps: rows of the input in ascending order, and where the line breaks.
    struct Result
    {
        /// Indices into the input, ascending; at most maxPointsPerPixel * pixels + 2.
        std::vector<qsizetype> rows;
        /// Indices into `rows` where a line run starts: always 0 first (when rows is not empty), and
        /// the first row after every pixel column that holds only nulls. Nulls closer together than
        /// a pixel column do not break the line; zoomed in far enough, every null does.
        std::vector<qsizetype> runStarts;
        /// Rows (valid or null) with from <= time <= to.
        qsizetype rowsInRange = 0;
    };

    static constexpr int maxPointsPerPixel = 4;
    static constexpr qsizetype blockSize = 256;

    Downsampler(std::span<const std::int64_t> time, std::span<const double> values,
                std::span<const std::uint8_t> valid = {});

    /// Downsamples the rows with from <= time <= to into `pixels` columns, plus the nearest row on
    /// each side of the range so that lines reach the edges. `to` <= `from` or `pixels` < 1 give an
    /// empty result.
    Result downsample(std::int64_t from, std::int64_t to, int pixels) const;

    /// The first row with time >= t (size() when there is none).
    qsizetype lowerBound(std::int64_t t) const;
    qsizetype size() const { return qsizetype(m_time.size()); }

    /// The extreme valid rows of a run of rows (-1 where there is no valid row).
    struct Extremes
    {
        qsizetype first = -1;
        qsizetype last = -1;
        qsizetype min = -1;
        qsizetype max = -1;
        double minValue = 0;
        double maxValue = 0;
        bool hasNull = false;
    };

private:
    bool isValid(qsizetype row) const { return m_valid.empty() || m_valid[size_t(row)]; }
    /// Rows [begin, end) one by one, merged into `e`.
    void scanRows(Extremes &e, qsizetype begin, qsizetype end) const;
    /// Rows [begin, end) using the block summaries where whole blocks are covered.
    Extremes scan(qsizetype begin, qsizetype end) const;

    std::span<const std::int64_t> m_time;
    std::span<const double> m_values;
    std::span<const std::uint8_t> m_valid;
    std::vector<Extremes> m_blocks; ///< one per full block of blockSize rows
};

} // namespace QInflux
