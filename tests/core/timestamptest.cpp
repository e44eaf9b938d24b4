#include <QInflux/timestamp.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class TimestampTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << u"1970-01-01T00:00:00Z"_s;
        QTest::newRow("guide") << qint64(1257894000000000000) << u"2009-11-10T23:00:00Z"_s;
        QTest::newRow("millis") << qint64(1257894000123000000) << u"2009-11-10T23:00:00.123Z"_s;
        QTest::newRow("micros") << qint64(1257894000123456000) << u"2009-11-10T23:00:00.123456Z"_s;
        QTest::newRow("nanos") << qint64(1257894000123456789) << u"2009-11-10T23:00:00.123456789Z"_s;
        QTest::newRow("one ns") << qint64(1) << u"1970-01-01T00:00:00.000000001Z"_s;
        QTest::newRow("before 1970") << qint64(-1) << u"1969-12-31T23:59:59.999999999Z"_s;
        QTest::newRow("leap day") << qint64(951782400000000000) << u"2000-02-29T00:00:00Z"_s;
        QTest::newRow("max") << qint64(9223372036854775806) << u"2262-04-11T23:47:16.854775806Z"_s;
        QTest::newRow("min") << qint64(-9223372036854775806) << u"1677-09-21T00:12:43.145224194Z"_s;
    }
    void roundTrip()
    {
        QFETCH(qint64, ns);
        QFETCH(QString, text);
        QCOMPARE(Timestamp::toRfc3339(ns), text);
        const auto parsed = Timestamp::fromRfc3339(text);
        QVERIFY(parsed.has_value());
        QCOMPARE(qint64(*parsed), ns);
    }

    void parseVariants_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ns");
        QTest::newRow("date only") << u"2009-11-10"_s << qint64(1257811200000000000);
        QTest::newRow("naive = UTC") << u"2009-11-10T23:00:00"_s << qint64(1257894000000000000);
        QTest::newRow("space separator") << u"2009-11-10 23:00:00"_s << qint64(1257894000000000000);
        QTest::newRow("no seconds") << u"2009-11-10T23:00Z"_s << qint64(1257894000000000000);
        QTest::newRow("plus offset") << u"2009-11-11T01:00:00+02:00"_s << qint64(1257894000000000000);
        QTest::newRow("minus offset") << u"2009-11-10T18:30:00-04:30"_s << qint64(1257894000000000000);
        QTest::newRow("compact offset") << u"2009-11-11T01:00:00+0200"_s << qint64(1257894000000000000);
        QTest::newRow("one fraction digit") << u"2009-11-10T23:00:00.5Z"_s << qint64(1257894000500000000);
    }
    void parseVariants()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ns);
        const auto parsed = Timestamp::fromRfc3339(text);
        QVERIFY2(parsed.has_value(), qPrintable(text));
        QCOMPARE(qint64(*parsed), ns);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << u"yesterday"_s;
        QTest::newRow("month 13") << u"2009-13-10T00:00:00Z"_s;
        QTest::newRow("feb 30") << u"2009-02-30"_s;
        QTest::newRow("hour 24") << u"2009-11-10T24:00:00Z"_s;
        QTest::newRow("10 fraction digits") << u"2009-11-10T23:00:00.1234567891Z"_s;
        QTest::newRow("empty fraction") << u"2009-11-10T23:00:00.Z"_s;
        QTest::newRow("trailing text") << u"2009-11-10T23:00:00Zjunk"_s;
        QTest::newRow("beyond int64 ns") << u"2300-01-01T00:00:00Z"_s;
    }
    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY2(!Timestamp::fromRfc3339(text).has_value(), qPrintable(text));
    }

    void units()
    {
        QCOMPARE(epochParameter(TimeUnit::Nanoseconds), u"ns"_s);
        QCOMPARE(precisionParameter(TimeUnit::Nanoseconds), u"n"_s);
        QCOMPARE(precisionParameter(TimeUnit::Microseconds), u"u"_s);
        QCOMPARE(nanosecondsPer(TimeUnit::Hours), qint64(3'600'000'000'000));
    }
};

QTEST_GUILESS_MAIN(TimestampTest)
#include "timestamptest.moc"
