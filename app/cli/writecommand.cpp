#include "writecommand.h"

#include "commands.h"
#include "commands_p.h"
#include "linereader.h"

#include <QInflux/blockingclient.h>
#include <QInflux/lineprotocol.h>

#include <QBuffer>
#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <limits>
#include <memory>
#include <string_view>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

using detail::err;
using detail::fail;

namespace {

/// What the command line asks `write` to do.
struct WriteRequest
{
    QString file; ///< "-" = standard input
    LineReader::Syntax syntax = LineReader::Syntax::LineProtocol;
    LineProtocol::Options lineProtocol; ///< jsonl: --measurement, --tag, --precision
    int batchSize = 10'000;
    bool dryRun = false;
    bool strict = false;
};

Error usageError(const QString &message)
{
    return Error(Error::Kind::Usage, message);
}

/// Why LineWriter would refuse `name` as `part`; empty when it is fine.
QString nameProblem(LineWriter::Part part, const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    const char *why = LineWriter::checkName(part, std::string_view(utf8.constData(), size_t(utf8.size())));
    return why ? QString::fromLatin1(why) : QString();
}

} // namespace

namespace detail {

Result<TimeUnit> precisionFrom(const QString &text)
{
    static const std::pair<QLatin1StringView, TimeUnit> units[] = {
        {"n"_L1, TimeUnit::Nanoseconds}, {"u"_L1, TimeUnit::Microseconds}, {"ms"_L1, TimeUnit::Milliseconds},
        {"s"_L1, TimeUnit::Seconds},     {"m"_L1, TimeUnit::Minutes},      {"h"_L1, TimeUnit::Hours},
    };
    for (const auto &[name, unit] : units) {
        if (text == name)
            return unit;
    }
    return usageError(u"--precision must be n, u, ms, s, m or h, not \"%1\""_s.arg(text));
}

Result<Tags> extraTagsFrom(const QStringList &options)
{
    Tags tags;
    for (const QString &option : options) {
        const qsizetype eq = option.indexOf(u'=');
        if (eq < 0)
            return usageError(u"--tag must be KEY=VALUE, not \"%1\""_s.arg(option));
        const QString key = option.left(eq);
        const QString value = option.mid(eq + 1);
        if (key.isEmpty())
            return usageError(u"--tag \"%1\" has an empty key"_s.arg(option));
        if (value.isEmpty())
            return usageError(u"--tag \"%1\" has an empty value, which the server cannot store"_s.arg(option));
        if (const QString why = nameProblem(LineWriter::Part::TagKey, key); !why.isEmpty())
            return usageError(u"--tag \"%1\": the key %2"_s.arg(option, why));
        if (const QString why = nameProblem(LineWriter::Part::TagValue, value); !why.isEmpty())
            return usageError(u"--tag \"%1\": the value %2"_s.arg(option, why));
        for (const auto &tag : std::as_const(tags)) {
            if (tag.first == key)
                return usageError(u"--tag %1 is given twice"_s.arg(key));
        }
        tags.append({key, value});
    }
    return tags;
}

} // namespace detail

