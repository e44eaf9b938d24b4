#include <QInflux/client.h>
#include <QInflux/wait.h>
#include "influxfixture.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The user, grant and continuous-query helpers against a real influxd (auth off: users can still be
// created, granted and dropped; what they may do is not enforced).
class ClientAdminTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;

    /// The rows of a one-series answer as "col0|col1|..." strings.
    static QStringList rows(const Result<QueryResult> &result)
    {
        QStringList out;
        if (!result || result->statements.isEmpty())
            return out;
        for (const Frame &frame : result->statements.first().series) {
            for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                QStringList cells;
                for (qsizetype c = 0; c < frame.columnCount(); ++c)
                    cells << frame.column(c).value(row).toString();
                out << cells.join(u'|');
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_influx.start(), qPrintable(m_influx.error())); }

    void usersAndGrants()
    {
        Client client(m_influx.settings());
        const QString db = m_influx.freshDatabase(u"grants"_s);
        const QString user = u"ali\"ce o'hara"_s; // quoting is exercised, not pasted
        QVERIFY(blockOn(client.createUser(user, u"pa'ss\"word"_s)).ok());
        QVERIFY(rows(blockOn(client.showUsers())).contains(user + u"|false"_s));

        QVERIFY(blockOn(client.grantPrivilege(Privilege::Read, db, user)).ok());
        QCOMPARE(rows(blockOn(client.showGrants(user))), QStringList{db + u"|READ"_s});
        QVERIFY(blockOn(client.grantPrivilege(Privilege::Write, db, user)).ok()); // replaces READ
        QCOMPARE(rows(blockOn(client.showGrants(user))), QStringList{db + u"|WRITE"_s});
        QVERIFY(blockOn(client.grantPrivilege(Privilege::All, db, user)).ok());
        QCOMPARE(rows(blockOn(client.showGrants(user))), QStringList{db + u"|ALL PRIVILEGES"_s});
        QVERIFY(blockOn(client.revokePrivilege(Privilege::Read, db, user)).ok());
        QCOMPARE(rows(blockOn(client.showGrants(user))), QStringList{db + u"|WRITE"_s});

        QVERIFY(blockOn(client.grantAdmin(user)).ok());
        QVERIFY(rows(blockOn(client.showUsers())).contains(user + u"|true"_s));
        QVERIFY(blockOn(client.revokeAdmin(user)).ok());
        QVERIFY(rows(blockOn(client.showUsers())).contains(user + u"|false"_s));
        QVERIFY(blockOn(client.setPassword(user, u"another"_s)).ok());

        QVERIFY(blockOn(client.dropUser(user)).ok());
        QVERIFY(!rows(blockOn(client.showUsers())).join(u'\n').contains(u"alice"_s));
        const auto again = blockOn(client.dropUser(user));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().message(), u"user not found"_s); // the server's words
    }

    void adminUser()
    {
        Client client(m_influx.settings());
        QVERIFY(blockOn(client.createUser(u"root2"_s, u"pw"_s, true)).ok());
        QVERIFY(rows(blockOn(client.showUsers())).contains(u"root2|true"_s));
        QVERIFY(blockOn(client.dropUser(u"root2"_s)).ok());
    }

    void continuousQueries()
    {
        Client client(m_influx.settings());
        const QString db = m_influx.freshDatabase(u"cq"_s);
        const auto created = blockOn(client.query(
            u"CREATE CONTINUOUS QUERY cq_mean ON %1 BEGIN SELECT mean(v) INTO m_mean FROM m GROUP BY time(1h) END"_s.arg(db)));
        QVERIFY(created.ok());
        QVERIFY(!created->firstError());
        auto listed = blockOn(client.showContinuousQueries());
        QVERIFY(listed.ok());
        const auto ofDb = listed->bySeriesKey().value(db);
        QCOMPARE(ofDb.rowCount(), 1);
        QCOMPARE(ofDb.column(0).value(0).toString(), u"cq_mean"_s);

        QVERIFY(blockOn(client.dropContinuousQuery(u"cq_mean"_s, db)).ok());
        listed = blockOn(client.showContinuousQueries());
        QCOMPARE(listed->bySeriesKey().value(db).rowCount(), 0);
        // 1.6 answers a DROP of a continuous query that is not there (even on a missing database)
        // without an error; a statement the server cannot parse is its error.
        const auto broken = blockOn(client.query(u"CREATE CONTINUOUS QUERY x ON %1 BEGIN SELECT END"_s.arg(db)));
        QVERIFY(!broken.ok());
        QVERIFY2(broken.error().message().contains(u"found END"_s), qPrintable(broken.error().message()));
    }
};

QTEST_GUILESS_MAIN(ClientAdminTest)
#include "clientadmintest.moc"
