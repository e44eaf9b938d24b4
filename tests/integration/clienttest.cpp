#include <QInflux/blockingclient.h>
#include <QInflux/administration.h>
#include <QInflux/influxql.h>
#include <QInflux/schema.h>
#include <QInflux/blockingadministration.h>
#include <QInflux/wait.h>
#include "influxfixture.h"

#include <QDateTime>
#include <QJsonArray>

#include <cmath>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

struct SensorReading
{
    std::int64_t t;
    std::string sensor;
    double value;
};
QINFLUX_LINEPROTOCOL(SensorReading, QINFLUX_TIMEINT(t), QINFLUX_TAG(sensor), QINFLUX_FLOAT(value));

// The client against a real influxd started by the fixture.
class ClientTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;

    static QString describe(const Error &e) { return Error::kindName(e.kind()) + u": "_s + e.toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    void ping()
    {
        BlockingClient client(m_influx.settings());
        const auto info = client.ping();
        QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : describe(info.error())));
        QVERIFY2(info->version.startsWith(u"1."_s), qPrintable(info->version));
    }

    void writeAndQueryBack()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"write"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        const QByteArray lines = "cpu_load_short,host=server01,region=us-west value=0.64,count=3i,ok=true,note=\"a \\\"b\\\"\" 1257894000000000000\n"
                                 "cpu_load_short,host=server02,region=us-west value=0.5,count=-9007199254740993i,ok=false,note=\"x\" 1257894000000000001\n"
                                 "cpu_load_short,host=server03,region=us-east value=1.5,count=4i,ok=true,note=\"epoch\" 0\n";
        const auto written = client.write(lines);
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : describe(written.error())));

        const auto result = client.query(u"SELECT * FROM cpu_load_short"_s);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : describe(result.error())));
        QCOMPARE(result->statements.size(), 1);
        QCOMPARE(result->statements[0].series.size(), 1);
        const Frame &frame = result->statements[0].series[0];
        QCOMPARE(frame.rowCount(), 3);
        // timestamp 0 is a real timestamp; nanoseconds survive
        QCOMPARE(frame.time(), (std::vector<std::int64_t>{0, 1257894000000000000, 1257894000000000001}));
        QCOMPARE(frame.column(u"host")->values<QString>(), (std::vector<QString>{u"server03"_s, u"server01"_s, u"server02"_s}));
        QCOMPARE(frame.column(u"value")->values<double>(), (std::vector<double>{1.5, 0.64, 0.5}));
        QCOMPARE(frame.column(u"count")->values<std::int64_t>(), (std::vector<std::int64_t>{4, 3, -9007199254740993}));
        QCOMPARE(frame.column(u"ok")->type(), ColumnType::Bool);
        QCOMPARE(frame.column(u"note")->values<QString>()[1], u"a \"b\""_s);
    }

    void groupBy()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"groupby"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("h2o,location=a ph=7 1\nh2o,location=a ph=8 2\nh2o,location=b ph=6.5 1\n").ok());
        const auto result = client.query(u"SELECT mean(ph) FROM h2o GROUP BY location"_s);
        QVERIFY(result.ok());
        const auto &series = result->statements[0].series;
        QCOMPARE(series.size(), 2);
        QCOMPARE(series[0].seriesKey(), u"h2o,location=a"_s);
        QCOMPARE(series[1].seriesKey(), u"h2o,location=b"_s);
        // Aggregates without GROUP BY time() come with time 0 on every row: no time index (aioinflux).
        QVERIFY(!series[0].hasTime());
        QCOMPARE(series[0].column(u"mean")->value(0).toDouble(), 7.5);
    }

    void statementErrorKeepsOtherStatements()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"multi"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("m v=1 1\n").ok());
        // The server stops at the first failing statement; what ran before it stays available.
        const auto result = client.query(u"SELECT * FROM m; SHOW DATABASES; SELECT * FROM m GROUP BY time(1ms)"_s);
        QVERIFY(result.ok());
        QCOMPARE(result->statements.size(), 3);
        QCOMPARE(result->statements[0].series.size(), 1);
        QVERIFY(!result->statements[0].error);
        QVERIFY(!result->statements[1].error);
        QVERIFY(result->statements[1].series[0].column(u"name") != nullptr);
        QVERIFY(result->statements[2].error.has_value());
        QCOMPARE(result->statements[2].error->kind(), Error::Kind::Statement);
        QCOMPARE(result->statements[2].error->statementId(), 2);
        QVERIFY2(result->statements[2].error->message().contains(u"GROUP BY"_s), qPrintable(result->statements[2].error->message()));
    }

    void invalidQuery()
    {
        BlockingClient client(m_influx.settings());
        const auto result = client.query(u"SELEC nonsense"_s);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind(), Error::Kind::Statement);
        QCOMPARE(result.error().httpStatus(), 400);
        QVERIFY2(result.error().message().contains(u"error parsing query"_s), qPrintable(result.error().message()));
    }

    void queryWithoutDatabase()
    {
        BlockingClient client(m_influx.settings());
        const auto result = client.query(u"SELECT * FROM m"_s);
        QVERIFY(result.ok());
        QVERIFY(result->statements[0].error.has_value());
        QVERIFY2(result->statements[0].error->message().contains(u"database name required"_s),
                 qPrintable(result->statements[0].error->message()));
    }

    void writeToMissingDatabase()
    {
        BlockingClient client(m_influx.settings(u"no_such_db"_s));
        const auto written = client.write("m v=1 1\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::NotFound);
        QVERIFY2(written.error().toString().contains(u"database not found"_s), qPrintable(written.error().toString()));
    }

    void badLineProtocol()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"badlp"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        const auto written = client.write("m v=1 1\nm\n");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().httpStatus(), 400);
        QVERIFY2(written.error().toString().contains(u"unable to parse"_s), qPrintable(written.error().toString()));
    }

    void partialWrite()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"partial"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("m v=1 1\n").ok());
        const auto written = client.write("m v=2 2\nm v=\"text\" 3\n"); // field type conflict on the second line
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::PartialWrite);
        QVERIFY2(written.error().detail().contains(u"field type conflict"_s), qPrintable(written.error().detail()));
        const auto result = client.query(u"SELECT count(v) FROM m"_s);
        QVERIFY(result.ok());
        QCOMPARE(result->statements[0].series[0].column(u"count")->value(0).toLongLong(), 2); // the valid line was written
    }

    void hostileNamesNeverInject()
    {
        BlockingClient client(m_influx.settings());
        const QString name = u"x\"; DROP DATABASE \"y"_s;
        QVERIFY(BlockingAdministration(client).createDatabase(u"y"_s).ok());
        QVERIFY(BlockingAdministration(client).createDatabase(name).ok());
        const auto result = client.query(u"SHOW DATABASES"_s);
        QVERIFY(result.ok());
        const auto &names = result->statements[0].series[0].column(u"name")->values<QString>();
        QVERIFY(std::find(names.begin(), names.end(), name) != names.end());
        QVERIFY(std::find(names.begin(), names.end(), u"y"_s) != names.end()); // not dropped
        const auto dropped = client.query(u"DROP DATABASE "_s + InfluxQL::quoteIdentifier(name));
        QVERIFY(dropped.ok() && !dropped->firstError());
    }

    void queryJsonIsTheServersAnswer()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"json"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("m,host=a v=1.5 1\n").ok());
        QueryOptions options;
        options.database = db;
        const auto json = blockOn(client.async().queryJson(u"SELECT v FROM m; SELECT * FROM m GROUP BY time(1ms)"_s, options));
        QVERIFY(json.ok());
        const QJsonArray results = json->value(u"results"_s).toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results[0][u"series"_s][0][u"values"_s][0].toArray(), QJsonArray({1, 1.5}));
        // A statement error stays inside the document, as the server put it.
        QVERIFY(results[1][u"error"_s].toString().contains(u"GROUP BY"_s));
        // A query the server cannot parse is an error of the call.
        const auto bad = blockOn(client.async().queryJson(u"SELECT FROM"_s, options));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind(), Error::Kind::Statement);
    }

    void typesSurviveTheAnswer()
    {
        // MessagePack answers are typed: a float field holding only whole numbers stays Float, an
        // integer field stays Int, with JSON as well when the field types are given.
        const QString db = Test::InfluxFixture::uniqueDatabase(u"types"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("m f=2,i=3i 1\nm f=4,i=5i 2\n").ok());
        for (const bool messagePack : {true, false}) {
            ClientSettings s = m_influx.settings(db);
            s.messagePack = messagePack;
            BlockingClient c(s);
            QueryOptions options;
            if (!messagePack)
                options.fieldTypes = {{u"f"_s, ColumnType::Float}};
            const auto result = c.query(u"SELECT f, i FROM m"_s, options);
            QVERIFY(result.ok());
            const Frame frame = result->frame().value();
            QCOMPARE(frame.column(u"f")->type(), ColumnType::Float);
            QCOMPARE(frame.column(u"i")->type(), ColumnType::Int);
            QCOMPARE(frame.column(u"f")->values<double>(), (std::vector<double>{2.0, 4.0}));
        }
        // Without the types, JSON cannot tell: 2 and 4 decode as integers (documented).
        ClientSettings s = m_influx.settings(db);
        s.messagePack = false;
        const auto json = BlockingClient(s).query(u"SELECT f FROM m"_s);
        QVERIFY(json.ok());
        QCOMPARE(json->frame()->column(u"f")->type(), ColumnType::Int);
    }

    void specialValues()
    {
        // aioinflux's test_special_values, with the server's escaping rules: spaces, commas, equals
        // signs, quotes, backslashes and newlines inside string fields, unicode everywhere.
        const QString db = Test::InfluxFixture::uniqueDatabase(u"special"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        // my\ measurement\,x,tag\ key=tag\,value\=1,path=C:\dir text="quote \" backslash \\ newline<LF>end",...
        const QByteArray line = "my\\ measurement\\,x,tag\\ key=tag\\,value\\=1,path=C:\\dir "
                                "text=\"quote \\\" backslash \\\\ newline\nend\",\xC3\xBCn\xC3\xAF=\"\xC3\xA7\xC3\xB8" "d\xC3\xA9\","
                                "i=-9223372036854775808i,b=true,f=-1.5e-300 0\n";
        QVERIFY(client.write(line).ok());
        const auto measurements = BlockingAdministration(client).showMeasurements();
        QVERIFY(measurements.ok());
        QCOMPARE(measurements->statements[0].series[0].column(0).values<QString>()[0], u"my measurement,x"_s);
        const auto result = client.query(u"SELECT * FROM "_s + InfluxQL::quoteIdentifier(u"my measurement,x"_s));
        QVERIFY(result.ok());
        const Frame &frame = result->statements[0].series[0];
        QCOMPARE(frame.rowCount(), 1);
        QCOMPARE(frame.time()[0], std::int64_t(0));
        QCOMPARE(frame.column(u"tag key")->values<QString>()[0], u"tag,value=1"_s);
        QCOMPARE(frame.column(u"path")->values<QString>()[0], u"C:\\dir"_s);
        QCOMPARE(frame.column(u"text")->values<QString>()[0], u"quote \" backslash \\ newline\nend"_s);
        QCOMPARE(frame.column(u"\u00fcn\u00ef")->values<QString>()[0], u"\u00e7\u00f8d\u00e9"_s);
        QCOMPARE(frame.column(u"i")->values<std::int64_t>()[0], std::numeric_limits<std::int64_t>::min());
        QCOMPARE(frame.column(u"f")->values<double>()[0], -1.5e-300);
    }

    void nonDefaultDatabaseAndRetentionPolicy()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"rp"_s);
        BlockingClient client(m_influx.settings()); // no default database: everything names it
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        RetentionPolicySpec rp;
        rp.name = u"short term"_s; // a name that needs quoting
        rp.database = db;
        rp.duration = u"1h"_s;
        QVERIFY(BlockingAdministration(client).createRetentionPolicy(rp).ok());
        WriteOptions w;
        w.database = db;
        w.retentionPolicy = rp.name;
        w.precision = TimeUnit::Seconds;
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(client.write("m v=1 " + QByteArray::number(now) + "\n", w).ok());

        QueryOptions q;
        q.database = db;
        q.retentionPolicy = rp.name;
        auto inRp = client.query(u"SELECT * FROM m"_s, q);
        QVERIFY(inRp.ok());
        QCOMPARE(inRp->rowCount(), 1);
        QCOMPARE(inRp->statements[0].series[0].time()[0], std::int64_t(now) * 1'000'000'000);
        q.retentionPolicy.clear();
        auto inDefault = client.query(u"SELECT * FROM m"_s, q);
        QVERIFY(inDefault.ok());
        QCOMPARE(inDefault->rowCount(), 0); // the default RP (autogen) has nothing

        auto policies = BlockingAdministration(client).showRetentionPolicies(db);
        QVERIFY(policies.ok());
        const auto &names = policies->statements[0].series[0].column(u"name")->values<QString>();
        QVERIFY(std::find(names.begin(), names.end(), rp.name) != names.end());
        rp.duration = u"2h"_s;
        rp.makeDefault = true;
        QVERIFY(BlockingAdministration(client).alterRetentionPolicy(rp).ok());
        policies = BlockingAdministration(client).showRetentionPolicies(db);
        const Frame &frame = policies->statements[0].series[0];
        for (qsizetype r = 0; r < frame.rowCount(); ++r) {
            if (frame.column(u"name")->value(r).toString() == rp.name) {
                QCOMPARE(frame.column(u"duration")->value(r).toString(), u"2h0m0s"_s);
                QCOMPARE(frame.column(u"default")->value(r).toBool(), true);
            }
        }
        QVERIFY(BlockingAdministration(client).dropRetentionPolicy(rp.name, db).ok());
        rp.duration = u"forever"_s;
        const auto bad = BlockingAdministration(client).createRetentionPolicy(rp);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind(), Error::Kind::Usage);
    }

    void helpers()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"helpers"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("cpu,host=a,region=x v=1,n=2i 1\ncpu,host=b,region=y v=2,n=3i 2\nmem,host=a free=5i 1\n"
                             "a\"b,k=v f=1 1\n").ok());
        auto names = [](const Result<QueryResult> &r, const QString &column) {
            QStringList out;
            if (!r.ok())
                return QStringList{u"error: "_s + r.error().toString()};
            for (const Frame &f : r->statements[0].series)
                for (qsizetype i = 0; i < f.rowCount(); ++i)
                    out << f.column(column)->value(i).toString();
            return out;
        };
        QCOMPARE(names(BlockingAdministration(client).showMeasurements(), u"name"_s), (QStringList{u"a\"b"_s, u"cpu"_s, u"mem"_s}));
        QVERIFY(names(BlockingAdministration(client).showDatabases(), u"name"_s).contains(db));
        QCOMPARE(names(BlockingAdministration(client).showSeries(), u"key"_s).size(), 4);
        QCOMPARE(names(BlockingAdministration(client).showSeries(u"cpu"_s), u"key"_s), (QStringList{u"cpu,host=a,region=x"_s, u"cpu,host=b,region=y"_s}));
        QCOMPARE(names(BlockingAdministration(client).showSeries(u"a\"b"_s), u"key"_s), (QStringList{u"a\"b,k=v"_s}));
        QCOMPARE(names(BlockingAdministration(client).showTagKeys(u"cpu"_s), u"tagKey"_s), (QStringList{u"host"_s, u"region"_s}));
        QCOMPARE(names(BlockingAdministration(client).showTagKeys(), u"tagKey"_s).size(), 4); // a"b:k, cpu:host,region, mem:host
        QCOMPARE(names(BlockingAdministration(client).showFieldKeys(u"cpu"_s), u"fieldKey"_s), (QStringList{u"n"_s, u"v"_s}));
        QCOMPARE(names(BlockingAdministration(client).showFieldKeys(u"cpu"_s), u"fieldType"_s), (QStringList{u"integer"_s, u"float"_s}));
        QCOMPARE(names(BlockingAdministration(client).showFieldKeys(), u"fieldKey"_s).size(), 4);
        QCOMPARE(names(BlockingAdministration(client).showTagValues(u"host"_s, u"cpu"_s), u"value"_s), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(names(BlockingAdministration(client).showTagValues(u"host"_s), u"value"_s), (QStringList{u"a"_s, u"b"_s, u"a"_s}));
        QVERIFY(BlockingAdministration(client).showUsers().ok());
        QVERIFY(BlockingAdministration(client).showContinuousQueries().ok());
        QVERIFY(names(BlockingAdministration(client).showQueries(), u"query"_s).contains(u"SHOW QUERIES"_s));
        QVERIFY(BlockingAdministration(client).showMeasurements(db).ok());

        QVERIFY(BlockingAdministration(client).dropMeasurement(u"a\"b"_s).ok());
        QCOMPARE(names(BlockingAdministration(client).showMeasurements(), u"name"_s), (QStringList{u"cpu"_s, u"mem"_s}));
        QVERIFY(BlockingAdministration(client).dropDatabase(db).ok());
        QVERIFY(!names(BlockingAdministration(client).showDatabases(), u"name"_s).contains(db));
        const auto killed = BlockingAdministration(client).killQuery(999999);
        QVERIFY(!killed.ok());
        QCOMPARE(killed.error().kind(), Error::Kind::Statement);
    }

    void bindParameters()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"params"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QVERIFY(client.write("m,host=a v=1 1\nm,host=b v=2 2\nm,host=x'\\\"y v=3 3\n").ok());
        QueryOptions options;
        options.params = {{u"host"_s, u"x'\\\"y"_s}, {u"min"_s, 0.5}};
        const auto result = client.query(u"SELECT v FROM m WHERE host = $host AND v > $min"_s, options);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().toString()));
        QVERIFY2(!result->firstError(), qPrintable(result->firstError().value_or(Error()).message()));
        QCOMPARE(result->rowCount(), 1);
        QCOMPARE(result->statements[0].series[0].column(u"v")->value(0).toDouble(), 3.0);
    }

    void batchedWrites()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"batches"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QByteArray lines;
        for (int i = 0; i < 1000; ++i)
            lines += "m,k=" + QByteArray::number(i % 7) + " v=" + QByteArray::number(i) + "i " + QByteArray::number(i) + "\n\n";
        WriteOptions options;
        options.batchSize = 64;
        options.maxBatchBytes = 1000;
        QVERIFY(client.write(lines, options).ok());
        const auto count = client.query(u"SELECT count(v), sum(v) FROM m"_s);
        QVERIFY(count.ok());
        QCOMPARE(count->statements[0].series[0].column(u"count")->value(0).toLongLong(), 1000);
        QCOMPARE(count->statements[0].series[0].column(u"sum")->value(0).toLongLong(), 999 * 1000 / 2);
    }

    void partialWriteNamesTheBatch()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"batchfail"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        WriteOptions options;
        options.batchSize = 2;
        options.concurrency = 1; // one batch at a time: nothing after the failing batch is sent
        const auto written = client.write("m v=1 1\nm v=2 2\nm v=3 3\nm v=\"x\" 4\nm v=5 5\n", options);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::PartialWrite);
        QVERIFY2(written.error().message().contains(u"batch 2 of 3, lines 3 to 4"_s), qPrintable(written.error().message()));
        const auto count = client.query(u"SELECT count(v) FROM m"_s);
        QCOMPARE(count->statements[0].series[0].column(u"count")->value(0).toLongLong(), 3); // nothing after the failure
    }

    void gzipWrites()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"gzip"_s);
        ClientSettings settings = m_influx.settings(db);
        settings.gzipWrites = true;
        BlockingClient client(settings);
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QByteArray lines;
        for (int i = 0; i < 500; ++i)
            lines += "m,host=server" + QByteArray::number(i % 10) + " v=" + QByteArray::number(i) + " " + QByteArray::number(i) + "\n";
        QVERIFY(client.write(lines).ok());
        const auto count = client.query(u"SELECT count(v) FROM m"_s);
        QCOMPARE(count->statements[0].series[0].column(u"count")->value(0).toLongLong(), 500);
    }

    void chunkedQuery()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"chunked"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QByteArray lines;
        for (int i = 0; i < 2500; ++i)
            lines += "m,host=h" + QByteArray::number(i % 2) + " v=" + QByteArray::number(i) + "i " + QByteArray::number(i) + "\n";
        QVERIFY(client.write(lines).ok());

        QueryOptions options;
        options.chunkSize = 400;
        int chunks = 0;
        qsizetype rows = 0;
        std::int64_t lastTime = -1;
        bool sawPartial = false;
        const auto done = client.queryChunked(u"SELECT v FROM m"_s, [&](const QueryResult &chunk) {
            ++chunks;
            for (const StatementResult &s : chunk.statements) {
                sawPartial = sawPartial || s.partial;
                for (const Frame &f : s.series) {
                    rows += f.rowCount();
                    if (f.rowCount() > 0) {
                        if (f.time().front() <= lastTime)
                            return false; // out of order: the QCOMPARE below fails
                        lastTime = f.time().back();
                    }
                }
            }
            return true;
        }, options);
        QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().toString()));
        QCOMPARE(rows, 2500);
        QCOMPARE(chunks, 7); // 6 full chunks of 400 and one of 100
        QVERIFY(sawPartial);
        QCOMPARE(lastTime, std::int64_t(2499));

        // Stopping early closes the connection; the client stays usable.
        int seen = 0;
        QVERIFY(client.queryChunked(u"SELECT v FROM m"_s, [&](const QueryResult &) { return ++seen < 2; }, options).ok());
        QCOMPARE(seen, 2);
        QVERIFY(client.ping().ok());
    }

    void chunkedEmptyResultAndErrors()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"chunkedempty"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        QList<QueryResult> chunks;
        auto collect = [&](const QueryResult &chunk) {
            chunks << chunk;
            return true;
        };
        QVERIFY(client.queryChunked(u"SELECT * FROM nothing_here"_s, collect).ok());
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(chunks[0].rowCount(), 0);
        QVERIFY(!chunks[0].firstError());

        // An error inside the stream belongs to its statement.
        chunks.clear();
        QVERIFY(client.queryChunked(u"SELECT * FROM m GROUP BY time(1ms)"_s, collect).ok());
        QCOMPARE(chunks.size(), 1);
        QVERIFY(chunks[0].firstError().has_value());
        QCOMPARE(chunks[0].firstError()->kind(), Error::Kind::Statement);

        // A query the server cannot parse fails the stream with the server's words.
        chunks.clear();
        const auto bad = client.queryChunked(u"SELEC nope"_s, collect);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().kind(), Error::Kind::Statement);
        QVERIFY(bad.error().message().contains(u"error parsing query"_s));
        QVERIFY(chunks.isEmpty());
    }

    void cancellation()
    {
        Client client(m_influx.settings());
        Cancellation cancel;
        QueryOptions options;
        options.cancellation = cancel;
        // A query that takes a while on the server: the sleep-free way is a huge SHOW on a busy
        // server; cancelling right after sending is enough to see the request aborted.
        std::optional<Result<QueryResult>> result;
        QCoro::connect(client.query(u"SHOW DATABASES"_s, options), this, [&](const Result<QueryResult> &r) { result = r; });
        cancel.cancel();
        QTRY_VERIFY(result.has_value());
        QVERIFY(!result->ok());
        QCOMPARE(result->error().kind(), Error::Kind::Cancelled);

        // Already cancelled: fails at once, without reaching the server.
        std::optional<Result<QueryResult>> again;
        QCoro::connect(client.query(u"SHOW DATABASES"_s, options), this, [&](const Result<QueryResult> &r) { again = r; });
        QTRY_VERIFY(again.has_value());
        QCOMPARE(again->error().kind(), Error::Kind::Cancelled);

        // cancelAll() reaches requests without a Cancellation.
        std::optional<Result<void>> written;
        QCoro::connect(client.write("m v=1 1\n", {.database = u"whatever"_s}), this, [&](const Result<void> &r) { written = r; });
        client.cancelAll();
        QTRY_VERIFY(written.has_value());
        QCOMPARE(written->error().kind(), Error::Kind::Cancelled);

        // And the client still works afterwards.
        std::optional<Result<ServerInfo>> pong;
        QCoro::connect(client.ping(), this, [&](const Result<ServerInfo> &r) { pong = r; });
        QTRY_VERIFY(pong.has_value());
        QVERIFY(pong->ok());
    }

    void switchDatabaseOnTheFly()
    {
        const QString db1 = Test::InfluxFixture::uniqueDatabase(u"switch"_s);
        const QString db2 = Test::InfluxFixture::uniqueDatabase(u"switch"_s);
        BlockingClient client(m_influx.settings(db1));
        QVERIFY(BlockingAdministration(client).createDatabase(db1).ok());
        QVERIFY(BlockingAdministration(client).createDatabase(db2).ok());
        QVERIFY(client.write("m v=1 1\n").ok());
        client.setDatabase(db2);
        QVERIFY(client.write("m v=2 1\nm v=3 2\n").ok());
        QCOMPARE(client.query(u"SELECT * FROM m"_s)->rowCount(), 2);
        client.setDatabase(db1);
        QCOMPARE(client.query(u"SELECT * FROM m"_s)->rowCount(), 1);
    }

    void everyWriteForm()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"forms"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(BlockingAdministration(client).createDatabase(db).ok());
        Client &async = client.async();
        auto run = [&](QCoro::Task<Result<void>> task) { return blockOn(std::move(task)); };

        // 1. mappings
        auto mapping = Point::fromVariantMap({{u"time"_s, u"2009-11-10T23:00:00Z"_s},
                                              {u"measurement"_s, u"cpu_load_short"_s},
                                              {u"tags"_s, QVariantMap{{u"host"_s, u"server01"_s}, {u"region"_s, u"us-west"_s}}},
                                              {u"fields"_s, QVariantMap{{u"value"_s, 0.64}}}});
        QVERIFY(mapping.ok());
        QVERIFY(run(async.write(*mapping)).ok());
        WriteOptions fallback;
        fallback.measurement = u"cpu_load_short"_s;
        fallback.extraTags = {{u"dc"_s, u"eu"_s}};
        QVERIFY(run(async.write(QList<Point>{Point{}.tag(u"host"_s, u"server02"_s).field(u"value"_s, 0.5).at(1257894000000000001)}, fallback)).ok());
        // 2. a DataFrame-like Frame
        const Frame frame(u"ignored"_s, {}, std::vector<std::int64_t>{1, 2},
                          {Column(u"tag"_s, std::vector<QString>{u"B"_s, u"E"_s}), Column(u"LUY"_s, std::vector<double>{2.545409, -0.306673})});
        WriteOptions prices;
        prices.measurement = u"prices"_s;
        prices.tagColumns = {u"tag"_s};
        prices.extraTags = {{u"asset_class"_s, u"equities"_s}};
        QVERIFY(run(async.write(frame, prices)).ok());
        // 3. schema-described structs, as a range
        std::vector<SensorReading> readings{{1, "a", 1.5}, {2, "b", 2.5}};
        QVERIFY(run(async.write(readings)).ok());
        QVERIFY(run(async.write(std::vector<Point>{}, {})).ok()); // an empty range writes nothing
        // 4. raw line protocol as text, and a range of chunks
        QVERIFY(run(async.write(u"raw v=1i 1\nraw v=2i 2"_s)).ok());
        QVERIFY(run(async.write(QList<QByteArray>{"raw v=3i 3", "raw v=4i 4\n"})).ok());

        auto count = [&](const QString &q) {
            const auto r = client.query(q);
            return r.ok() && !r->statements.isEmpty() && !r->statements[0].series.isEmpty() ? r->statements[0].series[0].rowCount() : -1;
        };
        QCOMPARE(count(u"SELECT * FROM cpu_load_short"_s), 2);
        const auto second = client.query(u"SELECT * FROM cpu_load_short WHERE host = 'server02'"_s);
        QCOMPARE(second->statements[0].series[0].column(u"dc")->value(0).toString(), u"eu"_s);
        const auto p = client.query(u"SELECT * FROM prices"_s);
        QCOMPARE(p->statements[0].series[0].rowCount(), 2);
        QCOMPARE(p->statements[0].series[0].column(u"tag")->value(1).toString(), u"E"_s);
        QCOMPARE(p->statements[0].series[0].column(u"asset_class")->value(0).toString(), u"equities"_s);
        QCOMPARE(p->statements[0].series[0].column(u"LUY")->value(1).toDouble(), -0.306673);
        QCOMPARE(count(u"SELECT * FROM raw"_s), 4);
        const auto r = client.query(u"SELECT * FROM \"SensorReading\" GROUP BY sensor"_s);
        QCOMPARE(r->statements[0].series.size(), 2);
        QCOMPARE(r->statements[0].series[1].column(u"value")->value(0).toDouble(), 2.5);

        // A refused point: nothing of the write is sent, and the error names it.
        QList<Point> mixed{Point{u"m"_s, {}, {}, 1}.field(u"v"_s, 1.0), Point{u"m"_s, {}, {}, 2}.field(u"v"_s, std::nan(""))};
        const auto refused = run(async.write(mixed));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Error::Kind::Usage);
        QVERIFY2(refused.error().message().contains(u"point 1: \"v\" is NaN"_s), qPrintable(refused.error().message()));
        QCOMPARE(count(u"SELECT * FROM m"_s), -1);
    }

    // The README's first example (the user guide's), blocking then async, as written there.
    void userGuideFirstExample()
    {
        QInflux::ClientSettings settings = m_influx.settings();
        settings.database = u"testdb"_s;
        {
            QInflux::BlockingClient client(settings);
            if (auto created = BlockingAdministration(client).createDatabase(u"testdb"_s); !created)
                QFAIL(qPrintable(created.error().toString()));
            QVERIFY(client.write("cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000\n").ok());
            auto result = client.query(u"SELECT value FROM cpu_load_short"_s);
            QVERIFY(result);
            QCOMPARE(result->statements[0].series[0].column(u"value")->value(0), QVariant(0.64));
        }
        QInflux::Client client(settings);
        std::optional<QVariant> value;
        auto example = [&]() -> QCoro::Task<> {
            co_await Administration(client).createDatabase(u"testdb"_s);
            co_await client.write("cpu_load_short,host=server01,region=us-west value=0.64 1257894000000000000\n");
            const QInflux::Result<QInflux::QueryResult> result = co_await client.query(u"SELECT value FROM cpu_load_short"_s);
            if (result)
                value = result->statements[0].series[0].column(u"value")->value(0);
        };
        QCoro::connect(example(), this, [] {});
        QTRY_VERIFY(value.has_value());
        QCOMPARE(*value, QVariant(0.64));
    }

    void asyncClient()
    {
        Client client(m_influx.settings());
        bool done = false;
        QCoro::connect(client.ping(), this, [&](const Result<ServerInfo> &info) {
            QVERIFY(info.ok());
            done = true;
        });
        QTRY_VERIFY(done);
    }

    void connectionRefused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        } // closed: nothing listens there now
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = port;
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Network);
        QVERIFY2(info.error().message().contains(u"cannot reach"_s), qPrintable(info.error().message()));
    }

    void notInflux()
    {
        // A plain TCP server that answers HTTP without InfluxDB's headers.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            QTcpSocket *socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        });
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = server.serverPort();
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Server);
        QVERIFY2(info.error().message().contains(u"not InfluxDB"_s), qPrintable(info.error().message()));
    }

    void timeout()
    {
        QTcpServer silent; // accepts, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        ClientSettings settings;
        settings.host = u"127.0.0.1"_s;
        settings.port = silent.serverPort();
        settings.timeout = std::chrono::milliseconds(300);
        BlockingClient client(settings);
        const auto info = client.ping();
        QVERIFY(!info.ok());
        QCOMPARE(info.error().kind(), Error::Kind::Timeout);
    }
};

QTEST_GUILESS_MAIN(ClientTest)
#include "clienttest.moc"
