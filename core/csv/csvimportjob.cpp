#include <QInflux/csvimportjob.h>

#include "csvimportproducer_p.h"

#include <QInflux/client.h>
#include <QInflux/influxql.h>

#include <QCoroFuture>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

#include <deque>
#include <map>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr qsizetype kReportedRejects = 100;

QString delimiterName(char c)
{
    if (c == '\t')
        return u"TAB"_s;
    if (c == ' ')
        return u"SPACE"_s;
    return QString(QLatin1Char(c));
}

bool openProducer(detail::CsvImportProducer *producer, QString *error, bool *schemaError)
{
    return producer->open(error, schemaError);
}

detail::CsvChunk nextChunk(detail::CsvImportProducer *producer)
{
    return producer->next();
}

} // namespace

class CsvImportJob::Private
{
public:
    Client *client = nullptr;
    CsvImportOptions options;
    CsvImportReport report;
    std::shared_ptr<detail::CsvImportProducer> producer;
    std::unique_ptr<QSaveFile> rejects;
    std::map<std::pair<QString, QString>, qint64> written;
    std::map<QString, std::map<QString, qint64>> before;
    bool cancelled = false;
    bool stop = false;

    WriteOptions writeOptions() const
    {
        WriteOptions w;
        w.database = options.database;
        w.retentionPolicy = options.retentionPolicy;
        w.precision = options.profile.precision;
        w.batchSize = int(std::max(options.frameRows, options.batchRows) * 2);
        w.maxBatchBytes = 24'000'000;
        w.concurrency = 1;
        return w;
    }

    void reject(qint64 line, const QString &reason, const QByteArray &text)
    {
        ++report.rowsRejected;
        if (report.rejects.size() < kReportedRejects)
            report.rejects.append({line, reason});
        if (rejects) {
            QString comment = reason;
            comment.replace(u'\n', u' ');
            rejects->write("# line " + QByteArray::number(line) + ": " + comment.toUtf8() + '\n');
            rejects->write(text);
            rejects->write("\n");
        }
    }

    /// COUNT(*) of every field of `measurement`: field -> count.
    QCoro::Task<Result<std::map<QString, qint64>>> countFields(QString measurement)
    {
        QueryOptions q;
        q.database = options.database;
        q.retentionPolicy = options.retentionPolicy;
        // The whole range the server can store: without a time condition future points would not count.
        const QString from = options.retentionPolicy.isEmpty()
                                 ? InfluxQL::quoteIdentifier(measurement)
                                 : InfluxQL::quoteIdentifier(options.retentionPolicy) + u'.' + InfluxQL::quoteIdentifier(measurement);
        const auto result = co_await client->query(
            u"SELECT COUNT(*) FROM %1 WHERE time >= -9223372036854775806 AND time <= 9223372036854775806"_s.arg(from), q);
        if (!result)
            co_return result.error();
        if (auto e = result->firstError())
            co_return *e;
        std::map<QString, qint64> counts;
        if (!result->statements.isEmpty() && !result->statements.first().series.isEmpty()) {
            const Frame &series = result->statements.first().series.first();
            for (qsizetype c = 0; c < series.columnCount(); ++c) {
                const Column &column = series.column(c);
                if (column.name().startsWith("count_"_L1) && series.rowCount() > 0)
                    counts[column.name().mid(6)] = column.value(0).toLongLong();
            }
        }
        co_return counts;
    }

    /// A request the server refused in part: its points are sent one by one so that exactly the
    /// refused rows are rejected, with the server's reason.
    QCoro::Task<> writeOneByOne(std::shared_ptr<detail::CsvChunk> chunk)
    {
        const QList<QByteArrayView> points = detail::splitPoints(chunk->lines);
        for (qsizetype i = 0; i < points.size() && !report.error; ++i) {
            const auto result = co_await client->write(points[i].toByteArray(), writeOptions());
            if (result.ok()) {
                ++report.pointsWritten;
                continue;
            }
            const Error &e = result.error();
            if (e.kind() != Error::Kind::PartialWrite && e.httpStatus() != 400) {
                report.error = e;
                break;
            }
            const qint64 line = i < qsizetype(chunk->pointLines.size()) ? chunk->pointLines[size_t(i)] : 0;
            reject(line, u"the server refused it: "_s + (e.detail().isEmpty() ? e.message() : e.detail()), chunk->textOf(line));
            QString measurement;
            QStringList fields;
            if (detail::pointFields(points[i], &measurement, &fields)) {
                for (const QString &f : fields)
                    --written[{measurement, f}];
            }
            if (options.profile.onError == CsvOnError::Stop) {
                stop = true;
                report.stopped = true;
                break;
            }
        }
    }

