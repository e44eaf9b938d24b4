#include <QInflux/client.h>
#include <QInflux/querytemplate.h>
#include <QInflux/timerange.h>
#include <QInflux/wait.h>
#include "influxfixture.h"

#include <QTest>

#include <numeric>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {
constexpr qint64 s_second = 1'000'000'000LL;
constexpr qint64 s_minute = 60 * s_second;
constexpr qint64 s_day = 86400 * s_second;
} // namespace

// Expanded templates against a real influxd: points are written at known nanosecond times, and the
// server's count for the expanded $timeFilter must be the number of those times inside [from, to).
class TimeRangeTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;

    /// Writes `m v=<i>i <times[i]>` into a fresh database and returns its name.
    QString writePoints(const QString &name, const QList<qint64> &times)
    {
        const QString db = m_influx.freshDatabase(name);
        Client client(m_influx.settings(db));
        // Long shards: ten years of weekly shards (the default) make the write slow.
        const auto altered = blockOn(client.query(u"ALTER RETENTION POLICY autogen ON \"%1\" SHARD DURATION 5200w"_s.arg(db)));
        if (!altered || altered->statements.first().error)
            qFatal("cannot lengthen the shards");
        QByteArray lines;
        for (qsizetype i = 0; i < times.size(); ++i)
            lines += "m v=" + QByteArray::number(i) + "i " + QByteArray::number(times[i]) + '\n';
        const auto written = blockOn(client.write(lines));
        if (!written)
            qFatal("cannot write the points: %s", qPrintable(written.error().message()));
        return db;
    }

    /// The expanded `text` run on `db`: the value column of the first series (empty on error).
    QList<qint64> values(const QString &db, const QString &text, const TimeRange &range, int width = 1000)
    {
        QueryTemplate::Options options;
        options.pixelWidth = width;
        const auto statement = QueryTemplate(text).expand(range, options);
        if (!statement) {
            qWarning("%s", qPrintable(statement.error().message()));
            return {};
        }
        Client client(m_influx.settings(db));
        const auto result = blockOn(client.query(*statement));
        if (!result || result->statements.isEmpty() || result->statements.first().error) {
            qWarning("%s failed", qPrintable(*statement));
            return {};
        }
        QList<qint64> out;
        for (const Frame &frame : result->statements.first().series) {
            for (qsizetype row = 0; row < frame.rowCount(); ++row)
                out << frame.column(0).value(row).toLongLong();
        }
        return out;
    }

    static qint64 inside(const QList<qint64> &times, const TimeRange &range)
    {
        const auto r = range.resolve(0);
        return std::count_if(times.begin(), times.end(), [&](qint64 t) { return t >= r->from && t < r->to; });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_influx.start(), qPrintable(m_influx.error())); }

    // Berlin's day of 2026-10-25 has 25 hours (CEST -> CET at 03:00 local).
    void acrossDst()
    {
        QList<qint64> times;
        const qint64 start = TimeBound::parse(u"2026-10-24T18:00:00Z"_s)->ns;
        for (qint64 t = start; t < start + 2 * s_day; t += 30 * s_minute)
            times << t << t + 1 << t - 1; // and the nanoseconds either side
        const QString db = writePoints(u"dst"_s, times);
        const auto range = TimeRange::parse(u"2026-10-25T00:00:00"_s, u"2026-10-26T00:00:00"_s, QTimeZone("Europe/Berlin"));
        QVERIFY(range.ok());
        QCOMPARE(inside(times, *range), 25 * 2 * 3); // 25 hours of half-hour steps, 3 points each
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *range), QList<qint64>{25 * 2 * 3});
        // $from/$to are the same literals.
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE time >= $from AND time < $to"_s, *range),
                 QList<qint64>{25 * 2 * 3});
        // 25 h over 25 px: $interval is 1h, one bucket per hour.
        const QList<qint64> perHour = values(db, u"SELECT count(v) FROM m WHERE $timeFilter GROUP BY time($interval)"_s,
                                             *range, 25);
        QCOMPARE(perHour.size(), 25);
        QCOMPARE(std::accumulate(perHour.begin(), perHour.end(), 0LL), 150LL);
        // The local time that happens twice is its first occurrence (CEST): 02:30 to 02:30 CET is one hour.
        const auto twice = TimeRange::parse(u"2026-10-25T02:30:00"_s, u"2026-10-25T02:30:00+01:00"_s, QTimeZone("Europe/Berlin"));
        QVERIFY(twice.ok());
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *twice), QList<qint64>{2 * 3});
    }

    // A range of 750 ns across the epoch, every nanosecond a point; $interval is 1 ns.
    void subMicrosecond()
    {
        QList<qint64> times;
        for (qint64 t = -1000; t <= 1000; ++t)
            times << t;
        const QString db = writePoints(u"subus"_s, times);
        const auto range = TimeRange::parse(u"1969-12-31T23:59:59.99999975Z/1970-01-01T00:00:00.0000005Z"_s);
        QVERIFY(range.ok());
        QCOMPARE(range->from().ns, -250LL);
        QCOMPARE(range->to().ns, 500LL);
        QCOMPARE(inside(times, *range), 750);
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *range), QList<qint64>{750});
        const QList<qint64> buckets = values(db, u"SELECT count(v) FROM m WHERE $timeFilter GROUP BY time($interval)"_s, *range);
        QCOMPARE(buckets, QList<qint64>(750, 1));
        // Three nanoseconds.
        const auto three = TimeRange::parse(u"1970-01-01T00:00:00.000000007Z/1970-01-01T00:00:00.00000001Z"_s);
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *three), QList<qint64>{3});
    }

    // Ten years of daily points plus the nanoseconds at the edges.
    void tenYears()
    {
        const auto range = TimeRange::parse(u"2014-01-01T00:00:00Z/2024-01-01T00:00:00Z"_s);
        QVERIFY(range.ok());
        const qint64 from = range->from().ns;
        const qint64 to = range->to().ns;
        QList<qint64> times{from - 1, from, to - 1, to, to + 1};
        for (qint64 t = from - 100 * s_day + 12 * 3600 * s_second; t < to + 100 * s_day; t += s_day)
            times << t;
        const QString db = writePoints(u"tenyears"_s, times);
        QCOMPARE(inside(times, *range), 3652 + 2); // 3652 days (two leap years) and the two edge points inside
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *range), QList<qint64>{3654});
        // $interval at 1000 px: 7d buckets that add up to the same count.
        QueryTemplate::Options options;
        QCOMPARE(*QueryTemplate(u"$interval"_s).expand(*range, options), u"7d"_s);
        const QList<qint64> weeks = values(db, u"SELECT count(v) FROM m WHERE $timeFilter GROUP BY time($interval)"_s, *range);
        QVERIFY(weeks.size() >= 521 && weeks.size() <= 523);
        QCOMPARE(std::accumulate(weeks.begin(), weeks.end(), 0LL), 3654LL);
    }

    // A relative range resolves at the run: points 1 h, 30 min and 1 min ago, one in the future.
    void relative()
    {
        const qint64 now = TimeRange::currentNs();
        const QList<qint64> times{now - 61 * s_minute, now - 30 * s_minute, now - s_minute, now + 10 * s_minute};
        const QString db = writePoints(u"relative"_s, times);
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *TimeRange::parse(u"-1h/now"_s)), QList<qint64>{2});
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *TimeRange::parse(u"now-2h/now-15m"_s)),
                 QList<qint64>{2});
        QCOMPARE(values(db, u"SELECT count(v) FROM m WHERE $timeFilter"_s, *TimeRange::parse(u"-6h/now+1h"_s)),
                 QList<qint64>{4});
    }
};

QTEST_GUILESS_MAIN(TimeRangeTest)
#include "timerangetest.moc"