namespace {

using detail::extraTagsFrom;
using detail::precisionFrom;

Result<WriteRequest> requestFrom(const QCommandLineParser &parser, const QStringList &args)
{
    WriteRequest request;
    if (args.size() > 1)
        return usageError(u"write takes at most one argument, the input file (none or - for standard input)"_s);
    request.file = args.isEmpty() ? u"-"_s : args.first();

    const QString input = parser.value(u"input"_s);
    if (input == "jsonl"_L1)
        request.syntax = LineReader::Syntax::JsonLines;
    else if (input != "lp"_L1)
        return usageError(u"--input must be lp or jsonl, not \"%1\""_s.arg(input));
    const bool lineProtocol = request.syntax == LineReader::Syntax::LineProtocol;

    auto precision = precisionFrom(parser.value(u"precision"_s));
    if (!precision)
        return precision.error();
    request.lineProtocol.precision = *precision;

    bool ok = false;
    request.batchSize = parser.value(u"batch-size"_s).toInt(&ok);
    if (!ok || request.batchSize < 1)
        return usageError(u"--batch-size must be a positive number of points, not \"%1\""_s.arg(parser.value(u"batch-size"_s)));
    request.dryRun = parser.isSet(u"dry-run"_s);
    request.strict = parser.isSet(u"strict"_s);

    if (lineProtocol && (parser.isSet(u"measurement"_s) || parser.isSet(u"tag"_s)))
        return usageError(u"--measurement and --tag apply to --input jsonl only: line protocol is written unchanged"_s);
    if (lineProtocol && request.strict)
        return usageError(u"--strict applies to --input jsonl only: qinflux does not parse line protocol, the server "
                          "checks it (and keeps the valid lines of a batch)"_s);
    if (parser.isSet(u"measurement"_s)) {
        const QString measurement = parser.value(u"measurement"_s);
        if (const QString why = nameProblem(LineWriter::Part::Measurement, measurement); !why.isEmpty())
            return usageError(u"--measurement \"%1\" %2"_s.arg(measurement, why));
        request.lineProtocol.measurement = measurement;
    }
    auto tags = extraTagsFrom(parser.values(u"tag"_s));
    if (!tags)
        return tags.error();
    request.lineProtocol.extraTags = std::move(tags).value();
    return request;
}

/// A name as LineWriter shows it in its reasons.
QString shown(const QString &name)
{
    QString text = name.size() > 60 ? name.left(57) + u"..."_s : name;
    text.replace(u'\n', u"\\n"_s);
    return u'"' + text + u'"';
}

/// LineWriter's reason for refusing a name shows the name but not what it is ("\"\" is empty"): say
/// whether it is the measurement, a tag key or value, or a field key. Other reasons stay as they are.
QString withWhatIsRefused(const Point &point, const LineProtocol::Options &options, const QString &reason)
{
    const QString &measurement = point.measurement.isEmpty() ? options.measurement : point.measurement;
    if (const QString why = nameProblem(LineWriter::Part::Measurement, measurement); !why.isEmpty())
        return u"the measurement %1 %2"_s.arg(shown(measurement), why);
    for (const Tags *tags : {&point.tags, &options.extraTags}) {
        for (const auto &[key, value] : *tags) {
            if (value.isEmpty())
                continue; // skipped, never refused
            if (const QString why = nameProblem(LineWriter::Part::TagKey, key); !why.isEmpty())
                return u"the tag key %1 %2"_s.arg(shown(key), why);
            if (const QString why = nameProblem(LineWriter::Part::TagValue, value); !why.isEmpty())
                return u"the value of tag %1 %2"_s.arg(shown(key), why);
        }
    }
    for (const auto &field : point.fields) {
        if (const QString why = nameProblem(LineWriter::Part::FieldKey, field.first); !why.isEmpty())
            return u"the field key %1 %2"_s.arg(shown(field.first), why);
    }
    return reason;
}

/// Appends one input line to `out` as line protocol; false with `reason` when it is invalid (`out`
/// is then unchanged). Line protocol goes as it is: only the server checks it.
bool appendLine(const WriteRequest &request, const QByteArray &line, QByteArray &out, QString *reason)
{
    if (request.syntax == LineReader::Syntax::LineProtocol) {
        out += line;
        out += '\n';
        return true;
    }
    const auto point = Point::fromJsonText(line);
    if (!point) {
        *reason = point.error().message();
        return false;
    }
    if (point->measurement.isEmpty() && request.lineProtocol.measurement.isEmpty()) {
        *reason = u"the point has no \"measurement\" (give one, or --measurement)"_s;
        return false;
    }
    if (LineProtocol::append(out, *point, request.lineProtocol, reason))
        return true;
    *reason = withWhatIsRefused(*point, request.lineProtocol, *reason);
    return false;
}

QString counted(qint64 n, QLatin1StringView one, QLatin1StringView many)
{
    return u"%1 %2"_s.arg(n).arg(n == 1 ? one : many);
}

/// Collects lines into batches and sends each one (or, in a dry run, prints it) as soon as it is
/// full, before more input is read.
class Batches
{
public:
    /// `client` nullptr = dry run.
    Batches(BlockingClient *client, const WriteRequest &request) : m_client(client), m_batchSize(request.batchSize)
    {
        m_options.precision = request.lineProtocol.precision;
        // Each batch goes in one request: the client must not split it again.
        m_options.batchSize = std::numeric_limits<int>::max();
        m_options.maxBatchBytes = std::numeric_limits<qsizetype>::max();
        if (!m_client)
            m_stdout.open(stdout, QIODevice::WriteOnly);
    }

