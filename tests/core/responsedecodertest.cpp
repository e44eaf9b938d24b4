#include "resultdump.h"
#include "jsondecoder_p.h"
#include <QInflux/responsedecoder.h>

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace QInflux;

Q_DECLARE_METATYPE(QInflux::ResponseFormat)
Q_DECLARE_METATYPE(QInflux::TimeUnit)

namespace {

QByteArray serverBody(const QString &name)
{
    const QString path = QFINDTESTDATA(u"core/data/responses/"_s + name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

// Feeds `body` in pieces of the given sizes (cycled) and merges every answer like decodeResponse.
Result<QueryResult> decodeInPieces(const QByteArray &body, ResponseFormat format, TimeUnit epoch,
                                   const std::function<qsizetype()> &nextSize)
{
    ResponseDecoder decoder(format, epoch);
    std::optional<QueryResult> merged;
    auto drain = [&]() -> Result<void> {
        while (auto r = decoder.takeResult()) {
            if (!merged)
                merged = std::move(*r);
            else if (auto ok = merged->append(std::move(*r)); !ok)
                return ok.error();
        }
        return {};
    };
    for (qsizetype pos = 0; pos < body.size();) {
        const qsizetype n = std::min(nextSize(), body.size() - pos);
        if (auto fed = decoder.feed(QByteArrayView(body).sliced(pos, n)); !fed)
            return fed.error();
        if (auto d = drain(); !d)
            return d.error();
        pos += n;
    }
    if (auto done = decoder.finish(); !done)
        return done.error();
    if (!merged)
        return Error(Error::Kind::Parse, u"no answer"_s);
    return std::move(*merged);
}

QString describe(const Result<QueryResult> &r)
{
    return r.ok() ? dumpResult(*r) : u"ERROR "_s + Error::kindName(r.error().kind()) + u": "_s + r.error().message();
}

} // namespace

class ResponseDecoderTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void serverBodies_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<TimeUnit>("epoch");
        const std::pair<const char *, TimeUnit> bodies[] = {
            {"select_all", TimeUnit::Nanoseconds},     {"select_all_ns", TimeUnit::Nanoseconds},
            {"select_all_ms", TimeUnit::Milliseconds}, {"groupby_fill", TimeUnit::Seconds},
            {"chunked", TimeUnit::Nanoseconds},        {"chunked_pretty", TimeUnit::Nanoseconds},
            {"statement_error", TimeUnit::Nanoseconds}, {"show_field_keys", TimeUnit::Nanoseconds},
            {"aggregate", TimeUnit::Nanoseconds},      {"parse_error", TimeUnit::Nanoseconds},
            {"groupby_chunked", TimeUnit::Nanoseconds}};
        for (const auto &[name, epoch] : bodies) {
            QTest::newRow(qPrintable(QString::fromLatin1(name) + u" json"_s))
                << QString::fromLatin1(name) + u".json"_s << ResponseFormat::Json << epoch;
            QTest::newRow(qPrintable(QString::fromLatin1(name) + u" msgpack"_s))
                << QString::fromLatin1(name) + u".msgpack"_s << ResponseFormat::MessagePack << epoch;
        }
    }

    // Every real server body decodes the same in one piece, one byte at a time and in random splits.
    void serverBodies()
    {
        QFETCH(QString, file);
        QFETCH(ResponseFormat, format);
        QFETCH(TimeUnit, epoch);
        const QByteArray body = serverBody(file);
        const auto oneShot = decodeResponse(body, format, epoch);
        const QString expected = describe(oneShot);
        if (file.startsWith(u"parse_error"_s)) {
            QVERIFY(!oneShot.ok());
            QCOMPARE(oneShot.error().kind(), Error::Kind::Server);
            QVERIFY2(oneShot.error().message().contains(u"error parsing query"_s), qPrintable(expected));
        } else {
            QVERIFY2(oneShot.ok(), qPrintable(expected));
            QVERIFY(oneShot->statements.size() >= 1);
        }
        QCOMPARE(describe(decodeInPieces(body, format, epoch, [] { return qsizetype(1); })), expected);
        QRandomGenerator rng(42);
        for (int round = 0; round < 30; ++round) {
            const qsizetype max = 1 + round * 7;
            QCOMPARE(describe(decodeInPieces(body, format, epoch, [&] { return qsizetype(1 + rng.bounded(int(max))); })),
                     expected);
        }
    }

