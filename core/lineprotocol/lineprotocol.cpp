#include <QInflux/lineprotocol.h>

#include <QInflux/resultwriter.h>

#include <QVarLengthArray>

#include <algorithm>
#include <string>

using namespace Qt::StringLiterals;

namespace QInflux::LineProtocol {

namespace {

// UTF-16 code units mapped so that comparing them orders strings by code point, i.e. by UTF-8
// bytes, the order the server wants tags in (plain UTF-16 order differs above the BMP).
inline char32_t codePointOrder(char16_t c)
{
    if (c >= 0xE000)
        return char32_t(c) - 0x800;
    if (c >= 0xD800)
        return char32_t(c) + 0x2000;
    return c;
}

bool utf8Less(QStringView a, QStringView b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const char32_t x = codePointOrder(a[i].unicode());
        const char32_t y = codePointOrder(b[i].unicode());
        if (x != y)
            return x < y;
    }
    return a.size() < b.size();
}

// The point's tags with the extra tags merged in (the point's own win), sorted for the server.
// Duplicate keys within the point are an error.
bool mergedTags(const Tags &own, const Tags &extra, Tags &out, QString *error)
{
    out = own;
    std::stable_sort(out.begin(), out.end(), [](const auto &x, const auto &y) { return utf8Less(x.first, y.first); });
    for (qsizetype i = 1; i < out.size(); ++i) {
        if (out[i].first == out[i - 1].first) {
            *error = u"tag key \"%1\" appears twice"_s.arg(out[i].first);
            return false;
        }
    }
    for (const auto &tag : extra) {
        const auto pos = std::lower_bound(out.begin(), out.end(), tag.first,
                                          [](const auto &x, const QString &key) { return utf8Less(x.first, key); });
        if (pos == out.end() || pos->first != tag.first)
            out.insert(pos, tag);
    }
    return true;
}

struct TagSource
{
    QString key;
    const Column *column; // nullptr: constant value
    QString value;
};

// `lead` + the escaped name, for LineWriter's prefix calls; the reason when the name cannot be written.
const char *prefixFor(LineWriter::Part part, QStringView name, const char *lead, std::string &out)
{
    if (!name.isValidUtf16())
        return "is not valid Unicode (unpaired surrogate)";
    const QByteArray utf8 = name.toUtf8();
    const std::string_view v(utf8.constData(), size_t(utf8.size()));
    if (const char *why = LineWriter::checkName(part, v))
        return why;
    out = lead;
    for (char c : v) {
        if (c == ',' || c == ' ' || (c == '=' && part != LineWriter::Part::Measurement))
            out += '\\';
        out += c;
    }
    return nullptr;
}

// The per-row path, for tables with a name that cannot be written: each row then gets its Problem.
Output serializeChecked(const Frame &frame, const QString &measurement, const std::vector<TagSource> &tags,
                        const std::vector<const Column *> &fields, const Options &options, Output result)
{
    const qsizetype rows = frame.rowCount();
    result.lines.reserve(rows * 96);
    LineWriter w(result.lines, options.precision, options.allowUnsigned);
    const std::vector<std::int64_t> &time = frame.time();
    QString text;
    for (qsizetype row = 0; row < rows; ++row) {
        w.begin();
        bool ok = w.measurement(measurement);
        for (size_t i = 0; ok && i < tags.size(); ++i) {
            const TagSource &t = tags[i];
            if (!t.column) {
                ok = w.tag(t.key, t.value);
            } else if (!t.column->isNull(row)) {
                if (t.column->type() == ColumnType::String) {
                    ok = w.tag(t.key, t.column->values<QString>()[size_t(row)]);
                } else {
                    text = ResultWriter::formatCell(*t.column, row);
                    ok = w.tag(t.key, text);
                }
            }
        }
        for (size_t i = 0; ok && i < fields.size(); ++i) {
            const Column &c = *fields[i];
            if (c.isNull(row))
                continue;
            const size_t r = size_t(row);
            const QStringView key = c.name();
            switch (c.type()) {
            case ColumnType::Float: ok = w.field(key, c.values<double>()[r]); break;
            case ColumnType::Int: ok = w.field(key, c.values<std::int64_t>()[r]); break;
            case ColumnType::UInt: ok = w.field(key, c.values<std::uint64_t>()[r]); break;
            case ColumnType::Bool: ok = w.field(key, bool(c.values<std::uint8_t>()[r])); break;
            case ColumnType::String: ok = w.field(key, QStringView(c.values<QString>()[r])); break;
            }
        }
        if (ok)
            ok = w.end(time[size_t(row)]);
        if (ok)
            ++result.points;
        else
            result.problems.append({row, w.error()});
    }
    return result;
}

} // namespace

