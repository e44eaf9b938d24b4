#include "querycommand.h"

#include "cachecommand.h"
#include "commands.h"
#include "commands_p.h"

#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include <QInflux/resultwriter.h>

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

using namespace detail;

namespace {

const QStringList &formats()
{
    static const QStringList names{u"table"_s, u"csv"_s, u"json"_s, u"jsonl"_s};
    return names;
}

/// --epoch: the unit of printed times (and of the query's epoch); none = RFC 3339 strings.
std::optional<TimeUnit> epochFrom(const QCommandLineParser &parser)
{
    const QString text = parser.value(u"epoch"_s);
    if (text.isEmpty())
        return std::nullopt;
    if (text == "ns"_L1)
        return TimeUnit::Nanoseconds;
    const auto unit = precisionFrom(text);
    return unit ? std::optional(*unit) : std::nullopt;
}

ResultWriter::TimeStyle timeStyle(const QCommandLineParser &parser)
{
    const auto unit = epochFrom(parser);
    return unit ? ResultWriter::TimeStyle{ResultWriter::TimeFormat::Epoch, *unit} : ResultWriter::TimeStyle{};
}

/// Writes one result (or one chunk of one) in --format. `csv` keeps its header state across chunks.
Result<void> print(const QueryResult &result, const QCommandLineParser &parser, QFile &out,
                   std::optional<ResultWriter::CsvWriter> &csv)
{
    const QString format = parser.value(u"format"_s);
    const ResultWriter::TimeStyle time = timeStyle(parser);
    Result<void> written;
    if (format == "json"_L1) {
        const QByteArray json = ResultWriter::toJson(result, time) + '\n';
        if (out.write(json) != json.size())
            written = Error(Error::Kind::Io, u"Cannot write to standard output."_s, out.errorString());
    } else if (format == "jsonl"_L1) {
        written = ResultWriter::writeJsonLines(result, out, time);
    } else if (format == "table"_L1) {
        written = ResultWriter::writeTable(result, out, time);
    } else {
        if (!csv)
            csv.emplace(out, time);
        written = csv->write(result);
    }
    out.flush();
    return written;
}

/// Statement messages and errors on stderr; ServerError when a statement failed.
int reportStatements(const QueryResult &result)
{
    int code = Ok;
    for (const StatementResult &statement : result.statements) {
        for (const QString &message : statement.messages)
            err() << "statement " << statement.statementId << ": " << message << '\n';
        if (statement.error) {
            err() << "qinflux: statement " << statement.statementId << ": " << statement.error->message() << '\n';
            code = ServerError;
        }
    }
    err().flush();
    return code;
}

QCoro::Task<int> printChunks(Client &client, QString query, QueryOptions options, const QCommandLineParser &parser, QFile &out)
{
    std::optional<ResultWriter::CsvWriter> csv;
    int code = Ok;
    auto chunks = client.queryChunked(std::move(query), std::move(options));
    for (auto it = co_await chunks.begin(); it != chunks.end(); co_await ++it) {
        Result<QueryResult> &chunk = *it;
        if (!chunk)
            co_return fail(chunk.error());
        if (auto written = print(*chunk, parser, out, csv); !written)
            co_return fail(written.error());
        code = std::max(code, reportStatements(*chunk));
    }
    co_return code;
}

} // namespace

void addQueryOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"epoch"_s, u"query and SHOW commands: print times as integers in ns, u, ms, s, m or h (and ask the server "
                     "for that unit); default RFC 3339 UTC with nanoseconds."_s,
         u"UNIT"_s},
        {u"chunked"_s, u"query: ask for a chunked answer and print each chunk as it arrives (bounded memory)."_s},
        {u"chunk-size"_s, u"query --chunked: rows per chunk (default 10000)."_s, u"N"_s, u"10000"_s},
    });
}

QString checkOutputOptions(const QCommandLineParser &parser)
{
    if (!formats().contains(parser.value(u"format"_s)))
        return u"--format must be one of %1, not \"%2\""_s.arg(formats().join(u", "_s), parser.value(u"format"_s));
    if (parser.isSet(u"epoch"_s) && !epochFrom(parser))
        return u"--epoch must be ns, u, ms, s, m or h, not \"%1\""_s.arg(parser.value(u"epoch"_s));
    return {};
}

int printResult(const Result<QueryResult> &result, const QCommandLineParser &parser)
{
    if (!result)
        return fail(result.error());
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(Error(Error::Kind::Io, u"Cannot write to standard output."_s));
    std::optional<ResultWriter::CsvWriter> csv;
    if (auto written = print(*result, parser, out, csv); !written)
        return fail(written.error());
    return reportStatements(*result);
}

int query(BlockingClient &client, const QStringList &args, const QCommandLineParser &parser)
{
    if (args.size() != 1)
        return usage(u"query takes exactly one argument, the InfluxQL text (quote it)"_s);
    QueryOptions options;
    if (const auto unit = epochFrom(parser))
        options.epoch = *unit;
    if (!parser.isSet(u"chunked"_s))
        return printResult(queryWithCache(client, args.first(), options, parser), parser);

    if (parser.isSet(u"cache"_s) || parser.isSet(u"refresh"_s))
        return usage(u"--chunked streams the answer; it cannot be combined with --cache or --refresh"_s);
    bool ok = false;
    options.chunkSize = parser.value(u"chunk-size"_s).toInt(&ok);
    if (!ok || options.chunkSize < 1)
        return usage(u"--chunk-size must be a positive number, not \"%1\""_s.arg(parser.value(u"chunk-size"_s)));
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(Error(Error::Kind::Io, u"Cannot write to standard output."_s));
    return blockOn(printChunks(client.async(), args.first(), options, parser, out));
}

} // namespace QInflux::Cli
