#include "jsondecoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux::JsonDecoder {

namespace {

Error parseError(const QString &what)
{
    return Error(Error::Kind::Parse, u"The server's JSON answer could not be decoded."_s, what);
}

bool isWholeNumber(const QJsonValue &v)
{
    constexpr qint64 sentinel = std::numeric_limits<qint64>::min();
    return v.toInteger(sentinel) != sentinel || v.toDouble() == double(sentinel);
}

// Builds one typed column from the JSON cells of column `index`.
Result<Column> buildColumn(const QString &name, const QJsonArray &rows, qsizetype index)
{
    bool anyString = false, anyBool = false, anyNumber = false, anyFraction = false, anyNull = false;
    for (const QJsonValue &row : rows) {
        const QJsonValue v = row.toArray().at(index);
        switch (v.type()) {
        case QJsonValue::Null: anyNull = true; break;
        case QJsonValue::String: anyString = true; break;
        case QJsonValue::Bool: anyBool = true; break;
        case QJsonValue::Double:
            anyNumber = true;
            if (!isWholeNumber(v))
                anyFraction = true;
            break;
        default:
            return parseError(u"column \"%1\" holds a value that is neither null, string, number nor boolean"_s.arg(name));
        }
    }
    if (int(anyString) + int(anyBool) + int(anyNumber) > 1)
        return parseError(u"column \"%1\" mixes value types (string, number, boolean)"_s.arg(name));

    const size_t n = size_t(rows.size());
    std::vector<std::uint8_t> valid;
    if (anyNull)
        valid.assign(n, 1);
    auto markNull = [&](size_t r, const QJsonValue &v) {
        if (v.isNull()) {
            valid[r] = 0;
            return true;
        }
        return false;
    };

    if (anyString) {
        std::vector<QString> values(n);
        for (size_t r = 0; r < n; ++r) {
            const QJsonValue v = rows[qsizetype(r)].toArray().at(index);
            if (!markNull(r, v))
                values[r] = v.toString();
        }
        return Column(name, std::move(values), std::move(valid));
    }
    if (anyBool) {
        std::vector<std::uint8_t> values(n, 0);
        for (size_t r = 0; r < n; ++r) {
            const QJsonValue v = rows[qsizetype(r)].toArray().at(index);
            if (!markNull(r, v))
                values[r] = v.toBool() ? 1 : 0;
        }
        return Column(name, std::move(values), std::move(valid));
    }
    if (anyNumber && !anyFraction) {
        std::vector<std::int64_t> values(n, 0);
        for (size_t r = 0; r < n; ++r) {
            const QJsonValue v = rows[qsizetype(r)].toArray().at(index);
            if (!markNull(r, v))
                values[r] = v.toInteger();
        }
        return Column(name, std::move(values), std::move(valid));
    }
    std::vector<double> values(n, 0.0);
    for (size_t r = 0; r < n; ++r) {
        const QJsonValue v = rows[qsizetype(r)].toArray().at(index);
        if (!markNull(r, v))
            values[r] = v.toDouble();
    }
    return Column(name, std::move(values), std::move(valid));
}

Result<Frame> decodeSeries(const QJsonObject &series, TimeUnit epoch, int statementId)
{
    const QString name = series.value("name"_L1).toString();
    Tags tags;
    const QJsonObject tagObject = series.value("tags"_L1).toObject();
    for (auto it = tagObject.begin(); it != tagObject.end(); ++it)
        tags.append({it.key(), it.value().toString()});

    const QJsonArray columns = series.value("columns"_L1).toArray();
    const QJsonArray rows = series.value("values"_L1).toArray();
    for (qsizetype r = 0; r < rows.size(); ++r) {
        if (!rows[r].isArray() || rows[r].toArray().size() != columns.size())
            return parseError(u"statement %1, series \"%2\": row %3 has %4 values for %5 columns"_s.arg(statementId)
                                  .arg(name)
                                  .arg(r)
                                  .arg(rows[r].toArray().size())
                                  .arg(columns.size()));
    }

    std::optional<std::vector<std::int64_t>> time;
    qsizetype firstValueColumn = 0;
    if (!columns.isEmpty() && columns.first().toString() == "time"_L1) {
        firstValueColumn = 1;
        const std::int64_t scale = nanosecondsPer(epoch);
        std::vector<std::int64_t> t(size_t(rows.size()));
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QJsonValue v = rows[r].toArray().at(0);
            std::int64_t ns = 0;
            if (v.isString()) {
                const auto parsed = Timestamp::fromRfc3339(v.toString());
                if (!parsed)
                    return parseError(u"statement %1, series \"%2\", row %3: time \"%4\" is not an RFC 3339 time"_s
                                          .arg(statementId).arg(name).arg(r).arg(v.toString()));
                ns = *parsed;
            } else if (v.isDouble() && isWholeNumber(v)) {
                if (__builtin_mul_overflow(v.toInteger(), scale, &ns))
                    return parseError(u"statement %1, series \"%2\", row %3: time is out of range"_s.arg(statementId).arg(name).arg(r));
            } else {
                return parseError(u"statement %1, series \"%2\", row %3: time is neither an integer nor a string"_s
                                      .arg(statementId).arg(name).arg(r));
            }
            t[size_t(r)] = ns;
        }
        time = std::move(t);
    }

    std::vector<Column> out;
    out.reserve(size_t(columns.size()));
    for (qsizetype c = firstValueColumn; c < columns.size(); ++c) {
        auto column = buildColumn(columns[c].toString(), rows, c);
        if (!column)
            return column.error();
        out.push_back(std::move(column).value());
    }
    return Frame(name, std::move(tags), std::move(time), std::move(out));
}

} // namespace

Result<QueryResult> decode(const QByteArray &body, TimeUnit epoch)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return parseError(u"%1 at byte %2"_s.arg(jsonError.errorString()).arg(jsonError.offset));
    if (!doc.isObject())
        return parseError(u"the body is not a JSON object"_s);
    const QJsonObject root = doc.object();
    if (root.contains("error"_L1))
        return Error(Error::Kind::Server, root.value("error"_L1).toString());

    QueryResult result;
    const QJsonArray results = root.value("results"_L1).toArray();
    for (const QJsonValue &item : results) {
        const QJsonObject object = item.toObject();
        StatementResult statement;
        statement.statementId = object.value("statement_id"_L1).toInt();
        statement.partial = object.value("partial"_L1).toBool();
        if (object.contains("error"_L1)) {
            Error error(Error::Kind::Statement, object.value("error"_L1).toString());
            error.setStatementId(statement.statementId);
            statement.error = std::move(error);
        }
        for (const QJsonValue &message : object.value("messages"_L1).toArray()) {
            const QJsonObject m = message.toObject();
            statement.messages << m.value("level"_L1).toString() + u": "_s + m.value("text"_L1).toString();
        }
        for (const QJsonValue &series : object.value("series"_L1).toArray()) {
            auto frame = decodeSeries(series.toObject(), epoch, statement.statementId);
            if (!frame)
                return frame.error();
            statement.series.append(std::move(frame).value());
        }
        result.statements.append(std::move(statement));
    }
    return result;
}

} // namespace QInflux::JsonDecoder