bool append(QByteArray &out, const Point &point, const Options &options, QString *error)
{
    const QString &measurement = point.measurement.isEmpty() ? options.measurement : point.measurement;
    if (measurement.isEmpty()) {
        *error = u"the point has no measurement (set one in the point or in the write's options)"_s;
        return false;
    }
    // The point's tags and the extra tags, as pointers sorted on the stack (no copy, no allocation
    // for up to 16 tags): insertion sort, stable, in the server's order.
    using Tag = std::pair<QString, QString>;
    QVarLengthArray<const Tag *, 16> tags;
    for (const Tag &t : point.tags) {
        qsizetype i = tags.size();
        tags.append(&t);
        while (i > 0 && utf8Less(t.first, tags[i - 1]->first)) {
            tags[i] = tags[i - 1];
            --i;
        }
        tags[i] = &t;
    }
    for (qsizetype i = 1; i < tags.size(); ++i) {
        if (tags[i]->first == tags[i - 1]->first) {
            *error = u"tag key \"%1\" appears twice"_s.arg(tags[i]->first);
            return false;
        }
    }
    for (const Tag &t : options.extraTags) {
        const auto pos = std::lower_bound(tags.begin(), tags.end(), t.first,
                                          [](const Tag *x, const QString &key) { return utf8Less(x->first, key); });
        if (pos == tags.end() || (*pos)->first != t.first)
            tags.insert(pos, &t);
    }
    for (qsizetype i = 0; i < point.fields.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            if (point.fields[i].first == point.fields[j].first) {
                *error = u"field key \"%1\" appears twice"_s.arg(point.fields[i].first);
                return false;
            }
        }
    }

    LineWriter w(out, options.precision, options.allowUnsigned);
    w.begin();
    bool ok = w.measurement(measurement);
    for (qsizetype i = 0; ok && i < tags.size(); ++i)
        ok = w.tag(tags[i]->first, tags[i]->second);
    for (qsizetype i = 0; ok && i < point.fields.size(); ++i) {
        const QString &key = point.fields[i].first;
        ok = std::visit([&](const auto &v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, QString>)
                return w.field(QStringView(key), QStringView(v));
            else
                return w.field(QStringView(key), v);
        }, point.fields[i].second);
    }
    if (ok)
        ok = point.time ? w.end(*point.time) : w.end();
    if (!ok)
        *error = w.error();
    return ok;
}

Output serialize(const QList<Point> &points, const Options &options)
{
    Output result;
    LineWriter::reserve(result.lines, points.size() * 128);
    QString error;
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (append(result.lines, points[i], options, &error))
            ++result.points;
        else
            result.problems.append({i, error});
    }
    return result;
}

