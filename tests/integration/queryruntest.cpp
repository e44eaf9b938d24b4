#include <QInflux/queryrun.h>
#include <QInflux/querycache.h>
#include <QInflux/blockingadministration.h>
#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include "influxfixture.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// QueryRun, the query run the explorer and `qinflux query` share, against a real influxd: the
// guard's question and its answers, streaming, the cache, cancellation and the summary.
class QueryRunTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = Test::InfluxFixture::uniqueDatabase(u"queryrun"_s);
        BlockingClient client(m_influx.settings());
        QVERIFY(BlockingAdministration(client).createDatabase(m_db).ok());
        QByteArray lines;
        for (int i = 0; i < 30'000; ++i)
            lines += "big,host=h" + QByteArray::number(i % 2) + " v=" + QByteArray::number(i) + "i "
                + QByteArray::number(qint64(1'600'000'000 + i) * 1'000'000'000) + '\n';
        BlockingClient writer(m_influx.settings(m_db));
        QVERIFY(writer.write(lines).ok());
    }

    // Streaming: chunks arrive (each one in streamed()), then the assembled result and the summary.
    void streams()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        QSignalSpy chunks(&run, &QueryRun::chunkReceived);
        QSignalSpy ready(&run, &QueryRun::resultReady);
        QueryRunOptions options;
        options.chunkSize = 1000;
        options.guard = false;
        const QueryRunSummary summary = blockOn(run.execute(&client, u"SELECT v FROM big WHERE host = 'h0'"_s, options));
        QVERIFY2(summary.ok, qPrintable(summary.error ? summary.error->message() : QString()));
        QCOMPARE(summary.rows, 15'000);
        QCOMPARE(summary.series, 1);
        QCOMPARE(summary.cache, QueryRunSummary::CacheState::NotUsed);
        QVERIFY(chunks.size() >= 15);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(run.result().rowCount(), 15'000);
        QCOMPARE(run.streamed().series().size(), 1);
        QCOMPARE(run.streamed().series().front().parts.size(), 1); // assembled: one part
        QVERIFY(!run.isRunning());
    }

    // keepChunks = false hands the chunks out and keeps none (the CLI's --chunked).
    void streamsWithoutKeeping()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        qint64 rows = 0;
        connect(&run, &QueryRun::chunkReceived, &run, [&rows](const QueryResult &chunk) { rows += chunk.rowCount(); });
        QSignalSpy ready(&run, &QueryRun::resultReady);
        QueryRunOptions options;
        options.chunkSize = 1000;
        options.guard = false;
        options.keepChunks = false;
        const QueryRunSummary summary = blockOn(run.execute(&client, u"SELECT v FROM big"_s, options));
        QVERIFY(summary.ok);
        QCOMPARE(rows, 30'000);
        QCOMPARE(summary.rows, 30'000);
        QCOMPARE(ready.size(), 0);
        QCOMPARE(run.result().rowCount(), 0);
    }

    // The guard asks about an unbounded SELECT over the threshold; each answer does what it says.
    void guardAsks_data()
    {
        QTest::addColumn<int>("choice");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<bool>("cancelled");
        // SHOW MEASUREMENTS adds its one row
        QTest::newRow("fetch all") << int(QueryRun::GuardChoice::FetchAll) << qint64(30'000 + 1) << false;
        QTest::newRow("add limit") << int(QueryRun::GuardChoice::AddLimit) << qint64(QueryRun::guardLimit + 1) << false;
        QTest::newRow("cancel") << int(QueryRun::GuardChoice::Cancel) << qint64(0) << true;
    }
    void guardAsks()
    {
        QFETCH(int, choice);
        QFETCH(qint64, rows);
        QFETCH(bool, cancelled);
        Client client(m_influx.settings(m_db));
        QueryRun run;
        run.setGuardThreshold(20'000);
        QList<int> asked;
        connect(&run, &QueryRun::guardQuestion, &run, [&](const QList<int> &statements) {
            asked = statements;
            run.answerGuard(QueryRun::GuardChoice(choice));
        });
        const QueryRunSummary summary = blockOn(run.execute(&client, u"SHOW MEASUREMENTS; SELECT v FROM big"_s));
        QCOMPARE(asked, QList<int>{1});
        QCOMPARE(summary.rows, rows);
        QCOMPARE(summary.cancelled, cancelled);
        if (choice == int(QueryRun::GuardChoice::AddLimit))
            QVERIFY2(summary.query.contains(u"LIMIT 10000"_s), qPrintable(summary.query));
        if (cancelled)
            QCOMPARE(summary.error->kind(), Error::Kind::Cancelled);
    }

    // Under the threshold, or bounded by time: no question.
    void guardStaysQuiet()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        run.setGuardThreshold(20'000);
        QSignalSpy asked(&run, &QueryRun::guardQuestion);
        connect(&run, &QueryRun::guardQuestion, &run, [&run] { run.answerGuard(QueryRun::GuardChoice::Cancel); });
        auto summary = blockOn(run.execute(&client, u"SELECT v FROM big WHERE time < 1600000010s"_s));
        QVERIFY(summary.ok);
        QCOMPARE(summary.rows, 10);
        run.setGuardThreshold(40'000);
        summary = blockOn(run.execute(&client, u"SELECT v FROM big"_s));
        QVERIFY(summary.ok);
        QCOMPARE(summary.rows, 30'000);
        QCOMPARE(asked.size(), 0);
    }

    // Through the cache: a miss stores, a hit answers; the summary says which.
    void cache()
    {
        QTemporaryDir dir;
        QueryCache cache({.directory = dir.path()});
        Client client(m_influx.settings(m_db));
        QueryRun run;
        QueryRunOptions options;
        options.cache = &cache;
        const QString q = u"SELECT v FROM big WHERE host = 'h1'"_s;
        auto summary = blockOn(run.execute(&client, q, options));
        QVERIFY(summary.ok);
        QCOMPARE(summary.cache, QueryRunSummary::CacheState::Miss);
        QCOMPARE(summary.rows, 15'000);
        summary = blockOn(run.execute(&client, q, options));
        QCOMPARE(summary.cache, QueryRunSummary::CacheState::Hit);
        QCOMPARE(summary.cacheReason, u"hit"_s);
        QCOMPARE(run.result().rowCount(), 15'000);
    }

    // A statement's error is the summary's error, marked as a statement's; a request error is not.
    void errors()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        auto summary = blockOn(run.execute(&client, u"SELECT v FROM big LIMIT 1; SELECT nope("_s));
        QVERIFY(!summary.ok);
        QVERIFY(summary.error);
        QVERIFY(!summary.statementError); // a parse error fails the whole request
        summary = blockOn(run.execute(&client, u"SELECT v FROM big LIMIT 1; SELECT v FROM nowhere_db..big"_s));
        QVERIFY(!summary.ok);
        QVERIFY(summary.statementError);
        QCOMPARE(summary.error->kind(), Error::Kind::Statement);
        QCOMPARE(summary.rows, 1); // the first statement's row is there
        ClientSettings nowhere = m_influx.settings(m_db);
        nowhere.port = 1; // nothing listens there
        Client unreachable(nowhere);
        summary = blockOn(run.execute(&unreachable, u"SELECT v FROM big LIMIT 1"_s));
        QVERIFY(!summary.ok);
        QVERIFY(!summary.statementError);
        QCOMPARE(summary.error->kind(), Error::Kind::Network);
    }

    // cancel() while streaming: the run ends cancelled, keeping what arrived.
    void cancels()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        QueryRunOptions options;
        options.chunkSize = 100;
        options.guard = false;
        connect(&run, &QueryRun::chunkReceived, &run, [&run] { run.cancel(); });
        const QueryRunSummary summary = blockOn(run.execute(&client, u"SELECT v FROM big"_s, options));
        QVERIFY(summary.cancelled);
        QVERIFY(summary.rows > 0);
        QVERIFY(summary.rows < 30'000);
        QCOMPARE(run.result().rowCount(), summary.rows);
    }

    // One run at a time.
    void oneAtATime()
    {
        Client client(m_influx.settings(m_db));
        QueryRun run;
        QVERIFY(run.start(&client, u"SELECT v FROM big LIMIT 1"_s));
        QVERIFY(!run.start(&client, u"SELECT v FROM big LIMIT 1"_s));
        const auto refused = blockOn(run.execute(&client, u"SELECT 1"_s));
        QCOMPARE(refused.error->kind(), Error::Kind::Usage);
        QTRY_VERIFY(!run.isRunning());
    }
};

QTEST_GUILESS_MAIN(QueryRunTest)
#include "queryruntest.moc"
