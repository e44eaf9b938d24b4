#include "csvframebuilder_p.h"

#include <string>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

// Hash lookups by string_view without building a std::string (C++20 heterogeneous lookup).
struct TransparentHash
{
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

constexpr size_t kMaxInterned = 65536;

QString quoted(std::string_view value)
{
    QString text = QString::fromUtf8(value.data(), qsizetype(std::min<size_t>(value.size(), 60)));
    return u'"' + text + (value.size() > 60 ? u"...\""_s : u"\""_s);
}

} // namespace

struct CsvFrameBuilder::ColumnPlan
{
    int source;      // index in the record
    QString name;
    CsvType type;    // String for tags
    bool tag;
};

struct CsvFrameBuilder::Group
{
    QString measurement;
    std::string measurementBytes;
    std::vector<std::int64_t> time;
    std::vector<qint64> lines;
    struct Builder
    {
        std::vector<double> floats;
        std::vector<std::int64_t> ints;
        std::vector<std::uint8_t> bools;
        std::vector<QString> strings;
        std::vector<std::uint8_t> valid;
        bool anyNull = false;
        // Tag values repeat: equal strings share one QString.
        std::unordered_map<std::string, QString, TransparentHash, std::equal_to<>> interned;
        std::string lastText;
        QString lastString;
    };
    std::vector<Builder> builders;
};

CsvFrameBuilder::CsvFrameBuilder(CsvSchema schema, const CsvImportProfile &profile, qsizetype columnCount)
    : m_schema(std::move(schema)), m_decimalComma(profile.decimalComma), m_precision(profile.precision),
      m_measurement(profile.measurement), m_columnCount(columnCount)
{
    const auto &columns = m_schema.columns();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const CsvSchema::Column &c = columns[i];
        if (c.role == CsvSchema::Role::Tag) {
            m_plan.push_back({int(i), c.name, CsvType::String, true});
            m_tagColumns.append(c.name);
        } else if (c.role == CsvSchema::Role::Field) {
            m_plan.push_back({int(i), c.name, c.type, false});
        }
    }
}

CsvFrameBuilder::~CsvFrameBuilder() = default;
CsvFrameBuilder::CsvFrameBuilder(CsvFrameBuilder &&) noexcept = default;

CsvFrameBuilder::Group &CsvFrameBuilder::groupFor(std::string_view measurement)
{
    if (m_lastGroup >= 0) {
        Group &last = *m_groups[size_t(m_lastGroup)];
        if (m_schema.measurementColumn() < 0 || last.measurementBytes == measurement)
            return last;
    }
    const QString name = m_schema.measurementColumn() < 0 ? m_measurement : QString::fromUtf8(measurement.data(), qsizetype(measurement.size()));
    for (size_t g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g]->measurementBytes == measurement) {
            m_lastGroup = qsizetype(g);
            return *m_groups[g];
        }
    }
    auto group = std::make_unique<Group>();
    group->measurement = name;
    group->measurementBytes = measurement;
    group->builders.resize(m_plan.size());
    m_groups.push_back(std::move(group));
    m_lastGroup = qsizetype(m_groups.size() - 1);
    return *m_groups.back();
}

bool CsvFrameBuilder::add(const CsvRecord &record, QString *reason)
{
    if (!record.problem.isEmpty()) {
        *reason = record.problem;
        return false;
    }
    if (qsizetype(record.fields.size()) != m_columnCount) {
        *reason = u"%1 fields, the header has %2"_s.arg(record.fields.size()).arg(m_columnCount);
        return false;
    }
    std::string_view measurement;
    if (m_schema.measurementColumn() >= 0) {
        measurement = CsvValue::trimmed(record.fields[size_t(m_schema.measurementColumn())]);
        if (measurement.empty()) {
            *reason = u"column %1: the measurement is empty"_s.arg(m_schema.columns()[m_schema.measurementColumn()].name);
            return false;
        }
    }
    Group &group = groupFor(measurement);
    if (!convert(group, record, reason)) {
        // Undo the cells already added for this row.
        const size_t n = group.lines.size();
        group.time.resize(n);
        for (Group::Builder &b : group.builders) {
            b.valid.resize(n);
            b.floats.resize(std::min(b.floats.size(), n));
            b.ints.resize(std::min(b.ints.size(), n));
            b.bools.resize(std::min(b.bools.size(), n));
            b.strings.resize(std::min(b.strings.size(), n));
        }
        return false;
    }
    group.lines.push_back(record.line);
    ++m_rows;
    return true;
}

