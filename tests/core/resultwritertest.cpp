#include "jsondecoder_p.h"
#include <QInflux/resultwriter.h>

#include <QBuffer>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class ResultWriterTest : public QObject
{
    Q_OBJECT
private:
    static QueryResult decoded(const QByteArray &body)
    {
        auto result = JsonDecoder::decode(body);
        if (!result.ok())
            qFatal("test body does not decode: %s", qPrintable(result.error().toString()));
        return std::move(result).value();
    }

private Q_SLOTS:
    void csv()
    {
        const QueryResult result = decoded(// (moc misreads \" inside raw strings, so this body is an ordinary literal)
            "{\"results\":[{\"statement_id\":0,\"series\":["
            "{\"name\":\"m\",\"tags\":{\"host\":\"a,b\"},\"columns\":[\"time\",\"v\",\"s\"],"
            "\"values\":[[1257894000123456789,0.1,\"say \\\"hi\\\"\"],[0,null,\"x\"]]},"
            "{\"name\":\"m\",\"tags\":{\"host\":\"c\"},\"columns\":[\"time\",\"v\",\"s\"],"
            "\"values\":[[1,2.5,\"line\\nbreak\"]]}]}]}");
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(ResultWriter::writeCsv(result, buffer).ok());
        QCOMPARE(buffer.data(),
                 QByteArray("name,tags,time,v,s\r\n"
                            "m,\"host=a,b\",2009-11-10T23:00:00.123456789Z,0.1,\"say \"\"hi\"\"\"\r\n"
                            "m,\"host=a,b\",1970-01-01T00:00:00Z,,x\r\n"
                            "m,host=c,1970-01-01T00:00:00.000000001Z,2.5,\"line\nbreak\"\r\n"));

        QBuffer epoch;
        epoch.open(QIODevice::WriteOnly);
        QVERIFY(ResultWriter::writeCsv(result, epoch, ResultWriter::TimeFormat::Epoch).ok());
        QVERIFY(epoch.data().contains(",1257894000123456789,"));
    }

    void csvNewHeaderWhenColumnsChange()
    {
        const QueryResult result = decoded(R"({"results":[{"statement_id":0,"series":[{"name":"a","columns":["time","x"],"values":[[1,1]]}]},
            {"statement_id":1,"series":[{"name":"databases","columns":["name"],"values":[["db"]]}]}]})");
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(ResultWriter::writeCsv(result, buffer).ok());
        QCOMPARE(buffer.data(), QByteArray("name,tags,time,x\r\na,,1970-01-01T00:00:00.000000001Z,1\r\nname,tags,name\r\ndatabases,,db\r\n"));
    }

    void csvWriteFailureIsAnError()
    {
        const QueryResult result = decoded(R"({"results":[{"statement_id":0,"series":[{"name":"a","columns":["x"],"values":[[1]]}]}]})");
        QBuffer closed; // not open: every write fails
        const auto written = ResultWriter::writeCsv(result, closed);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Io);
    }

    void jsonRoundTrip()
    {
        const QByteArray body = R"({"results":[{"series":[{"columns":["time","b","f","i","s"],"name":"m","tags":{"t":"1"},"values":[[1257894000123456789,true,0.5,-3,"x"],[2,null,1.25,4,null]]}],"statement_id":0},{"error":"boom","statement_id":1}]})";
        const QueryResult result = decoded(body);
        QCOMPARE(QJsonDocument::fromJson(ResultWriter::toJson(result)), QJsonDocument::fromJson(body));
    }

    void cellFormatting()
    {
        const Column floats(u"f"_s, std::vector<double>{0.1, 1e21, 3.0});
        QCOMPARE(ResultWriter::formatCell(floats, 0), u"0.1"_s);
        QCOMPARE(ResultWriter::formatCell(floats, 1), u"1e+21"_s);
        QCOMPARE(ResultWriter::formatCell(floats, 2), u"3"_s);
        const Column ints(u"i"_s, std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()}, {1});
        QCOMPARE(ResultWriter::formatCell(ints, 0), u"-9223372036854775808"_s);
    }
};

QTEST_GUILESS_MAIN(ResultWriterTest)
#include "resultwritertest.moc"
