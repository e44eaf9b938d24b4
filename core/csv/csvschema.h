#pragma once

#include <QInflux/csvimportprofile.h>
#include "csvtimeparser_p.h"

#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace QInflux {

/// The resolved plan of an import: for every column of the file its role and type, decided from
/// the profile (explicit choices win) and from sampled rows (the rest). A value type.
class CsvSchema
{
public:
    enum class Role { Time, Measurement, Tag, Field, Ignore };
    struct Column
    {
        QString name;
        Role role = Role::Ignore;
        CsvType type = CsvType::String; ///< Field: its type; Tag/Measurement: String; Time: Time
        bool detected = false;          ///< the type came from the sample, not from the profile
    };

    /// `sample`: the first rows of the file (whole fields). nullopt with `error` set when the
    /// profile names a column the file does not have, there is no time column, or the time
    /// format does not fit the sampled times.
    static std::optional<CsvSchema> resolve(const CsvImportProfile &profile, const QStringList &header,
                                            const std::vector<std::vector<std::string>> &sample, QString *error);

    /// The type the values of one column have (empty values ignored): Bool, Int, Float or String,
    /// by the rules of CsvType. Used by resolve().
    static CsvType detectType(const std::vector<std::string_view> &values, bool decimalComma);

    const QList<Column> &columns() const { return m_columns; }
    /// Indexes of the time column(s): one, or date and time.
    const QList<int> &timeColumns() const { return m_timeColumns; }
    /// -1 when the measurement is fixed.
    int measurementColumn() const { return m_measurementColumn; }
    const CsvTimeParser &timeParser() const { return m_time; }
    /// One line per column: "price: field float (detected)".
    QStringList describe() const;

private:
    QList<Column> m_columns;
    QList<int> m_timeColumns;
    int m_measurementColumn = -1;
    CsvTimeParser m_time;
};

} // namespace QInflux
