#include "frame.h"

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

} // namespace QInflux
