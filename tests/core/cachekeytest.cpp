#include <QInflux/cachekey.h>
#include <QInflux/cachepolicy.h>
#include <QInflux/client.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// Cache keys: which query texts are the same query (normalization) and which are not, and which
// queries the cache refuses.
class CacheKeyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalize_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("spaces") << u"  SELECT   *  FROM   cpu  "_s << u"SELECT * FROM cpu"_s;
        QTest::newRow("tabs and newlines") << u"SELECT\t*\r\nFROM\n\ncpu"_s << u"SELECT * FROM cpu"_s;
        QTest::newRow("keywords upper-cased") << u"select * from cpu where a = 1 and b = 2 or c = 3"_s
                                              << u"SELECT * FROM cpu WHERE a = 1 AND b = 2 OR c = 3"_s;
        QTest::newRow("mixed-case keywords") << u"SeLeCt mean(x) As m FrOm cpu GrOuP bY host oRdEr By time DeSc LiMiT 5"_s
                                             << u"SELECT mean(x) AS m FROM cpu GROUP BY host ORDER BY time DESC LIMIT 5"_s;
        QTest::newRow("names keep case") << u"select Usage FROM Cpu"_s << u"SELECT Usage FROM Cpu"_s;
        QTest::newRow("string keeps spaces and case") << u"SELECT * FROM m WHERE host = 'A  b'"_s
                                                      << u"SELECT * FROM m WHERE host = 'A  b'"_s;
        QTest::newRow("identifier keeps spaces and case") << u"SELECT \"Select  Me\" FROM \"my  M\""_s
                                                          << u"SELECT \"Select  Me\" FROM \"my  M\""_s;
        QTest::newRow("escaped quote in string") << u"select * from m where a = 'it\\'s  from'  "_s
                                                 << u"SELECT * FROM m WHERE a = 'it\\'s  from'"_s;
        QTest::newRow("escaped quote in identifier") << u"select \"a\\\"  from\"  from m"_s
                                                     << u"SELECT \"a\\\"  from\" FROM m"_s;
        QTest::newRow("escaped backslash ends string") << u"select * from m where a = 'x\\\\'  and  b = 1"_s
                                                       << u"SELECT * FROM m WHERE a = 'x\\\\' AND b = 1"_s;
        QTest::newRow("keyword inside string untouched") << u"select * from m where a = 'select from'"_s
                                                         << u"SELECT * FROM m WHERE a = 'select from'"_s;
        QTest::newRow("regex keeps spaces") << u"select * from m where host =~ /a  B/"_s
                                            << u"SELECT * FROM m WHERE host =~ /a  B/"_s;
        QTest::newRow("measurement regex") << u"select * from   /Cpu  .*/"_s << u"SELECT * FROM /Cpu  .*/"_s;
        QTest::newRow("division is not a regex") << u"select a  /  b ,  c / 2 from m"_s << u"SELECT a / b , c / 2 FROM m"_s;
        QTest::newRow("comment keeps its line end") << u"select * from m -- note  here\n  where a = 1"_s
                                                    << u"SELECT * FROM m -- note  here\nWHERE a = 1"_s;
        QTest::newRow("trailing semicolons") << u"select * from m ; ; "_s << u"SELECT * FROM m"_s;
        QTest::newRow("semicolon in string kept") << u"select * from m where a = ';'"_s << u"SELECT * FROM m WHERE a = ';'"_s;
        QTest::newRow("two statements") << u"select * from a;select * from b"_s << u"SELECT * FROM a;SELECT * FROM b"_s;
        QTest::newRow("unterminated string verbatim") << u"select 'a  b"_s << u"SELECT 'a  b"_s;
        QTest::newRow("keyword-like names are not keywords") << u"select fromage, selected, \"from\" from m"_s
                                                             << u"SELECT fromage, selected, \"from\" FROM m"_s;
        QTest::newRow("non-ASCII") << u"select   \"tempé\"  from  m where v = 'Ünïcode  ✓'"_s
                                   << u"SELECT \"tempé\" FROM m WHERE v = 'Ünïcode  ✓'"_s;
        QTest::newRow("empty") << u"   "_s << QString();
    }
    void normalize()
    {
        QFETCH(QString, query);
        QFETCH(QString, normalized);
        QCOMPARE(CacheKey::normalizeQuery(query), normalized);
        QCOMPARE(CacheKey::normalizeQuery(normalized), normalized); // idempotent
    }

    // Pairs that must never share a key (the user guide's lowercasing recipe conflates them).
    void distinctQueries_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("string case") << u"SELECT * FROM m WHERE host='A'"_s << u"SELECT * FROM m WHERE host='a'"_s;
        QTest::newRow("string spaces") << u"SELECT * FROM m WHERE host='a b'"_s << u"SELECT * FROM m WHERE host='a  b'"_s;
        QTest::newRow("identifier case") << u"SELECT \"Usage\" FROM m"_s << u"SELECT \"usage\" FROM m"_s;
        QTest::newRow("bare name case") << u"SELECT usage FROM Cpu"_s << u"SELECT usage FROM cpu"_s;
        QTest::newRow("regex spaces") << u"SELECT * FROM m WHERE h =~ /a b/"_s << u"SELECT * FROM m WHERE h =~ /a  b/"_s;
        QTest::newRow("regex case") << u"SELECT * FROM /Cpu/"_s << u"SELECT * FROM /cpu/"_s;
        QTest::newRow("comment swallows a line") << u"SELECT * FROM m -- c\nWHERE a = 1"_s << u"SELECT * FROM m -- c WHERE a = 1"_s;
        QTest::newRow("escaped quote") << u"SELECT * FROM m WHERE a = 'x\\' OR a = '"_s << u"SELECT * FROM m WHERE a = 'x' OR a = ''"_s;
        QTest::newRow("keyword in string") << u"SELECT * FROM m WHERE a = 'FROM'"_s << u"SELECT * FROM m WHERE a = 'from'"_s;
        QTest::newRow("parameter name case") << u"SELECT * FROM m WHERE a = $Host"_s << u"SELECT * FROM m WHERE a = $host"_s;
    }
    void distinctQueries()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const ClientSettings settings;
        QVERIFY(CacheKey::make(settings, a, {}) != CacheKey::make(settings, b, {}));
    }

    void sameQueryDifferentSpelling()
    {
        const ClientSettings settings;
        QCOMPARE(CacheKey::make(settings, u"select *   from cpu where host = 'A'"_s, {}),
                 CacheKey::make(settings, u"SELECT * FROM cpu\n WHERE host = 'A';"_s, {}));
    }

    // Everything but the text that changes the answer changes the key.
    void keyCoversContext()
    {
        ClientSettings settings;
        settings.database = u"db"_s;
        const QString q = u"SELECT * FROM m"_s;
        const CacheKey base = CacheKey::make(settings, q, {});
        QCOMPARE(base.hash().size(), 64);
        QCOMPARE(base.connection().size(), 16);

        QueryOptions explicitDb;
        explicitDb.database = u"db"_s;
        QCOMPARE(CacheKey::make(settings, q, explicitDb), base); // the default database is resolved

        QueryOptions otherDb;
        otherDb.database = u"db2"_s;
        QVERIFY(CacheKey::make(settings, q, otherDb) != base);
        QueryOptions rp;
        rp.retentionPolicy = u"autogen"_s;
        QVERIFY(CacheKey::make(settings, q, rp) != base);
        QueryOptions epoch;
        epoch.epoch = TimeUnit::Milliseconds;
        QVERIFY(CacheKey::make(settings, q, epoch) != base);
        QueryOptions params;
        params.params = {{u"h"_s, u"A"_s}};
        QueryOptions params2;
        params2.params = {{u"h"_s, u"a"_s}};
        QVERIFY(CacheKey::make(settings, q, params) != base);
        QVERIFY(CacheKey::make(settings, q, params) != CacheKey::make(settings, q, params2));

        ClientSettings otherUser = settings;
        otherUser.username = u"alice"_s;
        QVERIFY(CacheKey::make(otherUser, q, {}) != base);
        QVERIFY(CacheKey::connectionId(otherUser) != base.connection());
        ClientSettings otherPort = settings;
        otherPort.port = 8087;
        QVERIFY(CacheKey::make(otherPort, q, {}) != base);
        ClientSettings token = settings;
        token.token = u"secret-token"_s;
        QVERIFY(CacheKey::make(token, q, {}) != base);
        QVERIFY(!CacheKey::serverIdentity(token).contains(u"secret-token"_s));
        ClientSettings otherPassword = settings;
        otherPassword.password = u"pw"_s; // the password does not name another user
        QCOMPARE(CacheKey::make(otherPassword, q, {}), base);
    }

    void policy_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("reasonContains"); // empty = cacheable
        QTest::newRow("select") << u"SELECT * FROM cpu"_s << QString();
        QTest::newRow("select lower case") << u"  select mean(v) from cpu where time >= '2023-01-01' group by time(1h) , host"_s
                                           << u"GROUP BY time()"_s;
        QTest::newRow("group by time bounded") << u"SELECT mean(v) FROM cpu WHERE time >= '2023-01-01' AND time < '2023-01-02' GROUP BY time(1h)"_s
                                               << QString();
        QTest::newRow("group by time reversed bound") << u"SELECT mean(v) FROM cpu WHERE '2023-01-02' > time GROUP BY time(1h)"_s << QString();
        QTest::newRow("group by tag only") << u"SELECT mean(v) FROM cpu GROUP BY host"_s << QString();
        QTest::newRow("time not equal is no bound") << u"SELECT mean(v) FROM cpu WHERE 0 != time GROUP BY time(1h)"_s << u"GROUP BY time()"_s;
        QTest::newRow("now") << u"SELECT * FROM cpu WHERE time > now() - 1h"_s << u"now()"_s;
        QTest::newRow("now with fixed upper bound") << u"SELECT * FROM cpu WHERE time > now() - 1h AND time < '2020-01-01'"_s << u"now()"_s;
        QTest::newRow("NOW upper case") << u"SELECT * FROM cpu WHERE time < NOW ()"_s << u"now()"_s;
        QTest::newRow("now in a string is text") << u"SELECT * FROM cpu WHERE note = 'now()'"_s << QString();
        QTest::newRow("field named now") << u"SELECT now FROM cpu"_s << QString();
        QTest::newRow("show") << u"SHOW MEASUREMENTS"_s << u"SHOW"_s;
        QTest::newRow("create") << u"create database x"_s << u"CREATE"_s;
        QTest::newRow("drop") << u"DROP MEASUREMENT cpu"_s << u"DROP"_s;
        QTest::newRow("delete") << u"DELETE FROM cpu"_s << u"DELETE"_s;
        QTest::newRow("into") << u"SELECT * INTO other FROM cpu"_s << u"INTO"_s;
        QTest::newRow("select then show") << u"SELECT * FROM cpu; SHOW DATABASES"_s << u"SHOW"_s;
        QTest::newRow("comment first") << u"-- hello\nSELECT * FROM cpu"_s << QString();
        QTest::newRow("empty") << u" ; "_s << u"empty"_s;
        QTest::newRow("subquery with now") << u"SELECT max(m) FROM (SELECT mean(v) AS m FROM cpu WHERE time > now() - 1d GROUP BY time(1h))"_s
                                           << u"now()"_s;
    }
    void policy()
    {
        QFETCH(QString, query);
        QFETCH(QString, reasonContains);
        const QString reason = CachePolicy::whyNotCacheable(query);
        if (reasonContains.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(reasonContains), qPrintable(u"reason: \""_s + reason + u'"'));
    }

    void storablePolicy()
    {
        QueryResult ok;
        ok.statements.append(StatementResult{});
        QVERIFY(CachePolicy::whyNotStorable(ok).isEmpty());
        QueryResult failed = ok;
        failed.statements[0].error = Error(Error::Kind::Statement, u"database not found: x"_s);
        QVERIFY(CachePolicy::whyNotStorable(failed).contains(u"database not found"_s));
    }
};

QTEST_GUILESS_MAIN(CacheKeyTest)
#include "cachekeytest.moc"
