#pragma once

#include <QInflux/csvimportprofile.h>
#include <QInflux/csvimportreport.h>

#include <QObject>
#include <QString>

#include <QCoroTask>

#include <memory>

class QIODevice;

namespace QInflux {

class Client;

struct CsvImportOptions
{
    QString path;
    CsvImportProfile profile;
    QString database;        ///< empty = the client's default database
    QString retentionPolicy; ///< empty = the database's default
    /// Where rejected rows go: the header line, then each rejected row as it stands in the file
    /// after a "# line N: reason" comment line (UTF-8). Empty = no file (the report keeps the
    /// first 100). Written atomically when the import ends.
    QString rejectsPath;
    /// Print the line protocol on this device instead of writing it (no server is needed).
    QIODevice *dryRunOutput = nullptr;
    /// After the import, compare COUNT(field) on the server with what was written.
    bool countCheck = true;
    /// Rows per Frame (converted, then serialized, one at a time).
    qsizetype frameRows = 10'000;
    /// Rows per write request (at least frameRows). The line protocol of a request must stay under
    /// the server's 25 MB body limit (about 120 bytes a row for typical data). On the project's
    /// machine 50,000 was slower end to end than 10,000 (the server, not the client, is the limit).
    qsizetype batchRows = 10'000;
};

/// Imports a CSV file: reads and converts it in a worker thread, Frames of `frameRows` rows, into
/// line protocol, written in requests of `batchRows` rows with the Client (retries per its RetryPolicy) with two requests in flight
/// while the next rows are read. Rows the server refuses in a partial write are found by writing
/// that request's lines one by one, and rejected with the server's reason. The CLI and the import
/// wizard drive it; use it in the thread of the Client.
class CsvImportJob : public QObject
{
    Q_OBJECT
public:
    /// `client` may be null for a dry run. It must outlive the job.
    CsvImportJob(Client *client, CsvImportOptions options, QObject *parent = nullptr);
    ~CsvImportJob() override;

    /// Runs the import once. Never fails as a task: failures are in the report's `error`.
    QCoro::Task<CsvImportReport> run();
    /// Stops reading; the requests in flight finish, then run() resolves with `cancelled` set.
    void cancel();

Q_SIGNALS:
    /// The columns' roles and types, once the sample is read (CsvSchema::describe()).
    void schemaResolved(const QStringList &columns);
    /// After each batch: data rows read, bytes of the file read, rows per second, seconds left
    /// (-1 when unknown).
    void progress(qint64 rows, qint64 bytes, double rowsPerSecond, double etaSeconds);

private:
    class Private;
    std::unique_ptr<Private> const d;
};

} // namespace QInflux
