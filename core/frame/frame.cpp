#include <QInflux/frame.h>

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace QInflux {

struct Frame::Data
{
    QString name;
    Tags tags;
    bool hasTime = false;
    std::vector<std::int64_t> time;
    std::vector<Column> columns;
    qsizetype rows = 0;
};

Frame::Frame() : d(std::make_shared<const Data>()) {}

Frame::Frame(QString name, Tags tags, std::optional<std::vector<std::int64_t>> time, std::vector<Column> columns)
{
    auto data = std::make_shared<Data>();
    data->name = std::move(name);
    data->tags = std::move(tags);
    std::sort(data->tags.begin(), data->tags.end());
    data->hasTime = time.has_value();
    if (time)
        data->time = std::move(*time);
    data->columns = std::move(columns);
    data->rows = data->hasTime ? qsizetype(data->time.size())
                               : (data->columns.empty() ? 0 : data->columns.front().size());
    for ([[maybe_unused]] const Column &c : data->columns)
        Q_ASSERT(c.size() == data->rows);
    d = std::move(data);
}

const QString &Frame::name() const { return d->name; }
const Tags &Frame::tags() const { return d->tags; }

QString Frame::seriesKey() const
{
    QString key = d->name;
    for (const auto &[k, v] : d->tags)
        key += u',' + k + u'=' + v;
    return key;
}

bool Frame::hasTime() const { return d->hasTime; }
const std::vector<std::int64_t> &Frame::time() const { return d->time; }
qsizetype Frame::rowCount() const { return d->rows; }
qsizetype Frame::columnCount() const { return qsizetype(d->columns.size()); }
const Column &Frame::column(qsizetype index) const { return d->columns.at(size_t(index)); }

const Column *Frame::column(QStringView name) const
{
    for (const Column &c : d->columns) {
        if (c.name() == name)
            return &c;
    }
    return nullptr;
}

QStringList Frame::columnNames() const
{
    QStringList names;
    names.reserve(columnCount() + 1);
    if (d->hasTime)
        names << u"time"_s;
    for (const Column &c : d->columns)
        names << c.name();
    return names;
}

qsizetype Frame::indexOf(QStringView name) const
{
    for (size_t i = 0; i < d->columns.size(); ++i) {
        if (d->columns[i].name() == name)
            return qsizetype(i);
    }
    return -1;
}

Frame Frame::slice(qsizetype offset, qsizetype length) const
{
    const qsizetype begin = std::clamp<qsizetype>(offset, 0, d->rows);
    const qsizetype end = std::clamp<qsizetype>(length < 0 ? d->rows : begin + length, begin, d->rows);
    if (begin == 0 && end == d->rows)
        return *this;
    std::optional<std::vector<std::int64_t>> time;
    if (d->hasTime)
        time.emplace(d->time.begin() + begin, d->time.begin() + end);
    std::vector<Column> columns;
    columns.reserve(d->columns.size());
    for (const Column &c : d->columns) {
        std::vector<std::uint8_t> valid;
        if (!c.validity().empty())
            valid.assign(c.validity().begin() + begin, c.validity().begin() + end);
        auto values = std::visit([&](const auto &v) -> Column::Storage {
            using V = std::decay_t<decltype(v)>;
            return V(v.begin() + begin, v.begin() + end);
        }, c.storage());
        columns.emplace_back(c.name(), std::move(values), std::move(valid));
    }
    return Frame(d->name, d->tags, std::move(time), std::move(columns));
}

namespace {

bool allNull(const Column &c)
{
    return c.size() > 0 && !c.validity().empty()
        && std::find(c.validity().begin(), c.validity().end(), std::uint8_t(1)) == c.validity().end();
}

// Appends `source` to `target` (of type `type`); Int values go into a Float target exactly as the
// server's decimal text would have parsed (int64 -> double rounds to nearest, like strtod).
void appendColumn(Column::Storage &target, std::vector<std::uint8_t> &valid, qsizetype rowsBefore,
                  const Column &source, ColumnType type)
{
    const size_t n = size_t(source.size());
    if (n == 0)
        return;
    if (!source.validity().empty() || !valid.empty()) {
        if (valid.empty())
            valid.assign(size_t(rowsBefore), 1);
        if (source.validity().empty())
            valid.insert(valid.end(), n, 1);
        else
            valid.insert(valid.end(), source.validity().begin(), source.validity().end());
    }
    if (allNull(source) && source.type() != type) {
        std::visit([&](auto &t) { t.resize(t.size() + n); }, target);
        return;
    }
    if (type == ColumnType::Float && source.type() == ColumnType::Int) {
        auto &t = std::get<std::vector<double>>(target);
        for (std::int64_t v : source.values<std::int64_t>())
            t.push_back(double(v));
        return;
    }
    std::visit([&](auto &t) {
        using V = std::decay_t<decltype(t)>;
        const auto &s = std::get<V>(source.storage());
        t.insert(t.end(), s.begin(), s.end());
    }, target);
}

Column::Storage emptyStorage(ColumnType type)
{
    switch (type) {
    case ColumnType::Float: return std::vector<double>();
    case ColumnType::Int: return std::vector<std::int64_t>();
    case ColumnType::UInt: return std::vector<std::uint64_t>();
    case ColumnType::Bool: return std::vector<std::uint8_t>();
    case ColumnType::String: return std::vector<QString>();
    }
    return {};
}

} // namespace

Result<Frame> Frame::concat(const QList<Frame> &parts)
{
    if (parts.isEmpty())
        return Frame();
    if (parts.size() == 1)
        return parts.front();
    const Frame &first = parts.front();
    const QStringList names = first.columnNames();
    for (qsizetype p = 1; p < parts.size(); ++p) {
        const Frame &part = parts[p];
        if (part.name() != first.name() || part.tags() != first.tags())
            return Error(Error::Kind::Usage, u"Frame::concat: part %1 is series \"%2\", not \"%3\""_s
                                                 .arg(p).arg(part.seriesKey(), first.seriesKey()));
        if (part.columnNames() != names)
            return Error(Error::Kind::Usage, u"Frame::concat: part %1 has columns (%2), not (%3)"_s
                                                 .arg(p).arg(part.columnNames().join(u", "), names.join(u", ")));
    }

    qsizetype rows = 0;
    for (const Frame &part : parts)
        rows += part.rowCount();
    std::optional<std::vector<std::int64_t>> time;
    if (first.hasTime()) {
        time.emplace();
        time->reserve(size_t(rows));
        for (const Frame &part : parts)
            time->insert(time->end(), part.time().begin(), part.time().end());
    }

    std::vector<Column> columns;
    columns.reserve(size_t(first.columnCount()));
    for (qsizetype c = 0; c < first.columnCount(); ++c) {
        // The type of the column over every part: all-null parts do not count, Int widens to Float.
        std::optional<ColumnType> type;
        for (const Frame &part : parts) {
            const Column &col = part.column(c);
            if (allNull(col) || col.size() == 0)
                continue;
            if (!type || *type == col.type())
                type = col.type();
            else if ((*type == ColumnType::Int && col.type() == ColumnType::Float)
                     || (*type == ColumnType::Float && col.type() == ColumnType::Int))
                type = ColumnType::Float;
            else
                return Error(Error::Kind::Parse, u"Column \"%1\" of series \"%2\" is %3 in one chunk and %4 in another"_s
                                                     .arg(col.name(), first.seriesKey(), columnTypeName(*type),
                                                          columnTypeName(col.type())));
        }
        const ColumnType target = type.value_or(first.column(c).type());
        Column::Storage values = emptyStorage(target);
        std::visit([&](auto &v) { v.reserve(size_t(rows)); }, values);
        std::vector<std::uint8_t> valid;
        qsizetype before = 0;
        for (const Frame &part : parts) {
            appendColumn(values, valid, before, part.column(c), target);
            before += part.rowCount();
        }
        columns.emplace_back(first.column(c).name(), std::move(values), std::move(valid));
    }
    return Frame(first.name(), first.tags(), std::move(time), std::move(columns));
}

} // namespace QInflux
