#include "importcommand.h"

#include "commands.h"
#include "commands_p.h"

#include <QInflux/client.h>
#include <QInflux/wait.h>
#include <QInflux/csvimportjob.h>

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace QInflux::Cli {

using detail::err;
using detail::fail;
using detail::usage;

void addImportOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"profile"_s, u"import: start from this JSON import profile (options given here override it)."_s, u"FILE"_s},
        {u"save-profile"_s, u"import: save the import profile (with these options) as JSON to FILE."_s, u"FILE"_s},
        {u"time-column"_s, u"import: the time column; \"DATE+TIME\" joins a date and a time column."_s, u"NAME"_s},
        {u"time-format"_s, u"import: auto, iso, s, ms, us, ns or a pattern like %Y-%m-%d %H:%M:%S.%f (default auto)."_s, u"FORMAT"_s},
        {u"timezone"_s, u"import: IANA time zone of times without an offset (default UTC)."_s, u"ZONE"_s},
        {u"tag-columns"_s, u"import: columns written as tags, comma-separated."_s, u"A,B"_s},
        {u"field-columns"_s, u"import: the only columns written as fields, with types: x:float,y:int,z:bool,s:string,w "
                             "(no type = detected). Default: every other column, detected."_s, u"SPEC"_s},
        {u"ignore-columns"_s, u"import: columns left out, comma-separated."_s, u"A,B"_s},
        {u"measurement-column"_s, u"import: the column holding each row's measurement (instead of --measurement)."_s, u"NAME"_s},
        {u"delimiter"_s, u"import: field delimiter: one character, or tab, space (default: detected)."_s, u"CHAR"_s},
        {u"quote"_s, u"import: quote character (default \"; empty = none)."_s, u"CHAR"_s},
        {u"encoding"_s, u"import: auto, utf-8, utf-16le, utf-16be or latin-1 (default auto: BOM, else UTF-8 or Latin-1)."_s, u"ENC"_s},
        {u"decimal-comma"_s, u"import: floats are written with a decimal comma (1,5)."_s},
        {u"skip-lines"_s, u"import: skip N lines at the start of the file."_s, u"N"_s},
        {u"comment"_s, u"import: skip lines starting with PREFIX."_s, u"PREFIX"_s},
        {u"no-header"_s, u"import: the first line is data; columns are named column1, column2, ..."_s},
        {u"rejects"_s, u"import: write rejected rows (each after a '# line N: reason' line) to FILE."_s, u"FILE"_s},
        {u"on-error"_s, u"import: skip (report rejected rows and go on, the default) or stop at the first."_s, u"POLICY"_s},
        {u"no-count-check"_s, u"import: do not compare the server's counts with what was written."_s},
        {u"progress"_s, u"import: show progress on stderr even when it is not a terminal."_s},
    });
}

QString importHelp()
{
    return u"  import FILE.csv         Import a CSV file into --db: --measurement M (or --measurement-column),\n"
           "                          --time-column, --tag-columns, --field-columns x:float,...; the\n"
           "                          dialect, encoding and types are detected (see the import options).\n"
           "                          Rejected rows are reported with their line numbers (exit 4).\n"_s;
}

namespace {

Result<CsvImportProfile> profileFrom(const QCommandLineParser &parser)
{
    const auto usageError = [](const QString &message) { return Error(Error::Kind::Usage, message); };
    CsvImportProfile p;
    if (parser.isSet(u"profile"_s)) {
        QString error;
        auto loaded = CsvImportProfile::load(parser.value(u"profile"_s), &error);
        if (!loaded)
            return usageError(u"--profile: "_s + error);
        p = *loaded;
    }
    const auto list = [&](const QString &name) { return parser.value(name).split(u',', Qt::SkipEmptyParts); };
    if (parser.isSet(u"measurement"_s))
        p.measurement = parser.value(u"measurement"_s);
    if (parser.isSet(u"measurement-column"_s))
        p.measurementColumn = parser.value(u"measurement-column"_s);
    if (parser.isSet(u"time-column"_s)) {
        p.timeColumns = parser.value(u"time-column"_s).split(u'+');
        if (p.timeColumns.size() > 2 || p.timeColumns.contains(QString()))
            return usageError(u"--time-column takes NAME or DATE+TIME"_s);
    }
    if (parser.isSet(u"time-format"_s))
        p.timeFormat = parser.value(u"time-format"_s);
    if (parser.isSet(u"timezone"_s))
        p.timeZone = parser.value(u"timezone"_s);
    if (parser.isSet(u"tag-columns"_s))
        p.tagColumns = list(u"tag-columns"_s);
    if (parser.isSet(u"ignore-columns"_s))
        p.ignoreColumns = list(u"ignore-columns"_s);
    if (parser.isSet(u"field-columns"_s)) {
        QString error;
        if (!CsvImportProfile::parseFieldList(parser.value(u"field-columns"_s), &p.fieldColumns, &error))
            return usageError(u"--field-columns: "_s + error);
    }
    if (parser.isSet(u"delimiter"_s)) {
        QString d = parser.value(u"delimiter"_s);
        if (d == "tab"_L1 || d == "\\t"_L1)
            d = u"\t"_s;
        else if (d == "space"_L1)
            d = u" "_s;
        if (d.size() != 1 || d[0].unicode() > 0x7e || d[0] == u'\n' || d[0] == u'\r')
            return usageError(u"--delimiter must be one ASCII character, tab or space, not \"%1\""_s.arg(d));
        p.dialect.delimiter = char(d[0].unicode());
    }
    if (parser.isSet(u"quote"_s)) {
        const QString q = parser.value(u"quote"_s);
        if (q.size() > 1 || (q.size() == 1 && q[0].unicode() > 0x7e))
            return usageError(u"--quote must be one ASCII character or empty"_s);
        p.dialect.quote = q.isEmpty() ? char(0) : char(q[0].unicode());
    }
    if (parser.isSet(u"encoding"_s) && !parseCsvEncoding(parser.value(u"encoding"_s), &p.dialect.encoding))
        return usageError(u"--encoding must be auto, utf-8, utf-16le, utf-16be or latin-1, not \"%1\""_s.arg(parser.value(u"encoding"_s)));
    if (parser.isSet(u"decimal-comma"_s))
        p.decimalComma = true;
    if (parser.isSet(u"skip-lines"_s)) {
        bool ok = false;
        p.dialect.skipLines = parser.value(u"skip-lines"_s).toInt(&ok);
        if (!ok || p.dialect.skipLines < 0)
            return usageError(u"--skip-lines must be a number >= 0"_s);
    }
    if (parser.isSet(u"comment"_s))
        p.dialect.commentPrefix = parser.value(u"comment"_s).toUtf8();
    if (parser.isSet(u"no-header"_s))
        p.dialect.hasHeader = false;
    if (parser.isSet(u"on-error"_s)) {
        const QString policy = parser.value(u"on-error"_s);
        if (policy != "skip"_L1 && policy != "stop"_L1)
            return usageError(u"--on-error must be skip or stop, not \"%1\""_s.arg(policy));
        p.onError = policy == "stop"_L1 ? CsvOnError::Stop : CsvOnError::Skip;
    }
    if (parser.isSet(u"precision"_s)) {
        auto precision = detail::precisionFrom(parser.value(u"precision"_s));
        if (!precision)
            return precision.error();
        p.precision = *precision;
    }
    if (parser.isSet(u"tag"_s)) {
        auto tags = detail::extraTagsFrom(parser.values(u"tag"_s));
        if (!tags)
            return tags.error();
        p.extraTags = *tags;
    }
    if (p.dialect.delimiter && p.dialect.delimiter == p.dialect.quote)
        return usageError(u"the delimiter and the quote character must differ"_s);
    return p;
}

} // namespace

