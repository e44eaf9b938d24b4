#include "csvimportproducer_p.h"

#include <QInflux/lineprotocol.h>
#include "linescanner_p.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

QByteArray CsvChunk::textOf(qint64 line) const
{
    const auto it = std::lower_bound(textIndex.begin(), textIndex.end(), line, [](const TextRef &r, qint64 l) { return r.line < l; });
    if (it == textIndex.end() || it->line != line)
        return {};
    return QByteArray(texts.data() + it->offset, qsizetype(it->size));
}

QList<QByteArrayView> splitPoints(const QByteArray &lines)
{
    QList<QByteArrayView> points;
    LineProtocol::LineScanner scanner;
    qsizetype start = 0, pos = 0;
    while (pos < lines.size()) {
        qsizetype nl = lines.indexOf('\n', pos);
        const qsizetype end = nl < 0 ? lines.size() : nl + 1;
        if (scanner.endsLine(QByteArrayView(lines).sliced(pos, end - pos))) {
            points.append(QByteArrayView(lines).sliced(start, end - start));
            start = end;
        }
        pos = end;
    }
    return points;
}

CsvImportProducer::CsvImportProducer(std::unique_ptr<QIODevice> device, CsvImportProfile profile, qsizetype frameRows,
                                     qsizetype batchRows)
    : m_device(std::move(device)), m_profile(std::move(profile)), m_frameRows(std::max<qsizetype>(frameRows, 1)),
      m_batchRows(std::max(batchRows, m_frameRows))
{
}

bool CsvImportProducer::open(QString *error, bool *schemaError)
{
    *schemaError = false;
    m_reader = std::make_unique<CsvReader>(m_device.get(), m_profile.dialect);
    if (!m_reader->open()) {
        *error = m_reader->error();
        return false;
    }
    const QStringList &header = m_reader->header();
    std::vector<std::vector<std::string>> sample;
    CsvRecord record;
    while (qsizetype(m_sample.size()) < m_profile.sampleRows && m_reader->next(&record)) {
        SampleRow row{record.line, std::string(record.text), {}, record.problem};
        for (std::string_view f : record.fields)
            row.fields.emplace_back(f);
        if (row.problem.isEmpty() && qsizetype(row.fields.size()) == header.size())
            sample.push_back(row.fields);
        m_sample.push_back(std::move(row));
    }
    if (!m_reader->error().isEmpty()) {
        *error = m_reader->error();
        return false;
    }
    auto schema = CsvSchema::resolve(m_profile, header, sample, error);
    if (!schema) {
        *schemaError = true;
        return false;
    }
    m_builder.emplace(std::move(*schema), m_profile, header.size());
    return true;
}

void CsvImportProducer::reject(CsvChunk &chunk, qint64 line, QString reason, std::string_view text)
{
    chunk.rejects.append({line, std::move(reason)});
    chunk.rejectTexts.append(QByteArray(text.data(), qsizetype(text.size())));
}

CsvChunk CsvImportProducer::next()
{
    CsvChunk chunk;
    CsvRecord sampled;
    CsvRecord record;
    QString reason;
    qint64 cutoff = std::numeric_limits<qint64>::max();
    qint64 rowsInChunk = 0;
    while (!m_done && rowsInChunk < m_batchRows) {
        if (m_builder->rowCount() >= m_frameRows) {
            // A Frame is full: into line protocol now, so that only one Frame is held at a time.
            serialize(m_builder->take(), chunk, cutoff);
        }
        if (m_cancelled) {
            m_done = true;
            break;
        }
        const CsvRecord *r = nullptr;
        if (m_sampleNext < m_sample.size()) {
            const SampleRow &row = m_sample[m_sampleNext++];
            sampled.fields.assign(row.fields.begin(), row.fields.end());
            sampled.line = row.line;
            sampled.text = row.text;
            sampled.problem = row.problem;
            r = &sampled;
            if (m_sampleNext == m_sample.size())
                m_sample.shrink_to_fit();
        } else if (m_reader->next(&record)) {
            r = &record;
        } else {
            m_done = true;
            if (!m_reader->error().isEmpty())
                chunk.error = Error(Error::Kind::Io, m_reader->error());
            break;
        }
        ++m_rowsRead;
        ++rowsInChunk;
        chunk.textIndex.push_back({r->line, chunk.texts.size(), r->text.size()});
        chunk.texts.append(r->text);
        if (!m_builder->add(*r, &reason)) {
            reject(chunk, r->line, reason, r->text);
            if (m_profile.onError == CsvOnError::Stop) {
                chunk.stop = true;
                cutoff = r->line;
                m_done = true;
                break;
            }
        }
    }
    if (m_sampleNext == m_sample.size() && !m_sample.empty())
        m_sample.clear();
    serialize(m_builder->take(), chunk, cutoff);
    chunk.rowsRead = m_rowsRead;
    chunk.bytesRead = m_reader->bytesRead();
    chunk.emptyLines = m_reader->emptyLines();
    chunk.commentLines = m_reader->commentLines();
    chunk.end = m_done;
    return chunk;
}

