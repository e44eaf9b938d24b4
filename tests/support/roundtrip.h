#pragma once

#include <QInflux/point.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>

namespace QInflux {
class BlockingClient;
struct StatementResult;
} // namespace QInflux

namespace QInflux::Test {

/// One way the server's data differs from what was written, with a readable account of it.
struct Mismatch
{
    /// What the mismatch is attributed to.
    enum class Category {
        BackslashInName, // writer: backslash before , = space or " in a measurement or field key
        BatchContext,    // writer: a line stored alone makes the server mis-split a batch
        NegativeZero,    // client read path: the only problem is a -0.0 that came back as +0
        Other,
    };
    Category category;
    QString text;
};

/// A sentence describing the category, for test output.
QString categoryName(Mismatch::Category category);

/// Writes points through the client into one database, then reads each back with SELECT * (one
/// measurement per point) and compares every name and value bit for bit. A refused batch is split
/// in halves until the culprit is alone. Failures come back as mismatches, never as exceptions.
class RoundTrip
{
public:
    /// `client` must outlive this object. With `regexForUnquotable`, measurements containing CR or
    /// NUL (which InfluxQL cannot quote) are read with an exact regex instead of quoteIdentifier().
    RoundTrip(BlockingClient &client, QString database, bool regexForUnquotable);

    /// Writes `points` (`origins[i]` says how point i was made) and reads them back. `points` must
    /// stay alive during the call; each point needs its own measurement.
    QList<Mismatch> run(const QList<Point> &points, const QStringList &origins);

    /// Measurements and their field keys, as the server lists them (for small runs).
    QString describeDatabase();

private:
    const Point &point(qsizetype i) const { return (*m_points)[i]; }
    QString title(qsizetype i) const;
    bool writeRange(const QList<qsizetype> &indices);
    QString selectStatement(const QString &measurement) const;
    QList<StatementResult> select(const QStringList &statements);
    void readBack();

    BlockingClient &m_client;
    QString m_database;
    bool m_regex;
    const QList<Point> *m_points = nullptr;
    QStringList m_origins;
    QList<qsizetype> m_untimed;
    QSet<qsizetype> m_refused;
    QHash<qsizetype, std::pair<std::int64_t, std::int64_t>> m_windows;
    QList<Mismatch> m_mismatches;
};

} // namespace QInflux::Test
