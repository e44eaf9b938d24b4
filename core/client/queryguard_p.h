#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace QInflux {

/// Finds the SELECT statements that could return a whole measurement, and rewrites them with a
/// LIMIT. QueryRun asks (through its guardQuestion signal) before running such a statement when it
/// returns many rows.
///
/// The size check: the statement itself with `LIMIT 1 OFFSET <threshold>` (probe()). It answers
/// exactly "does this statement return more than threshold rows (in some series)?", respects the
/// statement's WHERE and GROUP BY, costs the server at most threshold rows of reading per series,
/// and transfers at most one row. SHOW SERIES CARDINALITY would count series, not rows.
class QueryGuard
{
public:
    /// A SELECT (not SELECT INTO) without LIMIT, OFFSET and without a condition on time in its
    /// WHERE clause, reading a measurement (not a subquery). Comments, strings and regexes are skipped.
    static bool isUnbounded(QStringView statement);
    /// `statement` with " LIMIT <limit>" (and " OFFSET <offset>" when >= 0) put where InfluxQL wants
    /// it: before SLIMIT, SOFFSET and tz(), else at the end (a trailing ';' is dropped).
    static QString withLimit(QStringView statement, qint64 limit, qint64 offset = -1);
    /// The size check for an unbounded statement: withLimit(statement, 1, threshold).
    static QString probe(QStringView statement, qint64 threshold) { return withLimit(statement, 1, threshold); }
};

} // namespace QInflux
