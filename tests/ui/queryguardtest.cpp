#include "resultview/queryguard.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class QueryGuardTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unbounded_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<bool>("unbounded");
        QTest::newRow("plain") << u"SELECT * FROM cpu"_s << true;
        QTest::newRow("lower case") << u"select value from \"cpu load\""_s << true;
        QTest::newRow("tag condition") << u"SELECT * FROM cpu WHERE host = 'a'"_s << true;
        QTest::newRow("group by tag") << u"SELECT * FROM cpu GROUP BY host"_s << true;
        QTest::newRow("time bound") << u"SELECT * FROM cpu WHERE time > now() - 1h"_s << false;
        QTest::newRow("quoted time") << u"SELECT * FROM cpu WHERE \"time\" > 0"_s << false;
        QTest::newRow("time in parentheses") << u"SELECT * FROM cpu WHERE (host = 'a' AND time > 0)"_s << false;
        QTest::newRow("time only in a string") << u"SELECT * FROM cpu WHERE host = 'time'"_s << true;
        QTest::newRow("time only in a regex") << u"SELECT * FROM cpu WHERE host =~ /time/"_s << true;
        QTest::newRow("time in the field list") << u"SELECT time, v FROM cpu"_s << true;
        QTest::newRow("limit") << u"SELECT * FROM cpu LIMIT 10"_s << false;
        QTest::newRow("limit word in a string") << u"SELECT * FROM cpu WHERE host = 'limit'"_s << true;
        QTest::newRow("offset") << u"SELECT * FROM cpu OFFSET 10"_s << false;
        QTest::newRow("into") << u"SELECT * INTO other FROM cpu"_s << false;
        QTest::newRow("subquery") << u"SELECT max(v) FROM (SELECT * FROM cpu)"_s << false;
        QTest::newRow("regex measurement") << u"SELECT * FROM /cpu.*/"_s << true;
        QTest::newRow("show") << u"SHOW MEASUREMENTS"_s << false;
        QTest::newRow("comment") << u"-- SELECT\nSELECT * FROM cpu"_s << true;
    }
    void unbounded()
    {
        QFETCH(QString, statement);
        QFETCH(bool, unbounded);
        QCOMPARE(QueryGuard::isUnbounded(statement), unbounded);
    }

    void withLimit_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("limited");
        QTest::newRow("end") << u"SELECT * FROM cpu"_s << u"SELECT * FROM cpu LIMIT 5"_s;
        QTest::newRow("semicolon") << u"SELECT * FROM cpu ; "_s << u"SELECT * FROM cpu LIMIT 5"_s;
        QTest::newRow("before slimit") << u"SELECT * FROM cpu GROUP BY * SLIMIT 3"_s << u"SELECT * FROM cpu GROUP BY * LIMIT 5 SLIMIT 3"_s;
        QTest::newRow("before tz") << u"SELECT * FROM cpu tz('Europe/Berlin')"_s << u"SELECT * FROM cpu LIMIT 5 tz('Europe/Berlin')"_s;
        QTest::newRow("after order by") << u"SELECT * FROM cpu ORDER BY time DESC"_s << u"SELECT * FROM cpu ORDER BY time DESC LIMIT 5"_s;
        QTest::newRow("before a comment") << u"SELECT * FROM cpu -- all of it"_s << u"SELECT * FROM cpu LIMIT 5 -- all of it"_s;
        QTest::newRow("string at the end") << u"SELECT * FROM cpu WHERE h = 'x'"_s << u"SELECT * FROM cpu WHERE h = 'x' LIMIT 5"_s;
    }
    void withLimit()
    {
        QFETCH(QString, statement);
        QFETCH(QString, limited);
        QCOMPARE(QueryGuard::withLimit(statement, 5), limited);
    }

    void probe()
    {
        QCOMPARE(QueryGuard::probe(u"SELECT * FROM cpu GROUP BY host"_s, 1000),
                 u"SELECT * FROM cpu GROUP BY host LIMIT 1 OFFSET 1000"_s);
    }
};

QTEST_MAIN(QueryGuardTest)
#include "queryguardtest.moc"
