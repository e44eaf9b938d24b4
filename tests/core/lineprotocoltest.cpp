#include <QInflux/lineprotocol.h>
#include <QInflux/schema.h>

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The user guide's Trade, in C++.
namespace Market {
Q_NAMESPACE
enum class Instrument { AAPL, MSFT, GOOG };
Q_ENUM_NS(Instrument)
enum class Side { Buy, Sell };
inline std::string_view lineProtocolName(Side side) { return side == Side::Buy ? "BUY" : "SELL"; }
} // namespace Market

struct Trade
{
    std::int64_t timestamp = 0;
    Market::Instrument instrument = Market::Instrument::AAPL;
    std::string source;
    Market::Side side = Market::Side::Buy;
    double price = 0;
    std::int64_t size = 0;
    std::string trade_id;
};
QINFLUX_LINEPROTOCOL(Trade, QINFLUX_TIMEINT(timestamp), QINFLUX_TAGENUM(instrument), QINFLUX_TAG(source),
                     QINFLUX_TAGENUM(side), QINFLUX_FLOAT(price), QINFLUX_INT(size), QINFLUX_STR(trade_id));

struct Reading
{
    QString sensor;              // measurement per object
    QDateTime at;
    std::optional<QString> site; // optional tag
    std::optional<double> value; // optional fields: skipped when empty
    std::optional<bool> ok;
    Market::Side side = Market::Side::Sell;
};
QINFLUX_LINEPROTOCOL(Reading, QINFLUX_MEASUREMENT(sensor), QINFLUX_TIMEDT(at), QINFLUX_TAG(site), QINFLUX_FLOAT(value),
                     QINFLUX_BOOL(ok), QINFLUX_ENUM(side));

struct Heartbeat
{
    std::string time_text;
    std::string host;
};
template<>
struct QInflux::LineProtocolSchema<Heartbeat>
{
    using Self = Heartbeat;
    static constexpr std::string_view name = "heart beat";
    static constexpr bool placeholder = true;
    static constexpr auto members = Schema::members(QINFLUX_TIMESTR(time_text), QINFLUX_TAG(host));
};

class LineProtocolTest : public QObject
{
    Q_OBJECT
private:
    static QByteArray line(const Point &p, LineProtocol::Options options = {})
    {
        QByteArray out;
        if (const auto appended = LineProtocol::append(out, p, options); !appended)
            return "ERROR: " + appended.error().message().toUtf8();
        return out;
    }

private Q_SLOTS:
    void escaping_data()
    {
        QTest::addColumn<Point>("point");
        QTest::addColumn<QByteArray>("expected");
        auto p = [](QString m) { return Point{std::move(m), {}, {}, std::nullopt}; };
        QTest::newRow("plain") << p(u"cpu"_s).tag(u"host"_s, u"a"_s).field(u"v"_s, 0.64).at(1257894000000000000)
                               << QByteArray("cpu,host=a v=0.64 1257894000000000000\n");
        QTest::newRow("measurement: comma and space escaped, = kept")
            << p(u"a,b c=d"_s).field(u"v"_s, 1) << QByteArray("a\\,b\\ c=d v=1i\n");
        QTest::newRow("tag: comma, space, equals escaped")
            << p(u"m"_s).tag(u"k ,="_s, u"v ,="_s).field(u"f"_s, true) << QByteArray("m,k\\ \\,\\==v\\ \\,\\= f=true\n");
        QTest::newRow("backslashes are never doubled")
            << p(u"C:\\m"_s).tag(u"path"_s, u"C:\\dir"_s).field(u"f\\x"_s, u"C:\\dir"_s)
            << QByteArray("C:\\m,path=C:\\dir f\\x=\"C:\\\\dir\"\n");
        QTest::newRow("string field: quote and backslash escaped, newline raw")
            << p(u"m"_s).field(u"s"_s, u"say \"hi\"\n\tend\r"_s) << QByteArray("m s=\"say \\\"hi\\\"\n\tend\r\"\n");
        QTest::newRow("empty tag value skipped") << p(u"m"_s).tag(u"empty"_s, QString()).field(u"f"_s, 1) << QByteArray("m f=1i\n");
        QTest::newRow("timestamp 0 is a timestamp") << p(u"m"_s).field(u"f"_s, 1).at(0) << QByteArray("m f=1i 0\n");
        QTest::newRow("negative time") << p(u"m"_s).field(u"f"_s, 1).at(-1) << QByteArray("m f=1i -1\n");
        QTest::newRow("int64 range") << p(u"m"_s).field(u"a"_s, std::numeric_limits<std::int64_t>::min()).field(u"b"_s, std::numeric_limits<std::int64_t>::max())
                                     << QByteArray("m a=-9223372036854775808i,b=9223372036854775807i\n");
        QTest::newRow("shortest round-trip floats")
            << p(u"m"_s).field(u"a"_s, 0.1).field(u"b"_s, 1e21).field(u"c"_s, 5e-324).field(u"d"_s, -0.0).field(u"e"_s, 3.0).field(u"f"_s, 0.30000000000000004)
            << QByteArray("m a=0.1,b=1e+21,c=5e-324,d=-0,e=3,f=0.30000000000000004\n");
        QTest::newRow("unicode") << p(u"m\u00e9"_s).tag(u"\u6f22"_s, u"\U0001F600"_s).field(u"v"_s, u"\u00fc"_s)
                                 << QByteArray("m\xC3\xA9,\xE6\xBC\xA2=\xF0\x9F\x98\x80 v=\"\xC3\xBC\"\n");
        QTest::newRow("tags sorted by UTF-8 bytes, not UTF-16")
            << p(u"m"_s).tag(u"\U0001F600"_s, u"1"_s).tag(u"\uFFFD"_s, u"2"_s).tag(u"a"_s, u"3"_s).tag(u"B"_s, u"4"_s).field(u"f"_s, 1)
            << QByteArray("m,B=4,a=3,\xEF\xBF\xBD=2,\xF0\x9F\x98\x80=1 f=1i\n");
    }
    void escaping()
    {
        QFETCH(Point, point);
        QFETCH(QByteArray, expected);
        QCOMPARE(line(point), expected);
    }

