#include "cachestructure_p.h"

#include "columncodec_p.h"
#include "columnformat_p.h"

#include <QtConcurrent/QtConcurrentMap>

#include <cstring>
#include <new>
#include <optional>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace QInflux::detail {

namespace {

class Encoder
{
public:
    std::vector<QByteArray> blocks{QByteArray()};
    ByteWriter structure;

    quint32 add(QByteArray data)
    {
        blocks.push_back(std::move(data));
        return quint32(blocks.size() - 1);
    }

    ColumnCode integers(const std::uint64_t *values, size_t n, quint8 type)
    {
        ColumnCode code{.type = type};
        if (n == 0)
            return code;
        if (hasConstantStep(values, n)) {
            code.encoding = Encoding::ConstantStep;
            code.first = qint64(values[0]);
            code.step = n > 1 ? qint64(values[1] - values[0]) : 0;
        } else {
            code.encoding = Encoding::Deltas;
            code.primary = add(encodeDeltas(values, n));
        }
        return code;
    }

    ColumnCode column(const Column &column)
    {
        const auto n = size_t(column.size());
        ColumnCode code{.type = quint8(column.type())};
        switch (column.type()) {
        case ColumnType::Float: {
            const auto &v = column.values<double>();
            if (n > 0) {
                QByteArray bytes(qsizetype(n * 8), Qt::Uninitialized);
                shuffleBytes(v.data(), n, 8, bytes.data());
                code.encoding = Encoding::Shuffled;
                code.primary = add(std::move(bytes));
            }
            break;
        }
        case ColumnType::Int:
            code = integers(reinterpret_cast<const std::uint64_t *>(column.values<std::int64_t>().data()), n, code.type);
            break;
        case ColumnType::UInt:
            code = integers(column.values<std::uint64_t>().data(), n, code.type);
            break;
        case ColumnType::Bool:
            if (n > 0) {
                code.encoding = Encoding::Bits;
                code.primary = add(packBits(column.values<std::uint8_t>().data(), n));
            }
            break;
        case ColumnType::String:
            if (n > 0) {
                EncodedStrings strings = encodeStrings(column.values<QString>());
                code.encoding = Encoding::Strings;
                code.indexWidth = quint8(strings.indexWidth);
                code.primary = add(std::move(strings.dictionary));
                if (strings.indexWidth > 0)
                    code.secondary = add(std::move(strings.indices));
            }
            break;
        }
        if (!column.validity().empty())
            code.validity = add(packBits(column.validity().data(), column.validity().size()));
        return code;
    }

    void error(const Error &e)
    {
        structure.put(quint8(e.kind()));
        structure.put(qint32(e.httpStatus()));
        structure.put(qint32(e.statementId()));
        structure.putString(e.message());
        structure.putString(e.detail());
    }

    void series(const Frame &frame)
    {
        ByteWriter &s = structure;
        s.putString(frame.name());
        s.put(quint32(frame.tags().size()));
        for (const auto &[k, v] : frame.tags()) {
            s.putString(k);
            s.putString(v);
        }
        s.put(quint64(frame.rowCount()));
        s.put(quint8(frame.hasTime()));
        if (frame.hasTime())
            putCode(s, integers(reinterpret_cast<const std::uint64_t *>(frame.time().data()), frame.time().size(), s_timeType));
        s.put(quint32(frame.columnCount()));
        for (qsizetype c = 0; c < frame.columnCount(); ++c) {
            s.putString(frame.column(c).name());
            putCode(s, column(frame.column(c)));
        }
    }
};

/// One series to assemble from decoded columns.
struct SeriesPlan
{
    QString name;
    Tags tags;
    bool hasTime = false;
    size_t timeJob = 0;
    std::vector<size_t> columnJobs;
};

struct StatementPlan
{
    StatementResult result; ///< everything but the series
    std::vector<SeriesPlan> series;
};

/// Decompresses block `id` into a vector of `expected` bytes (thread-local scratch memory).
std::optional<Error> getError(ByteReader &r)
{
    const auto kind = r.get<quint8>();
    const auto http = r.get<qint32>();
    const auto statementId = r.get<qint32>();
    QString message = r.getString();
    QString detail = r.getString();
    if (kind > quint8(Error::Kind::Usage))
        return std::nullopt;
    Error e(Error::Kind(kind), std::move(message), std::move(detail), http);
    e.setStatementId(statementId);
    return e;
}

/// Every block after the first used exactly once.
bool blocksUsedOnce(const std::vector<ColumnJob> &jobs, size_t blockCount)
{
    std::vector<int> uses(blockCount, 0);
    for (const ColumnJob &job : jobs) {
        for (quint32 id : {job.code.primary, job.code.secondary, job.code.validity}) {
            if (id == s_noBlock)
                continue;
            if (id == 0 || id >= blockCount || ++uses[id] > 1)
                return false;
        }
    }
    return std::count(uses.begin() + 1, uses.end(), 1) == std::ptrdiff_t(blockCount - 1);
}

Error structureError(const QString &what)
{
    return Error(Error::Kind::Parse, u"Damaged or foreign cache file: "_s + what);
}

} // namespace