    /// Awaits one request in flight and books its result.
    QCoro::Task<> finish(QCoro::Task<Result<void>> task, std::shared_ptr<detail::CsvChunk> chunk)
    {
        const Result<void> result = co_await std::move(task);
        if (result.ok()) {
            report.pointsWritten += chunk->points;
            co_return;
        }
        if (result.error().kind() == Error::Kind::PartialWrite && !report.error) {
            co_await writeOneByOne(chunk);
            co_return;
        }
        if (!report.error)
            report.error = result.error();
        for (const auto &[key, values] : chunk->fieldValues)
            written[key] -= values;
    }

    QCoro::Task<> checkCounts()
    {
        std::map<QString, std::map<QString, qint64>> after;
        for (auto it = written.begin(); it != written.end(); ++it) {
            const QString measurement = it->first.first;
            if (!after.contains(measurement)) {
                auto counts = co_await countFields(measurement);
                if (!counts) {
                    report.error = counts.error();
                    co_return;
                }
                after[measurement] = *counts;
            }
        }
        report.countChecked = true;
        for (const auto &[key, values] : written) {
            CsvImportReport::FieldCount count{key.first, key.second, values, before[key.first][key.second], after[key.first][key.second]};
            const qint64 shortfall = count.written - (count.after - count.before);
            if (shortfall < 0)
                report.countMismatch = true;
            report.mergedPoints = std::max(report.mergedPoints, shortfall);
            report.counts.append(count);
        }
    }
};

CsvImportJob::CsvImportJob(Client *client, CsvImportOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->client = client;
    d->options = std::move(options);
}

CsvImportJob::~CsvImportJob() = default;

void CsvImportJob::cancel()
{
    d->cancelled = true;
    if (d->producer)
        d->producer->cancel();
}

