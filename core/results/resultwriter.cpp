#include <QInflux/resultwriter.h>

#include <QInflux/timestamp.h>

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>

using namespace Qt::StringLiterals;

namespace QInflux::ResultWriter {

namespace {

QString shortestDouble(double v)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? QString::fromLatin1(buffer, end - buffer) : QString::number(v, 'g', 17);
}

QByteArray csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text.toUtf8();
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return '"' + quoted.toUtf8() + '"';
}

QString tagText(const Tags &tags)
{
    QStringList parts;
    for (const auto &[k, v] : tags)
        parts << k + u'=' + v;
    return parts.join(u',');
}

QString timeText(std::int64_t ns, TimeStyle time)
{
    return time.format == TimeFormat::Rfc3339 ? Timestamp::toRfc3339(ns) : QString::number(ns / nanosecondsPer(time.unit));
}

/// A JSON string literal.
void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    qsizetype run = 0; // start of the characters not yet copied
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u != u'"' && u != u'\\' && u >= 0x20)
            continue;
        out += QStringView(text).mid(run, i - run).toUtf8();
        run = i + 1;
        switch (u) {
        case u'"': out += "\\\""; break;
        case u'\\': out += "\\\\"; break;
        case u'\n': out += "\\n"; break;
        case u'\r': out += "\\r"; break;
        case u'\t': out += "\\t"; break;
        default: out += "\\u00" + QByteArray::number(u, 16).rightJustified(2, '0');
        }
    }
    out += QStringView(text).mid(run).toUtf8();
    out += '"';
}

void appendJsonValue(QByteArray &out, const Column &column, qsizetype row)
{
    const auto r = size_t(row);
    switch (column.type()) {
    case ColumnType::Float: {
        QByteArray number = shortestDouble(column.values<double>()[r]).toLatin1();
        if (!number.contains('.') && !number.contains('e') && !number.contains('n') && !number.contains('i'))
            number += ".0"; // 1.0 stays a float for readers that tell 1 from 1.0
        out += number;
        break;
    }
    case ColumnType::Int: out += QByteArray::number(column.values<std::int64_t>()[r]); break;
    case ColumnType::UInt: out += QByteArray::number(column.values<std::uint64_t>()[r]); break;
    case ColumnType::Bool: out += column.values<std::uint8_t>()[r] ? "true" : "false"; break;
    case ColumnType::String: appendJsonString(out, column.values<QString>()[r]); break;
    }
}

bool flushed(QIODevice &out, QByteArray &buffer)
{
    const bool ok = out.write(buffer) == buffer.size();
    buffer.clear();
    return ok;
}

} // namespace

QString formatCell(const Column &column, qsizetype row)
{
    if (column.isNull(row))
        return {};
    const auto r = size_t(row);
    switch (column.type()) {
    case ColumnType::Float: return shortestDouble(column.values<double>()[r]);
    case ColumnType::Int: return QString::number(column.values<std::int64_t>()[r]);
    case ColumnType::UInt: return QString::number(column.values<std::uint64_t>()[r]);
    case ColumnType::Bool: return column.values<std::uint8_t>()[r] ? u"true"_s : u"false"_s;
    case ColumnType::String: return column.values<QString>()[r];
    }
    return {};
}

Result<void> writeCsv(const QueryResult &result, QIODevice &out, TimeFormat time)
{
    return CsvWriter(out, TimeStyle{time, TimeUnit::Nanoseconds}).write(result);
}

Result<void> CsvWriter::write(const QueryResult &result)
{
    QByteArray buffer;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            const QStringList columns = frame.columnNames();
            if (columns != m_header) {
                m_header = columns;
                buffer += "name,tags";
                for (const QString &c : columns)
                    buffer += ',' + csvField(c);
                buffer += "\r\n";
            }
            const QByteArray prefix = csvField(frame.name()) + ',' + csvField(tagText(frame.tags()));
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                buffer += prefix;
                if (frame.hasTime())
                    buffer += ',' + timeText(frame.time()[size_t(row)], m_time).toUtf8();
                for (qsizetype c = 0; c < frame.columnCount(); ++c)
                    buffer += ',' + csvField(formatCell(frame.column(c), row));
                buffer += "\r\n";
                if (buffer.size() > (1 << 20) && !flushed(m_out, buffer))
                    return Error(Error::Kind::Io, u"Cannot write the CSV output."_s, m_out.errorString());
            }
        }
    }
    if (!flushed(m_out, buffer))
        return Error(Error::Kind::Io, u"Cannot write the CSV output."_s, m_out.errorString());
    return {};
}