    /// The current batch: appendLine() adds to it.
    QByteArray &buffer() { return m_buffer; }
    /// Counts the line just added to buffer(); sends the batch when it is full.
    Result<void> added(qint64 lineNumber)
    {
        if (m_lines == 0)
            m_firstLine = lineNumber;
        m_lastLine = lineNumber;
        ++m_lines;
        if (m_lines >= m_batchSize || m_buffer.size() >= s_maxBytes)
            return flush();
        return {};
    }
    /// Sends the current batch, if it has any line.
    Result<void> flush()
    {
        if (m_lines == 0)
            return {};
        if (m_client) {
            if (auto written = m_client->write(m_buffer, m_options); !written)
                return written.error();
        } else if (m_stdout.write(m_buffer) != m_buffer.size() || !m_stdout.flush()) {
            return Error(Error::Kind::Io, u"Cannot write to standard output."_s);
        }
        m_points += m_lines;
        ++m_batches;
        m_lines = 0;
        m_buffer.truncate(0); // keeps the allocation for the next batch
        return {};
    }

    qint64 points() const { return m_points; }
    qint64 batches() const { return m_batches; }
    /// "batch 2 (input lines 3 to 4)": the batch being collected or sent.
    QString current() const
    {
        return u"batch %1 (input lines %2 to %3)"_s.arg(m_batches + 1).arg(m_firstLine).arg(m_lastLine);
    }

private:
    /// Bytes per request at most, but for one long line (the server refuses bodies over 25,000,000).
    static constexpr qsizetype s_maxBytes = 10'000'000;

    BlockingClient *m_client;
    WriteOptions m_options;
    int m_batchSize;
    QFile m_stdout;
    QByteArray m_buffer;
    qint64 m_lines = 0;
    qint64 m_firstLine = 0;
    qint64 m_lastLine = 0;
    qint64 m_points = 0;
    qint64 m_batches = 0;
};

/// Reads the whole input once to find its invalid lines, reporting each; returns how many.
Result<qint64> validate(QIODevice &device, const WriteRequest &request)
{
    LineReader reader(device, request.syntax);
    QByteArray line;
    QByteArray scratch;
    QString reason;
    qint64 lineNumber = 0;
    qint64 rejected = 0;
    while (reader.next(line, lineNumber)) {
        scratch.truncate(0);
        if (!appendLine(request, line, scratch, &reason)) {
            ++rejected;
            err() << "qinflux: line " << lineNumber << ": " << reason << Qt::endl;
        }
    }
    if (!reader.error().isEmpty())
        return Error(Error::Kind::Io, u"Reading the input failed after line %1: %2"_s.arg(lineNumber).arg(reader.error()));
    return rejected;
}

int checkConnection(BlockingClient &client)
{
    auto info = client.ping();
    if (info)
        return Ok;
    // Something answered that is not InfluxDB: for the user that is "cannot connect" too.
    const int code = fail(info.error());
    return info.error().kind() == Error::Kind::Server ? int(ConnectError) : code;
}

} // namespace

