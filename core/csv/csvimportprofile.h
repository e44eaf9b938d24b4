#pragma once

#include <QInflux/csvdialect.h>
#include <QInflux/csvtype.h>

#include <QInflux/frame.h>
#include <QInflux/timestamp.h>

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace QInflux {

/// What to do with a row that cannot be imported.
enum class CsvOnError {
    Skip, ///< leave it out, report it (line number and reason) and go on
    Stop, ///< stop there: the rows before it are written, nothing after
};

/// A field column and the type it is written with (Auto = detected from the sample).
struct CsvFieldColumn
{
    QString name;
    CsvType type = CsvType::Auto;
};

/// How the columns of a CSV file become points: the reusable part of an import, saved and loaded
/// as JSON. Columns are matched by header name (or column1, column2, ... without a header).
struct CsvImportProfile
{
    CsvDialect dialect;
    /// Floats written with a decimal comma ("1,5").
    bool decimalComma = false;
    /// Rows read before the types are decided.
    int sampleRows = 1000;

    /// The measurement of every point, unless measurementColumn names a column that holds it.
    QString measurement;
    QString measurementColumn;

    /// The time column; two names = a date column and a time column, joined with a space before
    /// parsing. Empty = the first column named time, timestamp, _time, datetime or date, else the
    /// first whose sampled values are all ISO 8601 times.
    QStringList timeColumns;
    /// CsvTimeParser's format ("auto", "iso", "s", "ms", "us", "ns" or a % pattern).
    QString timeFormat;
    /// IANA time zone for times without an offset; empty = UTC.
    QString timeZone;

    QStringList tagColumns;
    /// Field columns with their types. Empty = every column that is not time, measurement, tag or
    /// ignored, with its detected type.
    QList<CsvFieldColumn> fieldColumns;
    QStringList ignoreColumns;
    /// Tags added to every point.
    Tags extraTags;

    /// The precision the times are written with (times must be whole units of it).
    TimeUnit precision = TimeUnit::Nanoseconds;
    CsvOnError onError = CsvOnError::Skip;

    QJsonObject toJson() const;
    /// Unknown keys are refused (a typo must not be ignored); missing keys keep their defaults.
    static std::optional<CsvImportProfile> fromJson(const QJsonObject &json, QString *error);
    bool save(const QString &path, QString *error) const;
    static std::optional<CsvImportProfile> load(const QString &path, QString *error);

    /// "x:float,y:int,z" as used by `qinflux import --field-columns`; false with `error` set.
    static bool parseFieldList(const QString &text, QList<CsvFieldColumn> *fields, QString *error);
};

} // namespace QInflux
