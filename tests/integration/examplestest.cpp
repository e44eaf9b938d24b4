// The programs of examples/ (public headers and the shared library only) run against a real
// influxd: each exits 0 only when what it read back is what it wrote, and prints what it found.
#include "influxfixture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class ExamplesTest : public QObject
{
    Q_OBJECT

    Test::InfluxFixture m_influx;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    static Run run(const QString &program, const QStringList &args)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForStarted(30'000) || !p.waitForFinished(120'000))
            return {-1, {}, p.errorString()};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    void writeRead()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"examples"_s);
        const Run r = run(QStringLiteral(QINFLUX_EXAMPLE_WRITEREAD), {m_influx.url(), db});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(u"2023-11-14T22:13:20Z 20.5"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"rows 3 sum 64.5"_s), qPrintable(r.out));
    }

    void chunkedQuery()
    {
        const QString db = Test::InfluxFixture::uniqueDatabase(u"examples"_s);
        const Run r = run(QStringLiteral(QINFLUX_EXAMPLE_CHUNKEDQUERY), {m_influx.url(), db});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(u"chunks 5 rows 25000 sum 312487500"_s), qPrintable(r.out));
    }

    void cachedQuery()
    {
        QTemporaryDir cacheDir;
        QVERIFY(cacheDir.isValid());
        const QString db = Test::InfluxFixture::uniqueDatabase(u"examples"_s);
        const Run r = run(QStringLiteral(QINFLUX_EXAMPLE_CACHEDQUERY), {m_influx.url(), cacheDir.path(), db});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(u"second: hit"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"temp -3.5"_s) && r.out.contains(u"temp 14.25"_s), qPrintable(r.out));
        // The entry is on disk, in the folder given.
        QVERIFY(!QDir(cacheDir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name).isEmpty()
                || !QDir(cacheDir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    void usageWithoutServer()
    {
        const Run r = run(QStringLiteral(QINFLUX_EXAMPLE_WRITEREAD), {});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"usage"_s));
    }
};

QTEST_GUILESS_MAIN(ExamplesTest)
#include "examplestest.moc"
