#pragma once

#include <QInflux/qinfluxcore_export.h>
#include <QInflux/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

namespace QInflux {

/// Text encodings the CSV reader understands. Auto: a byte-order mark decides; without one, UTF-16
/// is recognised by its zero bytes and anything else that is not valid UTF-8 in the first block is
/// read as Latin-1 (the report says which was chosen).
enum class CsvEncoding { Auto, Utf8, Utf16LE, Utf16BE, Latin1 };

QINFLUX_CORE_EXPORT QString csvEncodingName(CsvEncoding encoding);
/// "utf-8", "utf-16le", "utf-16be", "latin-1" (also "iso-8859-1"), "auto"; false when unknown.
QINFLUX_CORE_EXPORT bool parseCsvEncoding(QStringView text, CsvEncoding *encoding);

/// How a CSV file is written (RFC 4180 plus the usual variations). A value type.
struct QINFLUX_CORE_EXPORT CsvDialect
{
    /// Field separator; 0 = detect from the first lines among , ; TAB | and space.
    char delimiter = 0;
    /// Quote character (RFC 4180: "); 0 = fields are never quoted.
    char quote = '"';
    CsvEncoding encoding = CsvEncoding::Auto;
    /// The first record (after skipLines) names the columns; otherwise they are column1, column2, ...
    bool hasHeader = true;
    /// Physical lines skipped before anything else (titles, notes above the table).
    int skipLines = 0;
    /// Lines starting with this prefix are skipped (empty = no comment lines).
    QByteArray commentPrefix;

    /// The delimiter detected in `sample` (UTF-8 text from the start of the data, after skipped
    /// lines): the candidate found the same number of times (outside quotes) on the most lines.
    /// ',' when nothing fits.
    static char detectDelimiter(QByteArrayView sample, char quote, const QByteArray &commentPrefix);

    QJsonObject toJson() const;
    /// Missing keys keep the values of `defaults`; a Kind::Parse error naming the key on a bad value.
    static Result<CsvDialect> fromJson(const QJsonObject &json, const CsvDialect &defaults);
};

} // namespace QInflux