    void refusals_data()
    {
        QTest::addColumn<Point>("point");
        QTest::addColumn<QString>("reason");
        auto p = [](QString m) { return Point{std::move(m), {}, {}, std::nullopt}; };
        QTest::newRow("no measurement") << p(QString()).field(u"f"_s, 1) << u"no measurement"_s;
        QTest::newRow("no field") << p(u"m"_s).tag(u"t"_s, u"v"_s) << u"no field"_s;
        QTest::newRow("measurement ends with backslash") << p(u"m\\"_s).field(u"f"_s, 1) << u"ends with a backslash"_s;
        QTest::newRow("tag value ends with backslash") << p(u"m"_s).tag(u"t"_s, u"v\\"_s).field(u"f"_s, 1) << u"\"v\\\" ends with a backslash"_s;
        QTest::newRow("newline in tag key") << p(u"m"_s).tag(u"a\nb"_s, u"v"_s).field(u"f"_s, 1) << u"contains a newline"_s;
        QTest::newRow("newline in field key") << p(u"m"_s).field(u"a\nb"_s, 1) << u"contains a newline"_s;
        QTest::newRow("comment measurement") << p(u"#m"_s).field(u"f"_s, 1) << u"comment"_s;
        QTest::newRow("leading tab") << p(u"\tm"_s).field(u"f"_s, 1) << u"would strip"_s;
        QTest::newRow("leading tab in field key") << p(u"m"_s).field(u"\tf"_s, 1) << u"would strip"_s;
        QTest::newRow("tag key time") << p(u"m"_s).tag(u"time"_s, u"x"_s).field(u"f"_s, 1) << u"\"time\""_s;
        QTest::newRow("field key time") << p(u"m"_s).field(u"time"_s, 1) << u"\"time\""_s;
        QTest::newRow("NaN") << p(u"m"_s).field(u"f"_s, std::nan("")) << u"NaN"_s;
        QTest::newRow("Inf") << p(u"m"_s).field(u"f"_s, -HUGE_VAL) << u"infinite"_s;
        QTest::newRow("unsigned without opt-in") << p(u"m"_s).field(u"f"_s, std::uint64_t(1)) << u"unsigned"_s;
        QTest::newRow("duplicate tag key") << p(u"m"_s).tag(u"t"_s, u"1"_s).tag(u"t"_s, u"2"_s).field(u"f"_s, 1) << u"appears twice"_s;
        QTest::newRow("duplicate field key") << p(u"m"_s).field(u"f"_s, 1).field(u"f"_s, 2) << u"appears twice"_s;
        QTest::newRow("time beyond the server's range") << p(u"m"_s).field(u"f"_s, 1).at(std::numeric_limits<std::int64_t>::max()) << u"range"_s;
        QTest::newRow("unpaired surrogate") << p(u"m"_s).tag(u"t"_s, QString(QChar(0xD800))).field(u"f"_s, 1) << u"surrogate"_s;
        QTest::newRow("series key too long") << p(QString(70000, u'm')).field(u"f"_s, 1) << u"65535"_s;
    }
    void refusals()
    {
        QFETCH(Point, point);
        QFETCH(QString, reason);
        QByteArray out = "kept\n";
        const auto appended = LineProtocol::append(out, point);
        QVERIFY(!appended);
        QCOMPARE(appended.error().kind(), Error::Kind::Usage);
        QVERIFY2(appended.error().message().contains(reason), qPrintable(appended.error().message()));
        QCOMPARE(out, QByteArray("kept\n")); // nothing half-written
    }

