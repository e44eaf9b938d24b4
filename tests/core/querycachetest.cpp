#include "cachefile_p.h"
#include <QInflux/cachekey.h>
#include <QInflux/querycache.h>
#include <QInflux/client.h>
#include "resultcompare.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

/// A result with every column type, nulls, tags, several statements, a message, a statement error,
/// a partial flag, a frame without time and an empty frame.
QueryResult sampleResult(int rows, quint32 seed = 1)
{
    QRandomGenerator random(seed);
    const auto n = static_cast<size_t>(rows);
    std::vector<std::int64_t> time(n), ints(n);
    std::vector<double> floats(n);
    std::vector<std::uint64_t> uints(n);
    std::vector<std::uint8_t> bools(n), valid(n);
    std::vector<QString> hosts(n), notes(n);
    for (int i = 0; i < rows; ++i) {
        time[size_t(i)] = 1'700'000'000'000'000'000 + std::int64_t(i / 3) * 10'000'000'000 + (i % 7 == 0 ? 1 : 0);
        floats[size_t(i)] = random.generateDouble() * 100.0;
        ints[size_t(i)] = std::int64_t(random.generate64()) >> (i % 60);
        uints[size_t(i)] = random.generate64();
        bools[size_t(i)] = random.bounded(2);
        valid[size_t(i)] = i % 5 != 0;
        hosts[size_t(i)] = u"host-%1"_s.arg(i % 3);
        notes[size_t(i)] = u"note ✓ %1"_s.arg(random.generate());
    }
    if (rows > 2)
        floats[1] = std::numeric_limits<double>::quiet_NaN();
    std::vector<Column> columns;
    columns.emplace_back(u"usage"_s, floats);
    columns.emplace_back(u"count"_s, ints, valid);
    columns.emplace_back(u"big"_s, uints);
    columns.emplace_back(u"ok"_s, bools, valid);
    columns.emplace_back(u"host"_s, hosts);
    columns.emplace_back(u"note"_s, notes, valid);

    QueryResult result;
    StatementResult first;
    first.statementId = 0;
    first.series.append(Frame(u"cpu"_s, {{u"region"_s, u"eu"_s}, {u"dc"_s, u"a b"_s}}, time, columns));
    first.series.append(Frame(u"empty"_s, {}, std::vector<std::int64_t>{}, {}));
    first.messages << u"warning: something"_s;
    first.partial = true;
    result.statements.append(first);
    StatementResult second;
    second.statementId = 1;
    second.series.append(Frame(u"measurements"_s, {}, std::nullopt,
                               {Column(u"name"_s, std::vector<QString>{u"cpu"_s, u"mem"_s, u"cpu"_s})}));
    result.statements.append(second);
    StatementResult third;
    third.statementId = 2;
    Error error(Error::Kind::Statement, u"database not found: x"_s, u"detail"_s, 0);
    error.setStatementId(2);
    third.error = error;
    result.statements.append(third);
    return result;
}

