#include "querycommand.h"

#include "cachecommand.h"
#include "commands.h"
#include "commands_p.h"

#include <QInflux/blockingclient.h>
#include <QInflux/querytemplate.h>
#include <QInflux/queryrun.h>
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

/// --chunked: a QueryRun that hands out each chunk (keeping none) and prints it as it arrives.
int printChunks(Client &client, const QString &query, QueryRunOptions options, const QCommandLineParser &parser, QFile &out)
{
    options.guard = false;
    options.keepChunks = false;
    std::optional<ResultWriter::CsvWriter> csv;
    int code = Ok;
    std::optional<Error> printError;
    QueryRun run;
    QObject::connect(&run, &QueryRun::chunkReceived, &run, [&](const QueryResult &chunk) {
        if (printError)
            return;
        if (auto written = print(chunk, parser, out, csv); !written) {
            printError = written.error();
            run.cancel();
            return;
        }
        code = std::max(code, reportStatements(chunk));
    });
    const QueryRunSummary summary = blockOn(run.execute(&client, query, options));
    if (printError)
        return fail(*printError);
    if (summary.error && !summary.statementError)
        return fail(*summary.error);
    return code;
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
        {u"from"_s, u"query: the start of the time range the macros $timeFilter, $from and $interval use: RFC 3339 "
                    "(2026-10-25T00:00:00Z, any fraction up to 9 digits, an offset) or relative (-6h, now-15m)."_s,
         u"T"_s},
        {u"to"_s, u"query: the end of the time range (exclusive; default now); the macro $to."_s, u"T"_s},
        {u"tz"_s, u"query: the IANA time zone of --from/--to times written without an offset (default UTC)."_s, u"ZONE"_s},
        {u"width"_s, u"query: the pixels $interval aims at, one GROUP BY time() bucket each (default 1000)."_s, u"PX"_s,
         u"1000"_s},
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

/// The query argument with its macros expanded over --from/--to, or an error message.
Result<QString> expandQuery(const QString &text, const QCommandLineParser &parser)
{
    const QueryTemplate query(text);
    const bool ranged = parser.isSet(u"from"_s) || parser.isSet(u"to"_s);
    if (!ranged && query.usesMacros()) {
        return Error(Error::Kind::Usage, u"the query uses %1; give the time range with --from (and --to, default now)"_s.arg(
                                             query.macros().join(u", "_s)));
    }
    if (!ranged)
        return query.expand({}); // reports an unknown $name
    if (!parser.isSet(u"from"_s))
        return Error(Error::Kind::Usage, u"--to needs --from"_s);
    QTimeZone zone = QTimeZone::utc();
    if (parser.isSet(u"tz"_s)) {
        zone = QTimeZone(parser.value(u"tz"_s).toUtf8());
        if (!zone.isValid())
            return Error(Error::Kind::Usage, u"--tz: unknown time zone \"%1\" (e.g. Europe/Berlin)"_s.arg(parser.value(u"tz"_s)));
    }
    const auto range = TimeRange::parse(parser.value(u"from"_s), parser.value(u"to"_s), zone);
    if (!range)
        return range.error();
    QueryTemplate::Options options;
    bool ok = false;
    options.pixelWidth = parser.value(u"width"_s).toInt(&ok);
    if (!ok || options.pixelWidth < 1)
        return Error(Error::Kind::Usage, u"--width must be a positive number, not \"%1\""_s.arg(parser.value(u"width"_s)));
    return query.expand(*range, options);
}

int query(BlockingClient &client, const QStringList &args, const QCommandLineParser &parser)
{
    if (args.size() != 1)
        return usage(u"query takes exactly one argument, the InfluxQL text (quote it)"_s);
    const auto expanded = expandQuery(args.first(), parser);
    if (!expanded)
        return usage(expanded.error().message());
    QueryRunOptions options;
    if (const auto unit = epochFrom(parser))
        options.epoch = *unit;
    if (!parser.isSet(u"chunked"_s))
        return printResult(queryWithCache(client, *expanded, options, parser), parser);

    if (parser.isSet(u"cache"_s) || parser.isSet(u"refresh"_s))
        return usage(u"--chunked streams the answer; it cannot be combined with --cache or --refresh"_s);
    bool ok = false;
    options.chunkSize = parser.value(u"chunk-size"_s).toInt(&ok);
    if (!ok || options.chunkSize < 1)
        return usage(u"--chunk-size must be a positive number, not \"%1\""_s.arg(parser.value(u"chunk-size"_s)));
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(Error(Error::Kind::Io, u"Cannot write to standard output."_s));
    return printChunks(client.async(), *expanded, options, parser, out);
}

} // namespace QInflux::Cli
