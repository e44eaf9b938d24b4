#pragma once

#include <QInflux/queryresult.h>
#include <QInflux/resultwriter.h>

#include <QObject>

#include <memory>

class QTimer;

namespace QInflux {

/// Writes a whole QueryResult (every series of every statement) to a CSV file with
/// ResultWriter::CsvWriter on a worker thread, in slices, so it can report progress and stop.
/// The file is a QSaveFile: it appears complete or not at all (a cancel or an error leaves the
/// previous file, if any, untouched).
class ResultExporter : public QObject
{
    Q_OBJECT
public:
    explicit ResultExporter(QObject *parent = nullptr);
    ~ResultExporter() override;

    /// Starts writing `result` to `path`; false when an export is already running.
    bool start(const QueryResult &result, const QString &path, ResultWriter::TimeStyle time);
    /// Stops the export in progress; finished() follows with Kind::Cancelled.
    void cancel();
    bool isRunning() const;

    /// Rows per slice written between progress reports and cancel checks.
    static constexpr qsizetype sliceRows = 65'536;

Q_SIGNALS:
    void progress(qint64 rowsWritten, qint64 rowsTotal);
    /// `error` is empty on success.
    void finished(const QString &path, const std::optional<QInflux::Error> &error);

private:
    struct Job;
    static std::optional<Error> writeAll(std::shared_ptr<Job> job);

    std::shared_ptr<Job> m_job;
    QTimer *m_poll = nullptr;
};

} // namespace QInflux
