#include "chartseries.h"

#include <algorithm>
#include <numeric>

namespace QInflux {

namespace {

template<typename T>
void convert(const std::vector<T> &in, std::vector<double> &out)
{
    out.resize(in.size());
    std::transform(in.begin(), in.end(), out.begin(), [](T v) { return double(v); });
}

} // namespace

bool ChartSeries::isNumeric(const Column &column)
{
    return column.type() != ColumnType::String;
}

ChartSeries::ChartSeries(QString name, Frame frame, qsizetype column)
    : m_name(std::move(name)), m_frame(std::move(frame)), m_column(column), m_downsampler({}, {}, {})
{
    const Column &c = m_frame.column(m_column);
    Q_ASSERT(isNumeric(c));
    const std::vector<std::int64_t> &time = m_frame.time();
    m_time = time;
    m_valid = c.validity();
    switch (c.type()) {
    case ColumnType::Float:
        m_values = c.values<double>();
        break;
    case ColumnType::Int:
        convert(c.values<std::int64_t>(), m_valueStorage);
        break;
    case ColumnType::UInt:
        convert(c.values<std::uint64_t>(), m_valueStorage);
        break;
    case ColumnType::Bool:
        convert(c.values<std::uint8_t>(), m_valueStorage);
        break;
    case ColumnType::String:
        break;
    }
    if (c.type() != ColumnType::Float)
        m_values = m_valueStorage;

    if (!std::is_sorted(time.begin(), time.end())) {
        // ORDER BY time DESC, or rows merged from several answers: draw in ascending time.
        m_order.resize(time.size());
        std::iota(m_order.begin(), m_order.end(), qsizetype(0));
        std::stable_sort(m_order.begin(), m_order.end(), [&](qsizetype a, qsizetype b) { return time[size_t(a)] < time[size_t(b)]; });
        m_timeStorage.resize(time.size());
        std::vector<double> values(time.size());
        for (size_t i = 0; i < m_order.size(); ++i) {
            m_timeStorage[i] = time[size_t(m_order[i])];
            values[i] = m_values[size_t(m_order[i])];
        }
        if (!m_valid.empty()) {
            std::vector<std::uint8_t> valid(time.size());
            for (size_t i = 0; i < m_order.size(); ++i)
                valid[i] = m_valid[size_t(m_order[i])];
            m_validStorage = std::move(valid);
            m_valid = m_validStorage;
        }
        m_valueStorage = std::move(values);
        m_values = m_valueStorage;
        m_time = m_timeStorage;
    }
    m_downsampler = Downsampler(m_time, m_values, m_valid);
}

} // namespace QInflux
