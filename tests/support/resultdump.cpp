#include "resultdump.h"

#include <QInflux/queryresult.h>

#include <bit>

using namespace Qt::StringLiterals;

namespace QInflux {

QString dumpFrame(const Frame &frame)
{
    QString out = u"series "_s + frame.seriesKey() + u" rows="_s + QString::number(frame.rowCount());
    if (frame.hasTime()) {
        out += u"\n  time:"_s;
        for (std::int64_t t : frame.time())
            out += u' ' + QString::number(t);
    }
    for (qsizetype c = 0; c < frame.columnCount(); ++c) {
        const Column &col = frame.column(c);
        out += u"\n  "_s + col.name() + u" ("_s + columnTypeName(col.type()) + u"):"_s;
        for (qsizetype r = 0; r < col.size(); ++r) {
            out += u' ';
            if (col.isNull(r)) {
                out += u"null"_s;
                continue;
            }
            switch (col.type()) {
            case ColumnType::Float: {
                const double v = col.values<double>()[size_t(r)];
                out += QString::number(v, 'g', 17) + u"#"_s + QString::number(std::bit_cast<quint64>(v), 16);
                break;
            }
            case ColumnType::String: out += u'"' + col.values<QString>()[size_t(r)] + u'"'; break;
            default: out += col.value(r).toString(); break;
            }
        }
    }
    return out;
}

QString dumpResult(const QueryResult &result)
{
    QString out;
    for (const StatementResult &s : result.statements) {
        out += u"statement "_s + QString::number(s.statementId) + (s.partial ? u" partial"_s : QString());
        if (s.error)
            out += u" error: "_s + s.error->message();
        for (const QString &m : s.messages)
            out += u"\n message "_s + m;
        for (qsizetype i = 0; i < s.series.size(); ++i) {
            out += u"\n "_s + dumpFrame(s.series[i]);
            if (s.seriesPartial.value(i))
                out += u"\n  (partial)"_s;
        }
        out += u'\n';
    }
    return out;
}

} // namespace QInflux
