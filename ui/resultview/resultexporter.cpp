#include "resultexporter.h"

#include <QFutureWatcher>
#include <QSaveFile>
#include <QTimer>
#include <QtConcurrentRun>

#include <atomic>

using namespace Qt::StringLiterals;

namespace QInflux {

struct ResultExporter::Job
{
    QueryResult result;
    QString path;
    ResultWriter::TimeStyle time;
    qint64 total = 0;
    std::atomic<qint64> written{0};
    std::atomic<bool> cancelled{false};
    QFuture<std::optional<Error>> future;
};

/// The worker: slices of each series through one CsvWriter, so the text equals writeCsv()'s.
std::optional<Error> ResultExporter::writeAll(std::shared_ptr<Job> job)
{
    QSaveFile file(job->path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(job->path, file.errorString()));
    ResultWriter::CsvWriter writer(file, job->time);
    for (const StatementResult &statement : std::as_const(job->result.statements)) {
        for (const Frame &frame : statement.series) {
            for (qsizetype offset = 0; offset == 0 || offset < frame.rowCount(); offset += ResultExporter::sliceRows) {
                if (job->cancelled.load()) {
                    file.cancelWriting();
                    return Error(Error::Kind::Cancelled, QObject::tr("The export was cancelled; %1 was not written.").arg(job->path));
                }
                QueryResult piece;
                StatementResult part;
                part.statementId = statement.statementId;
                part.series.append(frame.slice(offset, ResultExporter::sliceRows));
                piece.statements.append(std::move(part));
                if (auto written = writer.write(piece); !written)
                    return Error(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(job->path, written.error().message()),
                                 written.error().detail());
                job->written += piece.statements.front().series.front().rowCount();
            }
        }
    }
    if (!file.commit())
        return Error(Error::Kind::Io, QObject::tr("Cannot save %1: %2").arg(job->path, file.errorString()));
    return std::nullopt;
}

ResultExporter::ResultExporter(QObject *parent) : QObject(parent)
{
    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, [this] {
        if (m_job)
            Q_EMIT progress(m_job->written.load(), m_job->total);
    });
}

ResultExporter::~ResultExporter()
{
    if (m_job) {
        m_job->cancelled = true;
        m_job->future.waitForFinished(); // the file must be closed before the program goes on
    }
}

bool ResultExporter::start(const QueryResult &result, const QString &path, ResultWriter::TimeStyle time)
{
    if (m_job)
        return false;
    auto job = std::make_shared<Job>();
    job->result = result; // shares the Frames' data
    job->path = path;
    job->time = time;
    job->total = result.rowCount();
    m_job = job;
    auto *watcher = new QFutureWatcher<std::optional<Error>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const std::shared_ptr<Job> done = std::exchange(m_job, nullptr);
        const std::optional<Error> error = watcher->result();
        m_poll->stop();
        if (!error)
            Q_EMIT progress(done->total, done->total);
        Q_EMIT finished(done->path, error);
    });
    job->future = QtConcurrent::run(&ResultExporter::writeAll, job);
    watcher->setFuture(job->future);
    m_poll->start();
    Q_EMIT progress(0, job->total);
    return true;
}

void ResultExporter::cancel()
{
    if (m_job)
        m_job->cancelled = true;
}

bool ResultExporter::isRunning() const
{
    return m_job != nullptr;
}

} // namespace QInflux
