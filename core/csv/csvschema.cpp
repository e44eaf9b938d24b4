#include "csvschema_p.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

CsvType CsvSchema::detectType(const std::vector<std::string_view> &values, bool decimalComma)
{
    bool allBool = true, allInt = true, allNumber = true, leadingZero = false;
    qsizetype seen = 0;
    for (std::string_view v : values) {
        if (v.empty())
            continue;
        ++seen;
        bool b = false;
        std::int64_t i = 0;
        double d = 0;
        allBool = allBool && CsvValue::parseBool(v, &b);
        const bool isInt = CsvValue::parseInt(v, &i);
        leadingZero = leadingZero || (isInt && CsvValue::hasLeadingZero(v));
        allInt = allInt && isInt;
        // A whole number beyond int64 is not taken as a float: it would lose digits.
        allNumber = allNumber && (isInt || (CsvValue::parseFloat(v, decimalComma, &d) && v.find_first_of(".,eE") != std::string_view::npos));
        if (!allBool && !allNumber)
            return CsvType::String;
    }
    if (seen == 0)
        return CsvType::String;
    if (allBool)
        return CsvType::Bool;
    if (leadingZero)
        return CsvType::String;
    if (allInt)
        return CsvType::Int;
    return allNumber ? CsvType::Float : CsvType::String;
}

