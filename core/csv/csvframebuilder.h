#pragma once

#include <QInflux/csvreader.h>
#include "csvschema_p.h"

#include <QInflux/frame.h>

#include <memory>
#include <vector>

namespace QInflux {

/// Converts CSV records straight into typed column builders, and hands them out as Frames (one per
/// measurement). A record that does not fit the schema (wrong field count, a value that is not of
/// its column's type, a bad time) is rejected whole, with the reason; nothing of it is kept.
class CsvFrameBuilder
{
public:
    CsvFrameBuilder(CsvSchema schema, const CsvImportProfile &profile, qsizetype columnCount);
    ~CsvFrameBuilder();
    CsvFrameBuilder(CsvFrameBuilder &&) noexcept;

    /// Adds one record; false with `reason` set when it is rejected.
    bool add(const CsvRecord &record, QString *reason);
    /// Rows added since the last take().
    qsizetype rowCount() const { return m_rows; }

    struct Table
    {
        Frame frame;              ///< named after its measurement, tag columns as String columns
        std::vector<qint64> lines; ///< the physical line where each row starts in the file
    };
    /// The rows added since the last call, one Table per measurement; the builder starts empty again.
    std::vector<Table> take();
    /// Names of the tag columns in the Frames (for LineProtocol::Options::tagColumns).
    const QStringList &tagColumns() const { return m_tagColumns; }
    const CsvSchema &schema() const { return m_schema; }

private:
    struct Group;
    struct ColumnPlan;
    Group &groupFor(std::string_view measurement);
    bool convert(Group &group, const CsvRecord &record, QString *reason);

    CsvSchema m_schema;
    bool m_decimalComma = false;
    TimeUnit m_precision = TimeUnit::Nanoseconds;
    QString m_measurement;
    qsizetype m_columnCount = 0;
    std::vector<ColumnPlan> m_plan;
    std::vector<std::unique_ptr<Group>> m_groups;
    qsizetype m_lastGroup = -1;
    QStringList m_tagColumns;
    std::string m_joined;
    qsizetype m_rows = 0;
};

} // namespace QInflux
