#include "roundtrip.h"

#include <QInflux/blockingclient.h>
#include <QInflux/influxql.h>
#include <QInflux/wait.h>
#include "pointtext.h"
#include "storagerules.h"

#include <QDateTime>

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace {

constexpr qsizetype kWriteBatch = 250; // points per write; a refused batch is bisected
constexpr qsizetype kStatementsPerQuery = 200;

const QString kNegativeZero = u"float -0.0 came back as +0"_s;

// In a tag, "\\ " (a literal backslash, then the escaped space) makes the server's line splitter
// (scanLine) believe the fields have begun; an '=' and a '"' later in the key then hide the line end.
bool backslashBeforeSpaceInTag(const Point &p)
{
    return std::any_of(p.tags.begin(), p.tags.end(), [](const auto &tag) {
        return !tag.second.isEmpty() && (backslashBefore(tag.first, u" ") || backslashBefore(tag.second, u" "));
    });
}

Mismatch::Category classify(const Point &p, const QStringList &problems)
{
    constexpr QStringView followers = u", =\"";
    bool backslash = backslashBefore(p.measurement, followers);
    for (const auto &field : p.fields)
        backslash = backslash || backslashBefore(field.first, followers);
    if (backslash)
        return Mismatch::Category::BackslashInName;
    if (!problems.isEmpty() && std::all_of(problems.begin(), problems.end(), [](const QString &s) { return s.startsWith(kNegativeZero); }))
        return Mismatch::Category::NegativeZero;
    return Mismatch::Category::Other;
}

// What the server might list instead of a name it mangled: backslashes before , = space " dropped.
QString withoutEscapes(QString s)
{
    for (qsizetype i = 0; i + 1 < s.size();) {
        if (s[i] == u'\\' && QStringView(u", =\"").contains(s[i + 1])) {
            s.remove(i, 1);
            i = std::max<qsizetype>(0, i - 1);
        } else {
            ++i;
        }
    }
    return s;
}

// A regex matching exactly `name`, in plain ASCII: InfluxQL cannot quote CR or NUL in an identifier.
QString exactRegex(QStringView name)
{
    QString re = u"/^"_s;
    for (char32_t cp : name.toUcs4()) {
        if ((cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9'))
            re += QChar(char16_t(cp));
        else
            re += u"\\x{" + QString::number(quint32(cp), 16) + u'}';
    }
    return re + u"$/";
}

QString compareField(const QString &key, const FieldValue &want, const Column &c)
{
    const QString mismatch = u"field "_s + quoted(key) + u": wrote "_s + describeValue(want) + u", read "_s + describeCell(c, 0);
    if (c.isNull(0))
        return mismatch;
    if (const double *d = std::get_if<double>(&want)) {
        // JSON prints a whole float without a fraction, so it may come back in an int column.
        std::optional<double> got;
        if (c.type() == ColumnType::Float)
            got = c.values<double>()[0];
        else if (c.type() == ColumnType::Int)
            got = double(c.values<std::int64_t>()[0]);
        if (got && std::bit_cast<quint64>(*got) == std::bit_cast<quint64>(*d))
            return {};
        if (got && *d == 0.0 && std::signbit(*d) && *got == 0.0 && !std::signbit(*got))
            return kNegativeZero + u" (field "_s + quoted(key) + u"): the server's JSON has -0, QJsonDocument reads it as 0"_s;
        return mismatch;
    }
    if (const std::int64_t *i = std::get_if<std::int64_t>(&want))
        return c.type() == ColumnType::Int && c.values<std::int64_t>()[0] == *i ? QString() : mismatch;
    if (const bool *b = std::get_if<bool>(&want))
        return c.type() == ColumnType::Bool && bool(c.values<std::uint8_t>()[0]) == *b ? QString() : mismatch;
    if (const QString *s = std::get_if<QString>(&want))
        return c.type() == ColumnType::String && c.values<QString>()[0] == *s ? QString() : mismatch;
    return mismatch;
}

QStringList compare(const Point &want, const StatementResult &result, std::pair<std::int64_t, std::int64_t> window)
{
    if (result.error)
        return {u"SELECT failed: "_s + visible(result.error->toString())};
    if (result.series.isEmpty())
        return {u"SELECT * returned nothing"_s};
    QStringList problems;
    if (result.series.size() > 1)
        problems << u"SELECT * returned %1 series"_s.arg(result.series.size());
    const Frame &frame = result.series[0];
    if (frame.name() != want.measurement)
        problems << u"the series is named "_s + quoted(frame.name());
    if (frame.rowCount() != 1 || !frame.hasTime())
        return problems << u"SELECT * returned %1 rows instead of 1"_s.arg(frame.rowCount());
    const std::int64_t time = frame.time()[0];
    if (want.time && time != *want.time)
        problems << u"time: wrote %1, read %2"_s.arg(*want.time).arg(time);
    if (!want.time && (time < window.first || time > window.second))
        problems << u"time %1 is not the time of the write"_s.arg(time);

    QSet<QString> columns;
    for (const auto &[key, value] : want.tags) {
        if (value.isEmpty())
            continue;
        columns.insert(key);
        const Column *c = frame.column(key);
        if (!c)
            problems << u"tag key "_s + quoted(key) + u" is missing"_s;
        else if (c->type() != ColumnType::String || c->isNull(0) || c->values<QString>()[0] != value)
            problems << u"tag "_s + quoted(key) + u": wrote "_s + quoted(value) + u", read "_s + describeCell(*c, 0);
    }
    for (const auto &[key, value] : want.fields) {
        columns.insert(key);
        if (const Column *c = frame.column(key); !c)
            problems << u"field key "_s + quoted(key) + u" is missing"_s;
        else if (const QString problem = compareField(key, value, *c); !problem.isEmpty())
            problems << problem;
    }
    for (qsizetype c = 0; c < frame.columnCount(); ++c) {
        if (!columns.contains(frame.column(c).name()))
            problems << u"unexpected column "_s + quoted(frame.column(c).name()) + u" = "_s + describeCell(frame.column(c), 0);
    }
    return problems;
}

} // namespace

QString categoryName(Mismatch::Category c)
{
    switch (c) {
    case Mismatch::Category::BackslashInName:
        return u"WRITER: backslash right before , = space or \" in a measurement or field key "
               u"(the server drops the backslash, loses the data or rejects the line)"_s;
    case Mismatch::Category::BatchContext:
        return u"WRITER: a line that is stored alone makes the server mis-split a batch (it swallows the next line)"_s;
    case Mismatch::Category::NegativeZero:
        return u"CLIENT READ PATH: -0.0 comes back as +0 (the server sends -0; QJsonDocument parses it as 0)"_s;
    case Mismatch::Category::Other:
        return u"other"_s;
    }
    return {};
}

RoundTrip::RoundTrip(BlockingClient &client, QString database, bool regexForUnquotable)
    : m_client(client), m_database(std::move(database)), m_regex(regexForUnquotable)
{
}

QList<Mismatch> RoundTrip::run(const QList<Point> &points, const QStringList &origins)
{
    m_points = &points;
    m_origins = origins;
    QList<qsizetype> timed;
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (points[i].time)
            timed.append(i);
        else
            m_untimed.append(i);
    }
    for (qsizetype b = 0; b < timed.size(); b += kWriteBatch)
        writeRange(timed.mid(b, kWriteBatch));
    // Points without a time get the server's clock: written once each, so a retry cannot add a row.
    for (qsizetype i : std::as_const(m_untimed)) {
        const std::int64_t before = (QDateTime::currentMSecsSinceEpoch() - 1000) * 1'000'000;
        writeRange({i});
        m_windows[i] = {before, (QDateTime::currentMSecsSinceEpoch() + 1000) * 1'000'000};
    }
    readBack();
    return m_mismatches;
}

QString RoundTrip::describeDatabase()
{
    QStringList parts;
    if (const auto fields = m_client.showFieldKeys({}, m_database); fields.ok()) {
        for (const StatementResult &statement : fields->statements) {
            for (const Frame &frame : statement.series) {
                QStringList keys;
                if (const Column *c = frame.column(u"fieldKey"))
                    for (const QString &key : c->values<QString>())
                        keys << quoted(key);
                parts << u"measurement "_s + quoted(frame.name()) + u" with field keys "_s + keys.join(u", "_s);
            }
        }
    }
    if (const auto shown = m_client.showMeasurements(m_database); shown.ok()) {
        QStringList names;
        for (const StatementResult &statement : shown->statements) {
            for (const Frame &frame : statement.series) {
                if (const Column *c = frame.column(u"name"))
                    for (const QString &name : c->values<QString>())
                        names << quoted(name);
            }
        }
        parts << u"SHOW MEASUREMENTS: "_s + names.join(u", "_s);
    }
    return parts.join(u"; "_s);
}

QString RoundTrip::title(qsizetype i) const
{
    return describe(point(i)) + u"\n    (" + m_origins.value(i) + u')';
}

// Writes the points; a refused batch is split in halves until the culprit is alone.
bool RoundTrip::writeRange(const QList<qsizetype> &indices)
{
    QList<Point> batch;
    for (qsizetype i : indices)
        batch.append(point(i));
    WriteOptions options;
    options.database = m_database;
    const auto written = blockOn(m_client.async().write(batch, options));
    if (written.ok())
        return true;
    const QString why = visibleServerText(written.error().toString()).left(700);
    if (indices.size() == 1) {
        m_refused.insert(indices[0]);
        m_mismatches.append({classify(point(indices[0]), {}),
                             title(indices[0]) + u"\n    the server refused it: "_s + why});
        return false;
    }
    const qsizetype half = indices.size() / 2;
    const bool first = writeRange(indices.mid(0, half));
    const bool second = writeRange(indices.mid(half));
    if (first && second) {
        QString text = u"%1 points written together were refused, yet each half was stored on its own. "
                       u"The server said: %2"_s.arg(indices.size()).arg(why);
        for (qsizetype i : indices) {
            if (backslashBeforeSpaceInTag(point(i)))
                text += u"\n    suspect (backslash before a space in a tag): "_s + title(i);
        }
        m_mismatches.append({Mismatch::Category::BatchContext, text});
    }
    return false;
}

QString RoundTrip::selectStatement(const QString &measurement) const
{
    const bool unquotable = measurement.contains(u'\r') || measurement.contains(QChar(0));
    return u"SELECT * FROM "_s + (m_regex && unquotable ? exactRegex(measurement) : InfluxQL::quoteIdentifier(measurement));
}

QList<StatementResult> RoundTrip::select(const QStringList &statements)
{
    QueryOptions options;
    options.database = m_database;
    const auto all = m_client.query(statements.join(u"; "_s), options);
    if (all.ok() && all->statements.size() == statements.size()
        && std::none_of(all->statements.begin(), all->statements.end(), [](const StatementResult &s) { return s.error.has_value(); }))
        return all->statements;
    // The server stops at the first failing statement, and a parse error fails them all: one by one.
    QList<StatementResult> results;
    for (const QString &statement : statements) {
        const auto one = m_client.query(statement, options);
        StatementResult result;
        if (!one.ok())
            result.error = one.error();
        else if (!one->statements.isEmpty())
            result = one->statements[0];
        results.append(result);
    }
    return results;
}

void RoundTrip::readBack()
{
    QSet<QString> listed;
    if (const auto shown = m_client.showMeasurements(m_database); !shown.ok()) {
        m_mismatches.append({Mismatch::Category::Other, u"SHOW MEASUREMENTS failed: "_s + shown.error().toString()});
    } else {
        for (const StatementResult &statement : shown->statements) {
            for (const Frame &frame : statement.series) {
                if (const Column *names = frame.column(u"name"))
                    for (const QString &name : names->values<QString>())
                        listed.insert(name);
            }
        }
    }
    QList<qsizetype> stored;
    QSet<QString> expected;
    for (qsizetype i = 0; i < m_points->size(); ++i) {
        expected.insert(point(i).measurement);
        if (!m_refused.contains(i))
            stored.append(i);
    }
    QSet<QString> unexpected = listed;
    unexpected.subtract(expected);
    // Measurements the server may have stored under another point's name.
    QHash<QString, qsizetype> mangled;
    for (qsizetype i : std::as_const(stored)) {
        if (const QString other = withoutEscapes(point(i).measurement); other != point(i).measurement)
            mangled.insert(other, i);
    }

    for (qsizetype b = 0; b < stored.size(); b += kStatementsPerQuery) {
        const QList<qsizetype> batch = stored.mid(b, kStatementsPerQuery);
        QStringList statements;
        for (qsizetype i : batch)
            statements << selectStatement(point(i).measurement);
        const QList<StatementResult> results = select(statements);
        for (qsizetype j = 0; j < batch.size(); ++j) {
            const qsizetype i = batch[j];
            QStringList problems = compare(point(i), results[j], m_windows.value(i));
            if (!listed.contains(point(i).measurement)) {
                QString problem = u"SHOW MEASUREMENTS does not list it"_s;
                if (const QString other = withoutEscapes(point(i).measurement); unexpected.contains(other)) {
                    problem += u"; it lists "_s + quoted(other) + u" instead"_s;
                    unexpected.remove(other);
                }
                problems.prepend(problem);
            }
            Mismatch::Category category = classify(point(i), problems);
            if (const auto culprit = mangled.constFind(point(i).measurement); !problems.isEmpty() && culprit != mangled.cend()) {
                problems << u"the server seems to store the measurement "_s + quoted(point(*culprit).measurement)
                                + u" of another point under this name"_s;
                category = Mismatch::Category::BackslashInName;
            }
            if (!problems.isEmpty())
                m_mismatches.append({category, title(i) + u"\n    "_s + problems.join(u"\n    "_s)});
        }
    }
    if (!unexpected.isEmpty()) {
        QStringList names;
        for (const QString &name : std::as_const(unexpected))
            names << quoted(name);
        names.sort();
        m_mismatches.append({Mismatch::Category::Other, u"SHOW MEASUREMENTS lists names nobody wrote: "_s + names.join(u", "_s)});
    }
}

} // namespace QInflux::Test