    void optionsAndPrecision()
    {
        LineProtocol::Options options;
        options.measurement = u"fallback"_s;
        options.extraTags = {{u"zone"_s, u"eu"_s}, {u"host"_s, u"extra"_s}};
        const Point p = Point{{}, {{u"host"_s, u"own"_s}}, {}, std::nullopt}.field(u"f"_s, 1).at(2'000'000'000);
        QCOMPARE(line(p, options), QByteArray("fallback,host=own,zone=eu f=1i 2000000000\n"));
        options.precision = TimeUnit::Seconds;
        QCOMPARE(line(p, options), QByteArray("fallback,host=own,zone=eu f=1i 2\n"));
        const Point inexact = Point{u"m"_s, {}, {}, std::nullopt}.field(u"f"_s, 1).at(1'500'000'000);
        QVERIFY(line(inexact, options).contains("not a whole number"));
        LineProtocol::Options unsignedOptions;
        unsignedOptions.allowUnsigned = true;
        QCOMPARE(line(Point{u"m"_s, {}, {}, std::nullopt}.field(u"u"_s, std::numeric_limits<std::uint64_t>::max()), unsignedOptions),
                 QByteArray("m u=18446744073709551615u\n"));
    }

    void serializeReportsEveryProblem()
    {
        QList<Point> points;
        points << Point{u"m"_s, {}, {}, std::nullopt}.field(u"f"_s, 1) << Point{u"m"_s, {}, {}, std::nullopt}
               << Point{u"m"_s, {}, {}, std::nullopt}.field(u"f"_s, std::nan("")) << Point{u"m"_s, {}, {}, std::nullopt}.field(u"f"_s, 2);
        const auto out = LineProtocol::serialize(points);
        QCOMPARE(out.lines, QByteArray("m f=1i\nm f=2i\n"));
        QCOMPARE(out.points, 2);
        QCOMPARE(out.problems.size(), 2);
        QCOMPARE(out.problems[0].index, 1);
        QCOMPARE(out.problems[1].index, 2);
        const QString text = LineProtocol::describeProblems(out.problems, 4);
        QVERIFY2(text.startsWith(u"2 of 4 points cannot be written: point 1: "_s), qPrintable(text));
    }

    void fromMappings()
    {
        const QVariantMap guide{{u"time"_s, u"2009-11-10T23:00:00Z"_s},
                                {u"measurement"_s, u"cpu_load_short"_s},
                                {u"tags"_s, QVariantMap{{u"host"_s, u"server01"_s}, {u"region"_s, u"us-west"_s}}},
                                {u"fields"_s, QVariantMap{{u"value1"_s, 0.64}, {u"value2"_s, true}, {u"value3"_s, 10}, {u"none"_s, QVariant()}}}};
        auto point = Point::fromVariantMap(guide);
        QVERIFY(point.ok());
        QCOMPARE(line(*point), QByteArray("cpu_load_short,host=server01,region=us-west value1=0.64,value2=true,value3=10i 1257894000000000000\n"));

        auto json = Point::fromJsonText(R"({"measurement":"m","time":0,"fields":{"i":1,"f":1.0,"e":1e2,"s":"x\u00e9\ud83d\ude00","b":false,"n":null}})");
        QVERIFY2(json.ok(), qPrintable(json.ok() ? QString() : json.error().toString()));
        QCOMPARE(line(*json), QByteArray("m b=false,e=100,f=1,i=1i,s=\"x\xC3\xA9\xF0\x9F\x98\x80\" 0\n"));
        const auto broken = Point::fromJsonText(R"({"measurement":"m","fields":{"f":1,}})");
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message().contains(u"byte 35"_s), qPrintable(broken.error().message()));

        auto bad = Point::fromVariantMap({{u"measurement"_s, u"m"_s}, {u"fields"_s, QVariantMap{{u"list"_s, QVariantList{1, 2}}}}});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message().contains(u"field \"list\""_s), qPrintable(bad.error().message()));
        QVERIFY(!Point::fromVariantMap({{u"measurement"_s, u"m"_s}}).ok());
        auto badTime = Point::fromVariantMap({{u"time"_s, u"yesterday"_s}, {u"fields"_s, QVariantMap{{u"f"_s, 1}}}});
        QVERIFY(!badTime.ok());
        QVERIFY(badTime.error().message().contains(u"yesterday"_s));
    }