CacheKey keyFor(const QString &query)
{
    ClientSettings settings;
    settings.database = u"db"_s;
    return CacheKey::make(settings, query, {});
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

// The cache file format and QueryCache on real files: round trips, damaged files of every kind,
// eviction order, time-to-live, and a full disk.
class QueryCacheTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip_data()
    {
        QTest::addColumn<int>("rows");
        for (int rows : {0, 1, 2, 3, 100, 5000})
            QTest::addRow("%d rows", rows) << rows;
    }
    void roundTrip()
    {
        QFETCH(int, rows);
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        const QueryResult result = sampleResult(rows);
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        QVERIFY(cache.store(key, result));
        const QueryCache::Lookup found = cache.lookup(key);
        QVERIFY2(found.result, qPrintable(found.reason));
        QCOMPARE(Test::resultDifference(*found.result, result), QString());
    }

    void missWithoutEntry()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        const QueryCache::Lookup found = cache.lookup(keyFor(u"SELECT 1"_s));
        QVERIFY(!found.result);
        QCOMPARE(found.reason, u"no entry"_s);
        QCOMPARE(cache.stats().misses, 1);
        QCOMPARE(cache.stats().hits, 0);
    }

    // Every way a file can be wrong is a miss, the file is removed, and nothing wrong is returned.
    void damagedFiles_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reasonContains");
        QTest::newRow("empty") << u"empty"_s << u"empty"_s;
        QTest::newRow("foreign") << u"foreign"_s << u"signature"_s;
        QTest::newRow("truncated header") << u"truncate:40"_s << u"truncated"_s;
        QTest::newRow("truncated data") << u"truncate:-1"_s << u"truncated"_s;
        QTest::newRow("truncated half") << u"truncate:half"_s << u"truncated"_s;
        QTest::newRow("appended") << u"append"_s << u"unexpected data"_s;
        QTest::newRow("wrong version") << u"version"_s << u"format version 2"_s;
        QTest::newRow("unknown flags") << u"flags"_s << u"flags"_s;
        QTest::newRow("other key") << u"otherkey"_s << u"another cache key"_s;
        QTest::newRow("flipped header byte") << u"flip:20"_s << u"checksum"_s;
        QTest::newRow("flipped index byte") << u"flip:70"_s << u"checksum"_s;
        QTest::newRow("flipped data byte") << u"flip:-100"_s << u"block at byte"_s;
        QTest::newRow("flipped middle byte") << u"flip:half"_s << u"block at byte"_s;
        QTest::newRow("flipped last byte") << u"flip:-1"_s << u"block at byte"_s;
    }
    void damagedFiles()
    {
        QFETCH(QString, damage);
        QFETCH(QString, reasonContains);
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        QVERIFY(cache.store(key, sampleResult(2000)));
        const QString path = cache.filePath(key);
        QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 1000);
        const QString arg = damage.section(u':', 1);
        const qsizetype at = arg == "half"_L1 ? bytes.size() / 2 : arg.toLongLong() < 0 ? bytes.size() + arg.toLongLong() : arg.toLongLong();
        if (damage == "empty"_L1) {
            bytes.clear();
        } else if (damage == "foreign"_L1) {
            bytes = "{\"results\":[]}\n";
        } else if (damage.startsWith("truncate"_L1)) {
            bytes.truncate(at);
        } else if (damage == "append"_L1) {
            bytes += "more";
        } else if (damage == "version"_L1) {
            bytes[8] = 2;
        } else if (damage == "flags"_L1) {
            bytes[10] = 3;
        } else if (damage == "otherkey"_L1) {
            // A good file of another query, under this query's name.
            const CacheKey other = keyFor(u"SELECT * FROM mem"_s);
            QVERIFY(cache.store(other, sampleResult(10)));
            bytes = readAll(cache.filePath(other));
        } else if (damage.startsWith("flip"_L1)) {
            bytes[at] = char(bytes[at] ^ 0x10);
        }
        writeAll(path, bytes);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"removing .*"_s));
        const QueryCache::Lookup found = cache.lookup(key);
        QVERIFY(!found.result);
        QVERIFY2(found.reason.contains(reasonContains), qPrintable(found.reason));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(cache.lookup(key).reason, u"no entry"_s);
    }

    // Flip every 97th byte in turn: each one is caught (no crash, no wrong answer).
    void everyFlippedByteIsCaught()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        const QueryResult result = sampleResult(300);
        QVERIFY(cache.store(key, result));
        const QByteArray good = readAll(cache.filePath(key));
        QByteArray raw = QByteArray::fromHex(key.hash().toLatin1());
        int caught = 0;
        for (qsizetype i = 0; i < good.size(); i += 97) {
            QByteArray bad = good;
            bad[i] = char(bad[i] ^ 0x01);
            const auto decoded = detail::decodeCacheFile(bad, raw);
            QVERIFY2(!decoded, qPrintable(u"byte %1 flipped went unnoticed"_s.arg(i)));
            ++caught;
        }
        QVERIFY(caught > 10);
        QVERIFY(detail::decodeCacheFile(good, raw)); // and the good one still decodes
    }

    void hitUpdatesStats()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        QVERIFY(cache.store(key, sampleResult(10)));
        QVERIFY(cache.lookup(key).result);
        QVERIFY(cache.lookup(key).result);
        QVERIFY(!cache.lookup(keyFor(u"SELECT 2"_s)).result);
        const CacheStats stats = cache.stats();
        QCOMPARE(stats.hits, 2);
        QCOMPARE(stats.misses, 1);
        QCOMPARE(stats.entries, 1);
        QCOMPARE(stats.bytes, QFileInfo(cache.filePath(key)).size());
        QVERIFY(cache.remove(key));
        QVERIFY(!cache.remove(key));
        QCOMPARE(cache.stats().entries, 0);
    }

    void clearAllAndPerConnection()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        ClientSettings a, b;
        b.port = 9999;
        QVERIFY(cache.store(CacheKey::make(a, u"SELECT 1"_s, {}), sampleResult(3)));
        QVERIFY(cache.store(CacheKey::make(a, u"SELECT 2"_s, {}), sampleResult(3)));
        QVERIFY(cache.store(CacheKey::make(b, u"SELECT 1"_s, {}), sampleResult(3)));
        QCOMPARE(cache.stats().entries, 3);
        QCOMPARE(cache.clearConnection(CacheKey::connectionId(a)).value(), 2);
        QCOMPARE(cache.stats().entries, 1);
        QVERIFY(cache.lookup(CacheKey::make(b, u"SELECT 1"_s, {})).result);
        QVERIFY(!cache.clearConnection(u"../etc"_s));
        QCOMPARE(cache.clear().value(), 1);
        const CacheStats stats = cache.stats();
        QCOMPARE(stats.entries, 0);
        QCOMPARE(stats.hits, 0);
    }

    // The least recently used entry goes first; a hit counts as a use.
    void evictionOrder()
    {
        QTemporaryDir dir;
        QueryCache unlimited({.directory = dir.path(), .maxBytes = 0});
        const CacheKey a = keyFor(u"SELECT a"_s), b = keyFor(u"SELECT b"_s), c = keyFor(u"SELECT c"_s), d = keyFor(u"SELECT d"_s);
        for (const CacheKey &key : {a, b, c}) {
            QVERIFY(unlimited.store(key, sampleResult(500, quint32(key.hash().front().unicode()))));
            QTest::qWait(30);
        }
        QVERIFY(unlimited.lookup(a).result); // a is now the most recently used
        QTest::qWait(30);
        const qint64 each = unlimited.stats().bytes / 3;
        QueryCache limited({.directory = dir.path(), .maxBytes = each * 3 + each / 2});
        QVERIFY(limited.store(d, sampleResult(500, 7)));
        QVERIFY(QFile::exists(limited.filePath(a)));
        QVERIFY(!QFile::exists(limited.filePath(b)));
        QVERIFY(QFile::exists(limited.filePath(c)));
        QVERIFY(QFile::exists(limited.filePath(d)));
        QueryCache small({.directory = dir.path(), .maxBytes = each + each / 2});
        QCOMPARE(small.evict(), 2);
        QVERIFY(!QFile::exists(limited.filePath(a)));
        QVERIFY(!QFile::exists(limited.filePath(c)));
        QVERIFY(QFile::exists(limited.filePath(d)));
    }

    void timeToLive()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path(), .timeToLive = std::chrono::seconds(1)});
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        QVERIFY(cache.store(key, sampleResult(10)));
        QVERIFY(cache.lookup(key).result);
        QTest::qWait(1100);
        const QueryCache::Lookup found = cache.lookup(key);
        QVERIFY(!found.result);
        QVERIFY2(found.reason.startsWith(u"expired"_s), qPrintable(found.reason));
        QVERIFY(!QFile::exists(cache.filePath(key)));
        // Without a time-to-live the same age is fine.
        QueryCache forever({.directory = dir.path()});
        QVERIFY(forever.store(key, sampleResult(10)));
        QTest::qWait(1100);
        QVERIFY(forever.lookup(key).result);
    }

    // A 1 MiB tmpfs: storing 2 MB fails with Kind::Io, leaves no file behind, and the older good
    // entry of the same key is still there and still right.
    void fullDisk()
    {
        if (::geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root");
        QTemporaryDir dir;
        const QString mountPoint = dir.filePath(u"small"_s);
        QVERIFY(QDir().mkpath(mountPoint));
        if (QProcess::execute(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=1m"_s, u"tmpfs"_s, mountPoint}) != 0)
            QSKIP("cannot mount a tmpfs here");
        auto unmount = qScopeGuard([&] { QProcess::execute(u"umount"_s, {mountPoint}); });
        QueryCache cache({.directory = mountPoint});
        const CacheKey key = keyFor(u"SELECT * FROM cpu"_s);
        const QueryResult small = sampleResult(50);
        QVERIFY(cache.store(key, small));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Cannot write the cache file.*"_s));
        const Result<void> stored = cache.store(key, sampleResult(200'000));
        QVERIFY(!stored);
        QCOMPARE(stored.error().kind(), Error::Kind::Io);
        QVERIFY2(stored.error().message().contains(cache.filePath(key)), qPrintable(stored.error().message()));
        QVERIFY2(stored.error().message().contains(u"No space left on device"_s), qPrintable(stored.error().message()));
        const QStringList left = QDir(QFileInfo(cache.filePath(key)).path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(left, QStringList{key.hash() + u".qic"_s});
        const QueryCache::Lookup found = cache.lookup(key);
        QVERIFY2(found.result, qPrintable(found.reason));
        QCOMPARE(Test::resultDifference(*found.result, small), QString());
    }

    // The device-level path of the same failure, on any machine: /dev/full refuses every write.
    void writeToFullDevice()
    {
        QFile full(u"/dev/full"_s);
        if (!full.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            QSKIP("no /dev/full");
        const auto encoded = detail::encodeCacheFile(sampleResult(100), QByteArray(32, 'k'), 0);
        const Result<void> written = encoded.writeTo(full, u"/dev/full"_s);
        QVERIFY(!written);
        QCOMPARE(written.error().kind(), Error::Kind::Io);
    }

    void unwritableDirectoryIsIoError()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"not-a-directory"_s);
        writeAll(file, "x");
        QueryCache cache({.directory = file});
        const Result<void> stored = cache.store(keyFor(u"SELECT 1"_s), sampleResult(3));
        QVERIFY(!stored);
        QCOMPARE(stored.error().kind(), Error::Kind::Io);
    }
};

QTEST_GUILESS_MAIN(QueryCacheTest)
#include "querycachetest.moc"
