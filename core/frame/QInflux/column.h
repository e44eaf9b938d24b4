#pragma once

#include <QInflux/qinfluxcore_export.h>

#include <QString>
#include <QVariant>

#include <cstdint>
#include <variant>
#include <vector>

namespace QInflux {

/// The value types InfluxDB 1.x stores in fields and tags.
enum class ColumnType { Float, Int, UInt, Bool, String };

QINFLUX_CORE_EXPORT QString columnTypeName(ColumnType type);

/// One typed column of a Frame: the values plus a validity mask (nulls). A value type, cheap to move.
class QINFLUX_CORE_EXPORT Column
{
public:
    using Storage = std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::uint64_t>,
                                 std::vector<std::uint8_t> /* bool */, std::vector<QString>>;

    Column() = default;
    /// `valid` is empty when every value is present; otherwise it has one entry per value.
    Column(QString name, Storage values, std::vector<std::uint8_t> valid = {});

    const QString &name() const { return m_name; }
    ColumnType type() const { return static_cast<ColumnType>(m_values.index()); }
    qsizetype size() const;
    bool isNull(qsizetype row) const { return !m_valid.empty() && !m_valid[static_cast<size_t>(row)]; }
    bool hasNulls() const;

    /// Typed access; T must match type() (double, std::int64_t, std::uint64_t, std::uint8_t, QString).
    template<typename T>
    const std::vector<T> &values() const { return std::get<std::vector<T>>(m_values); }
    const Storage &storage() const { return m_values; }
    const std::vector<std::uint8_t> &validity() const { return m_valid; }

    /// The cell as a QVariant (null QVariant for a null cell). Convenience, not for hot loops.
    QVariant value(qsizetype row) const;
    /// The cell as text for CSV, tables and tag values: shortest round-trip floats, integers as
    /// they are, true/false; an empty string for a null cell.
    QString text(qsizetype row) const;

private:
    QString m_name;
    Storage m_values;
    std::vector<std::uint8_t> m_valid;
};

} // namespace QInflux
