#include <QInflux/column.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

QString columnTypeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Float: return u"float"_s;
    case ColumnType::Int: return u"integer"_s;
    case ColumnType::UInt: return u"unsigned"_s;
    case ColumnType::Bool: return u"boolean"_s;
    case ColumnType::String: return u"string"_s;
    }
    return {};
}

Column::Column(QString name, Storage values, std::vector<std::uint8_t> valid)
    : m_name(std::move(name)), m_values(std::move(values)), m_valid(std::move(valid))
{
    Q_ASSERT(m_valid.empty() || static_cast<qsizetype>(m_valid.size()) == size());
}

qsizetype Column::size() const
{
    return std::visit([](const auto &v) { return static_cast<qsizetype>(v.size()); }, m_values);
}

bool Column::hasNulls() const
{
    return std::find(m_valid.begin(), m_valid.end(), std::uint8_t(0)) != m_valid.end();
}

QVariant Column::value(qsizetype row) const
{
    if (row < 0 || row >= size() || isNull(row))
        return {};
    const auto r = static_cast<size_t>(row);
    switch (type()) {
    case ColumnType::Float: return values<double>()[r];
    case ColumnType::Int: return qint64(values<std::int64_t>()[r]);
    case ColumnType::UInt: return quint64(values<std::uint64_t>()[r]);
    case ColumnType::Bool: return bool(values<std::uint8_t>()[r]);
    case ColumnType::String: return values<QString>()[r];
    }
    return {};
}

} // namespace QInflux
