#include "framebuilder_p.h"

#include <algorithm>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace QInflux {

// Open addressing on qHash of the bytes; stops taking new values when full.
class FrameBuilder::StringTable
{
public:
    const QString *intern(QByteArrayView utf8)
    {
        if (utf8.size() > MaxLength)
            return nullptr;
        const size_t hash = qHash(utf8);
        while (true) {
            const size_t mask = m_slots.size() - 1;
            for (size_t i = hash & mask;; i = (i + 1) & mask) {
                Slot &slot = m_slots[i];
                if (slot.used) {
                    if (slot.hash == hash && QByteArrayView(slot.bytes) == utf8)
                        return &slot.text;
                    continue;
                }
                if (m_count >= MaxEntries)
                    return nullptr;
                if ((m_count + 1) * 2 > m_slots.size())
                    break; // grow, then look again
                slot.used = true;
                slot.hash = hash;
                slot.bytes = utf8.toByteArray();
                slot.text = QString::fromUtf8(utf8);
                ++m_count;
                return &slot.text;
            }
            std::vector<Slot> old(m_slots.size() * 2);
            old.swap(m_slots);
            for (Slot &s : old) {
                if (!s.used)
                    continue;
                const size_t mask2 = m_slots.size() - 1;
                size_t i = s.hash & mask2;
                while (m_slots[i].used)
                    i = (i + 1) & mask2;
                m_slots[i] = std::move(s);
            }
        }
    }

private:
    static constexpr qsizetype MaxLength = 256;
    static constexpr size_t MaxEntries = 4096;
    struct Slot
    {
        bool used = false;
        size_t hash = 0;
        QByteArray bytes;
        QString text;
    };
    std::vector<Slot> m_slots = std::vector<Slot>(64);
    size_t m_count = 0;
};

namespace {

// Large columns are written once, front to back: on Linux ask for transparent huge pages, so that
// filling 100 MB costs 50 page faults instead of 25,000 (where THP is "madvise"; harmless elsewhere).
template<typename T>
void adviseHugePages(const std::vector<T> &v)
{
#ifdef __linux__
    constexpr std::uintptr_t huge = 2u << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(v.data());
    const std::uintptr_t end = begin + v.capacity() * sizeof(T);
    const std::uintptr_t first = (begin + huge - 1) & ~(huge - 1);
    if (end > first + huge)
        madvise(reinterpret_cast<void *>(first), (end - first) & ~(huge - 1), MADV_HUGEPAGE);
#else
    Q_UNUSED(v);
#endif
}

template<typename T>
void reserveColumn(std::vector<T> &v, size_t rows)
{
    if (rows <= v.capacity())
        return;
    v.reserve(rows);
    if (rows * sizeof(T) >= (8u << 20))
        adviseHugePages(v);
}

} // namespace

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
        reserveColumn(m_time, size_t(rows));
    for (Col &c : m_columns) {
        c.reserved = size_t(rows);
        if (!c.typed)
            continue;
        switch (c.type) {
        case ColumnType::Float: reserveColumn(c.f, c.reserved); break;
        case ColumnType::Int: reserveColumn(c.i, c.reserved); break;
        case ColumnType::UInt: reserveColumn(c.u, c.reserved); break;
        case ColumnType::Bool: reserveColumn(c.b, c.reserved); break;
        case ColumnType::String: reserveColumn(c.s, c.reserved); break;
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
    case ColumnType::Float: reserveColumn(c.f, cap); c.f.resize(n); break;
    case ColumnType::Int: reserveColumn(c.i, cap); c.i.resize(n); break;
    case ColumnType::UInt: reserveColumn(c.u, cap); c.u.resize(n); break;
    case ColumnType::Bool: reserveColumn(c.b, cap); c.b.resize(n); break;
    case ColumnType::String: reserveColumn(c.s, cap); c.s.resize(n); break;
    }
    return true;
}

// A value of type `incoming` arrives in a column typed otherwise. Only Int -> Float widens.
bool FrameBuilder::widen(Col &c, ColumnType incoming)
{
    if (!c.typed)
        return typeColumn(c, incoming);
    if (c.type == ColumnType::Int && incoming == ColumnType::Float) {
        reserveColumn(c.f, std::max(c.reserved, c.size + 1));
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
        reserveColumn(c.valid, std::max(c.reserved, c.size + 1));
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

bool FrameBuilder::appendFloatSlow(Col &c, double value)
{
    if (!widen(c, ColumnType::Float))
        return false;
    c.f.push_back(value);
    markValid(c);
    return true;
}

bool FrameBuilder::appendIntSlow(Col &c, std::int64_t value)
{
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
    if (!c.strings)
        c.strings = std::make_unique<StringTable>();
    if (const QString *shared = c.strings->intern(utf8))
        c.s.push_back(*shared);
    else
        c.s.push_back(QString::fromUtf8(utf8));
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
        c.strings.reset();
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