int write(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings)
{
    auto parsed = requestFrom(parser, args);
    if (!parsed)
        return detail::usage(parsed.error().message());
    const WriteRequest &request = *parsed;
    if (!request.dryRun && settings.database.isEmpty())
        return detail::usage(u"write needs a database: give --db"_s);

    QFile file;
    const bool fromStdin = request.file == "-"_L1;
    if (!fromStdin)
        file.setFileName(request.file);
    if (!(fromStdin ? file.open(STDIN_FILENO, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly))) {
        err() << "qinflux: cannot open " << (fromStdin ? u"standard input"_s : request.file) << ": " << file.errorString() << Qt::endl;
        return UsageError;
    }

    std::unique_ptr<BlockingClient> client;
    if (!request.dryRun) {
        client = std::make_unique<BlockingClient>(settings);
        if (const int code = checkConnection(*client); code != Ok)
            return code;
    }
    const QLatin1StringView verb = request.dryRun ? "Would write"_L1 : "Wrote"_L1;
    auto summary = [&](qint64 points, qint64 batches, qint64 rejected) {
        return u"%1 %2 in %3 (%4 rejected)"_s.arg(verb, counted(points, "point"_L1, "points"_L1),
                                                  counted(batches, "batch"_L1, "batches"_L1), counted(rejected, "line"_L1, "lines"_L1));
    };

    // --strict reads the input twice: a file from its start again, anything else from memory.
    QIODevice *device = &file;
    QBuffer buffered;
    if (request.strict) {
        if (fromStdin || file.isSequential()) {
            buffered.setData(file.readAll());
            if (file.error() != QFileDevice::NoError)
                return fail(Error(Error::Kind::Io, u"Reading the input failed: %1"_s.arg(file.errorString())));
            buffered.open(QIODevice::ReadOnly);
            device = &buffered;
        }
        const auto rejected = validate(*device, request);
        if (!rejected)
            return fail(rejected.error());
        if (*rejected > 0) {
            err() << summary(0, 0, *rejected) << "; --strict: nothing was " << (request.dryRun ? "printed." : "written.") << Qt::endl;
            return InvalidInput;
        }
        if (!device->seek(0))
            return fail(Error(Error::Kind::Io, u"Cannot read the input a second time: %1"_s.arg(device->errorString())));
    }

    Batches batches(client.get(), request);
    LineReader reader(*device, request.syntax);
    QByteArray line;
    QString reason;
    qint64 lineNumber = 0;
    qint64 rejected = 0;
    Result<void> sent;
    while (sent && reader.next(line, lineNumber)) {
        if (appendLine(request, line, batches.buffer(), &reason)) {
            sent = batches.added(lineNumber);
        } else {
            ++rejected;
            err() << "qinflux: line " << lineNumber << ": " << reason << Qt::endl;
        }
    }
    if (sent && !reader.error().isEmpty()) {
        // The batch being collected is not sent: the input broke off somewhere in it.
        const int code = fail(Error(Error::Kind::Io, u"Reading the input failed after line %1: %2"_s.arg(lineNumber).arg(reader.error())));
        err() << summary(batches.points(), batches.batches(), rejected) << " before that." << Qt::endl;
        return code;
    }
    if (sent)
        sent = batches.flush();
    if (!sent) {
        const int code = fail(sent.error());
        err() << summary(batches.points(), batches.batches(), rejected) << " before " << batches.current() << " failed.";
        if (sent.error().kind() == Error::Kind::PartialWrite)
            err() << " The server kept the lines of that batch it could write.";
        err() << Qt::endl;
        return code;
    }
    err() << summary(batches.points(), batches.batches(), rejected) << '.' << Qt::endl;
    return rejected > 0 ? int(InvalidInput) : int(Ok);
}

} // namespace QInflux::Cli
