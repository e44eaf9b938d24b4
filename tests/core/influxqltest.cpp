#include "client/influxql.h"

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
};

QTEST_GUILESS_MAIN(InfluxQLTest)
#include "influxqltest.moc"