Result<void> writeJsonLines(const QueryResult &result, QIODevice &out, TimeStyle time)
{
    QByteArray buffer;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            QByteArray prefix = "{\"measurement\":";
            appendJsonString(prefix, frame.name());
            if (!frame.tags().isEmpty()) {
                prefix += ",\"tags\":{";
                for (qsizetype i = 0; i < frame.tags().size(); ++i) {
                    if (i > 0)
                        prefix += ',';
                    appendJsonString(prefix, frame.tags()[i].first);
                    prefix += ':';
                    appendJsonString(prefix, frame.tags()[i].second);
                }
                prefix += '}';
            }
            QList<QByteArray> keys;
            for (qsizetype c = 0; c < frame.columnCount(); ++c) {
                QByteArray key;
                appendJsonString(key, frame.column(c).name());
                keys.append(key + ':');
            }
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                buffer += prefix;
                if (frame.hasTime()) {
                    buffer += ",\"time\":";
                    const QString t = timeText(frame.time()[size_t(row)], time);
                    if (time.format == TimeFormat::Rfc3339)
                        appendJsonString(buffer, t);
                    else
                        buffer += t.toLatin1();
                }
                buffer += ",\"fields\":{";
                bool first = true;
                for (qsizetype c = 0; c < frame.columnCount(); ++c) {
                    const Column &column = frame.column(c);
                    if (column.isNull(row))
                        continue;
                    if (!first)
                        buffer += ',';
                    first = false;
                    buffer += keys[c];
                    appendJsonValue(buffer, column, row);
                }
                buffer += "}}\n";
                if (buffer.size() > (1 << 20) && !flushed(out, buffer))
                    return Error(Error::Kind::Io, u"Cannot write the JSON lines output."_s, out.errorString());
            }
        }
    }
    if (!flushed(out, buffer))
        return Error(Error::Kind::Io, u"Cannot write the JSON lines output."_s, out.errorString());
    return {};
}

Result<void> writeTable(const QueryResult &result, QIODevice &out, TimeStyle time)
{
    QByteArray buffer;
    bool firstBlock = true;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            if (!firstBlock)
                buffer += '\n';
            firstBlock = false;
            buffer += "name: " + frame.name().toUtf8() + '\n';
            if (!frame.tags().isEmpty())
                buffer += "tags: " + tagText(frame.tags()).toUtf8() + '\n';
            // Cells as text first: the widths need every row of the block.
            const QStringList names = frame.columnNames();
            std::vector<QStringList> cells(size_t(names.size()));
            std::vector<qsizetype> width(size_t(names.size()));
            for (qsizetype c = 0; c < names.size(); ++c)
                width[size_t(c)] = names[c].size();
            const qsizetype timeColumns = frame.hasTime() ? 1 : 0;
            for (qsizetype c = 0; c < names.size(); ++c) {
                QStringList &column = cells[size_t(c)];
                column.reserve(frame.rowCount());
                for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                    column.append(c < timeColumns ? timeText(frame.time()[size_t(row)], time)
                                                  : formatCell(frame.column(c - timeColumns), row));
                    width[size_t(c)] = std::max(width[size_t(c)], column.back().size());
                }
            }
            auto line = [&](auto cellText) {
                QString text;
                for (qsizetype c = 0; c < names.size(); ++c) {
                    if (c > 0)
                        text += u' ';
                    text += cellText(c).leftJustified(c + 1 < names.size() ? width[size_t(c)] : 0);
                }
                buffer += text.toUtf8() + '\n';
            };
            line([&](qsizetype c) { return names[c]; });
            line([&](qsizetype c) { return QString(width[size_t(c)], u'-'); });
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                line([&](qsizetype c) { return cells[size_t(c)][row]; });
                if (buffer.size() > (1 << 20) && !flushed(out, buffer))
                    return Error(Error::Kind::Io, u"Cannot write the table output."_s, out.errorString());
            }
        }
    }
    if (!flushed(out, buffer))
        return Error(Error::Kind::Io, u"Cannot write the table output."_s, out.errorString());
    return {};
}

QByteArray toJson(const QueryResult &result, TimeFormat time)
{
    return toJson(result, TimeStyle{time, TimeUnit::Nanoseconds});
}

QByteArray toJson(const QueryResult &result, TimeStyle time)
{
    QJsonArray results;
    for (const StatementResult &statement : result.statements) {
        QJsonObject s;
        s.insert("statement_id"_L1, statement.statementId);
        if (statement.error)
            s.insert("error"_L1, statement.error->message());
        QJsonArray seriesArray;
        for (const Frame &frame : statement.series) {
            QJsonObject series;
            series.insert("name"_L1, frame.name());
            if (!frame.tags().isEmpty()) {
                QJsonObject tags;
                for (const auto &[k, v] : frame.tags())
                    tags.insert(k, v);
                series.insert("tags"_L1, tags);
            }
            series.insert("columns"_L1, QJsonArray::fromStringList(frame.columnNames()));
            QJsonArray rows;
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                QJsonArray values;
                if (frame.hasTime()) {
                    const std::int64_t ns = frame.time()[size_t(row)];
                    values.append(time.format == TimeFormat::Epoch ? QJsonValue(qint64(ns / nanosecondsPer(time.unit)))
                                                                   : QJsonValue(Timestamp::toRfc3339(ns)));
                }
                for (qsizetype c = 0; c < frame.columnCount(); ++c)
                    values.append(QJsonValue::fromVariant(frame.column(c).value(row)));
                rows.append(values);
            }
            series.insert("values"_L1, rows);
            seriesArray.append(series);
        }
        if (!seriesArray.isEmpty())
            s.insert("series"_L1, seriesArray);
        if (statement.partial)
            s.insert("partial"_L1, true);
        results.append(s);
    }
    return QJsonDocument(QJsonObject{{"results"_L1, results}}).toJson(QJsonDocument::Compact);
}

} // namespace QInflux::ResultWriter
