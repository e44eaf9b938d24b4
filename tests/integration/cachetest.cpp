#include <QInflux/cachedquery.h>
#include <QInflux/querycache.h>
#include <QInflux/blockingadministration.h>
#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include "influxfixture.h"
#include "resultcompare.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QRandomGenerator>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The cache against a real influxd: through cachedQuery() and through `qinflux query --cache`.
class CacheTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(QINFLUX_CLI_PATH), args);
        if (!p.waitForStarted(30'000) || !p.waitForFinished(120'000))
            qFatal("qinflux did not run");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QStringList cli(const QTemporaryDir &cacheDir) const
    {
        return {u"--url"_s, m_influx.url(), u"--db"_s, m_db, u"--cache-dir"_s, cacheDir.path()};
    }

    /// Writes `points` rows of measurement `m` (float v, int n, tag host) starting at second `from`.
    void writePoints(const QString &measurement, int points, int from = 0)
    {
        QByteArray lines;
        for (int i = 0; i < points; ++i)
            lines += measurement.toUtf8() + ",host=h" + QByteArray::number(i % 4) + " v=" + QByteArray::number(i * 0.25 + 0.1, 'g', 17)
                + ",n=" + QByteArray::number(i) + "i " + QByteArray::number(qint64(1'600'000'000 + from + i) * 1'000'000'000) + '\n';
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write(lines).ok());
    }

    static QStringList entryFiles(const QString &directory)
    {
        QStringList files;
        for (const QFileInfo &sub : QDir(directory).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString &f : QDir(sub.filePath()).entryList(QDir::Files | QDir::Hidden))
                files << sub.fileName() + u'/' + f;
        }
        return files;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = Test::InfluxFixture::uniqueDatabase(u"cache"_s);
        BlockingClient client(m_influx.settings());
        QVERIFY(BlockingAdministration(client).createDatabase(m_db).ok());
        writePoints(u"m"_s, 1000);
        writePoints(u"big"_s, 30'000);
    }

    // Miss, then hit with the same answer; the hit does not ask the server (new points are not seen)
    // until a refresh; bypass neither reads nor writes the cache.
    void missHitBypassRefresh()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        BlockingClient client(m_influx.settings(m_db));
        const QString q = u"SELECT * FROM m GROUP BY host"_s;

        CachedQuery first = blockOn(cachedQuery(client.async(), cache, q, {}, CacheMode::Use));
        QVERIFY(first.result);
        QVERIFY(!first.hit);
        QVERIFY(first.stored);
        QCOMPARE(first.reason, u"miss (no entry)"_s);
        QCOMPARE(first.result->rowCount(), 1000);

        CachedQuery second = blockOn(cachedQuery(client.async(), cache, u"select *  from m group by host;"_s, {}, CacheMode::Use));
        QVERIFY(second.result);
        QVERIFY(second.hit);
        QCOMPARE(second.reason, u"hit"_s);
        QCOMPARE(Test::resultDifference(*second.result, *first.result), QString());
        QCOMPARE(Test::resultDifference(*second.result, *client.query(q)), QString());

        writePoints(u"m"_s, 10, 5000); // the server's answer changes; the cache's does not
        CachedQuery stale = blockOn(cachedQuery(client.async(), cache, q, {}, CacheMode::Use));
        QVERIFY(stale.hit);
        QCOMPARE(stale.result->rowCount(), 1000);

        const CacheStats before = cache.stats();
        CachedQuery bypass = blockOn(cachedQuery(client.async(), cache, q, {}, CacheMode::Bypass));
        QVERIFY(!bypass.hit);
        QVERIFY(!bypass.stored);
        QCOMPARE(bypass.reason, u"bypassed"_s);
        QCOMPARE(bypass.result->rowCount(), 1010);
        const CacheStats after = cache.stats();
        QCOMPARE(after.hits, before.hits);
        QCOMPARE(after.misses, before.misses);
        QCOMPARE(after.bytes, before.bytes);

        CachedQuery refresh = blockOn(cachedQuery(client.async(), cache, q, {}, CacheMode::Refresh));
        QVERIFY(!refresh.hit);
        QVERIFY(refresh.stored);
        QCOMPARE(refresh.reason, u"refreshed"_s);
        QCOMPARE(refresh.result->rowCount(), 1010);
        CachedQuery fresh = blockOn(cachedQuery(client.async(), cache, q, {}, CacheMode::Use));
        QVERIFY(fresh.hit);
        QCOMPARE(Test::resultDifference(*fresh.result, *client.query(q)), QString());
    }

    void notCacheableUnlessForced()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        BlockingClient client(m_influx.settings(m_db));
        CachedQuery show = blockOn(cachedQuery(client.async(), cache, u"SHOW MEASUREMENTS"_s, {}, CacheMode::Use));
        QVERIFY(show.result);
        QVERIFY(!show.stored);
        QVERIFY2(show.reason.startsWith(u"not cached: only SELECT"_s), qPrintable(show.reason));
        QCOMPARE(cache.stats().entries, 0);

        CachedQuery forced = blockOn(cachedQuery(client.async(), cache, u"SHOW MEASUREMENTS"_s, {}, CacheMode::Force));
        QVERIFY(forced.stored);
        CachedQuery again = blockOn(cachedQuery(client.async(), cache, u"SHOW MEASUREMENTS"_s, {}, CacheMode::Force));
        QVERIFY(again.hit);
        QCOMPARE(Test::resultDifference(*again.result, *forced.result), QString());

        CachedQuery now = blockOn(cachedQuery(client.async(), cache, u"SELECT * FROM m WHERE time > now() - 1h"_s, {}, CacheMode::Use));
        QVERIFY2(now.reason.contains(u"now()"_s), qPrintable(now.reason));
        QVERIFY(!now.stored);
    }

    // A statement error is shown but not kept; a failed request is not kept either.
    void errorsAreNotStored()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        BlockingClient client(m_influx.settings(m_db));
        QueryOptions missing;
        missing.database = u"no_such_database"_s;
        CachedQuery failed = blockOn(cachedQuery(client.async(), cache, u"SELECT * FROM m"_s, missing, CacheMode::Use));
        QVERIFY(failed.result);
        QVERIFY(failed.result->firstError());
        QVERIFY(!failed.stored);
        QVERIFY2(failed.reason.contains(u"not stored: the server reported an error"_s), qPrintable(failed.reason));

        ClientSettings nowhere = m_influx.settings(m_db);
        nowhere.port = 1; // nothing listens there
        BlockingClient offline(nowhere);
        CachedQuery down = blockOn(cachedQuery(offline.async(), cache, u"SELECT * FROM m"_s, {}, CacheMode::Use));
        QVERIFY(!down.result);
        QCOMPARE(down.result.error().kind(), Error::Kind::Network);
        QCOMPARE(cache.stats().entries, 0);
    }

    void cliHitAndMiss()
    {
        QTemporaryDir dir;
        const QStringList base = cli(dir);
        const Run miss = run(QStringList(base) << u"query"_s << u"--cache"_s << u"SELECT * FROM m WHERE time < '2030-01-01'"_s);
        QCOMPARE(miss.code, 0);
        QVERIFY2(miss.err.contains("cache: miss (no entry)"), miss.err.constData());
        const Run hit = run(QStringList(base) << u"query"_s << u"--cache"_s << u"select * from m where time < '2030-01-01'"_s);
        QCOMPARE(hit.code, 0);
        QVERIFY2(hit.err.contains("cache: hit"), hit.err.constData());
        QCOMPARE(hit.out, miss.out);
        const Run plain = run(QStringList(base) << u"query"_s << u"SELECT * FROM m WHERE time < '2030-01-01'"_s);
        QCOMPARE(plain.out, miss.out);
        QVERIFY(!plain.err.contains("cache:"));

        const Run bypass = run(QStringList(base) << u"query"_s << u"--no-cache"_s << u"SELECT * FROM m"_s);
        QVERIFY2(bypass.err.contains("cache: bypassed"), bypass.err.constData());
        const Run refresh = run(QStringList(base) << u"query"_s << u"--refresh"_s << u"SELECT * FROM m"_s);
        QVERIFY2(refresh.err.contains("cache: refreshed"), refresh.err.constData());
        const Run show = run(QStringList(base) << u"query"_s << u"--cache"_s << u"SHOW DATABASES"_s);
        QCOMPARE(show.code, 0);
        QVERIFY2(show.err.contains("cache: not cached: only SELECT queries are cached, not SHOW"), show.err.constData());
        const Run both = run(QStringList(base) << u"query"_s << u"--cache"_s << u"--no-cache"_s << u"SELECT 1"_s);
        QCOMPARE(both.code, 2);
    }

    void cliCacheCommands()
    {
        QTemporaryDir dir;
        const QStringList base = cli(dir);
        const Run path = run(QStringList(base) << u"cache"_s << u"path"_s);
        QCOMPARE(path.code, 0);
        QCOMPARE(path.out.trimmed(), dir.path().toUtf8());
        for (const QString &q : {u"SELECT * FROM m"_s, u"SELECT * FROM m"_s, u"SELECT v FROM m"_s})
            QCOMPARE(run(QStringList(base) << u"query"_s << u"--cache"_s << q).code, 0);
        const Run stats = run(QStringList(base) << u"cache"_s << u"stats"_s);
        QCOMPARE(stats.code, 0);
        QVERIFY2(stats.out.contains("entries\t2\n") && stats.out.contains("hits\t1\n") && stats.out.contains("misses\t2\n"),
                 stats.out.constData());

        const Run clearOne = run(QStringList(base) << u"cache"_s << u"clear"_s << u"--query"_s << u"select *   from m"_s);
        QCOMPARE(clearOne.code, 0);
        QVERIFY2(clearOne.err.contains("Removed the cached answer"), clearOne.err.constData());
        QCOMPARE(entryFiles(dir.path()).size(), 1);
        const Run miss = run(QStringList(base) << u"query"_s << u"--cache"_s << u"SELECT * FROM m"_s);
        QVERIFY2(miss.err.contains("cache: miss"), miss.err.constData());

        const Run clearServer = run(QStringList(base) << u"cache"_s << u"clear"_s << u"--server"_s);
        QCOMPARE(clearServer.code, 0);
        QVERIFY2(clearServer.err.contains("Removed 2 cache entries"), clearServer.err.constData());
        QCOMPARE(run(QStringList(base) << u"query"_s << u"--cache"_s << u"SELECT * FROM m"_s).code, 0);
        const Run clearAll = run(QStringList(base) << u"cache"_s << u"clear"_s);
        QVERIFY2(clearAll.err.contains("Removed 1 cache entry"), clearAll.err.constData());
        QVERIFY(run(QStringList(base) << u"cache"_s << u"stats"_s).out.contains("entries\t0\n"));
        QCOMPARE(run(QStringList(base) << u"cache"_s << u"frobnicate"_s).code, 2);
    }

    // The cache on a full disk: the answer is still printed, right, and exit 0; stderr says the
    // entry was not stored and why; nothing is left behind.
    void cliFullDisk()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root");
        QByteArray noise; // full-precision random doubles: an entry of about 140 KB
        for (int i = 0; i < 20'000; ++i)
            noise += "noise v=" + QByteArray::number(QRandomGenerator::global()->generateDouble(), 'g', 17) + ' '
                + QByteArray::number(qint64(1'600'000'000 + i) * 1'000'000'000) + '\n';
        QVERIFY(BlockingClient(m_influx.settings(m_db)).write(noise).ok());
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(u"small"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        if (QProcess::execute(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=256k"_s, u"tmpfs"_s, mountPoint}) != 0)
            QSKIP("cannot mount a tmpfs here");
        auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, {mountPoint}); });
        { // leave 8 KiB free: less than the entry needs, enough for the directory and the counters
            QFile filler(mountPoint + u"/filler"_s);
            QVERIFY(filler.open(QIODevice::WriteOnly));
            QVERIFY(filler.write(QByteArray(QStorageInfo(mountPoint).bytesAvailable() - 8192, 'x')) > 0);
        }
        const QStringList args{u"--url"_s, m_influx.url(), u"--db"_s, m_db, u"--cache-dir"_s, mountPoint,
                               u"query"_s, u"--cache"_s, u"--format"_s, u"json"_s, u"SELECT * FROM noise"_s};
        const Run full = run(args);
        QCOMPARE(full.code, 0);
        QVERIFY2(full.err.contains("cache: miss (no entry), not stored: Cannot write the cache file"), full.err.constData());
        QVERIFY2(full.err.contains("No space left on device"), full.err.constData());
        const Run server = run({u"--url"_s, m_influx.url(), u"--db"_s, m_db, u"query"_s, u"--format"_s, u"json"_s, u"SELECT * FROM noise"_s});
        QCOMPARE(full.out, server.out);
        QVERIFY(full.out.size() > 20'000 * 20);
        QCOMPARE(entryFiles(mountPoint), QStringList());
        const Run again = run(args);
        QVERIFY2(again.err.contains("cache: miss (no entry)"), again.err.constData());
    }

    // Four processes store the same key at once, several rounds: one good file remains, no
    // temporary files, and it answers exactly what the server does.
    void concurrentWriters()
    {
        QTemporaryDir dir;
        const QString q = u"SELECT * FROM big"_s;
        const QStringList args = QStringList(cli(dir)) << u"query"_s << u"--refresh"_s << u"--format"_s << u"json"_s << q;
        for (int round = 0; round < 3; ++round) {
            std::vector<std::unique_ptr<QProcess>> writers;
            for (int i = 0; i < 4; ++i) {
                writers.push_back(std::make_unique<QProcess>());
                writers.back()->start(QStringLiteral(QINFLUX_CLI_PATH), args);
            }
            for (auto &p : writers) {
                QVERIFY(p->waitForFinished(120'000));
                QCOMPARE(p->exitCode(), 0);
                QVERIFY2(p->readAllStandardError().contains("cache: refreshed"), "a writer did not store");
            }
            const QStringList files = entryFiles(dir.path());
            QCOMPARE(files.size(), 1);
            QVERIFY2(files.first().endsWith(u".qic"_s), qPrintable(files.join(u' ')));
        }
        const Run hit = run(QStringList(cli(dir)) << u"query"_s << u"--cache"_s << u"--format"_s << u"json"_s << q);
        QVERIFY2(hit.err.contains("cache: hit"), hit.err.constData());
        const Run server = run(QStringList(cli(dir)) << u"query"_s << u"--format"_s << u"json"_s << q);
        QCOMPARE(hit.out, server.out);
        QVERIFY(hit.out.size() > 30'000 * 20);
    }
};

QTEST_GUILESS_MAIN(CacheTest)
#include "cachetest.moc"