void CsvImportProducer::serialize(std::vector<CsvFrameBuilder::Table> tables, CsvChunk &chunk, qint64 cutoff)
{
    LineProtocol::Options options;
    options.tagColumns = m_builder->tagColumns();
    options.extraTags = m_profile.extraTags;
    options.precision = m_profile.precision;
    struct Serialized
    {
        CsvFrameBuilder::Table table;
        LineProtocol::Output out;
        std::vector<std::uint8_t> written;
    };
    std::vector<Serialized> parts;
    for (CsvFrameBuilder::Table &table : tables) {
        Serialized part{std::move(table), {}, {}};
        part.out = LineProtocol::serialize(part.table.frame, options);
        const qsizetype rows = part.table.frame.rowCount();
        part.written.assign(size_t(rows), 1);
        for (const LineProtocol::Problem &p : part.out.problems) {
            if (p.index < 0) {
                // The whole table cannot be written (e.g. a measurement name the server refuses).
                for (qsizetype row = 0; row < rows; ++row)
                {
                    const QByteArray text = chunk.textOf(part.table.lines[size_t(row)]);
                    reject(chunk, part.table.lines[size_t(row)], p.reason, std::string_view(text.constData(), size_t(text.size())));
                }
                part.written.assign(size_t(rows), 0);
                part.out.lines.clear();
                break;
            }
            part.written[size_t(p.index)] = 0;
            const qint64 line = part.table.lines[size_t(p.index)];
            const QByteArray text = chunk.textOf(line);
            reject(chunk, line, p.reason, std::string_view(text.constData(), size_t(text.size())));
            if (m_profile.onError == CsvOnError::Stop) {
                cutoff = std::min(cutoff, line);
                chunk.stop = true;
                m_done = true;
            }
        }
        parts.push_back(std::move(part));
    }
    // Under CsvOnError::Stop nothing after the first reject is written.
    for (Serialized &part : parts) {
        const Frame &frame = part.table.frame;
        const qsizetype rows = frame.rowCount();
        QList<QByteArrayView> points;
        const bool filter = cutoff != std::numeric_limits<qint64>::max();
        if (filter)
            points = splitPoints(part.out.lines);
        qsizetype point = 0;
        for (qsizetype row = 0; row < rows; ++row) {
            if (!part.written[size_t(row)])
                continue;
            const qint64 line = part.table.lines[size_t(row)];
            if (filter) {
                if (line < cutoff)
                    chunk.lines += points[point];
                else
                    part.written[size_t(row)] = 0;
                ++point;
            }
            if (part.written[size_t(row)]) {
                chunk.pointLines.push_back(line);
                ++chunk.points;
            }
        }
        if (!filter)
            chunk.lines += part.out.lines;
        for (qsizetype c = 0; c < frame.columnCount(); ++c) {
            const Column &column = frame.column(c);
            if (options.tagColumns.contains(column.name()))
                continue;
            qint64 values = 0;
            for (qsizetype row = 0; row < rows; ++row)
                values += part.written[size_t(row)] && !column.isNull(row);
            chunk.fieldValues[{frame.name(), column.name()}] += values;
        }
    }
}

} // namespace QInflux::detail

namespace QInflux::detail {

bool pointFields(QByteArrayView point, QString *measurement, QStringList *fields)
{
    // measurement[,tags] fields [time]: backslash escapes; quotes only inside field values.
    QByteArray name;
    qsizetype i = 0;
    const qsizetype n = point.size();
    for (; i < n && point[i] != ',' && point[i] != ' '; ++i) {
        if (point[i] == '\\' && i + 1 < n)
            ++i;
        name += point[i];
    }
    *measurement = QString::fromUtf8(name);
    for (; i < n && point[i] != ' '; ++i) {
        if (point[i] == '\\')
            ++i;
    }
    if (i >= n)
        return false;
    ++i;
    fields->clear();
    while (i < n) {
        QByteArray key;
        for (; i < n && point[i] != '='; ++i) {
            if (point[i] == '\\' && i + 1 < n)
                ++i;
            key += point[i];
        }
        fields->append(QString::fromUtf8(key));
        ++i;
        bool quoted = false;
        for (; i < n; ++i) {
            const char c = point[i];
            if (quoted && c == '\\') {
                ++i;
                continue;
            }
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == ',' || c == ' ' || c == '\n'))
                break;
        }
        if (i >= n || point[i] != ',')
            break;
        ++i;
    }
    return !fields->isEmpty();
}

} // namespace QInflux::detail