std::optional<CsvSchema> CsvSchema::resolve(const CsvImportProfile &profile, const QStringList &header,
                                            const std::vector<std::vector<std::string>> &sample, QString *error)
{
    CsvSchema schema;
    const auto indexOf = [&](const QString &name, const QString &what) -> int {
        const qsizetype i = header.indexOf(name);
        if (i < 0)
            *error = u"%1 \"%2\" is not a column of the file (columns: %3)"_s.arg(what, name, header.join(u", "_s));
        return int(i);
    };
    for (const QString &name : header)
        schema.m_columns.append({name, Role::Field, CsvType::Auto, true});

    // Time column(s).
    if (profile.timeColumns.isEmpty()) {
        static const QStringList names = {u"time"_s, u"timestamp"_s, u"_time"_s, u"datetime"_s, u"date"_s};
        for (const QString &n : names) {
            for (qsizetype i = 0; i < header.size() && schema.m_timeColumns.isEmpty(); ++i) {
                if (header[i].compare(n, Qt::CaseInsensitive) == 0)
                    schema.m_timeColumns.append(int(i));
            }
        }
        for (qsizetype i = 0; i < header.size() && schema.m_timeColumns.isEmpty() && !sample.empty(); ++i) {
            const bool iso = std::all_of(sample.begin(), sample.end(), [i](const std::vector<std::string> &row) {
                return size_t(i) < row.size() && CsvTimeParser::looksLikeIso(row[size_t(i)]);
            });
            if (iso)
                schema.m_timeColumns.append(int(i));
        }
        if (schema.m_timeColumns.isEmpty()) {
            *error = u"no time column found (none is named time or timestamp, none holds ISO 8601 times): give it with --time-column"_s;
            return std::nullopt;
        }
    } else {
        for (const QString &name : profile.timeColumns) {
            const int i = indexOf(name, u"time column"_s);
            if (i < 0)
                return std::nullopt;
            schema.m_timeColumns.append(i);
        }
    }
    for (int i : std::as_const(schema.m_timeColumns))
        schema.m_columns[i] = {header[i], Role::Time, CsvType::Time, false};

    auto parser = CsvTimeParser::create(profile.timeFormat, profile.timeZone, error);
    if (!parser)
        return std::nullopt;
    schema.m_time = *parser;
    std::vector<std::string> timeSample;
    for (const auto &row : sample) {
        std::string joined;
        bool complete = true;
        for (qsizetype k = 0; k < schema.m_timeColumns.size(); ++k) {
            const auto c = size_t(schema.m_timeColumns[k]);
            complete = complete && c < row.size();
            if (complete)
                joined += (k ? " " : "") + row[c];
        }
        if (complete && !CsvValue::trimmed(joined).empty())
            timeSample.push_back(joined);
    }
    QString why;
    if (!schema.m_time.detect(timeSample, &why)) {
        *error = u"time column %1: %2"_s.arg(header[schema.m_timeColumns.first()], why);
        return std::nullopt;
    }

    if (!profile.measurementColumn.isEmpty()) {
        const int i = indexOf(profile.measurementColumn, u"measurement column"_s);
        if (i < 0)
            return std::nullopt;
        if (schema.m_columns[i].role == Role::Time) {
            *error = u"column \"%1\" cannot be both the time and the measurement"_s.arg(header[i]);
            return std::nullopt;
        }
        schema.m_measurementColumn = i;
        schema.m_columns[i] = {header[i], Role::Measurement, CsvType::String, false};
    } else if (profile.measurement.isEmpty()) {
        *error = u"no measurement: give one (--measurement) or the column that holds it"_s;
        return std::nullopt;
    }
    const auto claim = [&](const QString &name, Role role, const QString &what) -> int {
        const int i = indexOf(name, what);
        if (i < 0)
            return -1;
        if (schema.m_columns[i].role != Role::Field || !schema.m_columns[i].detected) {
            *error = u"column \"%1\" is given two roles"_s.arg(name);
            return -1;
        }
        schema.m_columns[i] = {name, role, CsvType::String, false};
        return i;
    };
    for (const QString &name : profile.ignoreColumns) {
        if (claim(name, Role::Ignore, u"ignored column"_s) < 0)
            return std::nullopt;
    }
    for (const QString &name : profile.tagColumns) {
        if (claim(name, Role::Tag, u"tag column"_s) < 0)
            return std::nullopt;
    }
    if (!profile.fieldColumns.isEmpty()) {
        // Only the listed fields: every other column is ignored.
        QList<Column> listed = schema.m_columns;
        for (Column &c : schema.m_columns) {
            if (c.role == Role::Field && c.detected)
                c.role = Role::Ignore;
        }
        for (const CsvFieldColumn &f : profile.fieldColumns) {
            const int i = indexOf(f.name, u"field column"_s);
            if (i < 0)
                return std::nullopt;
            if (listed[i].role != Role::Field || !listed[i].detected) {
                *error = u"column \"%1\" is given two roles"_s.arg(f.name);
                return std::nullopt;
            }
            schema.m_columns[i] = {f.name, Role::Field, f.type, f.type == CsvType::Auto};
        }
    }
    std::vector<std::string_view> values;
    for (qsizetype i = 0; i < schema.m_columns.size(); ++i) {
        Column &c = schema.m_columns[i];
        if (c.role != Role::Field || c.type != CsvType::Auto)
            continue;
        values.clear();
        for (const auto &row : sample) {
            if (size_t(i) < row.size())
                values.push_back(row[size_t(i)]);
        }
        c.type = detectType(values, profile.decimalComma);
        c.detected = true;
    }
    bool anyField = false;
    for (const Column &c : schema.m_columns)
        anyField = anyField || c.role == Role::Field;
    if (!anyField) {
        *error = u"no field columns: every point needs at least one field"_s;
        return std::nullopt;
    }
    return schema;
}

QStringList CsvSchema::describe() const
{
    QStringList lines;
    for (const Column &c : m_columns) {
        QString role;
        switch (c.role) {
        case Role::Time: role = u"time ("_s + m_time.describe() + u')'; break;
        case Role::Measurement: role = u"measurement"_s; break;
        case Role::Tag: role = u"tag"_s; break;
        case Role::Field: role = u"field "_s + csvTypeName(c.type) + (c.detected ? u" (detected)"_s : QString()); break;
        case Role::Ignore: role = u"ignored"_s; break;
        }
        lines.append(c.name + u": "_s + role);
    }
    return lines;
}

} // namespace QInflux
