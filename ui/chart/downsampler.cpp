#include "downsampler.h"

#include <algorithm>
#include <array>

namespace QInflux {

namespace {

__extension__ typedef __int128 Int128; // exact bucket bounds for any int64 range

// The extreme rows of one pixel column.
struct Bucket
{
    qsizetype first = -1;
    qsizetype last = -1;
    qsizetype min = -1;
    qsizetype max = -1;
    bool hasNull = false;
};

template<bool CheckValid>
Bucket scanBucket(const double *values, const std::uint8_t *valid, qsizetype begin, qsizetype end)
{
    Bucket b;
    double lo = 0, hi = 0;
    for (qsizetype r = begin; r < end; ++r) {
        if constexpr (CheckValid) {
            if (!valid[r]) {
                b.hasNull = true;
                continue;
            }
        }
        const double v = values[r];
        if (b.first < 0) {
            b.first = b.min = b.max = r;
            lo = hi = v;
        } else if (v < lo) {
            lo = v;
            b.min = r;
        } else if (v > hi) {
            hi = v;
            b.max = r;
        }
        b.last = r;
    }
    return b;
}

} // namespace

Downsampler::Downsampler(std::span<const std::int64_t> time, std::span<const double> values,
                         std::span<const std::uint8_t> valid)
    : m_time(time), m_values(values), m_valid(valid)
{
    Q_ASSERT(values.size() == time.size());
    Q_ASSERT(valid.empty() || valid.size() == time.size());
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
        const Bucket bucket = m_valid.empty()
            ? scanBucket<false>(m_values.data(), nullptr, rowBegin, rowEnd)
            : scanBucket<true>(m_values.data(), m_valid.data(), rowBegin, rowEnd);
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
