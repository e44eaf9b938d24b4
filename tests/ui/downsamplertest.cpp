#include "chart/downsampler.h"
#include "chart/timeticks.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace QInflux;

__extension__ typedef __int128 Int128;

class DownsamplerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spikeAmongTenMillionPoints()
    {
        constexpr qsizetype n = 10'000'000;
        std::vector<std::int64_t> time(n);
        std::iota(time.begin(), time.end(), std::int64_t(1'767'571'200'000'000'000));
        std::vector<double> values(n);
        for (qsizetype i = 0; i < n; ++i)
            values[size_t(i)] = std::sin(double(i) * 1e-4);
        const qsizetype spike = 7'654'321;
        values[size_t(spike)] = 1000.0;
        const Downsampler downsampler(time, values);

        for (int pixels : {1, 800, 1920}) {
            const Downsampler::Result r = downsampler.downsample(time.front(), time.back(), pixels);
            QCOMPARE(r.rowsInRange, n);
            QVERIFY2(qsizetype(r.rows.size()) <= Downsampler::maxPointsPerPixel * pixels + 2,
                     qPrintable(u"%1 points for %2 pixels"_s.arg(r.rows.size()).arg(pixels)));
            QVERIFY(std::is_sorted(r.rows.begin(), r.rows.end()));
            QVERIFY(std::find(r.rows.begin(), r.rows.end(), spike) != r.rows.end());
            // The drawn extent is the data's extent: the lowest value is there too.
            double lo = 1e9;
            for (qsizetype row : r.rows)
                lo = std::min(lo, values[size_t(row)]);
            QCOMPARE(lo, *std::min_element(values.begin(), values.end()));
            QCOMPARE(r.runStarts, std::vector<qsizetype>{0});
        }
        // Zoomed in around the spike: it is still there, with the rows next to it.
        const Downsampler::Result zoomed = downsampler.downsample(time[spike - 50], time[spike + 50], 1000);
        QCOMPARE(zoomed.rowsInRange, 101);
        QCOMPARE(qsizetype(zoomed.rows.size()), 103); // every row, and one on each side of the range
        QCOMPARE(zoomed.rows.front(), spike - 51);
        QCOMPARE(zoomed.rows.back(), spike + 51);
        QVERIFY(std::find(zoomed.rows.begin(), zoomed.rows.end(), spike) != zoomed.rows.end());
    }

    void keepsFirstMinMaxLastPerPixelInTimeOrder()
    {
        const std::vector<std::int64_t> time{0, 1, 2, 3, 4, 5, 6, 7};
        const std::vector<double> values{5, 9, 1, 4, 3, 8, 0, 2};
        const Downsampler downsampler(time, values);
        // Two pixel columns: rows 0-3 and 4-7.
        const Downsampler::Result r = downsampler.downsample(0, 7, 2);
        QCOMPARE(r.rows, (std::vector<qsizetype>{0, 1, 2, 3, 4, 5, 6, 7}));
        const Downsampler::Result one = downsampler.downsample(0, 7, 1);
        QCOMPARE(one.rows, (std::vector<qsizetype>{0, 1, 6, 7})); // first, max 9, min 0, last
    }

    void nullsBreakTheLine()
    {
        // Rows 3 and 4 are null: zoomed in (a pixel per row) the line breaks there, and null rows
        // are never drawn (not as 0, not at all).
        const std::vector<std::int64_t> time{0, 10, 20, 30, 40, 50, 60};
        const std::vector<double> values{1, 2, 3, 0, 0, 6, 7};
        const std::vector<std::uint8_t> valid{1, 1, 1, 0, 0, 1, 1};
        const Downsampler downsampler(time, values, valid);
        const Downsampler::Result r = downsampler.downsample(0, 60, 600);
        QCOMPARE(r.rows, (std::vector<qsizetype>{0, 1, 2, 5, 6}));
        QCOMPARE(r.runStarts, (std::vector<qsizetype>{0, 3}));
        // Nulls closer together than a pixel do not split the line into dots.
        const Downsampler::Result coarse = downsampler.downsample(0, 60, 2);
        QCOMPARE(coarse.runStarts, std::vector<qsizetype>{0});
        QVERIFY(std::find(coarse.rows.begin(), coarse.rows.end(), 3) == coarse.rows.end());
        // A null next to the visible range: the line does not reach that edge.
        const Downsampler::Result edge = downsampler.downsample(41, 60, 100);
        QCOMPARE(edge.rows, (std::vector<qsizetype>{5, 6}));
    }

    void blockSummariesMatchARowByRowScan()
    {
        // Random values with ties and nulls, random ranges: the same rows as scanning every row.
        std::uint64_t state = 7;
        auto next = [&] {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            return state >> 33;
        };
        const qsizetype n = 50'000;
        std::vector<std::int64_t> time(static_cast<size_t>(n));
        std::vector<double> values(static_cast<size_t>(n));
        std::vector<std::uint8_t> valid(static_cast<size_t>(n));
        std::int64_t t = -1'000'000;
        for (qsizetype i = 0; i < n; ++i) {
            t += std::int64_t(next() % 3); // repeated times too
            time[size_t(i)] = t;
            values[size_t(i)] = double(next() % 50);
            valid[size_t(i)] = next() % 10 != 0 ? 1 : 0;
        }
        const Downsampler downsampler(time, values, valid);
        for (int round = 0; round < 200; ++round) {
            std::int64_t from = time.front() + std::int64_t(next() % std::uint64_t(t - time.front()));
            std::int64_t to = time.front() + std::int64_t(next() % std::uint64_t(t - time.front()));
            if (from > to)
                std::swap(from, to);
            const int pixels = 1 + int(next() % 700);
            const Downsampler::Result r = downsampler.downsample(from, to, pixels);
            // Reference: every row of each pixel column, first/min/max/last, earliest row on ties.
            std::vector<qsizetype> expected;
            if (to > from) {
                const auto inBucket = [&](std::int64_t at) { return int(Int128(at - from) * pixels / (to - from)); };
                const qsizetype begin = downsampler.lowerBound(from);
                qsizetype end = begin;
                while (end < n && time[size_t(end)] <= to)
                    ++end;
                if (begin > 0 && valid[size_t(begin - 1)])
                    expected.push_back(begin - 1);
                for (qsizetype row = begin; row < end;) {
                    const int bucket = std::min(pixels - 1, inBucket(time[size_t(row)]));
                    qsizetype first = -1, last = -1, lo = -1, hi = -1;
                    for (; row < end && std::min(pixels - 1, inBucket(time[size_t(row)])) == bucket; ++row) {
                        if (!valid[size_t(row)])
                            continue;
                        if (first < 0)
                            first = lo = hi = row;
                        if (values[size_t(row)] < values[size_t(lo)])
                            lo = row;
                        if (values[size_t(row)] > values[size_t(hi)])
                            hi = row;
                        last = row;
                    }
                    if (first < 0)
                        continue;
                    std::vector<qsizetype> rows{first, lo, hi, last};
                    std::sort(rows.begin(), rows.end());
                    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
                    expected.insert(expected.end(), rows.begin(), rows.end());
                }
                if (end < n && valid[size_t(end)])
                    expected.push_back(end);
            }
            QCOMPARE(r.rows, expected);
        }
    }

    void emptyAndDegenerate()
    {
        const std::vector<std::int64_t> time{5};
        const std::vector<double> values{1};
        const Downsampler downsampler(time, values);
        QVERIFY(downsampler.downsample(10, 10, 100).rows.empty());
        QVERIFY(downsampler.downsample(0, 10, 0).rows.empty());
        QCOMPARE(downsampler.downsample(0, 10, 100).rows, std::vector<qsizetype>{0});
        QCOMPARE(downsampler.downsample(6, 10, 100).rows, std::vector<qsizetype>{0}); // the edge row
        const Downsampler none({}, {});
        QVERIFY(none.downsample(0, 10, 100).rows.empty());
    }

    void timeTickLabels_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<QString>("firstLabel");
        const qint64 start = 1'767'571'200'000'000'000; // 2026-01-05T00:00:00Z
        QTest::newRow("days") << start << start + 3 * 86'400'000'000'000 << u"01-05 00:00"_s;
        QTest::newRow("weeks") << start << start + 60 * 86'400'000'000'000 << u"2026-01-15"_s; // multiples of 14 days since 1970-01-01
        QTest::newRow("ms") << start + 1'000'000 << start + 9'000'000 << u"00:00:00.001"_s;
        QTest::newRow("us") << start + 1'500 << start + 9'000 << u"00:00:00.000002"_s;
        QTest::newRow("ns") << start + 3 << start + 40 << u"00:00:00.000000005"_s;
        QTest::newRow("before 1970") << qint64(-1'500'000'000) << qint64(-1'000'000'000) << u"23:59:58.500"_s;
    }

    void timeTickLabels()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(QString, firstLabel);
        const QList<TimeTicks::Tick> ticks = TimeTicks::ticks(from, to, 8);
        QVERIFY(ticks.size() >= 2);
        QVERIFY(ticks.size() <= 9);
        QCOMPARE(ticks.first().label, firstLabel);
        QStringList labels;
        for (const TimeTicks::Tick &tick : ticks) {
            QVERIFY(tick.time >= from && tick.time <= to);
            QVERIFY(!labels.contains(tick.label));
            labels.append(tick.label);
        }
    }

    void fullPrecision()
    {
        QCOMPARE(TimeTicks::fullPrecision(1'767'571'200'123'456'789), u"2026-01-05T00:00:00.123456789Z"_s);
        QCOMPARE(TimeTicks::fullPrecision(-1), u"1969-12-31T23:59:59.999999999Z"_s);
    }
};

QTEST_GUILESS_MAIN(DownsamplerTest)
#include "downsamplertest.moc"
