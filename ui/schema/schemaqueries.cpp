#include "schemaqueries.h"

#include <QInflux/influxql.h>

using namespace Qt::StringLiterals;

namespace QInflux::SchemaQueries {

namespace {

QString q(const QString &name)
{
    return InfluxQL::quoteIdentifier(name);
}

QString page(int limit, int offset)
{
    QString text;
    if (limit > 0)
        text += u" LIMIT %1"_s.arg(limit);
    if (offset > 0)
        text += u" OFFSET %1"_s.arg(offset);
    return text;
}

/// `FROM "rp"."m"` (the database goes in ON).
QString from(const QString &retentionPolicy, const QString &measurement)
{
    return u" FROM "_s + (retentionPolicy.isEmpty() ? QString() : q(retentionPolicy) + u'.') + q(measurement);
}

} // namespace

Result<QString> filterRegex(QStringView text, bool isRegex)
{
    QString out;
    out.reserve(text.size() + 8);
    if (!isRegex) {
        if (text.isEmpty())
            return out;
        // Go's regexp.QuoteMeta set, and '/' for the InfluxQL literal.
        static constexpr QStringView special = u"\\.+*?()|[]{}^$/";
        out += u"(?i)"_s;
        for (QChar c : text) {
            if (special.contains(c))
                out += u'\\';
            out += c;
        }
        return out;
    }
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'\\') {
            if (i + 1 == text.size())
                return Error(Error::Kind::Usage,
                             u"The regular expression ends with a lone backslash: write \\\\ for a backslash."_s);
            out += c;
            out += text[++i];
        } else if (c == u'/') {
            out += u"\\/"_s;
        } else {
            out += c;
        }
    }
    return out;
}

QString qualifiedMeasurement(const QString &database, const QString &retentionPolicy, const QString &measurement)
{
    return q(database) + u'.' + (retentionPolicy.isEmpty() ? QString() : q(retentionPolicy)) + u'.' + q(measurement);
}

QString selectTemplate(const QString &database, const QString &retentionPolicy, const QString &measurement,
                       const QString &field, const QString &tagKey, const QString &tagValue)
{
    QString text = u"SELECT "_s + (field.isEmpty() ? u"*"_s : q(field)) + u" FROM "_s
                   + qualifiedMeasurement(database, retentionPolicy, measurement);
    if (!tagKey.isEmpty())
        text += u" WHERE "_s + q(tagKey) + u" = "_s + InfluxQL::quoteString(tagValue);
    return text + u" ORDER BY time DESC LIMIT 100"_s;
}

QString showDatabases()
{
    return u"SHOW DATABASES"_s;
}

QString showRetentionPolicies(const QString &database)
{
    return u"SHOW RETENTION POLICIES ON "_s + q(database);
}

QString showMeasurements(const QString &database, const QString &regex, int limit, int offset)
{
    QString text = u"SHOW MEASUREMENTS ON "_s + q(database);
    if (!regex.isEmpty())
        text += u" WITH MEASUREMENT =~ /"_s + regex + u'/';
    return text + page(limit, offset);
}

QString showFieldKeys(const QString &database, const QString &retentionPolicy, const QString &measurement, int limit,
                      int offset)
{
    return u"SHOW FIELD KEYS ON "_s + q(database) + from(retentionPolicy, measurement) + page(limit, offset);
}

QString showTagKeys(const QString &database, const QString &retentionPolicy, const QString &measurement, int limit,
                    int offset)
{
    return u"SHOW TAG KEYS ON "_s + q(database) + from(retentionPolicy, measurement) + page(limit, offset);
}

QString showTagValues(const QString &database, const QString &retentionPolicy, const QString &measurement,
                      const QString &key, const QString &regex, int limit, int offset)
{
    QString text = u"SHOW TAG VALUES ON "_s + q(database) + from(retentionPolicy, measurement) + u" WITH KEY = "_s + q(key);
    if (!regex.isEmpty())
        text += u" WHERE "_s + q(key) + u" =~ /"_s + regex + u'/';
    return text + page(limit, offset);
}

QString showSeries(const QString &database, const QString &retentionPolicy, const QString &measurement)
{
    return u"SHOW SERIES ON "_s + q(database) + from(retentionPolicy, measurement) + u" LIMIT 1000"_s;
}

QString showSeriesCardinality(const QString &database, const QString &retentionPolicy, const QString &measurement)
{
    QString text = u"SHOW SERIES CARDINALITY ON "_s + q(database);
    if (!measurement.isEmpty())
        text += from(retentionPolicy, measurement);
    return text;
}

QString showMeasurementCardinality(const QString &database)
{
    return u"SHOW MEASUREMENT CARDINALITY ON "_s + q(database);
}

QString showTagValuesCardinality(const QString &database, const QString &retentionPolicy, const QString &measurement,
                                 const QString &key)
{
    return u"SHOW TAG VALUES CARDINALITY ON "_s + q(database) + from(retentionPolicy, measurement) + u" WITH KEY = "_s
           + q(key);
}

} // namespace QInflux::SchemaQueries
