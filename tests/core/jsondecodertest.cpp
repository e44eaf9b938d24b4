#include "jsondecoder_p.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class JsonDecoderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneSeries()
    {
        const QByteArray body = R"({"results":[{"statement_id":0,"series":[{"name":"cpu_load_short",
            "columns":["time","host","value","count","ok"],
            "values":[[1257894000000000000,"server01",0.64,3,true],[1257894000000000001,"server02",1.5,-9007199254740993,false]]}]}]})";
        const auto result = JsonDecoder::decode(body);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QCOMPARE(result->statements.size(), 1);
        const Frame &frame = result->statements[0].series[0];
        QCOMPARE(frame.name(), u"cpu_load_short"_s);
        QVERIFY(frame.hasTime());
        QCOMPARE(frame.rowCount(), 2);
        QCOMPARE(frame.time()[1], std::int64_t(1257894000000000001)); // nanoseconds survive
        QCOMPARE(frame.columnNames(), (QStringList{u"time"_s, u"host"_s, u"value"_s, u"count"_s, u"ok"_s}));
        QCOMPARE(frame.column(u"host")->type(), ColumnType::String);
        QCOMPARE(frame.column(u"value")->type(), ColumnType::Float);
        QCOMPARE(frame.column(u"value")->values<double>()[0], 0.64);
        QCOMPARE(frame.column(u"count")->type(), ColumnType::Int);
        // beyond 2^53: an integer stays exact
        QCOMPARE(frame.column(u"count")->values<std::int64_t>()[1], std::int64_t(-9007199254740993));
        QCOMPARE(frame.column(u"ok")->type(), ColumnType::Bool);
        QCOMPARE(frame.column(u"ok")->value(1), QVariant(false));
        QVERIFY(frame.column(u"missing") == nullptr);
    }

    void nullsStayTyped()
    {
        const QByteArray body = R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","a","b"],
            "values":[[1,1,null],[2,null,"x"],[3,3,null]]}]}]})";
        const auto result = JsonDecoder::decode(body);
        QVERIFY(result.ok());
        const Frame &frame = result->statements[0].series[0];
        const Column *a = frame.column(u"a");
        QCOMPARE(a->type(), ColumnType::Int); // an integer column with nulls stays integer
        QVERIFY(!a->isNull(0));
        QVERIFY(a->isNull(1));
        QCOMPARE(a->value(2), QVariant(qint64(3)));
        QVERIFY(!a->value(1).isValid());
        QCOMPARE(frame.column(u"b")->type(), ColumnType::String);
        QVERIFY(frame.column(u"b")->isNull(0));
    }

    void groupByTagsAndStatements()
    {
        const QByteArray body = R"({"results":[
            {"statement_id":0,"series":[
                {"name":"h2o","tags":{"location":"a"},"columns":["time","mean"],"values":[[0,7.5]]},
                {"name":"h2o","tags":{"location":"b"},"columns":["time","mean"],"values":[[0,8.25]]}]},
            {"statement_id":1,"error":"database not found: nope"},
            {"statement_id":2,"messages":[{"level":"warning","text":"deprecated"}]}]})";
        const auto result = JsonDecoder::decode(body);
        QVERIFY(result.ok());
        QCOMPARE(result->statements.size(), 3);
        QCOMPARE(result->seriesCount(), 2);
        QCOMPARE(result->rowCount(), 2);
        QCOMPARE(result->statements[0].series[1].seriesKey(), u"h2o,location=b"_s);
        QVERIFY(!result->statements[0].error);
        QVERIFY(result->statements[1].error.has_value());
        QCOMPARE(result->statements[1].error->kind(), Error::Kind::Statement);
        QCOMPARE(result->statements[1].error->statementId(), 1);
        QCOMPARE(result->statements[1].error->message(), u"database not found: nope"_s);
        QCOMPARE(result->firstError()->statementId(), 1);
        QCOMPARE(result->statements[2].messages, QStringList{u"warning: deprecated"_s});
    }

    void showResultsHaveNoTime()
    {
        const QByteArray body = R"({"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],
            "values":[["_internal"],["sandbox"]]}]}]})";
        const auto result = JsonDecoder::decode(body);
        QVERIFY(result.ok());
        const Frame &frame = result->statements[0].series[0];
        QVERIFY(!frame.hasTime());
        QCOMPARE(frame.rowCount(), 2);
        QCOMPARE(frame.column(0).values<QString>()[1], u"sandbox"_s);
    }

    void epochScalingAndRfc3339()
    {
        const QByteArray seconds = R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[1257894000,1]]}]}]})";
        auto result = JsonDecoder::decode(seconds, TimeUnit::Seconds);
        QVERIFY(result.ok());
        QCOMPARE(result->statements[0].series[0].time()[0], std::int64_t(1257894000000000000));

        const QByteArray text = R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[["2009-11-10T23:00:00.000000001Z",1]]}]}]})";
        result = JsonDecoder::decode(text);
        QVERIFY(result.ok());
        QCOMPARE(result->statements[0].series[0].time()[0], std::int64_t(1257894000000000001));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("truncated") << QByteArray(R"({"results":[{"statement_id":0,)") << int(Error::Kind::Parse) << u"byte"_s;
        QTest::newRow("not an object") << QByteArray("[1,2]") << int(Error::Kind::Parse) << u"not a JSON object"_s;
        QTest::newRow("top-level error") << QByteArray(R"({"error":"error parsing query: found EOF"})")
                                         << int(Error::Kind::Server) << u"found EOF"_s;
        QTest::newRow("short row") << QByteArray(R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[1]]}]}]})")
                                   << int(Error::Kind::Parse) << u"row 0 has 1 values for 2 columns"_s;
        QTest::newRow("mixed types") << QByteArray(R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[[1,1],[2,"a"]]}]}]})")
                                     << int(Error::Kind::Parse) << u"column \"v\" mixes"_s;
        QTest::newRow("bad time") << QByteArray(R"({"results":[{"statement_id":0,"series":[{"name":"m","columns":["time","v"],"values":[["noon",1]]}]}]})")
                                  << int(Error::Kind::Parse) << u"row 0: time \"noon\""_s;
    }
    void errors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, mentions);
        const auto result = JsonDecoder::decode(body);
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().kind()), kind);
        QVERIFY2(result.error().toString().contains(mentions), qPrintable(result.error().toString()));
    }
};

QTEST_GUILESS_MAIN(JsonDecoderTest)
#include "jsondecodertest.moc"
