#include "schema/schemaqueries.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class SchemaQueriesTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filterRegex_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isRegex");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << false << QString();
        QTest::newRow("plain") << u"cpu"_s << false << u"(?i)cpu"_s;
        QTest::newRow("specials escaped") << u"a.b*c+d?(e)|[f]{g}^h$"_s << false
                                          << u"(?i)a\\.b\\*c\\+d\\?\\(e\\)\\|\\[f\\]\\{g\\}\\^h\\$"_s;
        QTest::newRow("slash and backslash") << u"C:\\dir/x"_s << false << u"(?i)C:\\\\dir\\/x"_s;
        QTest::newRow("quotes stay") << u"\"m\",x'"_s << false << u"(?i)\"m\",x'"_s;
        QTest::newRow("regex as typed") << u"^cpu.*$"_s << true << u"^cpu.*$"_s;
        QTest::newRow("regex slash escaped") << u"a/b"_s << true << u"a\\/b"_s;
        QTest::newRow("regex escaped slash kept") << u"a\\/b"_s << true << u"a\\/b"_s;
        QTest::newRow("regex escapes kept") << u"\\d+\\.\\\\"_s << true << u"\\d+\\.\\\\"_s;
        QTest::newRow("regex empty") << QString() << true << QString();
    }

    void filterRegex()
    {
        QFETCH(QString, text);
        QFETCH(bool, isRegex);
        QFETCH(QString, expected);
        const auto regex = SchemaQueries::filterRegex(text, isRegex);
        QVERIFY(regex.ok());
        QCOMPARE(*regex, expected);
    }

    void regexEndingInABackslashIsRefused()
    {
        const auto regex = SchemaQueries::filterRegex(u"abc\\"_s, true);
        QVERIFY(!regex.ok());
        QCOMPARE(regex.error().kind(), Error::Kind::Usage);
        QVERIFY(regex.error().message().contains(u"backslash"_s));
        QVERIFY(SchemaQueries::filterRegex(u"abc\\"_s, false).ok()); // as plain text it is just a character
    }

    void statementsQuoteEveryName()
    {
        const QString db = u"my \"db\""_s;
        const QString rp = u"r.p"_s;
        const QString m = u"m\\,x"_s;
        QCOMPARE(SchemaQueries::qualifiedMeasurement(db, rp, m), u"\"my \\\"db\\\"\".\"r.p\".\"m\\\\,x\""_s);
        QCOMPARE(SchemaQueries::qualifiedMeasurement(u"d"_s, {}, u"m"_s), u"\"d\"..\"m\""_s);
        QCOMPARE(SchemaQueries::selectTemplate(u"d"_s, u"autogen"_s, u"cpu"_s),
                 u"SELECT * FROM \"d\".\"autogen\".\"cpu\" ORDER BY time DESC LIMIT 100"_s);
        QCOMPARE(SchemaQueries::selectTemplate(u"d"_s, u"autogen"_s, u"cpu"_s, u"usage idle"_s),
                 u"SELECT \"usage idle\" FROM \"d\".\"autogen\".\"cpu\" ORDER BY time DESC LIMIT 100"_s);
        QCOMPARE(SchemaQueries::selectTemplate(u"d"_s, u"autogen"_s, u"cpu"_s, {}, u"host"_s, u"it's"_s),
                 u"SELECT * FROM \"d\".\"autogen\".\"cpu\" WHERE \"host\" = 'it\\'s' ORDER BY time DESC LIMIT 100"_s);
        QCOMPARE(SchemaQueries::showMeasurements(u"d"_s, u"(?i)a\\.b"_s, 1001, 1000),
                 u"SHOW MEASUREMENTS ON \"d\" WITH MEASUREMENT =~ /(?i)a\\.b/ LIMIT 1001 OFFSET 1000"_s);
        QCOMPARE(SchemaQueries::showMeasurements(u"d"_s, {}, 0, 0), u"SHOW MEASUREMENTS ON \"d\""_s);
        QCOMPARE(SchemaQueries::showFieldKeys(u"d"_s, u"rp"_s, u"m"_s, 11),
                 u"SHOW FIELD KEYS ON \"d\" FROM \"rp\".\"m\" LIMIT 11"_s);
        QCOMPARE(SchemaQueries::showTagKeys(u"d"_s, u"rp"_s, u"m"_s), u"SHOW TAG KEYS ON \"d\" FROM \"rp\".\"m\""_s);
        QCOMPARE(SchemaQueries::showTagValues(u"d"_s, u"rp"_s, u"m"_s, u"k\""_s, u"^v"_s, 5, 10),
                 u"SHOW TAG VALUES ON \"d\" FROM \"rp\".\"m\" WITH KEY = \"k\\\"\" WHERE \"k\\\"\" =~ /^v/ LIMIT 5 OFFSET 10"_s);
        QCOMPARE(SchemaQueries::showSeriesCardinality(u"d"_s), u"SHOW SERIES CARDINALITY ON \"d\""_s);
        QCOMPARE(SchemaQueries::showSeriesCardinality(u"d"_s, u"rp"_s, u"m"_s),
                 u"SHOW SERIES CARDINALITY ON \"d\" FROM \"rp\".\"m\""_s);
        QCOMPARE(SchemaQueries::showTagValuesCardinality(u"d"_s, u"rp"_s, u"m"_s, u"k"_s),
                 u"SHOW TAG VALUES CARDINALITY ON \"d\" FROM \"rp\".\"m\" WITH KEY = \"k\""_s);
    }
};

QTEST_MAIN(SchemaQueriesTest)
#include "schemaqueriestest.moc"
