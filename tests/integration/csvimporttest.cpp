#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include <QInflux/wait.h>
#include <QInflux/csvimportjob.h>
#include "influxfixture.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonObject>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace QInflux;

// CSV files of every dialect and type case imported into a real influxd and read back value by value.
class CsvImportTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QTemporaryDir m_dir;

    QString freshDatabase(const QString &name) { return m_influx.freshDatabase(name); }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    CsvImportReport import(const QString &path, const CsvImportProfile &profile, const QString &db, const QString &rejects = {})
    {
        Client client(m_influx.settings(db));
        CsvImportOptions options;
        options.path = path;
        options.profile = profile;
        options.database = db;
        options.rejectsPath = rejects;
        options.frameRows = 2; // several Frames and requests even for small files
        options.batchRows = 3;
        CsvImportJob job(&client, options);
        return blockOn(job.run());
    }

    /// SELECT * ordered by time, epoch ns.
    Frame readBack(const QString &db, const QString &measurement)
    {
        BlockingClient client(m_influx.settings(db));
        const auto result = client.query(u"SELECT * FROM \"%1\""_s.arg(measurement));
        if (!result || result->firstError() || result->statements.isEmpty() || result->statements[0].series.isEmpty())
            return {};
        return result->statements[0].series[0];
    }

    QMap<QString, QString> fieldTypes(const QString &db, const QString &measurement)
    {
        BlockingClient client(m_influx.settings(db));
        const auto result = client.showFieldKeys(measurement);
        QMap<QString, QString> types;
        if (!result || result->statements.isEmpty() || result->statements[0].series.isEmpty())
            return types;
        const Frame &f = result->statements[0].series[0];
        for (qsizetype r = 0; r < f.rowCount(); ++r)
            types[f.column(u"fieldKey"_s)->value(r).toString()] = f.column(u"fieldType"_s)->value(r).toString();
        return types;
    }

    static QByteArray latin1(const QString &text) { return text.toLatin1(); }

    static QByteArray utf16le(const QString &text)
    {
        QStringEncoder encoder(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
        return encoder.encode(text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        QVERIFY(m_dir.isValid());
    }

    // The same three rows in many dialects, encodings and time formats; every value read back.
    void dialectsAndTypes_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QJsonObject>("profile");

        QTest::newRow("RFC 4180, UTF-8, ISO times")
            << "time,host,temp,count,ok,name,zip\n"
               "2024-03-01T12:30:00Z,a,21.5,3,true,\"Köln, \"\"Dom\"\"\",007\n"
               "2024-03-01T12:30:00.000000001Z,b,-0.25,-9007199254740993,false,\"two\nlines 😀\",123\n"
               "2024-03-01T14:30:01.5+02:00,a,1e3,0,t,plain,\n"_ba
            << QJsonObject{{u"tagColumns"_s, QJsonArray{u"host"_s}}};
        QTest::newRow("semicolon, decimal comma, Latin-1, CRLF, naive times in a zone")
            << latin1(u"time;host;temp;count;ok;name;zip\r\n"
                      "2024-03-01 13:30:00;a;21,5;3;TRUE;\"Köln, \"\"Dom\"\"\";007\r\n"
                      "2024-03-01 13:30:00.000000001;b;-0,25;-9007199254740993;False;\"two\r\nlines\";123\r\n"
                      "2024-03-01 13:30:01.5;a;1000;0;T;plain;\r\n"_s)
            << QJsonObject{{u"tagColumns"_s, QJsonArray{u"host"_s}}, {u"decimalComma"_s, true}, {u"timeZone"_s, u"Europe/Berlin"_s}};
        QTest::newRow("tab, UTF-16LE BOM, epoch ns, no header, skipped lines and comments")
            << utf16le(u"exported 2024\nby a logger\n"
                       "1709296200000000000\ta\t21.5\t3\ttrue\tKöln, \"Dom\"\t007\n"
                       "# a comment\n\n"
                       "1709296200000000001\tb\t-0.25\t-9007199254740993\tfalse\t\"two\nlines 😀\"\t123\n"
                       "1709296201500000000\ta\t1000.0\t0\tt\tplain\t\n"_s)
            << QJsonObject{{u"dialect"_s, QJsonObject{{u"header"_s, false}, {u"skipLines"_s, 2}, {u"commentPrefix"_s, u"#"_s}}},
                           {u"timeColumns"_s, QJsonArray{u"column1"_s}},
                           {u"tagColumns"_s, QJsonArray{u"column2"_s}},
                           {u"fieldColumns"_s, QJsonArray{QJsonObject{{u"name"_s, u"column3"_s}, {u"type"_s, u"float"_s}},
                                                          QJsonObject{{u"name"_s, u"column4"_s}},
                                                          QJsonObject{{u"name"_s, u"column5"_s}},
                                                          QJsonObject{{u"name"_s, u"column6"_s}},
                                                          QJsonObject{{u"name"_s, u"column7"_s}, {u"type"_s, u"string"_s}}}}};
        QTest::newRow("pipe, separate date and time columns, custom format, epoch-free")
            << "day|clock|host|temp|count|ok|name|zip\n"
               "01.03.2024|12:30:00.0|a|21.5|3|true|\"Köln, \"\"Dom\"\"\"|007\n"
               "01.03.2024|12:30:00.000000001|b|-0.25|-9007199254740993|false|\"two\nlines 😀\"|123\n"
               "01.03.2024|12:30:01.5|a|1000|0|t|plain|\n"_ba
            << QJsonObject{{u"timeColumns"_s, QJsonArray{u"day"_s, u"clock"_s}}, {u"timeFormat"_s, u"%d.%m.%Y %H:%M:%S.%f"_s},
                           {u"tagColumns"_s, QJsonArray{u"host"_s}}};
        QTest::newRow("epoch ms detected by magnitude, measurement column, extra tag")
            << "ts,m,host,temp,count,ok,name,zip\n"
               "1709296200000,csv,a,21.5,3,true,\"Köln, \"\"Dom\"\"\",007\n"
               "1709296200000,csv,b,-0.25,-9007199254740993,false,\"two\nlines 😀\",123\n"
               "1709296201500,csv,a,1000,0,t,plain,\n"_ba
            << QJsonObject{{u"timeColumns"_s, QJsonArray{u"ts"_s}}, {u"measurementColumn"_s, u"m"_s},
                           {u"tagColumns"_s, QJsonArray{u"host"_s}}, {u"extraTags"_s, QJsonObject{{u"source"_s, u"file"_s}}}};
    }

    void dialectsAndTypes()
    {
        QFETCH(QByteArray, content);
        QFETCH(QJsonObject, profile);
        QString error;
        if (!profile.contains(u"measurementColumn"_s))
            profile[u"measurement"_s] = u"csv"_s;
        auto p = CsvImportProfile::fromJson(profile, &error);
        QVERIFY2(p, qPrintable(error));
        const QString db = freshDatabase(u"dialects"_s);
        const CsvImportReport report = import(writeFile(u"dialect.csv"_s, content), *p, db);
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.rowsRejected, 0);
        QCOMPARE(report.pointsWritten, 3);
        QVERIFY(report.countChecked);
        QCOMPARE(report.mergedPoints, 0);
        QVERIFY(!report.countMismatch);

        const bool noHeader = QLatin1StringView(QTest::currentDataTag()) == QLatin1StringView("tab, UTF-16LE BOM, epoch ns, no header, skipped lines and comments");
        const auto col = [&](const char *name) -> QString {
            static const QMap<QString, QString> headerless = {{u"host"_s, u"column2"_s}, {u"temp"_s, u"column3"_s}, {u"count"_s, u"column4"_s},
                                                              {u"ok"_s, u"column5"_s}, {u"name"_s, u"column6"_s}, {u"zip"_s, u"column7"_s}};
            return noHeader ? headerless.value(QLatin1StringView(name)) : QString::fromLatin1(name);
        };
        const QMap<QString, QString> types = fieldTypes(db, u"csv"_s);
        QCOMPARE(types.value(col("temp")), u"float"_s);
        QCOMPARE(types.value(col("count")), u"integer"_s);
        QCOMPARE(types.value(col("ok")), u"boolean"_s);
        QCOMPARE(types.value(col("name")), u"string"_s);
        QCOMPARE(types.value(col("zip")), u"string"_s);

        const Frame f = readBack(db, u"csv"_s);
        QCOMPARE(f.rowCount(), 3);
        const qint64 base = 1'709'296'200'000'000'000;
        const bool msEpoch = QLatin1StringView(QTest::currentDataTag()) == QLatin1StringView("epoch ms detected by magnitude, measurement column, extra tag");
        const std::vector<std::int64_t> times = {base, msEpoch ? base : base + 1, base + 1'500'000'000};
        // With epoch ms the first two rows share a time but not a series (host a and b).
        QCOMPARE(f.time(), times);
        const QStringList hosts = {u"a"_s, u"b"_s, u"a"_s};
        const QList<double> temps = {21.5, -0.25, 1000};
        const QList<qint64> counts = {3, -9007199254740993LL, 0};
        const QList<bool> oks = {true, false, true};
        const QString latinName = u"two\r\nlines"_s;
        const QString secondName = content.startsWith("time;") ? latinName : u"two\nlines 😀"_s;
        const QStringList names = {u"Köln, \"Dom\""_s, secondName, u"plain"_s};
        for (qsizetype r = 0; r < 3; ++r) {
            QCOMPARE(f.column(col("host"))->value(r).toString(), hosts[r]);
            QCOMPARE(f.column(col("temp"))->value(r).toDouble(), temps[r]);
            QCOMPARE(f.column(col("count"))->value(r).toLongLong(), counts[r]);
            QCOMPARE(f.column(col("ok"))->value(r).toBool(), oks[r]);
            QCOMPARE(f.column(col("name"))->value(r).toString(), names[r]);
        }
        QCOMPARE(f.column(col("zip"))->value(0).toString(), u"007"_s);
        QCOMPARE(f.column(col("zip"))->value(1).toString(), u"123"_s);
        QVERIFY(f.column(col("zip"))->isNull(2)); // empty = null: the field is left out
        if (msEpoch)
            QCOMPARE(f.column(u"source"_s)->value(0).toString(), u"file"_s);
    }

    // Bad quotes, ragged rows, bad times, values of the wrong type and undecodable bytes are each
    // rejected with their line and reason; every valid row is on the server.
    void malformedRowsAreReported()
    {
        const QByteArray content = "time,host,v,n\n"
                                   "2024-01-01T00:00:00Z,a,1.5,1\n"          // 2 ok
                                   "2024-01-01T00:00:01Z,a,\"2.5\"x,2\n"     // 3 text after quote
                                   "2024-01-01T00:00:02Z,a,3.5\n"            // 4 ragged
                                   "2024-01-01T00:00:03Z,a,4.5,4\n"          // 5 ok
                                   "2024-13-01T00:00:04Z,a,5.5,5\n"          // 6 bad time
                                   "2024-01-01T00:00:05Z,a,abc,6\n"          // 7 not a float
                                   "2024-01-01T00:00:06Z,a,7.5,7.5\n"        // 8 not an int
                                   "2024-01-01T00:00:07Z,K\xF6ln,8.5,8\n"    // 9 invalid UTF-8
                                   "2024-01-01T00:00:08Z,a,,\n"              // 10 no field at all
                                   "2024-01-01T00:00:09Z,a,10.5,10\n"        // 11 ok
                                   "2024-01-01T00:00:10Z,a,\"11.5,11\n"      // 12 unterminated quote
                                   "2024-01-01T00:00:11Z,b,12.5,12\n"_ba;    // 13 ok
        CsvImportProfile p;
        p.measurement = u"m"_s;
        p.tagColumns = {u"host"_s};
        p.dialect.encoding = CsvEncoding::Utf8;
        // Detected from the sample, "abc" would make v a string column.
        p.fieldColumns = {{u"v"_s, CsvType::Float}, {u"n"_s, CsvType::Int}};
        const QString db = freshDatabase(u"malformed"_s);
        const QString rejects = m_dir.filePath(u"rejects.csv"_s);
        const CsvImportReport report = import(writeFile(u"malformed.csv"_s, content), p, db, rejects);
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.rowsRead, 12);
        QCOMPARE(report.pointsWritten, 4);
        QCOMPARE(report.rowsRejected, 8);
        QMap<qint64, QString> byLine;
        for (const CsvReject &r : report.rejects)
            byLine[r.line] = r.reason;
        QCOMPARE(byLine.keys(), (QList<qint64>{3, 4, 6, 7, 8, 9, 10, 12}));
        QVERIFY2(byLine[3].contains("text after the closing quote"_L1), qPrintable(byLine[3]));
        QVERIFY2(byLine[4].contains("3 fields, the header has 4"_L1), qPrintable(byLine[4]));
        QVERIFY2(byLine[6].contains("no such date"_L1), qPrintable(byLine[6]));
        QVERIFY2(byLine[7].contains("column v: \"abc\" is not a finite float"_L1), qPrintable(byLine[7]));
        QVERIFY2(byLine[8].contains("column n: \"7.5\" is not an int"_L1), qPrintable(byLine[8]));
        QVERIFY2(byLine[9].contains("invalid UTF-8"_L1), qPrintable(byLine[9]));
        QVERIFY2(!byLine[10].isEmpty(), "a row without fields must be rejected");
        QVERIFY2(byLine[12].contains("never closed"_L1), qPrintable(byLine[12]));

        QFile file(rejects);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY2(text.startsWith("time,host,v,n\n# line 3: "), text.constData());
        QVERIFY(text.contains("\n2024-01-01T00:00:05Z,a,abc,6\n"));
        QVERIFY(text.contains("\n2024-01-01T00:00:07Z,K\xF6ln,8.5,8\n"));
        QCOMPARE(text.count("\n# line "), 8);

        const Frame f = readBack(db, u"m"_s);
        QCOMPARE(f.rowCount(), 4);
        QCOMPARE(f.column(u"v"_s)->value(0).toDouble(), 1.5);
        QCOMPARE(f.column(u"v"_s)->value(1).toDouble(), 4.5);
        QCOMPARE(f.column(u"v"_s)->value(2).toDouble(), 10.5);
        QCOMPARE(f.column(u"v"_s)->value(3).toDouble(), 12.5);
        QCOMPARE(f.column(u"host"_s)->value(3).toString(), u"b"_s);
    }

    void stopAtFirstError()
    {
        const QByteArray content = "time,v\n2024-01-01T00:00:00Z,1\n2024-01-01T00:00:01Z,2\n2024-01-01T00:00:02Z,x\n"
                                   "2024-01-01T00:00:03Z,4\n2024-01-01T00:00:04Z,5\n"_ba;
        CsvImportProfile p;
        p.measurement = u"m"_s;
        p.onError = CsvOnError::Stop;
        p.fieldColumns = {{u"v"_s, CsvType::Int}}; // detected from the sample it would be a string
        const QString db = freshDatabase(u"stop"_s);
        const CsvImportReport report = import(writeFile(u"stop.csv"_s, content), p, db);
        QVERIFY(report.stopped);
        QCOMPARE(report.pointsWritten, 2);
        QCOMPARE(report.rowsRejected, 1);
        QCOMPARE(report.rejects.first().line, 4);
        QCOMPARE(readBack(db, u"m"_s).rowCount(), 2);
    }

    // Points with the same series and time are merged by InfluxDB: the count check says so.
    void duplicatesAreCounted()
    {
        const QByteArray content = "time,host,v\n2024-01-01T00:00:00Z,a,1\n2024-01-01T00:00:00Z,a,2\n2024-01-01T00:00:00Z,b,3\n"_ba;
        CsvImportProfile p;
        p.measurement = u"m"_s;
        p.tagColumns = {u"host"_s};
        const QString db = freshDatabase(u"dups"_s);
        const CsvImportReport report = import(writeFile(u"dups.csv"_s, content), p, db);
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.pointsWritten, 3);
        QVERIFY(report.countChecked);
        QCOMPARE(report.mergedPoints, 1);
        QVERIFY2(report.summary().contains("1 points share their series and timestamp"_L1), qPrintable(report.summary()));
    }

    // A field whose type conflicts with the database: the server refuses those rows (partial
    // write); they are found one by one and rejected with the server's reason.
    void serverRefusalsAreRejectsNotLosses()
    {
        const QString db = freshDatabase(u"conflict"_s);
        BlockingClient client(m_influx.settings(db));
        QVERIFY(client.write("m,host=z v=\"text\" 1704067200000000005\n"_ba).ok()); // same shard as the rows
        const QByteArray content = "time,host,v,w\n2024-01-01T00:00:00Z,a,1.5,1\n2024-01-01T00:00:01Z,a,,2\n2024-01-01T00:00:02Z,a,3.5,3\n"_ba;
        CsvImportProfile p;
        p.measurement = u"m"_s;
        p.tagColumns = {u"host"_s};
        const CsvImportReport report = import(writeFile(u"conflict.csv"_s, content), p, db);
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.pointsWritten, 1);
        QCOMPARE(report.rowsRejected, 2);
        QCOMPARE(report.rejects[0].line, 2);
        QVERIFY2(report.rejects[0].reason.contains("field type conflict"_L1), qPrintable(report.rejects[0].reason));
        QCOMPARE(report.rejects[1].line, 4);
        QVERIFY(report.countChecked);
        QCOMPARE(report.mergedPoints, 0);
        QVERIFY2(!report.countMismatch, qPrintable(report.summary()));
    }

    void dryRunPrintsLineProtocol()
    {
        const QByteArray content = "time,host,v\n2024-01-01T00:00:00Z,a,1\n"_ba;
        CsvImportProfile p;
        p.measurement = u"m"_s;
        p.tagColumns = {u"host"_s};
        QBuffer out;
        out.open(QIODevice::WriteOnly);
        CsvImportOptions options;
        options.path = writeFile(u"dry.csv"_s, content);
        options.profile = p;
        options.dryRunOutput = &out;
        CsvImportJob job(nullptr, options);
        const CsvImportReport report = blockOn(job.run());
        QVERIFY(!report.error);
        QCOMPARE(out.data(), "m,host=a v=1i 1704067200000000000\n"_ba);
    }

    // Cancel stops the reading; what was written is reported and confirmed by the count check.
    void cancel()
    {
        QByteArray content = "time,v\n";
        for (int i = 0; i < 50'000; ++i)
            content += "2024-01-01T00:00:00." + QByteArray::number(i).rightJustified(9, '0') + "Z," + QByteArray::number(i) + '\n';
        CsvImportProfile p;
        p.measurement = u"m"_s;
        const QString db = freshDatabase(u"cancel"_s);
        Client client(m_influx.settings(db));
        CsvImportOptions options;
        options.path = writeFile(u"cancel.csv"_s, content);
        options.profile = p;
        options.database = db;
        options.frameRows = 1000;
        options.batchRows = 1000;
        CsvImportJob job(&client, options);
        connect(&job, &CsvImportJob::progress, &job, [&job](qint64 rows) {
            if (rows >= 3000)
                job.cancel();
        });
        const CsvImportReport report = blockOn(job.run());
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QVERIFY(report.cancelled);
        QVERIFY2(report.pointsWritten >= 3000 && report.pointsWritten < 50'000, qPrintable(report.summary()));
        QCOMPARE(report.pointsWritten, report.rowsRead);
        QVERIFY(report.countChecked);
        QCOMPARE(report.mergedPoints, 0);
        QVERIFY(!report.countMismatch);
        QCOMPARE(readBack(db, u"m"_s).rowCount(), report.pointsWritten);
    }

    // A million rows end to end, the count checked by the job and again here.
    void oneMillionRows()
    {
        const qint64 n = 1'000'000;
        QByteArray content = "time,sensor,value,count,status\n";
        content.reserve(n * 60);
        const qint64 t0 = 1'700'000'000'000'000'000;
        for (qint64 i = 0; i < n; ++i) {
            content += QByteArray::number(t0 + i * 1000) + ",s" + QByteArray::number(i % 50) + ',' + QByteArray::number(double(i) / 8, 'f', 3) + ','
                       + QByteArray::number(i) + ',' + (i % 3 ? "ok" : "warn") + '\n';
        }
        const QString path = writeFile(u"million.csv"_s, content);
        content = {};
        CsvImportProfile p;
        p.measurement = u"big"_s;
        p.tagColumns = {u"sensor"_s};
        const QString db = freshDatabase(u"million"_s);
        Client client(m_influx.settings(db));
        CsvImportOptions options;
        options.path = path;
        options.profile = p;
        options.database = db;
        CsvImportJob job(&client, options);
        qint64 lastRows = 0;
        int progressSignals = 0;
        connect(&job, &CsvImportJob::progress, this, [&](qint64 rows, qint64, double, double) {
            QVERIFY(rows >= lastRows);
            lastRows = rows;
            ++progressSignals;
        });
        const CsvImportReport report = blockOn(job.run());
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.rowsRead, n);
        QCOMPARE(report.pointsWritten, n);
        QCOMPARE(report.rowsRejected, 0);
        QVERIFY(report.countChecked);
        QCOMPARE(report.mergedPoints, 0);
        QVERIFY(!report.countMismatch);
        QCOMPARE(lastRows, n);
        QVERIFY(progressSignals >= 10);
        qInfo("1M rows imported in %.1f s", report.seconds);

        BlockingClient check(m_influx.settings(db));
        const auto counted = check.query(u"SELECT COUNT(value), SUM(count) FROM big"_s);
        QVERIFY(counted.ok() && !counted->firstError());
        const Frame &f = counted->statements[0].series[0];
        QCOMPARE(f.column(u"count"_s)->value(0).toLongLong(), n);
        QCOMPARE(f.column(u"sum"_s)->value(0).toLongLong(), n * (n - 1) / 2);
        const auto last = check.query(u"SELECT * FROM big WHERE time = %1"_s.arg(t0 + (n - 1) * 1000));
        QVERIFY(last.ok() && !last->firstError());
        const Frame &row = last->statements[0].series[0];
        QCOMPARE(row.column(u"value"_s)->value(0).toDouble(), double(n - 1) / 8);
        QCOMPARE(row.column(u"sensor"_s)->value(0).toString(), u"s%1"_s.arg((n - 1) % 50));
        QCOMPARE(row.column(u"status"_s)->value(0).toString(), u"warn"_s);
    }
};

QTEST_GUILESS_MAIN(CsvImportTest)
#include "csvimporttest.moc"
