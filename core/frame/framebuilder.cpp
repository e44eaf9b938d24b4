#include "framebuilder.h"

#include <algorithm>

namespace QInflux {

FrameBuilder::FrameBuilder(QString name, Tags tags, QStringList columns, bool hasTime)
    : m_name(std::move(name)), m_tags(std::move(tags)), m_hasTime(hasTime)
{
    m_columns.resize(size_t(columns.size()));
    for (qsizetype c = 0; c < columns.size(); ++c)
        m_columns[size_t(c)].name = columns[c];
}

FrameBuilder::FrameBuilder(FrameBuilder &&) noexcept = default;
FrameBuilder &FrameBuilder::operator=(FrameBuilder &&) noexcept = default;
FrameBuilder::~FrameBuilder() = default;

void FrameBuilder::setColumnType(qsizetype column, ColumnType type)
{
    Col &c = m_columns[size_t(column)];
    c.hint = type;
    if (type == ColumnType::Float && c.size == 0)
        typeColumn(c, ColumnType::Float);
}

void FrameBuilder::reserve(qsizetype rows)
{
    if (m_hasTime)
        m_time.reserve(size_t(rows));
    for (Col &c : m_columns) {
        c.reserved = size_t(rows);
        if (!c.typed)
            continue;
        switch (c.type) {
        case ColumnType::Float: c.f.reserve(c.reserved); break;
        case ColumnType::Int: c.i.reserve(c.reserved); break;
        case ColumnType::UInt: c.u.reserve(c.reserved); break;
        case ColumnType::Bool: c.b.reserve(c.reserved); break;
        case ColumnType::String: c.s.reserve(c.reserved); break;
        }
    }
}

std::optional<ColumnType> FrameBuilder::columnType(qsizetype column) const
{
    const Col &c = m_columns[size_t(column)];
    return c.typed ? std::optional(c.type) : std::nullopt;
}

// First non-null value: the leading nulls become default values masked out.
bool FrameBuilder::typeColumn(Col &c, ColumnType type)
{
    c.type = type;
    c.typed = true;
    const size_t n = c.size;
    const size_t cap = std::max(c.reserved, n + 1);
    switch (type) {
    case ColumnType::Float: c.f.reserve(cap); c.f.resize(n); break;
    case ColumnType::Int: c.i.reserve(cap); c.i.resize(n); break;
    case ColumnType::UInt: c.u.reserve(cap); c.u.resize(n); break;
    case ColumnType::Bool: c.b.reserve(cap); c.b.resize(n); break;
    case ColumnType::String: c.s.reserve(cap); c.s.resize(n); break;
    }
    return true;
}

// A value of type `incoming` arrives in a column typed otherwise. Only Int -> Float widens.
bool FrameBuilder::widen(Col &c, ColumnType incoming)
{
    if (!c.typed)
        return typeColumn(c, incoming);
    if (c.type == ColumnType::Int && incoming == ColumnType::Float) {
        c.f.reserve(std::max(c.reserved, c.size + 1));
        c.f.assign(c.i.begin(), c.i.end());
        std::vector<std::int64_t>().swap(c.i);
        c.type = ColumnType::Float;
        return true;
    }
    return false;
}

void FrameBuilder::appendNull(qsizetype column)
{
    Col &c = m_columns[size_t(column)];
    if (c.valid.empty()) {
        c.valid.reserve(std::max(c.reserved, c.size + 1));
        c.valid.assign(c.size, 1);
    }
    c.valid.push_back(0);
    ++c.size;
    if (!c.typed)
        return;
    switch (c.type) {
    case ColumnType::Float: c.f.push_back(0.0); break;
    case ColumnType::Int: c.i.push_back(0); break;
    case ColumnType::UInt: c.u.push_back(0); break;
    case ColumnType::Bool: c.b.push_back(0); break;
    case ColumnType::String: c.s.emplace_back(); break;
    }
}

bool FrameBuilder::appendFloat(qsizetype column, double value)
{
    Col &c = m_columns[size_t(column)];
    if (c.type != ColumnType::Float || !c.typed) [[unlikely]] {
        if (!widen(c, ColumnType::Float))
            return false;
    }
    c.f.push_back(value);
    markValid(c);
    return true;
}

bool FrameBuilder::appendInt(qsizetype column, std::int64_t value)
{
    Col &c = m_columns[size_t(column)];
    if (c.typed && c.type == ColumnType::Float) {
        c.f.push_back(double(value));
    } else {
        if (!c.typed)
            typeColumn(c, ColumnType::Int);
        else if (c.type != ColumnType::Int)
            return false;
        c.i.push_back(value);
    }
    markValid(c);
    return true;
}

bool FrameBuilder::appendUInt(qsizetype column, std::uint64_t value)
{
    Col &c = m_columns[size_t(column)];
    if (!c.typed)
        typeColumn(c, ColumnType::UInt);
    else if (c.type != ColumnType::UInt)
        return false;
    c.u.push_back(value);
    markValid(c);
    return true;
}

bool FrameBuilder::appendBool(qsizetype column, bool value)
{
    Col &c = m_columns[size_t(column)];
    if (!c.typed)
        typeColumn(c, ColumnType::Bool);
    else if (c.type != ColumnType::Bool)
        return false;
    c.b.push_back(value ? 1 : 0);
    markValid(c);
    return true;
}

bool FrameBuilder::appendString(qsizetype column, QByteArrayView utf8)
{
    Col &c = m_columns[size_t(column)];
    if (!c.typed)
        typeColumn(c, ColumnType::String);
    else if (c.type != ColumnType::String)
        return false;
    if (!c.s.empty() && !c.lastUtf8.isNull() && QByteArrayView(c.lastUtf8) == utf8) {
        c.s.push_back(c.s[c.lastIndex]);
    } else {
        c.s.push_back(QString::fromUtf8(utf8));
        c.lastUtf8 = utf8.toByteArray();
        c.lastIndex = c.s.size() - 1;
    }
    markValid(c);
    return true;
}

bool FrameBuilder::timeIsAllZero() const
{
    return m_hasTime && std::all_of(m_time.begin(), m_time.end(), [](std::int64_t t) { return t == 0; });
}

Frame FrameBuilder::build(bool keepTime)
{
    std::vector<Column> columns;
    columns.reserve(m_columns.size());
    for (Col &c : m_columns) {
        Q_ASSERT(c.size == m_rows);
        if (!c.typed)
            typeColumn(c, c.hint.value_or(ColumnType::Float));
        Column::Storage values;
        switch (c.type) {
        case ColumnType::Float: values = std::move(c.f); break;
        case ColumnType::Int: values = std::move(c.i); break;
        case ColumnType::UInt: values = std::move(c.u); break;
        case ColumnType::Bool: values = std::move(c.b); break;
        case ColumnType::String: values = std::move(c.s); break;
        }
        columns.emplace_back(std::move(c.name), std::move(values), std::move(c.valid));
    }
    std::optional<std::vector<std::int64_t>> time;
    if (m_hasTime && keepTime)
        time = std::move(m_time);
    Frame frame(std::move(m_name), std::move(m_tags), std::move(time), std::move(columns));
    m_columns.clear();
    m_time.clear();
    m_rows = 0;
    return frame;
}

} // namespace QInflux
