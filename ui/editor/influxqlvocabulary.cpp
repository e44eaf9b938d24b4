#include "influxqlvocabulary.h"

#include <QInflux/influxql.h>

#include <QSet>

using namespace Qt::StringLiterals;

namespace QInflux::InfluxQLVocabulary {

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QSet<QString> lowerSet(const QStringList &words)
{
    QSet<QString> set;
    for (const QString &w : words)
        set.insert(w.toLower());
    return set;
}

} // namespace

const QStringList &keywords()
{
    // The InfluxQL 1.x keyword list (influxql/scanner tokens) plus the operators written as words.
    static const QStringList words = sorted({
        u"ALL"_s, u"ALTER"_s, u"ANALYZE"_s, u"AND"_s, u"ANY"_s, u"AS"_s, u"ASC"_s, u"BEGIN"_s, u"BY"_s,
        u"CARDINALITY"_s, u"CONTINUOUS"_s, u"CREATE"_s, u"DATABASE"_s, u"DATABASES"_s, u"DEFAULT"_s, u"DELETE"_s,
        u"DESC"_s, u"DESTINATIONS"_s, u"DIAGNOSTICS"_s, u"DISTINCT"_s, u"DROP"_s, u"DURATION"_s, u"END"_s,
        u"EVERY"_s, u"EXACT"_s, u"EXPLAIN"_s, u"FALSE"_s, u"FIELD"_s, u"FOR"_s, u"FROM"_s, u"GRANT"_s,
        u"GRANTS"_s, u"GROUP"_s, u"GROUPS"_s, u"IN"_s, u"INF"_s, u"INSERT"_s, u"INTO"_s, u"KEY"_s, u"KEYS"_s,
        u"KILL"_s, u"LIMIT"_s, u"MEASUREMENT"_s, u"MEASUREMENTS"_s, u"NAME"_s, u"OFFSET"_s, u"ON"_s, u"OR"_s,
        u"ORDER"_s, u"PASSWORD"_s, u"POLICIES"_s, u"POLICY"_s, u"PRIVILEGES"_s, u"QUERIES"_s, u"QUERY"_s,
        u"READ"_s, u"REPLICATION"_s, u"RESAMPLE"_s, u"RETENTION"_s, u"REVOKE"_s, u"SELECT"_s, u"SERIES"_s,
        u"SET"_s, u"SHARD"_s, u"SHARDS"_s, u"SHOW"_s, u"SLIMIT"_s, u"SOFFSET"_s, u"STATS"_s, u"SUBSCRIPTION"_s,
        u"SUBSCRIPTIONS"_s, u"TAG"_s, u"TO"_s, u"TRUE"_s, u"USER"_s, u"USERS"_s, u"VALUES"_s, u"WHERE"_s,
        u"WITH"_s, u"WRITE"_s,
    });
    return words;
}

const QStringList &functions()
{
    static const QStringList words = sorted({
        // aggregations
        u"count"_s, u"distinct"_s, u"integral"_s, u"mean"_s, u"median"_s, u"mode"_s, u"spread"_s, u"stddev"_s,
        u"sum"_s,
        // selectors
        u"bottom"_s, u"first"_s, u"last"_s, u"max"_s, u"min"_s, u"percentile"_s, u"sample"_s, u"top"_s,
        // transformations
        u"abs"_s, u"acos"_s, u"asin"_s, u"atan"_s, u"atan2"_s, u"ceil"_s, u"cos"_s, u"cumulative_sum"_s,
        u"derivative"_s, u"difference"_s, u"elapsed"_s, u"exp"_s, u"floor"_s, u"histogram"_s, u"ln"_s, u"log"_s,
        u"log2"_s, u"log10"_s, u"moving_average"_s, u"non_negative_derivative"_s, u"non_negative_difference"_s,
        u"pow"_s, u"round"_s, u"sin"_s, u"sqrt"_s, u"tan"_s,
        // predictors and technical analysis
        u"holt_winters"_s, u"holt_winters_with_fit"_s, u"chande_momentum_oscillator"_s,
        u"exponential_moving_average"_s, u"double_exponential_moving_average"_s, u"kaufmans_efficiency_ratio"_s,
        u"kaufmans_adaptive_moving_average"_s, u"triple_exponential_moving_average"_s,
        u"triple_exponential_derivative"_s, u"relative_strength_index"_s,
        // GROUP BY and WHERE helpers
        u"fill"_s, u"now"_s, u"time"_s,
    });
    return words;
}

bool isKeyword(QStringView word)
{
    static const QSet<QString> set = lowerSet(keywords());
    return set.contains(word.toString().toLower());
}

bool isFunction(QStringView word)
{
    static const QSet<QString> set = lowerSet(functions());
    return set.contains(word.toString().toLower());
}

bool needsQuoting(QStringView name)
{
    if (name.isEmpty())
        return true;
    const auto plain = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_'; };
    if (!plain(name.front()))
        return true;
    for (QChar c : name) {
        if (!plain(c) && !(c >= u'0' && c <= u'9'))
            return true;
    }
    return isKeyword(name);
}

QString identifier(QStringView name)
{
    return needsQuoting(name) ? InfluxQL::quoteIdentifier(name) : name.toString();
}

} // namespace QInflux::InfluxQLVocabulary