int import(const QCommandLineParser &parser, const QStringList &args, const ClientSettings &settings)
{
    if (args.size() != 1)
        return usage(u"import takes exactly one argument, the CSV file"_s);
    auto profile = profileFrom(parser);
    if (!profile)
        return usage(profile.error().message());
    if (parser.isSet(u"save-profile"_s)) {
        QString error;
        if (!profile->save(parser.value(u"save-profile"_s), &error))
            return fail(Error(Error::Kind::Io, error));
    }
    const bool dryRun = parser.isSet(u"dry-run"_s);
    if (!dryRun && settings.database.isEmpty())
        return usage(u"import needs --db"_s);

    CsvImportOptions options;
    options.path = args.first();
    options.profile = *profile;
    options.database = settings.database;
    options.rejectsPath = parser.value(u"rejects"_s);
    options.countCheck = !parser.isSet(u"no-count-check"_s);
    QFile out;
    if (dryRun) {
        if (!out.open(stdout, QIODevice::WriteOnly))
            return fail(Error(Error::Kind::Io, u"Cannot write to standard output."_s));
        options.dryRunOutput = &out;
    }
    Client client(settings);
    CsvImportJob job(dryRun ? nullptr : &client, options);
    QObject::connect(&job, &CsvImportJob::schemaResolved, &job, [](const QStringList &columns) {
        err() << "Columns:\n";
        for (const QString &c : columns)
            err() << "  " << c << '\n';
        err().flush();
    });
    const bool showProgress = parser.isSet(u"progress"_s) || ::isatty(STDERR_FILENO);
    if (showProgress) {
        QObject::connect(&job, &CsvImportJob::progress, &job, [](qint64 rows, qint64 bytes, double rate, double eta) {
            err() << "\r" << rows << " rows, " << QString::number(double(bytes) / 1e6, 'f', 1) << " MB, "
                  << QString::number(rate, 'f', 0) << " rows/s"
                  << (eta >= 0 ? u", "_s + QString::number(eta, 'f', 0) + u" s left"_s : QString()) << "   ";
            err().flush();
        });
    }
    const CsvImportReport report = blockOn(job.run());
    if (dryRun)
        out.flush();
    if (showProgress)
        err() << '\n';
    if (!report.encoding.isEmpty())
        err() << "Read as " << report.encoding << ", delimiter " << report.delimiter << ".\n";
    for (qsizetype i = 0; i < std::min<qsizetype>(report.rejects.size(), 20); ++i)
        err() << "line " << report.rejects[i].line << ": " << report.rejects[i].reason << '\n';
    if (report.rowsRejected > 20)
        err() << "... " << report.rowsRejected - 20 << " more rejected rows"
              << (options.rejectsPath.isEmpty() ? u" (see --rejects)"_s : u" in "_s + options.rejectsPath) << '\n';
    CsvImportReport shown = report;
    shown.error.reset();
    err() << shown.summary() << '\n';
    err().flush();
    if (report.error)
        return fail(*report.error);
    if (report.countChecked && report.countMismatch)
        return ServerError;
    return report.rowsRejected > 0 ? int(InvalidInput) : int(Ok);
}

} // namespace QInflux::Cli
