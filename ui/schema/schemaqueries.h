#pragma once

#include <QInflux/result.h>

#include <QString>
#include <QStringView>

namespace QInflux::SchemaQueries {

/// The body of an InfluxQL regex literal (what goes between the slashes) for a filter typed by a user.
/// Plain text (`isRegex` false) matches as a case-insensitive substring: every regex special character
/// is escaped. A regex is kept as typed; only a '/' not already escaped is escaped so it cannot end the
/// literal. Empty text gives an empty string (no filter). A Kind::Usage error for a regex that ends
/// in a lone backslash (it would escape the closing slash).
Result<QString> filterRegex(QStringView text, bool isRegex);

/// `"db"."rp"."m"`, every part quoted (InfluxQL::quoteIdentifier); an empty rp gives `"db".."m"`
/// (the database's default retention policy).
QString qualifiedMeasurement(const QString &database, const QString &retentionPolicy, const QString &measurement);

/// `SELECT * FROM "db"."rp"."m" ORDER BY time DESC LIMIT 100`: the latest points, however old
/// they are. With `field`, only that field; with `tagKey`, only the points where it equals `tagValue`.
QString selectTemplate(const QString &database, const QString &retentionPolicy, const QString &measurement,
                       const QString &field = {}, const QString &tagKey = {}, const QString &tagValue = {});

QString showDatabases();
QString showRetentionPolicies(const QString &database);
/// `regex` is a filterRegex() body, empty for none. `limit` 0 = no LIMIT.
QString showMeasurements(const QString &database, const QString &regex, int limit, int offset);
QString showFieldKeys(const QString &database, const QString &retentionPolicy, const QString &measurement,
                      int limit = 0, int offset = 0);
QString showTagKeys(const QString &database, const QString &retentionPolicy, const QString &measurement,
                    int limit = 0, int offset = 0);
/// Filtered with `WHERE "key" =~ /regex/` (influxd 1.6 ignores `WHERE value =~`).
QString showTagValues(const QString &database, const QString &retentionPolicy, const QString &measurement,
                      const QString &key, const QString &regex = {}, int limit = 0, int offset = 0);
QString showSeries(const QString &database, const QString &retentionPolicy, const QString &measurement);
QString showSeriesCardinality(const QString &database, const QString &retentionPolicy = {},
                              const QString &measurement = {});
QString showMeasurementCardinality(const QString &database);
QString showTagValuesCardinality(const QString &database, const QString &retentionPolicy,
                                 const QString &measurement, const QString &key);

} // namespace QInflux::SchemaQueries