std::vector<QByteArray> encodeStructure(const QueryResult &result)
{
    Encoder e;
    ByteWriter &s = e.structure;
    s.put(quint32(result.statements.size()));
    for (const StatementResult &statement : result.statements) {
        s.put(qint32(statement.statementId));
        s.put(quint8(statement.partial));
        s.put(quint8(statement.error.has_value()));
        if (statement.error)
            e.error(*statement.error);
        s.put(quint32(statement.messages.size()));
        for (const QString &message : statement.messages)
            s.putString(message);
        s.put(quint32(statement.series.size()));
        for (const Frame &frame : statement.series)
            e.series(frame);
    }
    e.blocks[0] = std::move(s.bytes());
    return std::move(e.blocks);
}

Result<QueryResult> decodeStructure(const std::vector<BlockRef> &blocks)
{
    QByteArray structure;
    QString error;
    if (blocks.empty() || blocks[0].rawSize > (quint64(1) << 32))
        return structureError(u"the structure block is missing or too large"_s);
    structure.resize(qsizetype(blocks[0].rawSize));
    if (!decompressBlock(blocks[0], structure.data(), &error))
        return structureError(error);
    ByteReader r(structure);
    std::vector<StatementPlan> statements;
    std::vector<ColumnJob> jobs;
    const auto statementCount = r.get<quint32>();
    for (quint32 i = 0; i < statementCount && !r.failed(); ++i) {
        StatementPlan &st = statements.emplace_back();
        st.result.statementId = r.get<qint32>();
        st.result.partial = r.get<quint8>() != 0;
        if (r.get<quint8>() != 0) {
            st.result.error = getError(r);
            if (!st.result.error)
                return structureError(u"unknown error kind in the structure near byte %1"_s.arg(r.position()));
        }
        const auto messageCount = r.get<quint32>();
        for (quint32 m = 0; m < messageCount && !r.failed(); ++m)
            st.result.messages << r.getString();
        const auto seriesCount = r.get<quint32>();
        for (quint32 f = 0; f < seriesCount && !r.failed(); ++f) {
            SeriesPlan &sp = st.series.emplace_back();
            sp.name = r.getString();
            const auto tagCount = r.get<quint32>();
            for (quint32 t = 0; t < tagCount && !r.failed(); ++t) {
                QString k = r.getString();
                sp.tags.append({k, r.getString()});
            }
            const auto rows = size_t(r.get<quint64>());
            sp.hasTime = r.get<quint8>() != 0;
            if (sp.hasTime) {
                sp.timeJob = jobs.size();
                jobs.push_back({.code = getCode(r), .rows = rows});
                if (jobs.back().code.type != s_timeType)
                    return structureError(u"a time column of another type near byte %1 of the structure"_s.arg(r.position()));
            }
            const auto columnCount = r.get<quint32>();
            for (quint32 c = 0; c < columnCount && !r.failed(); ++c) {
                QString name = r.getString();
                sp.columnJobs.push_back(jobs.size());
                jobs.push_back({.code = getCode(r), .rows = rows, .name = std::move(name)});
                if (jobs.back().code.type == s_timeType)
                    return structureError(u"a value column of type time near byte %1 of the structure"_s.arg(r.position()));
            }
        }
    }
    if (r.failed() || !r.atEnd())
        return structureError(u"the structure block ends unexpectedly at byte %1"_s.arg(r.position()));
    if (!blocksUsedOnce(jobs, blocks.size()))
        return structureError(u"the structure does not use every data block exactly once"_s);

    QtConcurrent::blockingMap(jobs, [&blocks](ColumnJob &job) {
        try {
            if (!decodeColumn(blocks, job) && job.error.isEmpty())
                job.error = u"column \"%1\" has an invalid encoding"_s.arg(job.name);
        } catch (const std::bad_alloc &) {
            job.error = u"column \"%1\" does not fit in memory"_s.arg(job.name);
        } catch (const std::length_error &) {
            job.error = u"column \"%1\" is too long"_s.arg(job.name);
        }
    });
    for (const ColumnJob &job : jobs) {
        if (!job.error.isEmpty())
            return structureError(job.error);
    }

    QueryResult result;
    for (StatementPlan &st : statements) {
        for (SeriesPlan &sp : st.series) {
            std::optional<std::vector<std::int64_t>> time;
            if (sp.hasTime)
                time = std::move(jobs[sp.timeJob].time);
            std::vector<Column> columns;
            columns.reserve(sp.columnJobs.size());
            for (size_t j : sp.columnJobs)
                columns.push_back(std::move(*jobs[j].column));
            st.result.series.append(Frame(std::move(sp.name), std::move(sp.tags), std::move(time), std::move(columns)));
        }
        result.statements.append(std::move(st.result));
    }
    return result;
}

} // namespace QInflux::detail
