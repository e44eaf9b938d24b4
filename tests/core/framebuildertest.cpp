#include "framebuilder_p.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace QInflux;

class FrameBuilderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typesFollowValues()
    {
        FrameBuilder b(u"m"_s, {{u"host"_s, u"a"_s}}, {u"i"_s, u"f"_s, u"n"_s, u"s"_s, u"b"_s}, true);
        b.reserve(3);
        // row 0
        b.appendTime(10);
        QVERIFY(b.appendInt(0, 7));
        QVERIFY(b.appendInt(1, 9007199254740993)); // 2^53 + 1: an Int until a float shows up
        b.appendNull(2);
        b.appendNull(3);
        QVERIFY(b.appendBool(4, true));
        b.endRow();
        // row 1
        b.appendTime(20);
        b.appendNull(0);
        QVERIFY(b.appendFloat(1, 0.5)); // widens the column to Float
        b.appendNull(2);
        QVERIFY(b.appendString(3, "x"));
        QVERIFY(!b.appendInt(4, 1)); // a number in a Bool column is refused
        b.appendNull(4);
        b.endRow();
        // row 2
        b.appendTime(30);
        QVERIFY(b.appendInt(0, -1));
        QVERIFY(b.appendInt(1, 3)); // an integer in a Float column becomes a double
        b.appendNull(2);
        QVERIFY(b.appendString(3, "x"));
        QVERIFY(!b.appendString(0, "nope"));
        b.appendNull(4);
        b.endRow();
        QCOMPARE(b.columnType(2), std::nullopt);

        const Frame f = b.build();
        QCOMPARE(f.rowCount(), 3);
        QCOMPARE(f.seriesKey(), u"m,host=a"_s);
        QCOMPARE(f.column(u"i")->type(), ColumnType::Int);
        QVERIFY(f.column(u"i")->isNull(1));
        QCOMPARE(f.column(u"i")->value(2), QVariant(qint64(-1)));
        QCOMPARE(f.column(u"f")->type(), ColumnType::Float);
        QCOMPARE(f.column(u"f")->values<double>(), (std::vector<double>{9007199254740992.0, 0.5, 3.0}));
        QCOMPARE(f.column(u"n")->type(), ColumnType::Float); // all null: Float
        QVERIFY(f.column(u"n")->isNull(0) && f.column(u"n")->isNull(2));
        QCOMPARE(f.column(u"s")->type(), ColumnType::String);
        QVERIFY(f.column(u"s")->isNull(0));
        QCOMPARE(f.column(u"s")->value(2), QVariant(u"x"_s));
        // equal strings share one QString
        QVERIFY(f.column(u"s")->values<QString>()[1].constData() == f.column(u"s")->values<QString>()[2].constData());
        QCOMPARE(f.column(u"b")->type(), ColumnType::Bool);
    }

    void hints()
    {
        FrameBuilder b(u"m"_s, {}, {u"f"_s, u"s"_s}, false);
        b.setColumnType(0, ColumnType::Float);
        b.setColumnType(1, ColumnType::String);
        QVERIFY(b.appendInt(0, 2));
        b.appendNull(1);
        b.endRow();
        const Frame f = b.build();
        QVERIFY(!f.hasTime());
        QCOMPARE(f.column(0).type(), ColumnType::Float);
        QCOMPARE(f.column(1).type(), ColumnType::String);
    }

    void concatAndSlice()
    {
        auto part = [](std::vector<std::int64_t> time, Column::Storage values, std::vector<std::uint8_t> valid = {}) {
            return Frame(u"m"_s, {}, std::move(time), {Column(u"v"_s, std::move(values), std::move(valid))});
        };
        const Frame ints = part({1, 2}, std::vector<std::int64_t>{1, 2});
        const Frame floats = part({3}, std::vector<double>{-0.0});
        const Frame nulls = part({4}, std::vector<std::int64_t>{0}, {0});
        const auto merged = Frame::concat({ints, floats, nulls});
        QVERIFY(merged.ok());
        QCOMPARE(merged->time(), (std::vector<std::int64_t>{1, 2, 3, 4}));
        const Column &v = merged->column(0);
        QCOMPARE(v.type(), ColumnType::Float);
        QCOMPARE(v.values<double>()[1], 2.0);
        QVERIFY(std::signbit(v.values<double>()[2]));
        QVERIFY(v.isNull(3) && !v.isNull(0));

        const Frame strings = part({5}, std::vector<QString>{u"x"_s});
        const auto mixed = Frame::concat({ints, strings});
        QVERIFY(!mixed.ok());
        QCOMPARE(mixed.error().kind(), Error::Kind::Parse);
        const auto other = Frame::concat({ints, Frame(u"other"_s, {}, std::vector<std::int64_t>{1},
                                                        {Column(u"v"_s, std::vector<std::int64_t>{1})})});
        QVERIFY(!other.ok());
        QCOMPARE(other.error().kind(), Error::Kind::Usage);

        const Frame s = merged->slice(1, 2);
        QCOMPARE(s.rowCount(), 2);
        QCOMPARE(s.time(), (std::vector<std::int64_t>{2, 3}));
        QVERIFY(s.column(0).isNull(1) == false);
        QCOMPARE(merged->slice(3, 10).rowCount(), 1);
        QVERIFY(merged->slice(3, 10).column(0).isNull(0));
        QCOMPARE(merged->slice(9, 1).rowCount(), 0);
        QCOMPARE(merged->indexOf(u"v"), 0);
        QCOMPARE(merged->indexOf(u"w"), -1);
    }
};

QTEST_GUILESS_MAIN(FrameBuilderTest)
#include "framebuildertest.moc"