bool CsvFrameBuilder::convert(Group &group, const CsvRecord &record, QString *reason)
{
    const QList<int> &timeColumns = m_schema.timeColumns();
    std::string_view timeText = record.fields[size_t(timeColumns.first())];
    if (timeColumns.size() == 2) {
        m_joined.assign(timeText);
        m_joined += ' ';
        m_joined += record.fields[size_t(timeColumns[1])];
        timeText = m_joined;
    }
    std::int64_t ns = 0;
    QString why;
    if (CsvValue::trimmed(timeText).empty()) {
        *reason = u"column %1: no time"_s.arg(m_schema.columns()[timeColumns.first()].name);
        return false;
    }
    if (!m_schema.timeParser().parse(timeText, &ns, &why)) {
        *reason = u"column %1: %2 %3"_s.arg(m_schema.columns()[timeColumns.first()].name, quoted(timeText), why);
        return false;
    }
    if (m_precision != TimeUnit::Nanoseconds && ns % nanosecondsPer(m_precision) != 0) {
        *reason = u"column %1: %2 is not a whole number of %3 (the precision)"_s.arg(m_schema.columns()[timeColumns.first()].name,
                                                                                     quoted(timeText), epochParameter(m_precision));
        return false;
    }
    group.time.push_back(ns);
    for (size_t c = 0; c < m_plan.size(); ++c) {
        const ColumnPlan &plan = m_plan[c];
        Group::Builder &b = group.builders[c];
        const std::string_view text = record.fields[size_t(plan.source)];
        if (text.empty()) {
            b.valid.push_back(0);
            b.anyNull = true;
            switch (plan.type) {
            case CsvType::Float: b.floats.push_back(0); break;
            case CsvType::Int: b.ints.push_back(0); break;
            case CsvType::Bool: b.bools.push_back(0); break;
            default: b.strings.emplace_back(); break;
            }
            continue;
        }
        bool ok = true;
        switch (plan.type) {
        case CsvType::Float: {
            double v = 0;
            ok = CsvValue::parseFloat(text, m_decimalComma, &v);
            b.floats.push_back(v);
            break;
        }
        case CsvType::Int: {
            std::int64_t v = 0;
            ok = CsvValue::parseInt(text, &v);
            b.ints.push_back(v);
            break;
        }
        case CsvType::Bool: {
            bool v = false;
            ok = CsvValue::parseBool(text, &v);
            b.bools.push_back(v);
            break;
        }
        default:
            if (plan.tag) {
                auto it = b.interned.find(text);
                if (it != b.interned.end()) {
                    b.strings.push_back(it->second);
                } else {
                    QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
                    if (b.interned.size() < kMaxInterned)
                        b.interned.emplace(std::string(text), s);
                    b.strings.push_back(std::move(s));
                }
            } else if (text == b.lastText) {
                b.strings.push_back(b.lastString);
            } else {
                b.lastText.assign(text);
                b.lastString = QString::fromUtf8(text.data(), qsizetype(text.size()));
                b.strings.push_back(b.lastString);
            }
            break;
        }
        if (!ok) {
            *reason = u"column %1: %2 is not %3"_s.arg(plan.name, quoted(text),
                                                      plan.type == CsvType::Int ? u"an int (a whole number within int64, no leading zeros)"_s
                                                      : plan.type == CsvType::Float ? (m_decimalComma ? u"a float with a decimal comma"_s : u"a finite float"_s)
                                                                                    : u"a bool (true/false, t/f)"_s);
            return false;
        }
        b.valid.push_back(1);
    }
    return true;
}

std::vector<CsvFrameBuilder::Table> CsvFrameBuilder::take()
{
    std::vector<Table> tables;
    for (auto &group : m_groups) {
        if (group->lines.empty())
            continue;
        std::vector<Column> columns;
        columns.reserve(m_plan.size());
        for (size_t c = 0; c < m_plan.size(); ++c) {
            Group::Builder &b = group->builders[c];
            std::vector<std::uint8_t> valid = b.anyNull ? std::move(b.valid) : std::vector<std::uint8_t>{};
            Column::Storage storage;
            switch (m_plan[c].type) {
            case CsvType::Float: storage = std::move(b.floats); break;
            case CsvType::Int: storage = std::move(b.ints); break;
            case CsvType::Bool: storage = std::move(b.bools); break;
            default: storage = std::move(b.strings); break;
            }
            columns.emplace_back(m_plan[c].name, std::move(storage), std::move(valid));
            b.floats = {};
            b.ints = {};
            b.bools = {};
            b.strings = {};
            b.valid.clear();
            b.anyNull = false;
        }
        const size_t rows = group->lines.size();
        tables.push_back({Frame(group->measurement, {}, std::move(group->time), std::move(columns)), std::move(group->lines)});
        // The next batch is likely as large: reserve once instead of growing (and copying) each vector.
        group->time = {};
        group->lines = {};
        group->time.reserve(rows);
        group->lines.reserve(rows);
        for (size_t c = 0; c < m_plan.size(); ++c) {
            Group::Builder &b = group->builders[c];
            b.valid.reserve(rows);
            switch (m_plan[c].type) {
            case CsvType::Float: b.floats.reserve(rows); break;
            case CsvType::Int: b.ints.reserve(rows); break;
            case CsvType::Bool: b.bools.reserve(rows); break;
            default: b.strings.reserve(rows); break;
            }
        }
    }
    // Measurements that come and go would otherwise pile up groups: keep at most a few hundred.
    if (m_groups.size() > 256) {
        m_groups.clear();
        m_lastGroup = -1;
    }
    m_rows = 0;
    return tables;
}

} // namespace QInflux
