#include <QInflux/sampledata.h>

#include <QCryptographicHash>
#include <QSet>
#include <QTest>

// SHA-256 of SampleData::lineProtocol(): change it only together with the sample itself.
#define SAMPLE_DIGEST "1390bbc7fad955bc2d9bfe6a48345040211c4a2246efb5155605d2ff1b56b060"

using namespace Qt::StringLiterals;
using namespace QInflux;

class SampleDataTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shape()
    {
        const QByteArray lp = SampleData::lineProtocol();
        QVERIFY(lp.endsWith('\n'));
        const QList<QByteArray> lines = lp.chopped(1).split('\n');
        QCOMPARE(lines.size(), SampleData::pointCount());
        QVERIFY(SampleData::pointCount() > 2000);
        QVERIFY(SampleData::pointCount() < 20000);

        QSet<QByteArray> measurements;
        const std::int64_t start = SampleData::startTime();
        const std::int64_t end = start + std::int64_t(5) * 86'400 * 1'000'000'000;
        for (const QByteArray &line : lines) {
            measurements.insert(line.left(line.indexOf(',')));
            const std::int64_t t = line.mid(line.lastIndexOf(' ') + 1).toLongLong();
            QVERIFY2(t >= start && t < end, line.constData());
        }
        QCOMPARE(measurements, (QSet<QByteArray>{"cpu_load_short", "Trade", "h2o_quality"}));
        QCOMPARE(lines.first(), QByteArray("cpu_load_short,host=server01,region=us-west value=0.318 1767571200000000000"));
    }

    void deterministic()
    {
        // The same bytes on every machine: screenshots, docs and tests rely on the exact values.
        const QByteArray digest = QCryptographicHash::hash(SampleData::lineProtocol(), QCryptographicHash::Sha256).toHex();
        QCOMPARE(digest, QByteArray(SAMPLE_DIGEST));
    }
};

QTEST_GUILESS_MAIN(SampleDataTest)
#include "sampledatatest.moc"
