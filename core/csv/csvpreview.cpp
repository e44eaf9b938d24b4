#include <QInflux/csvpreview.h>

#include "csvframebuilder_p.h"
#include "csvschema_p.h"

#include <QInflux/lineprotocol.h>
#include <QInflux/timestamp.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

CsvPreview::Role roleOf(CsvSchema::Role role)
{
    switch (role) {
    case CsvSchema::Role::Time: return CsvPreview::Role::Time;
    case CsvSchema::Role::Measurement: return CsvPreview::Role::Measurement;
    case CsvSchema::Role::Tag: return CsvPreview::Role::Tag;
    case CsvSchema::Role::Field: return CsvPreview::Role::Field;
    case CsvSchema::Role::Ignore: return CsvPreview::Role::Ignore;
    }
    return CsvPreview::Role::Ignore;
}

QStringList rawCells(const std::vector<std::string> &row)
{
    QStringList cells;
    cells.reserve(qsizetype(row.size()));
    for (const std::string &cell : row)
        cells.append(QString::fromStdString(cell));
    return cells;
}

} // namespace

CsvPreview CsvPreview::make(const CsvImportProfile &profile, const QStringList &header,
                            const std::vector<std::vector<std::string>> &sample, qsizetype rows, qsizetype lineRows)
{
    CsvPreview preview;
    const auto count = size_t(std::clamp<qsizetype>(rows, 0, qsizetype(sample.size())));
    const auto schema = CsvSchema::resolve(profile, header, sample);
    if (!schema) {
        preview.error = schema.error().message();
        for (size_t r = 0; r < count; ++r)
            preview.rows.append({rawCells(sample[r]), preview.error});
        return preview;
    }
    for (const CsvSchema::Column &c : schema->columns())
        preview.columns.append({c.name, roleOf(c.role), c.type, c.detected});

    // Each row through the import's converter; the rows that convert come back as one table per
    // measurement, in file order within it.
    CsvFrameBuilder builder(*schema, profile, header.size());
    CsvRecord record;
    for (size_t r = 0; r < count; ++r) {
        record.fields.assign(sample[r].begin(), sample[r].end());
        record.line = qint64(r) + 1;
        const auto added = builder.add(record);
        preview.rows.append({rawCells(sample[r]), added ? QString() : added.error().message()});
    }
    std::vector<CsvFrameBuilder::Table> tables = builder.take();
    if (tables.size() == 1) {
        const Frame &frame = tables.front().frame;
        qsizetype converted = 0;
        for (Row &row : preview.rows) {
            if (!row.problem.isEmpty())
                continue;
            for (qsizetype c = 0; c < row.cells.size() && c < preview.columns.size(); ++c) {
                const Column &column = preview.columns[c];
                if (column.role == Role::Time && frame.hasTime())
                    row.cells[c] = Timestamp::toRfc3339(frame.time()[size_t(converted)]);
                else if (const QInflux::Column *values = frame.column(column.name); values && column.role != Role::Ignore)
                    row.cells[c] = values->isNull(converted) ? QString() : values->text(converted);
            }
            ++converted;
        }
    }

    // The first rows as the lines the import writes.
    CsvFrameBuilder lines(*schema, profile, header.size());
    const auto lineCount = std::min(sample.size(), size_t(std::max<qsizetype>(lineRows, 0)));
    for (size_t r = 0; r < lineCount; ++r) {
        record.fields.assign(sample[r].begin(), sample[r].end());
        record.line = qint64(r) + 1;
        if (const auto added = lines.add(record); !added)
            preview.lineProblems.append(u"row %1: %2"_s.arg(r + 1).arg(added.error().message()));
    }
    LineProtocol::Options options;
    options.tagColumns = lines.tagColumns();
    options.extraTags = profile.extraTags;
    options.precision = profile.precision;
    for (const CsvFrameBuilder::Table &t : lines.take())
        preview.lineProtocol += LineProtocol::serialize(t.frame, options).lines;
    return preview;
}

} // namespace QInflux
