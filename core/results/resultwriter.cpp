#include "resultwriter.h"

#include "frame/timestamp.h"

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

QString timeText(std::int64_t ns, TimeFormat format)
{
    return format == TimeFormat::Rfc3339 ? Timestamp::toRfc3339(ns) : QString::number(ns);
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
    QStringList header;
    QByteArray buffer;
    auto flush = [&]() -> bool {
        if (out.write(buffer) != buffer.size())
            return false;
        buffer.clear();
        return true;
    };
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            const QStringList columns = frame.columnNames();
            if (columns != header) {
                header = columns;
                buffer += "name,tags";
                for (const QString &c : columns)
                    buffer += ',' + csvField(c);
                buffer += "\r\n";
            }
            const QByteArray prefix = csvField(frame.name()) + ',' + csvField(tagText(frame.tags()));
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                buffer += prefix;
                if (frame.hasTime())
                    buffer += ',' + timeText(frame.time()[size_t(row)], time).toUtf8();
                for (qsizetype c = 0; c < frame.columnCount(); ++c)
                    buffer += ',' + csvField(formatCell(frame.column(c), row));
                buffer += "\r\n";
                if (buffer.size() > (1 << 20) && !flush())
                    return Error(Error::Kind::Io, u"Cannot write the CSV output."_s, out.errorString());
            }
        }
    }
    if (!flush())
        return Error(Error::Kind::Io, u"Cannot write the CSV output."_s, out.errorString());
    return {};
}

QByteArray toJson(const QueryResult &result, TimeFormat time)
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
                    values.append(time == TimeFormat::Epoch ? QJsonValue(qint64(ns)) : QJsonValue(Timestamp::toRfc3339(ns)));
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
