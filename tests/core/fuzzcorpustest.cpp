#include "../fuzz/fuzzdecode.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

Q_DECLARE_METATYPE(QInflux::ResponseFormat)

// Replays tests/fuzz/corpus (seeds plus what the fuzzers found) through both decoders: every input
// must decode the same whole and in pieces, to a result or a Parse/Server error, without a crash.
class FuzzCorpusTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<ResponseFormat>("format");
        const QString root = QFINDTESTDATA(u"fuzz/corpus"_s);
        QVERIFY2(!root.isEmpty(), "tests/fuzz/corpus not found");
        int files = 0;
        for (const QString &dir : {u"json"_s, u"msgpack"_s}) {
            const QDir d(root + u'/' + dir);
            for (const QString &name : d.entryList(QDir::Files, QDir::Name)) {
                ++files;
                // every input through both decoders: the other format is garbage to it
                QTest::newRow(qPrintable(dir + u'/' + name + u" json"_s)) << d.filePath(name) << ResponseFormat::Json;
                QTest::newRow(qPrintable(dir + u'/' + name + u" msgpack"_s)) << d.filePath(name) << ResponseFormat::MessagePack;
            }
        }
        QVERIFY(files >= 20);
    }

    void corpus()
    {
        QFETCH(QString, path);
        QFETCH(ResponseFormat, format);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray body = file.readAll();
        const QString problem = Fuzz::checkOne(body, format);
        QVERIFY2(problem.isEmpty(), qPrintable(problem.left(2000)));
    }
};

QTEST_GUILESS_MAIN(FuzzCorpusTest)
#include "fuzzcorpustest.moc"
