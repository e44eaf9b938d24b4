#include "downsampler.h"

#include <algorithm>
#include <array>

namespace QInflux {

namespace {

__extension__ typedef __int128 Int128; // exact bucket bounds for any int64 range

} // namespace

Downsampler::Downsampler(std::span<const std::int64_t> time, std::span<const double> values,
                         std::span<const std::uint8_t> valid)
    : m_time(time), m_values(values), m_valid(valid)
{
    Q_ASSERT(values.size() == time.size());
    Q_ASSERT(valid.empty() || valid.size() == time.size());
    const qsizetype blocks = size() / blockSize;
    m_blocks.resize(size_t(blocks));
    for (qsizetype b = 0; b < blocks; ++b)
        scanRows(m_blocks[size_t(b)], b * blockSize, (b + 1) * blockSize);
}

namespace {

// Appends the extremes of later rows to those of earlier ones; on equal values the earlier row stays.
void merge(Downsampler::Extremes &into, const Downsampler::Extremes &later)
{
    into.hasNull = into.hasNull || later.hasNull;
    if (later.first < 0)
        return;
    if (into.first < 0) {
        const bool hasNull = into.hasNull;
        into = later;
        into.hasNull = hasNull;
        return;
    }
    if (later.minValue < into.minValue) {
        into.minValue = later.minValue;
        into.min = later.min;
    }
    if (later.maxValue > into.maxValue) {
        into.maxValue = later.maxValue;
        into.max = later.max;
    }
    into.last = later.last;
}

template<bool CheckValid>
void scanRange(Downsampler::Extremes &e, const double *values, const std::uint8_t *valid, qsizetype begin, qsizetype end)
{
    qsizetype r = begin;
    if (e.first < 0) {
        // Up to the first valid row.
        for (; r < end; ++r) {
            if constexpr (CheckValid) {
                if (!valid[r]) {
                    e.hasNull = true;
                    continue;
                }
            }
            e.first = e.last = e.min = e.max = r;
            e.minValue = e.maxValue = values[r];
            ++r;
            break;
        }
    }
    double lo = e.minValue, hi = e.maxValue;
    qsizetype loRow = e.min, hiRow = e.max, last = e.last;
    for (; r < end; ++r) {
        if constexpr (CheckValid) {
            if (!valid[r]) {
                e.hasNull = true;
                continue;
            }
        }
        const double v = values[r];
        if (v < lo) {
            lo = v;
            loRow = r;
        }
        if (v > hi) {
            hi = v;
            hiRow = r;
        }
        last = r;
    }
    e.minValue = lo;
    e.maxValue = hi;
    e.min = loRow;
    e.max = hiRow;
    e.last = last;
}

} // namespace

void Downsampler::scanRows(Extremes &e, qsizetype begin, qsizetype end) const
{
    if (m_valid.empty())
        scanRange<false>(e, m_values.data(), nullptr, begin, end);
    else
        scanRange<true>(e, m_values.data(), m_valid.data(), begin, end);
}

Downsampler::Extremes Downsampler::scan(qsizetype begin, qsizetype end) const
{
    Extremes e;
    const qsizetype firstBlock = (begin + blockSize - 1) / blockSize;
    const qsizetype endBlock = end / blockSize;
    if (firstBlock >= endBlock) {
        scanRows(e, begin, end);
        return e;
    }
    scanRows(e, begin, firstBlock * blockSize);
    for (qsizetype b = firstBlock; b < endBlock; ++b)
        merge(e, m_blocks[size_t(b)]);
    Extremes tail;
    scanRows(tail, endBlock * blockSize, end);
    merge(e, tail);
    return e;
}

qsizetype Downsampler::lowerBound(std::int64_t t) const
{
    return qsizetype(std::lower_bound(m_time.begin(), m_time.end(), t) - m_time.begin());
}

Downsampler::Result Downsampler::downsample(std::int64_t from, std::int64_t to, int pixels) const
{
    Result result;
    if (to <= from || pixels < 1 || m_time.empty())
        return result;
    const qsizetype begin = lowerBound(from);
    const qsizetype end = qsizetype(std::upper_bound(m_time.begin(), m_time.end(), to) - m_time.begin());
    result.rowsInRange = end - begin;
    result.rows.reserve(size_t(std::min<qsizetype>(end - begin, qsizetype(maxPointsPerPixel) * pixels)) + 2);

    bool pendingBreak = false;
    auto emitRow = [&](qsizetype row) {
        if (result.rows.empty() || pendingBreak)
            result.runStarts.push_back(qsizetype(result.rows.size()));
        pendingBreak = false;
        result.rows.push_back(row);
    };
    auto edgeRow = [&](qsizetype row) {
        if (isValid(row))
            emitRow(row);
        else
            pendingBreak = true;
    };

    if (begin > 0)
        edgeRow(begin - 1);
    const Int128 span = Int128(to) - from;
    qsizetype rowBegin = begin;
    for (int b = 0; b < pixels && rowBegin < end; ++b) {
        qsizetype rowEnd = end;
        if (b + 1 < pixels) {
            // The first row of the next pixel column: exact integer arithmetic, no rounding drift.
            const auto bound = std::int64_t(Int128(from) + (span * (b + 1) + pixels - 1) / pixels);
            rowEnd = qsizetype(std::lower_bound(m_time.begin() + rowBegin, m_time.begin() + end, bound) - m_time.begin());
        }
        if (rowEnd == rowBegin)
            continue;
        const Extremes bucket = scan(rowBegin, rowEnd);
        rowBegin = rowEnd;
        if (bucket.first < 0) {
            pendingBreak = pendingBreak || bucket.hasNull;
            continue;
        }
        std::array<qsizetype, 4> rows{bucket.first, bucket.min, bucket.max, bucket.last};
        std::sort(rows.begin(), rows.end());
        const auto last = std::unique(rows.begin(), rows.end());
        for (auto it = rows.begin(); it != last; ++it)
            emitRow(*it);
    }
    if (end < size())
        edgeRow(end);
    return result;
}

} // namespace QInflux