    void times()
    {
        QCOMPARE(*Time::fromDateTime(QDateTime(QDate(2009, 11, 10), QTime(23, 0), Qt::UTC)), std::int64_t(1257894000000000000));
        QCOMPARE(*Time::fromDateTime(QDateTime(QDate(2009, 11, 11), QTime(1, 0), QTimeZone(7200))), std::int64_t(1257894000000000000));
        const auto tp = std::chrono::sys_time<std::chrono::nanoseconds>(std::chrono::nanoseconds(1257894000000000001));
        QCOMPARE(*Time::fromTimePoint(tp), std::int64_t(1257894000000000001));
        QCOMPARE(*Time::fromVariant(u"2009-11-10"_s), std::int64_t(1257811200000000000));
        QCOMPARE(*Time::fromVariant(u"2009-11-11T01:00:00+02:00"_s), std::int64_t(1257894000000000000));
        QCOMPARE(*Time::fromVariant(qint64(0)), std::int64_t(0));
    }

    void frames()
    {
        const Frame frame(u"ignored"_s, {{u"series"_s, u"s1"_s}}, std::vector<std::int64_t>{1, 2, 3},
                          {Column(u"host"_s, std::vector<QString>{u"a"_s, u"b c"_s, QString()}),
                           Column(u"v"_s, std::vector<double>{0.5, 0, 1.5}, {1, 0, 1}),
                           Column(u"n"_s, std::vector<std::int64_t>{1, 0, 3}, {1, 0, 1}),
                           Column(u"s"_s, std::vector<QString>{u"x"_s, u"y"_s, u"z"_s}, {1, 0, 0})});
        LineProtocol::Options options;
        options.measurement = u"prices"_s;
        options.tagColumns = {u"host"_s};
        options.extraTags = {{u"asset_class"_s, u"equities"_s}};
        const auto out = LineProtocol::serialize(frame, options);
        QCOMPARE(out.lines, QByteArray("prices,asset_class=equities,host=a,series=s1 v=0.5,n=1i,s=\"x\" 1\n"
                                       "prices,asset_class=equities,series=s1 v=1.5,n=3i 3\n"));
        QCOMPARE(out.points, 2);
        QCOMPARE(out.problems.size(), 1); // row 1 has no field left: reported, not sent
        QCOMPARE(out.problems[0].index, 1);
        QVERIFY(out.problems[0].reason.contains(u"no field"_s));

        options.tagColumns = {u"missing"_s};
        QVERIFY(LineProtocol::serialize(frame, options).problems[0].reason.contains(u"\"missing\" is not in the table"_s));
        const Frame noTime(u"m"_s, {}, std::nullopt, {Column(u"v"_s, std::vector<double>{1})});
        QVERIFY(LineProtocol::serialize(noTime).problems[0].reason.contains(u"no time column"_s));
    }

