#include <QInflux/querytemplate.h>
#include <QInflux/timerange.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {
constexpr qint64 s_second = 1'000'000'000LL;
constexpr qint64 s_hour = 3600 * s_second;
constexpr qint64 s_day = 24 * s_hour;
} // namespace

// TimeRange parsing and QueryTemplate expansion, without a server (tests/integration/timerangetest.cpp
// checks what the server selects with the expanded statements).
class QueryTemplateTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<bool>("relative");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("epoch") << u"1970-01-01T00:00:00Z"_s << u"UTC"_s << false << 0LL;
        QTest::newRow("1 ns") << u"1970-01-01T00:00:00.000000001Z"_s << u"UTC"_s << false << 1LL;
        QTest::newRow("before epoch") << u"1969-12-31T23:59:59.999999999Z"_s << u"UTC"_s << false << -1LL;
        QTest::newRow("3 digits") << u"2017-07-14T02:40:00.5Z"_s << u"UTC"_s << false << 1500000000500000000LL;
        QTest::newRow("9 digits") << u"2017-07-14T02:40:00.123456789Z"_s << u"UTC"_s << false << 1500000000123456789LL;
        QTest::newRow("offset") << u"2017-07-14T04:40:00+02:00"_s << u"UTC"_s << false << 1500000000000000000LL;
        QTest::newRow("negative offset") << u"2017-07-13T21:10:00.000000007-05:30"_s << u"UTC"_s << false
                                         << 1500000000000000007LL;
        QTest::newRow("space, no seconds") << u"2017-07-14 02:40"_s << u"UTC"_s << false << 1500000000000000000LL;
        QTest::newRow("leap day") << u"2024-02-29T00:00:00Z"_s << u"UTC"_s << false << 1709164800LL * s_second;
        QTest::newRow("max") << u"2262-04-11T23:47:16.854775806Z"_s << u"UTC"_s << false << TimeRange::maxTime;
        QTest::newRow("min") << u"1677-09-21T00:12:43.145224194Z"_s << u"UTC"_s << false << TimeRange::minTime;
        // Europe/Berlin: CEST (+2) until 2026-10-25 03:00 local, then CET (+1).
        QTest::newRow("berlin summer") << u"2026-10-24T12:00:00"_s << u"Europe/Berlin"_s << false
                                       << 1792836000LL * s_second;
        QTest::newRow("berlin winter") << u"2026-10-26T12:00:00"_s << u"Europe/Berlin"_s << false
                                       << (1792836000LL + 2 * 86400 + 3600) * s_second;
        QTest::newRow("berlin twice: first") << u"2026-10-25T02:30:00.000000001"_s << u"Europe/Berlin"_s << false
                                             << (1792888200LL) * s_second + 1; // 00:30Z
        QTest::newRow("offset wins over zone") << u"2026-10-25T02:30:00+01:00"_s << u"Europe/Berlin"_s << false
                                               << (1792888200LL + 3600) * s_second;
        QTest::newRow("now") << u"now"_s << u"UTC"_s << true << 0LL;
        QTest::newRow("-6h") << u"-6h"_s << u"UTC"_s << true << -6 * s_hour;
        QTest::newRow("-30d") << u"-30d"_s << u"UTC"_s << true << -30 * s_day;
        QTest::newRow("now-15m") << u"now-15m"_s << u"UTC"_s << true << -15 * 60 * s_second;
        QTest::newRow("now - 1h30m") << u"now - 1h30m"_s << u"UTC"_s << true << -90 * 60 * s_second;
        QTest::newRow("now+250ms") << u"NOW+250ms"_s << u"UTC"_s << true << 250'000'000LL;
        QTest::newRow("-10u") << u"-10u"_s << u"UTC"_s << true << -10'000LL;
        QTest::newRow("-3ns") << u"-3ns"_s << u"UTC"_s << true << -3LL;
    }

    void parseTimes()
    {
        QFETCH(QString, text);
        QFETCH(QString, zone);
        QFETCH(bool, relative);
        QFETCH(qint64, ns);
        const auto bound = TimeBound::parse(text, QTimeZone(zone.toUtf8()));
        QVERIFY2(bound.ok(), bound ? "" : qPrintable(bound.error().message()));
        QCOMPARE(bound->relative, relative);
        QCOMPARE(bound->ns, ns);
        // toString() reads back to the same bound.
        const auto again = TimeBound::parse(bound->toString());
        QVERIFY(again.ok());
        QCOMPARE(*again, *bound);
    }

    void badTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("message"); // a part of the error message
        QTest::newRow("empty") << u""_s << u"UTC"_s << u"empty"_s;
        QTest::newRow("month 13") << u"2026-13-01T00:00:00Z"_s << u"UTC"_s << u"month must be 01 to 12"_s;
        QTest::newRow("feb 30") << u"2026-02-30T00:00:00Z"_s << u"UTC"_s << u"day 30 does not exist in 2026-02"_s;
        QTest::newRow("not leap") << u"2100-02-29"_s << u"UTC"_s << u"day 29 does not exist"_s;
        QTest::newRow("10 digits") << u"2026-01-01T00:00:00.1234567891Z"_s << u"UTC"_s << u"more than 9 fraction digits"_s;
        QTest::newRow("no digits") << u"2026-01-01T00:00:00.Z"_s << u"UTC"_s << u"no digits after the decimal point"_s;
        QTest::newRow("hour 24") << u"2026-01-01T24:00:00Z"_s << u"UTC"_s << u"hour must be 00 to 23"_s;
        QTest::newRow("trailing") << u"2026-01-01T00:00:00Zx"_s << u"UTC"_s << u"unexpected \"x\" at position 21"_s;
        QTest::newRow("too late") << u"2262-04-11T23:47:16.854775807Z"_s << u"UTC"_s << u"outside the times"_s;
        QTest::newRow("year 1500") << u"1500-01-01T00:00:00Z"_s << u"UTC"_s << u"outside the times"_s;
        QTest::newRow("dst gap") << u"2026-03-29T02:30:00"_s << u"Europe/Berlin"_s << u"the clocks skip it"_s;
        QTest::newRow("unit") << u"-6x"_s << u"UTC"_s << u"expected a unit"_s;
        QTest::newRow("now 6h") << u"now6h"_s << u"UTC"_s << u"after \"now\" write - or +"_s;
        QTest::newRow("words") << u"yesterday"_s << u"UTC"_s << u"four-digit year"_s;
        QTest::newRow("overflow") << u"-300000000d"_s << u"UTC"_s << u"too long"_s;
    }

    void badTimes()
    {
        QFETCH(QString, text);
        QFETCH(QString, zone);
        QFETCH(QString, message);
        const auto bound = TimeBound::parse(text, QTimeZone(zone.toUtf8()));
        QVERIFY(!bound.ok());
        QVERIFY2(bound.error().message().contains(message), qPrintable(bound.error().message()));
        QCOMPARE(bound.error().kind(), Error::Kind::Usage);
    }

    void ranges()
    {
        const auto last6h = TimeRange::parse(u"-6h/now"_s);
        QVERIFY(last6h.ok());
        QCOMPARE(*last6h, TimeRange::last(6 * s_hour));
        QVERIFY(last6h->isRelative());
        QCOMPARE(last6h->lastDuration(), 6 * s_hour);
        QCOMPARE(last6h->toString(), u"now-6h/now"_s);
        const auto resolved = last6h->resolve(100 * s_hour);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved->from, 94 * s_hour);
        QCOMPARE(resolved->to, 100 * s_hour);

        const auto lone = TimeRange::parse(u"-30d"_s);
        QVERIFY(lone.ok());
        QCOMPARE(*lone, TimeRange::last(30 * s_day));

        const auto absolute = TimeRange::parse(u"2026-10-25T00:00:00/2026-10-26T00:00:00"_s, QTimeZone("Europe/Berlin"));
        QVERIFY(absolute.ok());
        QVERIFY(!absolute->isRelative());
        QCOMPARE(absolute->to().ns - absolute->from().ns, 25 * s_hour); // the day the clocks go back
        QCOMPARE(*TimeRange::parse(absolute->toString()), *absolute);

        const auto backwards = TimeRange::parse(u"now/-1h"_s);
        QVERIFY(!backwards.ok());
        QVERIFY2(backwards.error().message().contains(u"start (now = "_s), qPrintable(backwards.error().message()));
        const auto empty = TimeRange::parse(u"2026-01-01T00:00:00Z"_s, u"2026-01-01T00:00:00Z"_s);
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().message().contains(u"is not before its end"_s));
        const auto badEnd = TimeRange::parse(u"-1h/soon"_s);
        QVERIFY(!badEnd.ok());
        QVERIFY2(badEnd.error().message().startsWith(u"The range's end: \"soon\""_s), qPrintable(badEnd.error().message()));
        QVERIFY(!TimeRange::parse(u"-1h/now/now"_s).ok());
        // A relative end past what InfluxDB stores fails when resolved.
        QVERIFY(!TimeRange::last(s_hour).resolve(TimeRange::minTime).ok());
    }

    void durations()
    {
        QCOMPARE(Duration::toInfluxQL(s_hour), u"1h"_s);
        QCOMPARE(Duration::toInfluxQL(7 * s_day), u"7d"_s);
        QCOMPARE(Duration::toInfluxQL(90 * 60 * s_second), u"90m"_s);
        QCOMPARE(Duration::toInfluxQL(250'000'000), u"250ms"_s);
        QCOMPARE(Duration::toInfluxQL(10'000), u"10u"_s);
        QCOMPARE(Duration::toInfluxQL(1500), u"1500ns"_s);
        QCOMPARE(Duration::toInfluxQL(0), u"0s"_s);
        QCOMPARE(*Duration::parse(u"1h30m"_s), 90 * 60 * s_second);
        QCOMPARE(*Duration::parse(u"5µs"_s), 5000LL);
        QCOMPARE(*Duration::parse(u"2w"_s), 14 * s_day);
    }

    void interval_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("interval");
        QTest::newRow("1 ns span") << 1LL << 1000 << u"1ns"_s;
        QTest::newRow("never below 1 ns") << 10LL << 1000 << u"1ns"_s;
        QTest::newRow("zero width") << 10LL << 0 << u"10ns"_s;
        QTest::newRow("1001 ns") << 1001LL << 1000 << u"2ns"_s;
        QTest::newRow("1 ms") << 1'000'000LL << 1000 << u"1u"_s;
        QTest::newRow("3 ms") << 3'000'000LL << 1000 << u"5u"_s;
        QTest::newRow("1 s") << s_second << 1000 << u"1ms"_s;
        QTest::newRow("5m") << 300 * s_second << 1000 << u"500ms"_s;
        QTest::newRow("1h") << s_hour << 1000 << u"5s"_s;
        QTest::newRow("6h") << 6 * s_hour << 1000 << u"30s"_s;
        QTest::newRow("24h") << 24 * s_hour << 1000 << u"5m"_s;
        QTest::newRow("7d") << 7 * s_day << 1000 << u"15m"_s;
        QTest::newRow("30d") << 30 * s_day << 1000 << u"1h"_s;
        QTest::newRow("30d at 200 px") << 30 * s_day << 200 << u"6h"_s;
        QTest::newRow("10y") << 3650 * s_day << 1000 << u"7d"_s;
        QTest::newRow("10y at 10 px") << 3650 * s_day << 10 << u"365d"_s;
        QTest::newRow("10y at 1 px") << 3650 * s_day << 1 << u"3650d"_s;
        QTest::newRow("everything") << std::numeric_limits<qint64>::max() << 1 << u"73000d"_s;
    }

    void interval()
    {
        QFETCH(qint64, span);
        QFETCH(int, width);
        QFETCH(QString, interval);
        QCOMPARE(Duration::toInfluxQL(QueryTemplate::interval(span, width)), interval);
    }

    void expand_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expanded");
        const QString filter = u"time >= 1000000000000ns AND time < 4600000000000ns"_s;
        QTest::newRow("timeFilter") << u"SELECT * FROM m WHERE $timeFilter"_s << u"SELECT * FROM m WHERE "_s + filter;
        QTest::newRow("from to") << u"SELECT * FROM m WHERE time >= $from AND time <= $to"_s
                                 << u"SELECT * FROM m WHERE time >= 1000000000000ns AND time <= 4600000000000ns"_s;
        QTest::newRow("interval") << u"SELECT mean(v) FROM m WHERE $timeFilter GROUP BY time($interval) fill(none)"_s
                                  << u"SELECT mean(v) FROM m WHERE "_s + filter + u" GROUP BY time(5s) fill(none)"_s;
        QTest::newRow("twice, two statements") << u"SELECT * FROM a WHERE $timeFilter;SELECT * FROM b WHERE $timeFilter"_s
                                               << u"SELECT * FROM a WHERE "_s + filter + u";SELECT * FROM b WHERE "_s + filter;
        QTest::newRow("no macros") << u"SHOW DATABASES"_s << u"SHOW DATABASES"_s;
        QTest::newRow("in string") << u"SELECT * FROM m WHERE t = '$timeFilter' AND $timeFilter"_s
                                   << u"SELECT * FROM m WHERE t = '$timeFilter' AND "_s + filter;
        QTest::newRow("escaped quote in string") << u"SELECT * FROM m WHERE t = 'a\\'$x' AND $timeFilter"_s
                                                 << u"SELECT * FROM m WHERE t = 'a\\'$x' AND "_s + filter;
        QTest::newRow("in identifier") << u"SELECT \"$to\" FROM m WHERE $timeFilter"_s
                                       << u"SELECT \"$to\" FROM m WHERE "_s + filter;
        QTest::newRow("in regex") << u"SELECT * FROM m WHERE t =~ /^a$b/ AND $timeFilter"_s
                                  << u"SELECT * FROM m WHERE t =~ /^a$b/ AND "_s + filter;
        QTest::newRow("regex anchor") << u"SELECT * FROM m WHERE t !~/x$/ AND $timeFilter"_s
                                      << u"SELECT * FROM m WHERE t !~/x$/ AND "_s + filter;
        QTest::newRow("in comment") << u"-- $nothing here\nSELECT * FROM m WHERE $timeFilter"_s
                                    << u"-- $nothing here\nSELECT * FROM m WHERE "_s + filter;
        QTest::newRow("dollar alone") << u"SELECT * FROM m WHERE $timeFilter AND x = $"_s
                                      << u"SELECT * FROM m WHERE "_s + filter + u" AND x = $"_s;
    }

    void expand()
    {
        QFETCH(QString, text);
        QFETCH(QString, expanded);
        QueryTemplate::Options options;
        options.nowNs = 4600 * s_second;
        const auto result = QueryTemplate(text).expand(TimeRange::last(s_hour), options);
        QVERIFY2(result.ok(), result ? "" : qPrintable(result.error().message()));
        QCOMPARE(*result, expanded);
    }

    void expandErrors()
    {
        const QueryTemplate typo(u"SELECT *\nFROM m WHERE $timefilter"_s);
        const auto unknown = typo.expand(TimeRange::last(s_hour));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message(),
                 u"Unknown macro $timefilter at line 2, column 14; the macros are $timeFilter, $from, $to, $interval"_s);
        // A bind parameter the caller sends is left alone.
        QueryTemplate::Options options;
        options.parameters = {u"timefilter"_s};
        QCOMPARE(*typo.expand(TimeRange::last(s_hour), options), typo.text());

        const QueryTemplate ok(u"SELECT * FROM m WHERE $timeFilter"_s);
        const auto backwards = ok.expand(TimeRange(TimeBound::now(), TimeBound::fromNow(-s_hour)));
        QVERIFY(!backwards.ok());
        QVERIFY(backwards.error().message().contains(u"is not before its end"_s));
        // Without macros the range does not matter.
        QVERIFY(QueryTemplate(u"SHOW MEASUREMENTS"_s).expand(TimeRange(TimeBound::now(), TimeBound::now())).ok());
    }

    void macros()
    {
        const QueryTemplate text(u"SELECT mean(v) FROM m WHERE time >= $from AND $timeFilter AND time < $from "
                                 "GROUP BY time($interval) -- $to"_s);
        QCOMPARE(text.macros(), (QStringList{u"$from"_s, u"$timeFilter"_s, u"$interval"_s}));
        QVERIFY(!QueryTemplate(u"SHOW DATABASES"_s).usesMacros());
    }
};

QTEST_GUILESS_MAIN(QueryTemplateTest)
#include "querytemplatetest.moc"
