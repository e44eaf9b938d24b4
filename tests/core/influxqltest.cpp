#include <QInflux/influxql.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class InfluxQLTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void identifiers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << u"cpu"_s << u"\"cpu\""_s;
        QTest::newRow("quote") << u"a\"b"_s << u"\"a\\\"b\""_s;
        QTest::newRow("injection") << u"x\"; DROP DATABASE \"y"_s << u"\"x\\\"; DROP DATABASE \\\"y\""_s;
        QTest::newRow("backslash") << u"C:\\dir"_s << u"\"C:\\\\dir\""_s;
        QTest::newRow("newline") << u"a\nb"_s << u"\"a\\nb\""_s;
        QTest::newRow("single quote kept") << u"it's"_s << u"\"it's\""_s;
    }
    void identifiers()
    {
        QFETCH(QString, name);
        QFETCH(QString, quoted);
        QCOMPARE(InfluxQL::quoteIdentifier(name), quoted);
    }

    void strings()
    {
        QCOMPARE(InfluxQL::quoteString(u"it's"_s), u"'it\\'s'"_s);
        QCOMPARE(InfluxQL::quoteString(u"say \"hi\""_s), u"'say \"hi\"'"_s);
    }

    void splitStatements_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("one") << u"SELECT * FROM m"_s << QStringList{u"SELECT * FROM m"_s};
        QTest::newRow("two, trailing ;") << u"SELECT a FROM m; SHOW DATABASES;"_s
                                         << QStringList{u"SELECT a FROM m"_s, u"SHOW DATABASES"_s};
        QTest::newRow("; in a string") << u"SELECT * FROM m WHERE t = 'a;b'; SELECT 1"_s
                                       << QStringList{u"SELECT * FROM m WHERE t = 'a;b'"_s, u"SELECT 1"_s};
        QTest::newRow("; in an identifier, escaped quote") << u"SELECT \"x\\\";y\" FROM m"_s
                                                           << QStringList{u"SELECT \"x\\\";y\" FROM m"_s};
        QTest::newRow("; in a comment") << u"SELECT * FROM m -- a; b\n; SELECT 2"_s
                                        << QStringList{u"SELECT * FROM m -- a; b"_s, u"SELECT 2"_s};
    }

    void splitStatements()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, statements);
        QCOMPARE(InfluxQL::splitStatements(query), statements);
    }

    void aggregatesWithoutTime_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<bool>("timeless");
        QTest::newRow("mean") << u"SELECT mean(v) FROM m"_s << true;
        QTest::newRow("count, GROUP BY tag") << u"select COUNT(v) from m group by host"_s << true;
        QTest::newRow("GROUP BY time") << u"SELECT mean(v) FROM m WHERE time > now() - 1h GROUP BY time(1m)"_s << false;
        QTest::newRow("GROUP BY tag, time") << u"SELECT sum(v) FROM m GROUP BY host, time(5m) fill(none)"_s << false;
        QTest::newRow("raw") << u"SELECT * FROM m"_s << false;
        QTest::newRow("selector") << u"SELECT max(v) FROM m"_s << false;
        QTest::newRow("function name quoted") << u"SELECT \"mean(\" FROM m"_s << false;
        QTest::newRow("in a string") << u"SELECT v FROM m WHERE t = 'sum(x)'"_s << false;
        QTest::newRow("SHOW") << u"SHOW FIELD KEYS"_s << false;
    }

    void aggregatesWithoutTime()
    {
        QFETCH(QString, statement);
        QFETCH(bool, timeless);
        QCOMPARE(InfluxQL::aggregatesWithoutTime(statement), timeless);
    }

    void timelessStatements()
    {
        QCOMPARE(InfluxQL::timelessStatements(u"SELECT * FROM m; SELECT mean(v) FROM m; SELECT count(v) FROM m GROUP BY time(1h)"_s),
                 QSet<int>{1});
    }
};

QTEST_GUILESS_MAIN(InfluxQLTest)
#include "influxqltest.moc"