    void schemaTrade()
    {
        // The user guide's example, with the tags in the server's order.
        const std::vector<Trade> trades{{1540184368785116000, Market::Instrument::AAPL, "NASDAQ", Market::Side::Buy, 219.23, 100,
                                         "34a1e085-3122-429c-9662-7ce82039d287"}};
        const auto out = LineProtocol::serialize(trades);
        QCOMPARE(out.lines, QByteArray("Trade,instrument=AAPL,side=BUY,source=NASDAQ price=219.23,size=100i,"
                                       "trade_id=\"34a1e085-3122-429c-9662-7ce82039d287\" 1540184368785116000\n"));
        QVERIFY(out.problems.isEmpty());

        LineProtocol::Options options;
        options.extraTags = {{u"zone"_s, u"us"_s}, {u"desk"_s, u"fx"_s}, {u"source"_s, u"ignored: the object's own tag wins"_s}};
        QCOMPARE(LineProtocol::serialize(trades, options).lines,
                 QByteArray("Trade,desk=fx,instrument=AAPL,side=BUY,source=NASDAQ,zone=us price=219.23,size=100i,"
                            "trade_id=\"34a1e085-3122-429c-9662-7ce82039d287\" 1540184368785116000\n"));

        std::vector<Trade> bad = trades;
        bad[0].source = "ends\\";
        bad.push_back(trades[0]);
        bad[1].price = std::nan("");
        bad.push_back(trades[0]);
        const auto refused = LineProtocol::serialize(bad);
        QCOMPARE(refused.points, 1);
        QCOMPARE(refused.problems.size(), 2);
        QVERIFY(refused.problems[0].reason.contains(u"backslash"_s));
        QVERIFY(refused.problems[1].reason.contains(u"NaN"_s));
    }

    void schemaOptionalsMeasurementAndTimes()
    {
        std::vector<Reading> readings(3);
        readings[0] = {u"temp sensor"_s, QDateTime(QDate(2009, 11, 10), QTime(23, 0), Qt::UTC), u"lab"_s, 21.5, true, Market::Side::Buy};
        readings[1] = {u"temp sensor"_s, QDateTime(QDate(2009, 11, 10), QTime(23, 0), Qt::UTC), std::nullopt, std::nullopt, std::nullopt, Market::Side::Sell};
        readings[2] = {u"humidity"_s, QDateTime(), std::nullopt, 1.0, std::nullopt, Market::Side::Sell};
        const auto out = LineProtocol::serialize(readings);
        QCOMPARE(out.lines, QByteArray("temp\\ sensor,site=lab value=21.5,ok=true,side=\"BUY\" 1257894000000000000\n"
                                       "temp\\ sensor side=\"SELL\" 1257894000000000000\n"));
        QCOMPARE(out.problems.size(), 1);
        QCOMPARE(out.problems[0].index, 2);
        QVERIFY(out.problems[0].reason.contains(u"TIMEDT"_s));

        const std::vector<Heartbeat> beats{{"2009-11-10T23:00:00Z", "a"}, {"not a time", "b"}};
        const auto hb = LineProtocol::serialize(beats);
        QCOMPARE(hb.lines, QByteArray("heart\\ beat,host=a _=true 1257894000000000000\n"));
        QCOMPARE(hb.problems.size(), 1);
        QVERIFY(hb.problems[0].reason.contains(u"TIMESTR"_s));
    }

    void schemaAllocatesNothingPerPoint()
    {
        std::vector<Trade> trades(1000, Trade{1, Market::Instrument::MSFT, "NYSE", Market::Side::Sell, 1.5, 2, "id"});
        QByteArray out;
        out.reserve(1 << 20);
        LineWriter writer(out);
        const char *before = out.constData();
        for (const Trade &t : trades)
            QVERIFY(LineProtocol::append(writer, t).ok());
        QCOMPARE(out.constData(), before); // the buffer never moved: no reallocation
        QCOMPARE(out.count('\n'), 1000);
    }
};

QTEST_GUILESS_MAIN(LineProtocolTest)
#include "lineprotocoltest.moc"
