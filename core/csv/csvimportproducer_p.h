#pragma once

#include "csvframebuilder_p.h"
#include <QInflux/csvimportprofile.h>
#include <QInflux/csvimportreport.h>
#include <QInflux/csvreader.h>

#include <QByteArray>
#include <QIODevice>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace QInflux::detail {

/// One step of an import: the line protocol of up to `batchRows` rows, what was rejected, and
/// how far the reading got.
struct CsvChunk
{
    QByteArray lines;
    qint64 points = 0;
    std::vector<qint64> pointLines; ///< the CSV line of each line of `lines`
    QList<CsvReject> rejects;
    /// Values written per (measurement, field), for the count check.
    std::map<std::pair<QString, QString>, qint64> fieldValues;
    qint64 rowsRead = 0; ///< cumulative, as are the next three
    qint64 bytesRead = 0;
    qint64 emptyLines = 0;
    qint64 commentLines = 0;
    bool end = false;
    bool stop = false; ///< CsvOnError::Stop met a reject
    std::optional<Error> error;

    /// The text of the rows in this chunk, for rejects found later (by the server).
    QByteArray textOf(qint64 line) const;
    std::string texts;
    struct TextRef
    {
        qint64 line;
        size_t offset;
        size_t size;
    };
    std::vector<TextRef> textIndex;
    /// Rejects' texts, in the order of `rejects`.
    QList<QByteArray> rejectTexts;
};

/// Splits line protocol into points the way the server does (a string field may hold newlines).
QList<QByteArrayView> splitPoints(const QByteArray &lines);
/// The measurement and field keys of one point of line protocol (unescaped); false when it is not
/// a point.
bool pointFields(QByteArrayView point, QString *measurement, QStringList *fields);

/// Reading, conversion and serialization of an import, run in a worker thread one call at a time.
class CsvImportProducer
{
public:
    /// Frames of `frameRows` rows; each next() reads `batchRows` rows (one write request).
    CsvImportProducer(std::unique_ptr<QIODevice> device, CsvImportProfile profile, qsizetype frameRows, qsizetype batchRows);

    /// Opens the file, reads the sample and resolves the schema; false with `error` set, and
    /// `schemaError` when the file is readable but the profile does not fit it.
    bool open(QString *error, bool *schemaError);
    CsvChunk next();
    void cancel() { m_cancelled = true; }

    const CsvReader &reader() const { return *m_reader; }
    const CsvSchema &schema() const { return m_builder->schema(); }
    QByteArray headerText() const { return m_reader->headerText(); }

private:
    void serialize(std::vector<CsvFrameBuilder::Table> tables, CsvChunk &chunk, qint64 cutoff);
    void reject(CsvChunk &chunk, qint64 line, QString reason, std::string_view text);

    std::unique_ptr<QIODevice> m_device;
    CsvImportProfile m_profile;
    qsizetype m_frameRows;
    qsizetype m_batchRows;
    std::unique_ptr<CsvReader> m_reader;
    std::optional<CsvFrameBuilder> m_builder;
    struct SampleRow
    {
        qint64 line;
        std::string text;
        std::vector<std::string> fields;
        QString problem;
    };
    std::vector<SampleRow> m_sample;
    size_t m_sampleNext = 0;
    qint64 m_rowsRead = 0;
    bool m_done = false;
    std::atomic<bool> m_cancelled = false;
};

} // namespace QInflux::detail
