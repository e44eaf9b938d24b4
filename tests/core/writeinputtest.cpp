#include "linecheck_p.h"
#include <QInflux/writeinput.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// LineProtocol::checkLine against what influxd 1.6 answers (each refused case was sent to the
// server: it refused it too), and WriteInput's line numbers.
class WriteInputTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("error"); // a part of the message; empty = accepted
        QTest::newRow("simple") << "cpu,host=a value=1 10"_ba << QString();
        QTest::newRow("float forms") << "m a=1.,b=.5,c=1e5,d=-.5,e=1E+2"_ba << QString();
        QTest::newRow("int bool string") << "m a=1i,b=t,c=FALSE,d=\"x, y=z\""_ba << QString();
        QTest::newRow("escaped") << "m\\ x,t\\=k=v\\,w f\\ k=1"_ba << QString();
        QTest::newRow("two spaces") << "m  v=1  "_ba << QString();
        QTest::newRow("negative time") << "m v=1 -5"_ba << QString();
        QTest::newRow("no measurement") << ",a=b v=1"_ba << u"column 1: missing measurement"_s;
        QTest::newRow("no fields") << "m,a=b"_ba << u"missing fields"_s;
        QTest::newRow("tag no value") << "m,a v=1"_ba << u"missing tag value"_s;
        QTest::newRow("tag empty value") << "m,a= v=1"_ba << u"column 5: missing tag value"_s;
        QTest::newRow("tag value with =") << "m,a=b=c v=1"_ba << u"must be escaped"_s;
        QTest::newRow("duplicate tags") << "m,a=b,a=c v=1"_ba << u"duplicate tag \"a\""_s;
        QTest::newRow("time tag") << "m,time=1 v=1"_ba << u"tag named \"time\""_s;
        QTest::newRow("field no value") << "m a=1i,b="_ba << u"column 10: missing field value for \"b\""_s;
        QTest::newRow("field no =") << "m a"_ba << u"missing field value for \"a\""_s;
        QTest::newRow("unbalanced quotes") << "m v=\"x"_ba << u"unterminated string"_s;
        QTest::newRow("hex") << "m v=0x10"_ba << u"column 5: invalid field value \"0x10\""_s;
        QTest::newRow("plus") << "m v=+1"_ba << u"invalid field value"_s;
        QTest::newRow("nan") << "m v=NaN"_ba << u"invalid field value"_s;
        QTest::newRow("float range") << "m v=1e400"_ba << u"out of range"_s;
        QTest::newRow("int range") << "m v=9223372036854775808i"_ba << u"out of the int64 range"_s;
        QTest::newRow("unsigned") << "m v=1u"_ba << u"does not accept the u suffix"_s;
        QTest::newRow("bad bool") << "m v=t1"_ba << u"invalid field value \"t1\""_s;
        QTest::newRow("time range") << "m v=1 9223372036854775807"_ba << u"out of range"_s;
        QTest::newRow("bad time") << "m v=1 12x"_ba << u"bad timestamp"_s;
        QTest::newRow("after time") << "m v=1 12 x"_ba << u"unexpected text after the timestamp"_s;
    }

    void checkLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, error);
        const QString got = LineProtocol::checkLine(line);
        if (error.isEmpty())
            QCOMPARE(got, QString());
        else
            QVERIFY2(got.contains(error), qPrintable(got));
    }

    void lineProtocolLines()
    {
        const auto checked = WriteInput::check(u"# a comment\n\nm v=1 1\nm v=\"two\nlines\" 2\nm,bad v=3\nm v=4 4\n"_s,
                                               WriteInput::Syntax::LineProtocol);
        QCOMPARE(checked.points, 3);
        QCOMPARE(checked.lines, "m v=1 1\nm v=\"two\nlines\" 2\nm v=4 4\n"_ba);
        QCOMPARE(checked.problems.size(), 1);
        QCOMPARE(checked.problems.first().index, 6); // the line numbers count the string's newline
        QVERIFY(checked.problems.first().reason.contains(u"missing tag value"_s));
    }

    void jsonForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("one per line") << uR"({"measurement":"m","fields":{"v":1.5},"time":1}
{"measurement":"m","fields":{"v":2},"tags":{"h":"a"},"time":2})"_s;
        QTest::newRow("array over lines") << uR"([
  {"measurement": "m", "fields": {"v": 1.5}, "time": 1},
  {"measurement": "m",
   "tags": {"h": "a"}, "fields": {"v": 2}, "time": 2}
])"_s;
    }

    void jsonForms()
    {
        QFETCH(QString, text);
        QCOMPARE(WriteInput::guessSyntax(text), WriteInput::Syntax::Json);
        const auto checked = WriteInput::check(text, WriteInput::Syntax::Json);
        QCOMPARE(checked.problems.size(), 0);
        QCOMPARE(checked.points, 2);
        QCOMPARE(checked.lines, "m v=1.5 1\nm,h=a v=2i 2\n"_ba);
    }

    void jsonProblemsByLine()
    {
        const QString text = uR"([
  {"measurement": "m", "fields": {"v": 1}},
  {"measurement": "m", "fields": {}},
  {"measurement": "m",
   "fields": {"v": 1}, "time": "yesterday"},
  {"fields": {"v": 1}}
])"_s;
        const auto checked = WriteInput::check(text, WriteInput::Syntax::Json);
        QCOMPARE(checked.points, 1);
        QCOMPARE(checked.problems.size(), 3);
        QCOMPARE(checked.problems[0].index, 3);
        QCOMPARE(checked.problems[1].index, 4);
        QCOMPARE(checked.problems[2].index, 6);
        QVERIFY2(checked.problems[1].reason.contains(u"time"_s), qPrintable(checked.problems[1].reason));
    }

    void jsonStructure_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qsizetype>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("unclosed object") << u"{\"measurement\":\"m\",\n\"fields\":{\"v\":1}\n"_s << qsizetype(1) << u"not closed"_s;
        QTest::newRow("unclosed array") << u"[{\"measurement\":\"m\",\"fields\":{\"v\":1}}\n"_s << qsizetype(2) << u"array is not closed"_s;
        QTest::newRow("not an object") << u"{\"measurement\":\"m\",\"fields\":{\"v\":1}}\n42\n"_s << qsizetype(2) << u"expected a JSON object"_s;
        QTest::newRow("after array") << u"[]\n{}"_s << qsizetype(2) << u"after the end"_s;
        QTest::newRow("bad json") << u"{\"measurement\":\"m\",\"fields\":{\"v\":1,}}"_s << qsizetype(1) << QString();
    }

    void jsonStructure()
    {
        QFETCH(QString, text);
        QFETCH(qsizetype, line);
        QFETCH(QString, error);
        const auto checked = WriteInput::check(text, WriteInput::Syntax::Json);
        QCOMPARE(checked.points, 0);
        QCOMPARE(checked.problems.size(), 1);
        QCOMPARE(checked.problems.first().index, line);
        QVERIFY2(checked.problems.first().reason.contains(error), qPrintable(checked.problems.first().reason));
    }
};

QTEST_GUILESS_MAIN(WriteInputTest)
#include "writeinputtest.moc"