    void jsonEqualsMessagePack_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<TimeUnit>("epoch");
        QTest::newRow("select_all") << u"select_all"_s << TimeUnit::Nanoseconds;
        QTest::newRow("select_all_ns") << u"select_all_ns"_s << TimeUnit::Nanoseconds;
        QTest::newRow("select_all_ms") << u"select_all_ms"_s << TimeUnit::Milliseconds;
        QTest::newRow("groupby_fill") << u"groupby_fill"_s << TimeUnit::Seconds;
        QTest::newRow("chunked") << u"chunked"_s << TimeUnit::Nanoseconds;
        QTest::newRow("chunked_pretty") << u"chunked_pretty"_s << TimeUnit::Nanoseconds;
        QTest::newRow("statement_error") << u"statement_error"_s << TimeUnit::Nanoseconds;
        QTest::newRow("show_field_keys") << u"show_field_keys"_s << TimeUnit::Nanoseconds;
        QTest::newRow("aggregate") << u"aggregate"_s << TimeUnit::Nanoseconds;
        QTest::newRow("groupby_chunked") << u"groupby_chunked"_s << TimeUnit::Nanoseconds;
    }

    // The typed MessagePack answer and the JSON answer of the same query decode to the same frames
    // (these queries have a fraction or -0 in every float column, so JSON types them right).
    void jsonEqualsMessagePack()
    {
        QFETCH(QString, name);
        QFETCH(TimeUnit, epoch);
        const auto json = decodeResponse(serverBody(name + u".json"_s), ResponseFormat::Json, epoch);
        const auto msgpack = decodeResponse(serverBody(name + u".msgpack"_s), ResponseFormat::MessagePack, epoch);
        QCOMPARE(describe(json), describe(msgpack));
    }

    void selectAllValues_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<TimeUnit>("epoch");
        QTest::newRow("json rfc3339") << u"select_all.json"_s << ResponseFormat::Json << TimeUnit::Nanoseconds;
        QTest::newRow("msgpack ext5") << u"select_all.msgpack"_s << ResponseFormat::MessagePack << TimeUnit::Nanoseconds;
        QTest::newRow("json ns") << u"select_all_ns.json"_s << ResponseFormat::Json << TimeUnit::Nanoseconds;
        QTest::newRow("msgpack ns") << u"select_all_ns.msgpack"_s << ResponseFormat::MessagePack << TimeUnit::Nanoseconds;
    }

    void selectAllValues()
    {
        QFETCH(QString, file);
        QFETCH(ResponseFormat, format);
        QFETCH(TimeUnit, epoch);
        const auto result = decodeResponse(serverBody(file), format, epoch);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        const auto frame = result->frame();
        QVERIFY(frame.has_value());
        QCOMPARE(frame->name(), u"m"_s);
        QCOMPARE(frame->rowCount(), 5);
        QCOMPARE(frame->time(), (std::vector<std::int64_t>{1000000000, 2000000000, 3000000123, 4000000000, 5000000000}));
        QCOMPARE(frame->columnNames(), (QStringList{u"time"_s, u"b"_s, u"f"_s, u"host"_s, u"i"_s, u"s"_s, u"z"_s}));
        const Column &f = *frame->column(u"f");
        QCOMPARE(f.type(), ColumnType::Float);
        QCOMPARE(f.values<double>()[1], 2.0);
        QVERIFY(f.values<double>()[2] == 0.0 && std::signbit(f.values<double>()[2])); // -0.0 survives
        QCOMPARE(f.values<double>()[3], 1e300);
        QVERIFY(f.isNull(4));
        const Column &i = *frame->column(u"i");
        QCOMPARE(i.type(), ColumnType::Int); // with a null, still integer
        QCOMPARE(i.values<std::int64_t>()[2], std::numeric_limits<std::int64_t>::max());
        QCOMPARE(i.values<std::int64_t>()[3], std::numeric_limits<std::int64_t>::min());
        QVERIFY(i.isNull(4));
        const Column &b = *frame->column(u"b");
        QCOMPARE(b.type(), ColumnType::Bool);
        QCOMPARE(b.value(0), QVariant(true));
        QVERIFY(b.isNull(1) == false && b.isNull(2));
        const Column &s = *frame->column(u"s");
        QCOMPARE(s.value(0), QVariant(u"he\"llo"_s));
        QCOMPARE(s.value(4), QVariant(u"tab\\there \\ back \u00e9 \U0001F600 \u0001 nl\nx"_s));
        const Column &z = *frame->column(u"z");
        QCOMPARE(z.type(), ColumnType::Float); // only -0 and nulls: "-0" is a float
        QVERIFY(std::signbit(z.values<double>()[0]));
        QCOMPARE(frame->column(u"host")->value(3), QVariant(u"b"_s));
    }

    void shapes()
    {
        // time 0 is a real timestamp by default...
        const auto kept = decodeResponse(serverBody(u"aggregate.msgpack"_s), ResponseFormat::MessagePack);
        QVERIFY(kept.ok());
        QCOMPARE(kept->bySeriesKey().value(u"m,host=a"_s).time(), std::vector<std::int64_t>{0});
        // ...and the statements the caller names as aggregates without GROUP BY time lose it
        ResponseDecoder timeless(ResponseFormat::MessagePack);
        timeless.setTimelessStatements({0});
        QVERIFY(timeless.feed(serverBody(u"aggregate.msgpack"_s)).ok());
        QVERIFY(timeless.finish().ok());
        const std::optional<QueryResult> aggregate = timeless.takeResult();
        QVERIFY(aggregate.has_value());
        const QMap<QString, Frame> byKey = aggregate->bySeriesKey();
        QCOMPARE(byKey.keys(), (QStringList{u"m,host=a"_s, u"m,host=b"_s}));
        QVERIFY(!aggregate->frame().has_value()); // two series
        for (const Frame &frame : byKey) {
            QVERIFY(!frame.hasTime()); // aggregate without GROUP BY time: time 0 is no index
            QCOMPARE(frame.columnNames(), (QStringList{u"count"_s, u"max"_s}));
        }
        QCOMPARE(byKey[u"m,host=b"_s].column(u"count")->value(0), QVariant(qint64(2)));

        const auto show = decodeResponse(serverBody(u"show_field_keys.json"_s), ResponseFormat::Json);
        QVERIFY(show.ok());
        QVERIFY(!show->frame()->hasTime());
        QCOMPARE(show->frame()->columnNames(), (QStringList{u"fieldKey"_s, u"fieldType"_s}));

        ResponseDecoder fillDecoder(ResponseFormat::Json, TimeUnit::Seconds);
        fillDecoder.setTimelessStatements({0});
        QVERIFY(fillDecoder.feed(serverBody(u"groupby_fill.json"_s)).ok());
        const std::optional<QueryResult> filled = fillDecoder.takeResult();
        QVERIFY(filled.has_value());
        const Frame a = filled->bySeriesKey().value(u"m,host=a"_s);
        QVERIFY(a.hasTime()); // a real time 0 among others stays
        QCOMPARE(a.time()[0], 0);
        QCOMPARE(a.time()[9], 9000000000);
        QCOMPARE(a.column(u"mean")->type(), ColumnType::Float);
        QVERIFY(a.column(u"mean")->isNull(0));

        // chunk_size=1 from time 0: the first chunk's only time is 0, yet the merged series keeps
        // its time index; chunks typed null, Float, Int, Int (JSON) merge into Float
        for (const QString &file : {u"groupby_chunked.json"_s, u"groupby_chunked.msgpack"_s}) {
            const auto chunked = decodeResponse(serverBody(file), file.endsWith(u"json"_s) ? ResponseFormat::Json
                                                                                             : ResponseFormat::MessagePack);
            QVERIFY2(chunked.ok(), qPrintable(describe(chunked)));
            const Frame merged = *chunked->frame();
            QCOMPARE(merged.time(), (std::vector<std::int64_t>{0, 1000000000, 2000000000, 3000000000}));
            QCOMPARE(merged.column(u"mean")->type(), ColumnType::Float);
            QVERIFY(merged.column(u"mean")->isNull(0));
            QCOMPARE(merged.column(u"mean")->values<double>()[2], 2.0);
        }

        const auto failed = decodeResponse(serverBody(u"statement_error.json"_s), ResponseFormat::Json);
        QVERIFY(failed.ok());
        QCOMPARE(failed->statements.size(), 2);
        QVERIFY(!failed->statements[0].error);
        QVERIFY(failed->statements[1].error);
        QCOMPARE(failed->statements[1].error->kind(), Error::Kind::Statement);
        QCOMPARE(failed->statements[1].error->statementId(), 1);
        QCOMPARE(failed->firstError()->message(), u"unsupported mean iterator type: *query.stringInterruptIterator"_s);
        QCOMPARE(failed->bySeriesKey(0).size(), 1);
    }

    void chunkedStream_data()
    {
        QTest::addColumn<ResponseFormat>("format");
        QTest::newRow("json") << ResponseFormat::Json;
        QTest::newRow("msgpack") << ResponseFormat::MessagePack;
    }

    // chunk_size=1: one answer per row; takeResult gives them in order, flags as the server sent them.
    void chunkedStream()
    {
        QFETCH(ResponseFormat, format);
        const QByteArray body = serverBody(format == ResponseFormat::Json ? u"chunked.json"_s : u"chunked.msgpack"_s);
        ResponseDecoder decoder(format);
        QList<QueryResult> answers;
        for (qsizetype pos = 0; pos < body.size(); pos += 5) {
            QVERIFY(decoder.feed(QByteArrayView(body).sliced(pos, std::min<qsizetype>(5, body.size() - pos))).ok());
            while (auto r = decoder.takeResult())
                answers.append(std::move(*r));
        }
        QVERIFY(decoder.finish().ok());
        QCOMPARE(decoder.bytesConsumed(), body.size());
        QCOMPARE(answers.size(), 6);
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(answers[k].statements[0].statementId, 0);
            QVERIFY(answers[k].statements[0].partial);
            QCOMPARE(answers[k].statements[0].seriesPartial, QList<bool>{true});
            QCOMPARE(answers[k].rowCount(), 1);
        }
        QVERIFY(!answers[3].statements[0].partial);
        QCOMPARE(answers[3].statements[0].seriesPartial, QList<bool>{false});
        QCOMPARE(answers[4].statements[0].statementId, 1);
        QCOMPARE(answers[4].seriesCount(), 0);
        QCOMPARE(answers[5].frame()->column(u"name")->value(0), QVariant(u"d"_s));

        QueryResult merged = answers[0];
        for (int k = 1; k < answers.size(); ++k)
            QVERIFY(merged.append(answers[k]).ok());
        QCOMPARE(merged.statements.size(), 3);
        const Frame m = merged.statements[0].series.front();
        QCOMPARE(m.rowCount(), 4);
        // JSON: chunk 2 held only "2" (an Int chunk) - the merged column is Float, 2.0 exactly
        QCOMPARE(m.column(u"f")->type(), ColumnType::Float);
        QCOMPARE(m.column(u"f")->values<double>()[1], 2.0);
        QCOMPARE(m.column(u"i")->type(), ColumnType::Int);
    }

    // SHOW FIELD KEYS types fix what JSON cannot say: a float column with only whole numbers.
    void fieldTypes()
    {
        const QByteArray body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"f\",\"i\",\"n\"],\n"
            "            \"values\":[[1,2,3,null],[2,4,-5,null]]}]}]}";
        ResponseDecoder plain(ResponseFormat::Json);
        QVERIFY(plain.feed(body).ok());
        const QueryResult p = *plain.takeResult();
        QCOMPARE(p.frame()->column(u"f")->type(), ColumnType::Int);
        QCOMPARE(p.frame()->column(u"n")->type(), ColumnType::Float); // all null, no hint: Float

        ResponseDecoder typed(ResponseFormat::Json);
        typed.setFieldTypes({{u"f"_s, ColumnType::Float}, {u"i"_s, ColumnType::Int}, {u"n"_s, ColumnType::String}});
        QVERIFY(typed.feed(body).ok());
        QVERIFY(typed.finish().ok());
        const Frame t = *typed.takeResult()->frame();
        QCOMPARE(t.column(u"f")->type(), ColumnType::Float);
        QCOMPARE(t.column(u"f")->values<double>(), (std::vector<double>{2.0, 4.0}));
        QCOMPARE(t.column(u"i")->type(), ColumnType::Int);
        QCOMPARE(t.column(u"n")->type(), ColumnType::String);
        QVERIFY(t.column(u"n")->isNull(1));
    }

    void jsonText_data()
    {
        QTest::addColumn<QByteArray>("cell");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("escapes") << QByteArray("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"") << QVariant(u"a\"b\\c/d\b\f\n\r\te"_s);
        QTest::newRow("bmp escape") << QByteArray("\"\\u00e9\\u20AC\"") << QVariant(u"\u00e9\u20ac"_s);
        QTest::newRow("surrogate pair") << QByteArray("\"x\\ud83d\\ude00y\"") << QVariant(u"x\U0001F600y"_s);
        QTest::newRow("raw utf8") << QByteArray("\"\xc3\xa9\xf0\x9f\x98\x80\"") << QVariant(u"\u00e9\U0001F600"_s);
        QTest::newRow("int") << QByteArray("-42") << QVariant(qint64(-42));
        QTest::newRow("int64 min") << QByteArray("-9223372036854775808") << QVariant(qint64(std::numeric_limits<qint64>::min()));
        QTest::newRow("beyond int64") << QByteArray("9223372036854775808") << QVariant(9223372036854775808.0);
        QTest::newRow("huge whole float") << QByteArray("100000000000000000000") << QVariant(1e20);
        QTest::newRow("fraction") << QByteArray("0.1") << QVariant(0.1);
        QTest::newRow("exponent") << QByteArray("1e-320") << QVariant(1e-320);
        QTest::newRow("exponent upper") << QByteArray("2.5E+3") << QVariant(2500.0);
        QTest::newRow("true") << QByteArray("true") << QVariant(true);
    }

    void jsonText()
    {
        QFETCH(QByteArray, cell);
        QFETCH(QVariant, expected);
        const QByteArray body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"v\"],\"values\":[[" + cell
            + "]]}]}]}";
        const auto result = decodeResponse(body, ResponseFormat::Json);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result->frame()->column(0).value(0), expected);
        QCOMPARE(result->frame()->column(0).value(0).metaType(), expected.metaType());
    }

    void negativeZero_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("-0") << QByteArray("-0");
        QTest::newRow("-0.0") << QByteArray("-0.0");
        QTest::newRow("-0e0") << QByteArray("-0e0");
    }

    void negativeZero()
    {
        QFETCH(QByteArray, text);
        const QByteArray body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"v\"],\"values\":[[" + text
            + "],[0]]}]}]}";
        const auto result = decodeResponse(body, ResponseFormat::Json);
        QVERIFY(result.ok());
        const Column &v = result->frame()->column(0);
        QCOMPARE(v.type(), ColumnType::Float);
        QVERIFY(std::signbit(v.values<double>()[0]));
        QVERIFY(!std::signbit(v.values<double>()[1]));
    }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ResponseFormat>("format");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<QString>("words");
        const QByteArray head = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"m\",\"columns\":[\"time\",\"v\"],\"values\":[";
        const auto J = ResponseFormat::Json;
        const auto M = ResponseFormat::MessagePack;
        const qint64 h = head.size();
        QTest::newRow("json truncated") << head + "[1,2]" << J << h + 5 << u"truncated"_s;
        QTest::newRow("json empty") << QByteArray() << J << qint64(0) << u"empty"_s;
        QTest::newRow("json garbage") << QByteArray("<html>") << J << qint64(0) << u"not a JSON object"_s;
        QTest::newRow("json trailing garbage") << QByteArray("{\"results\":[]} x") << J << qint64(15) << u"not a JSON object"_s;
        QTest::newRow("json type mix") << head + "[1,2],[2,\"x\"]]}]}]}" << J << h + 9 << u"column \"v\" mixes value types: row 1 has a string value in a column of integer values"_s;
        QTest::newRow("json row width") << head + "[1,2,3]]}]}]}" << J << h + 5 << u"row 0 has more than 2 values"_s;
        QTest::newRow("json short row") << head + "[1]]}]}]}" << J << h << u"row 0 has 1 values for 2 columns"_s;
        QTest::newRow("json bad escape") << head + "[1,\"a\\qb\"]]}]}]}" << J << h + 5 << u"unknown escape"_s;
        QTest::newRow("json lone surrogate") << head + "[1,\"\\udc00\"]]}]}]}" << J << h + 4 << u"unpaired"_s;
        QTest::newRow("json leading zero") << head + "[1,01]]}]}]}" << J << h + 4 << u"expected ',' or ']'"_s;
        QTest::newRow("json number out of range") << head + "[1,1e400]]}]}]}" << J << h + 3 << u"out of the float64 range"_s;
        QTest::newRow("json bad time") << head + "[\"yesterday\",1]]}]}]}" << J << h + 1 << u"RFC 3339"_s;
        QTest::newRow("json float time") << head + "[1.5,1]]}]}]}" << J << h + 1 << u"row 0: time is a float"_s;
        QTest::newRow("json missing colon") << QByteArray("{\"results\" [}") << J << qint64(11) << u"expected ':'"_s;
        QTest::newRow("json values before columns") << QByteArray("{\"results\":[{\"series\":[{\"values\":[[1]]}]}]}") << J
                                                   << qint64(33) << u"before \"columns\""_s;
        QTest::newRow("json control char") << head + "[1,\"a\x01\"]]}]}]}" << J << h + 5 << u"control character"_s;
        QTest::newRow("json results not array") << QByteArray("{\"results\":3}") << J << qint64(11) << u"results array"_s;
        QTest::newRow("json nested row") << head + "[1,[2]]]}]}]}" << J << h + 3 << u"array or an object"_s;
        // MessagePack: {"results":[{"series":[{"columns":["v"],"values":[[ ... ]]}]}]}
        const QByteArray mhead = QByteArray::fromHex("81a7726573756c74739181a67365726965739182a7636f6c756d6e7391a176a676616c756573");
        const qint64 mh = mhead.size();
        QTest::newRow("msgpack truncated") << mhead + QByteArray::fromHex("9191cb3ff0") << M << mh + 5 << u"truncated"_s;
        QTest::newRow("msgpack c1") << mhead + QByteArray::fromHex("9191c1") << M << mh + 2 << u"0xc1"_s;
        QTest::newRow("msgpack not a map") << QByteArray::fromHex("93010203") << M << qint64(0) << u"not a map"_s;
        QTest::newRow("msgpack key not string") << QByteArray::fromHex("810102") << M << qint64(1) << u"key is not a string"_s;
        QTest::newRow("msgpack row width") << mhead + QByteArray::fromHex("919201") << M << mh + 1 << u"2 values for 1 columns"_s;
        QTest::newRow("msgpack type mix") << mhead + QByteArray::fromHex("929101""91a178") << M << mh + 4 << u"row 1 has a string value in a column of integer"_s;
        QTest::newRow("msgpack huge string") << mhead + QByteArray::fromHex("9191dbffffffff41") << M << mh + 8 << u"truncated"_s;
        QTest::newRow("msgpack map in row") << mhead + QByteArray::fromHex("919180") << M << mh + 2 << u"array or a map"_s;
        QTest::newRow("msgpack bad ext") << mhead + QByteArray::fromHex("9191d40100") << M << mh + 2 << u"binary or extension"_s;
    }

    // Bad input: a Parse error naming the byte offset, fed whole or byte by byte alike.
    void badBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(ResponseFormat, format);
        QFETCH(qint64, offset);
        QFETCH(QString, words);
        const auto whole = decodeResponse(body, format);
        QVERIFY(!whole.ok());
        QCOMPARE(whole.error().kind(), Error::Kind::Parse);
        QVERIFY2(whole.error().message().contains(words), qPrintable(whole.error().message()));
        if (!body.isEmpty())
            QVERIFY2(whole.error().message().contains(u"at byte %1"_s.arg(offset)), qPrintable(whole.error().message()));
        const auto bytewise = decodeInPieces(body, format, TimeUnit::Nanoseconds, [] { return qsizetype(1); });
        QVERIFY(!bytewise.ok());
        if (!body.isEmpty())
            QCOMPARE(bytewise.error().message(), whole.error().message());
    }

    void errorIsSticky()
    {
        ResponseDecoder decoder(ResponseFormat::Json);
        QVERIFY(!decoder.feed("nonsense").ok());
        const auto again = decoder.feed("{\"results\":[]}");
        QVERIFY(!again.ok());
        QVERIFY(again.error().message().contains(u"at byte 0"_s));
        QVERIFY(!decoder.takeResult());
        QVERIFY(!decoder.finish().ok());
    }

    // The old entry point goes through the new decoder.
    void jsonDecoderWrapper()
    {
        const auto result = JsonDecoder::decode(serverBody(u"select_all.json"_s));
        QVERIFY(result.ok());
        QVERIFY(std::signbit(result->frame()->column(u"f")->values<double>()[2]));
    }
};

QTEST_GUILESS_MAIN(ResponseDecoderTest)
#include "responsedecodertest.moc"