Output serialize(const Frame &frame, const Options &options)
{
    Output result;
    const QString measurement = options.measurement.isEmpty() ? frame.name() : options.measurement;
    if (measurement.isEmpty()) {
        result.problems.append({-1, u"the table has no measurement: give one in the write's options"_s});
        return result;
    }
    if (!frame.hasTime()) {
        result.problems.append({-1, u"the table has no time column"_s});
        return result;
    }
    // Tag columns in the server's order, then the constant tags (series tags and extra tags).
    struct TagColumn
    {
        QString key;
        const Column *column;
    };
    std::vector<TagColumn> tagColumns;
    for (const QString &name : options.tagColumns) {
        const Column *c = frame.column(name);
        if (!c) {
            result.problems.append({-1, u"tag column \"%1\" is not in the table"_s.arg(name)});
            return result;
        }
        tagColumns.push_back({name, c});
    }
    Tags constant;
    QString error;
    if (!mergedTags(frame.tags(), options.extraTags, constant, &error)) {
        result.problems.append({-1, error});
        return result;
    }
    for (const TagColumn &t : tagColumns)
        constant.removeIf([&](const auto &tag) { return tag.first == t.key; });
    std::sort(tagColumns.begin(), tagColumns.end(), [](const TagColumn &a, const TagColumn &b) { return utf8Less(a.key, b.key); });
    std::vector<TagSource> tags;
    for (const TagColumn &t : tagColumns)
        tags.push_back({t.key, t.column, {}});
    for (const auto &[k, v] : constant)
        tags.push_back({k, nullptr, v});
    std::sort(tags.begin(), tags.end(), [](const TagSource &a, const TagSource &b) { return utf8Less(a.key, b.key); });
    for (size_t i = 1; i < tags.size(); ++i) {
        if (tags[i].key == tags[i - 1].key) {
            result.problems.append({-1, u"tag key \"%1\" appears twice"_s.arg(tags[i].key)});
            return result;
        }
    }
    std::vector<const Column *> fields;
    for (qsizetype c = 0; c < frame.columnCount(); ++c) {
        const Column &column = frame.column(c);
        if (!options.tagColumns.contains(column.name()))
            fields.push_back(&column);
    }

    const qsizetype rows = frame.rowCount();
    // Names are checked and escaped once per table, not per row (the schema writers' fast path).
    std::string measurementBytes;
    bool namesOk = !prefixFor(LineWriter::Part::Measurement, measurement, "", measurementBytes);
    struct TagPlan
    {
        std::string prefix; // ",key="
        const std::vector<QString> *strings = nullptr; // string column
        const Column *column = nullptr; // other column types: formatted per cell
        const std::vector<std::uint8_t> *valid = nullptr;
        QString constant;
    };
    struct FieldPlan
    {
        std::string prefix; // "key="
        ColumnType type;
        const void *values;
        const std::vector<std::uint8_t> *valid;
    };
    std::vector<TagPlan> tagPlans;
    for (const TagSource &t : tags) {
        TagPlan plan;
        namesOk = namesOk && !prefixFor(LineWriter::Part::TagKey, t.key, ",", plan.prefix);
        plan.prefix += '=';
        if (!t.column)
            plan.constant = t.value;
        else if (t.column->type() == ColumnType::String)
            plan.strings = &t.column->values<QString>();
        else
            plan.column = t.column;
        if (t.column && !t.column->validity().empty())
            plan.valid = &t.column->validity();
        tagPlans.push_back(std::move(plan));
    }
    std::vector<FieldPlan> fieldPlans;
    for (const Column *c : fields) {
        FieldPlan plan{{}, c->type(), nullptr, c->validity().empty() ? nullptr : &c->validity()};
        namesOk = namesOk && !prefixFor(LineWriter::Part::FieldKey, c->name(), "", plan.prefix);
        plan.prefix += '=';
        std::visit([&](const auto &v) { plan.values = v.data(); }, c->storage());
        fieldPlans.push_back(std::move(plan));
    }
    if (!namesOk)
        return serializeChecked(frame, measurement, tags, fields, options, std::move(result));

    LineWriter::reserve(result.lines, rows * 128);
    LineWriter w(result.lines, options.precision, options.allowUnsigned);
    const std::vector<std::int64_t> &time = frame.time();
    QString text;
    for (qsizetype row = 0; row < rows; ++row) {
        const size_t r = size_t(row);
        w.begin();
        w.raw(measurementBytes);
        bool ok = true;
        for (size_t i = 0; ok && i < tagPlans.size(); ++i) {
            const TagPlan &t = tagPlans[i];
            if (t.valid && !(*t.valid)[r])
                continue;
            if (t.strings) {
                ok = w.tagValue(t.prefix, QStringView((*t.strings)[r]));
            } else if (t.column) {
                text = ResultWriter::formatCell(*t.column, row);
                ok = w.tagValue(t.prefix, QStringView(text));
            } else {
                ok = w.tagValue(t.prefix, QStringView(t.constant));
            }
        }
        for (size_t i = 0; ok && i < fieldPlans.size(); ++i) {
            const FieldPlan &f = fieldPlans[i];
            if (f.valid && !(*f.valid)[r])
                continue;
            switch (f.type) {
            case ColumnType::Float: ok = w.fieldValue(f.prefix, static_cast<const double *>(f.values)[r]); break;
            case ColumnType::Int: ok = w.fieldValue(f.prefix, static_cast<const std::int64_t *>(f.values)[r]); break;
            case ColumnType::UInt: {
                const std::uint64_t v = static_cast<const std::uint64_t *>(f.values)[r];
                // the checks and the suffix of LineWriter::field(key, uint64)
                ok = w.field(QStringView(fields[i]->name()), v);
                break;
            }
            case ColumnType::Bool: ok = w.fieldValue(f.prefix, bool(static_cast<const std::uint8_t *>(f.values)[r])); break;
            case ColumnType::String: ok = w.fieldValue(f.prefix, QStringView(static_cast<const QString *>(f.values)[r])); break;
            }
        }
        if (ok)
            ok = w.end(time[r]);
        if (ok)
            ++result.points;
        else
            result.problems.append({row, w.error()});
    }
    return result;
}

QString describeProblems(const QList<Problem> &problems, qsizetype total, const QString &what)
{
    QStringList parts;
    for (qsizetype i = 0; i < std::min<qsizetype>(problems.size(), 5); ++i) {
        const Problem &p = problems[i];
        parts << (p.index < 0 ? p.reason : u"%1 %2: %3"_s.arg(what).arg(p.index).arg(p.reason));
    }
    QString text = u"%1 of %2 %3s cannot be written: "_s.arg(problems.size()).arg(total).arg(what) + parts.join(u"; "_s);
    if (problems.size() > 5)
        text += u"; and %1 more"_s.arg(problems.size() - 5);
    return text;
}

} // namespace QInflux::LineProtocol
