#pragma once

#include <QInflux/qinfluxcore_export.h>
#include <QInflux/csvimportprofile.h>
#include <QInflux/csvtype.h>

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <string>
#include <vector>

namespace QInflux {

/// What an import would make of the first rows of a file, for a preview: the plan of every
/// column, each row converted (or why it would be refused) and the line protocol of the first
/// rows. The conversion is the import's own (the plan and the converter CsvImportJob uses).
struct QINFLUX_CORE_EXPORT CsvPreview
{
    enum class Role { Time, Measurement, Tag, Field, Ignore };
    struct Column
    {
        QString name;
        Role role = Role::Ignore;
        CsvType type = CsvType::String; ///< Field: its type; Tag/Measurement: String; Time: Time
        bool detected = false;          ///< the type came from the rows, not from the profile
    };
    struct Row
    {
        /// A converted row: per column its value as written (a time in RFC 3339; a null cell is a
        /// null QString; an ignored column keeps its text). A refused row: the cells as read.
        QStringList cells;
        /// Empty when the row converts; else why not ("column price: ...").
        QString problem;
    };

    /// The plan of every column; empty when none can be made (then `error` says why).
    QList<Column> columns;
    QString error;
    QList<Row> rows;
    /// The first rows as line protocol, and "row N: why" for those of them that cannot be written.
    QByteArray lineProtocol;
    QStringList lineProblems;

    /// `header` and `sample` as CsvReader reads them (whole fields of the file's first rows);
    /// `rows` of them are converted, the first `lineRows` also become line protocol.
    static CsvPreview make(const CsvImportProfile &profile, const QStringList &header,
                           const std::vector<std::vector<std::string>> &sample, qsizetype rows, qsizetype lineRows = 5);
};

} // namespace QInflux