QCoro::Task<CsvImportReport> CsvImportJob::run()
{
    QPointer<CsvImportJob> self(this);
    d->report = {};
    CsvImportReport &report = d->report;
    QElapsedTimer timer;
    timer.start();
    const bool dryRun = d->options.dryRunOutput != nullptr;
    if (!dryRun && !d->client) {
        report.error = Error(Error::Kind::Usage, u"an import needs a client, or a dry-run output"_s);
        co_return report;
    }
    auto file = std::make_unique<QFile>(d->options.path);
    if (!file->open(QIODevice::ReadOnly)) {
        report.error = Error(Error::Kind::Io, u"cannot open %1: %2"_s.arg(d->options.path, file->errorString()));
        co_return report;
    }
    const qint64 fileSize = file->size();
    d->producer = std::make_shared<detail::CsvImportProducer>(std::move(file), d->options.profile, d->options.frameRows,
                                                                   d->options.batchRows);
    auto producer = d->producer;
    QString openError;
    bool schemaError = false;
    // Futures are made before co_await, from capture-less functions: GCC 12 destroys temporaries with
    // captures twice inside co_await expressions.
    QFuture<bool> openFuture = QtConcurrent::run(&openProducer, producer.get(), &openError, &schemaError);
    const bool opened = co_await openFuture;
    if (!self)
        co_return CsvImportReport{};
    if (!opened) {
        // A profile that does not fit the file is the caller's to fix (Usage); unreadable text is Parse.
        report.error = Error(schemaError ? Error::Kind::Usage : Error::Kind::Parse, u"%1: %2"_s.arg(d->options.path, openError));
        co_return report;
    }
    const CsvDialect &dialect = producer->reader().dialect();
    report.encoding = csvEncodingName(dialect.encoding);
    report.delimiter = delimiterName(dialect.delimiter);
    report.columns = producer->schema().describe();
    Q_EMIT schemaResolved(report.columns);

    if (!d->options.rejectsPath.isEmpty()) {
        d->rejects = std::make_unique<QSaveFile>(d->options.rejectsPath);
        if (!d->rejects->open(QIODevice::WriteOnly)) {
            report.error = Error(Error::Kind::Io, u"cannot write the rejects file %1: %2"_s.arg(d->options.rejectsPath, d->rejects->errorString()));
            co_return report;
        }
        if (!producer->headerText().isEmpty())
            d->rejects->write(producer->headerText() + '\n');
    }

    const bool countCheck = d->options.countCheck && !dryRun;
    struct InFlight
    {
        QCoro::Task<Result<void>> task;
        std::shared_ptr<detail::CsvChunk> chunk;
    };
    std::deque<InFlight> inFlight;
    for (;;) {
        QFuture<detail::CsvChunk> nextFuture = QtConcurrent::run(&nextChunk, producer.get());
        detail::CsvChunk next = co_await nextFuture;
        auto chunk = std::make_shared<detail::CsvChunk>(std::move(next));
        if (!self)
            co_return CsvImportReport{};
        for (qsizetype i = 0; i < chunk->rejects.size(); ++i)
            d->reject(chunk->rejects[i].line, chunk->rejects[i].reason, chunk->rejectTexts[i]);
        report.rowsRead = chunk->rowsRead;
        report.bytesRead = chunk->bytesRead;
        report.emptyLines = chunk->emptyLines;
        report.commentLines = chunk->commentLines;
        if (chunk->error && !report.error)
            report.error = chunk->error;
        if (chunk->stop)
            report.stopped = true;
        if (chunk->points > 0 && !report.error && !d->stop) {
            if (dryRun) {
                d->options.dryRunOutput->write(chunk->lines);
                report.pointsWritten += chunk->points;
            } else {
                if (countCheck) {
                    // No structured bindings around co_await: GCC 12 miscompiles them in coroutines.
                    for (auto it = chunk->fieldValues.begin(); it != chunk->fieldValues.end(); ++it) {
                        const QString measurement = it->first.first;
                        if (d->before.contains(measurement))
                            continue;
                        auto counts = co_await d->countFields(measurement);
                        if (!counts) {
                            report.error = counts.error();
                            break;
                        }
                        d->before[measurement] = *counts;
                    }
                }
                if (report.error)
                    break;
                for (const auto &[key, values] : chunk->fieldValues)
                    d->written[key] += values;
                while (inFlight.size() >= 2) {
                    InFlight oldest = std::move(inFlight.front());
                    inFlight.pop_front();
                    co_await d->finish(std::move(oldest.task), std::move(oldest.chunk));
                }
                if (report.error || d->stop)
                    break;
                InFlight request{d->client->write(chunk->lines, d->writeOptions()), chunk};
                inFlight.push_back(std::move(request));
            }
        }
        const double elapsed = double(timer.nsecsElapsed()) / 1e9;
        const double rate = elapsed > 0 ? double(report.rowsRead) / elapsed : 0;
        const double eta = report.bytesRead > 0 && fileSize > 0 ? elapsed * double(fileSize - report.bytesRead) / double(report.bytesRead) : -1;
        Q_EMIT progress(report.rowsRead, report.bytesRead, rate, eta);
        if (chunk->end || report.error || d->stop || d->cancelled)
            break;
    }
    while (!inFlight.empty()) {
        InFlight oldest = std::move(inFlight.front());
        inFlight.pop_front();
        co_await d->finish(std::move(oldest.task), std::move(oldest.chunk));
    }
    if (!self)
        co_return CsvImportReport{};
    report.cancelled = d->cancelled;
    if (countCheck && !d->written.empty() && (!report.error || report.error->kind() == Error::Kind::Io))
        co_await d->checkCounts();
    if (d->rejects && !d->rejects->commit() && !report.error)
        report.error = Error(Error::Kind::Io, u"cannot write the rejects file %1: %2"_s.arg(d->options.rejectsPath, d->rejects->errorString()));
    d->rejects.reset();
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    co_return report;
}

} // namespace QInflux
