#pragma once

#include <QInflux/error.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace QInflux {

/// A row that was not imported: where it starts in the file and why.
struct CsvReject
{
    qint64 line = 0;
    QString reason;
};

/// What an import did. Every data row read is either written (pointsWritten) or rejected
/// (rowsRejected), unless the import stopped (error, cancel, CsvOnError::Stop): rowsRead then
/// says how far it got.
struct CsvImportReport
{
    QString encoding;    ///< the encoding read (detected or given)
    QString delimiter;   ///< the delimiter used, as text ("TAB" for a tab)
    QStringList columns; ///< CsvSchema::describe()
    qint64 rowsRead = 0;
    qint64 pointsWritten = 0; ///< acknowledged by the server (dry run: printed)
    qint64 rowsRejected = 0;
    qint64 emptyLines = 0;
    qint64 commentLines = 0;
    qint64 bytesRead = 0;
    /// The first rejects (at most 100; all of them are in the rejects file).
    QList<CsvReject> rejects;
    bool stopped = false;   ///< CsvOnError::Stop ended the import at the first reject
    bool cancelled = false;
    /// A failure that ended the import (cannot read the file, server error after retries).
    std::optional<Error> error;
    double seconds = 0;

    /// The count check: per measurement and field, the values written against what the server
    /// counts (COUNT(field) after the import minus before it).
    struct FieldCount
    {
        QString measurement;
        QString field;
        qint64 written = 0;
        qint64 before = 0;
        qint64 after = 0;
    };
    bool countChecked = false;
    QList<FieldCount> counts;
    /// Points the server merged with another point of the same series and time (InfluxDB keeps
    /// one point per series and time: the last write wins): the largest shortfall over the fields.
    qint64 mergedPoints = 0;
    /// More was counted than written (another writer at the same time?): the check cannot confirm.
    bool countMismatch = false;

    /// A few lines for people: rows, points, rejects, the count check, the error.
    QString summary() const;
};

} // namespace QInflux
