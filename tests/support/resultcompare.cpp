#include "resultcompare.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace {

template<typename T>
bool sameValues(const std::vector<T> &a, const std::vector<T> &b)
{
    if constexpr (std::is_same_v<T, double>)
        return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
    else
        return a == b;
}

QString frameDifference(const Frame &a, const Frame &b)
{
    if (a.name() != b.name() || a.tags() != b.tags())
        return u"series %1 vs %2"_s.arg(a.seriesKey(), b.seriesKey());
    if (a.hasTime() != b.hasTime() || a.time() != b.time())
        return u"time column of %1"_s.arg(a.seriesKey());
    if (a.rowCount() != b.rowCount() || a.columnCount() != b.columnCount())
        return u"shape of %1: %2x%3 vs %4x%5"_s.arg(a.seriesKey()).arg(a.rowCount()).arg(a.columnCount()).arg(b.rowCount()).arg(b.columnCount());
    for (qsizetype c = 0; c < a.columnCount(); ++c) {
        const Column &x = a.column(c);
        const Column &y = b.column(c);
        if (x.name() != y.name() || x.type() != y.type() || x.validity() != y.validity())
            return u"column %1 of %2 (name, type or nulls)"_s.arg(c).arg(a.seriesKey());
        const bool same = std::visit(
            [&](const auto &values) {
                using V = std::decay_t<decltype(values)>;
                return sameValues(values, std::get<V>(y.storage()));
            },
            x.storage());
        if (!same)
            return u"values of column %1 of %2"_s.arg(x.name(), a.seriesKey());
    }
    return {};
}

} // namespace

QString resultDifference(const QueryResult &a, const QueryResult &b)
{
    if (a.statements.size() != b.statements.size())
        return u"%1 vs %2 statements"_s.arg(a.statements.size()).arg(b.statements.size());
    for (qsizetype i = 0; i < a.statements.size(); ++i) {
        const StatementResult &x = a.statements[i];
        const StatementResult &y = b.statements[i];
        if (x.statementId != y.statementId || x.partial != y.partial || x.messages != y.messages)
            return u"statement %1: id, partial flag or messages"_s.arg(i);
        if (x.error.has_value() != y.error.has_value()
            || (x.error && (x.error->kind() != y.error->kind() || x.error->message() != y.error->message()
                            || x.error->detail() != y.error->detail() || x.error->httpStatus() != y.error->httpStatus()
                            || x.error->statementId() != y.error->statementId())))
            return u"statement %1: error"_s.arg(i);
        if (x.series.size() != y.series.size())
            return u"statement %1: %2 vs %3 series"_s.arg(i).arg(x.series.size()).arg(y.series.size());
        for (qsizetype s = 0; s < x.series.size(); ++s) {
            if (QString d = frameDifference(x.series[s], y.series[s]); !d.isEmpty())
                return u"statement %1: "_s.arg(i) + d;
        }
    }
    return {};
}

} // namespace QInflux::Test
