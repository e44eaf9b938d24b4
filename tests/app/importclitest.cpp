#include <QInflux/blockingclient.h>
#include "influxfixture.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// `qinflux import`, run as a user would, against a real influxd.
class ImportCliTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QTemporaryDir m_dir;

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
        if (!p.waitForStarted(30'000))
            qFatal("qinflux did not start");
        p.closeWriteChannel();
        if (!p.waitForFinished(120'000))
            qFatal("qinflux did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString freshDatabase(const QString &name) { return m_influx.freshDatabase(name); }

    /// "time field=value ..." rows of SELECT * (values as the JSON decoder gives them).
    QStringList rows(const QString &db, const QString &query)
    {
        BlockingClient client(m_influx.settings(db));
        const auto result = client.query(query);
        QStringList out;
        if (!result || result->firstError() || result->statements.isEmpty() || result->statements[0].series.isEmpty())
            return out;
        const Frame &f = result->statements[0].series[0];
        for (qsizetype r = 0; r < f.rowCount(); ++r) {
            QStringList cells{QString::number(f.time()[size_t(r)])};
            for (qsizetype c = 0; c < f.columnCount(); ++c)
                cells.append(f.column(c).name() + u'=' + f.column(c).value(r).toString());
            out.append(cells.join(u' '));
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        QVERIFY(m_dir.isValid());
    }

    void dryRun()
    {
        const QString csv = file(u"dry.csv"_s, "time,host,v,n\n2024-01-01T00:00:00Z,a,1.5,2\n2024-01-01T00:00:01Z,b,,3\n"_ba);
        const Run r = run({u"import"_s, csv, u"--measurement"_s, u"m"_s, u"--tag-columns"_s, u"host"_s, u"--dry-run"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, "m,host=a v=1.5,n=2i 1704067200000000000\nm,host=b n=3i 1704067201000000000\n"_ba);
        QVERIFY2(r.err.contains("v: field float (detected)"), r.err.constData());
        QVERIFY2(r.err.contains("2 rows read, 2 points written, 0 rows rejected"), r.err.constData());
    }

    void importWithOptions()
    {
        // Semicolons, decimal commas, two title lines, a local time zone, a custom time format,
        // explicit field types (the int column written as float).
        const QString csv = file(u"opts.csv"_s, "Report\nweather station\n"
                                                "datum;zeit;station;temp;regen;note\n"
                                                "01.07.2024;14:30;S1;21,5;3;ok\n"
                                                "01.07.2024;14:40;S1;22,25;0;ok\n"_ba);
        const QString db = freshDatabase(u"opts"_s);
        const Run r = run({u"--url"_s, m_influx.url(), u"--db"_s, db, u"import"_s, csv, u"--measurement"_s, u"weather"_s,
                           u"--skip-lines"_s, u"2"_s, u"--delimiter"_s, u";"_s, u"--decimal-comma"_s, u"--time-column"_s, u"datum+zeit"_s,
                           u"--time-format"_s, u"%d.%m.%Y %H:%M"_s, u"--timezone"_s, u"Europe/Berlin"_s, u"--tag-columns"_s, u"station"_s,
                           u"--field-columns"_s, u"temp:float,regen:float"_s, u"--tag"_s, u"src=cli"_s});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains("the server confirms every point written"), r.err.constData());
        // 14:30 CEST = 12:30 UTC; note is not a listed field, so it is not written.
        QCOMPARE(rows(db, u"SELECT * FROM weather"_s),
                 (QStringList{u"1719837000000000000 regen=3 src=cli station=S1 temp=21.5"_s,
                              u"1719837600000000000 regen=0 src=cli station=S1 temp=22.25"_s}));
    }

    void rejectedRowsExitFour()
    {
        const QString csv = file(u"bad.csv"_s, "time,v\n2024-01-01T00:00:00Z,1\n2024-01-01T00:00:01Z,2,3\nnot a time,4\n2024-01-01T00:00:03Z,5\n"_ba);
        const QString rejects = m_dir.filePath(u"bad.rejects"_s);
        const QString db = freshDatabase(u"bad"_s);
        const Run r = run({u"--url"_s, m_influx.url(), u"--db"_s, db, u"import"_s, csv, u"--measurement"_s, u"m"_s, u"--rejects"_s, rejects});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains("line 3: 3 fields, the header has 2"), r.err.constData());
        QVERIFY2(r.err.contains("line 4: column time: \"not a time\""), r.err.constData());
        QVERIFY2(r.err.contains("4 rows read, 2 points written, 2 rows rejected"), r.err.constData());
        QFile f(rejects);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.startsWith("time,v\n# line 3: 3 fields, the header has 2\n2024-01-01T00:00:01Z,2,3\n# line 4: "), text.constData());
        QCOMPARE(rows(db, u"SELECT * FROM m"_s).size(), 2);

        // --on-error stop: the first row only.
        const QString db2 = freshDatabase(u"badstop"_s);
        const Run s = run({u"--url"_s, m_influx.url(), u"--db"_s, db2, u"import"_s, csv, u"--measurement"_s, u"m"_s, u"--on-error"_s, u"stop"_s});
        QCOMPARE(s.code, 4);
        QVERIFY2(s.err.contains("Stopped at the first rejected row"), s.err.constData());
        QCOMPARE(rows(db2, u"SELECT * FROM m"_s).size(), 1);
    }

    void profileSavedAndReused()
    {
        const QString csv = file(u"p.csv"_s, "ts|dev|t\n1719837000|d1|20\n1719837060|d1|21\n"_ba);
        const QString profile = m_dir.filePath(u"p.json"_s);
        const Run saved = run({u"import"_s, csv, u"--dry-run"_s, u"--measurement"_s, u"env"_s, u"--time-column"_s, u"ts"_s,
                               u"--time-format"_s, u"s"_s, u"--tag-columns"_s, u"dev"_s, u"--save-profile"_s, profile});
        QVERIFY2(saved.code == 0, saved.err.constData());
        const Run reused = run({u"import"_s, csv, u"--dry-run"_s, u"--profile"_s, profile});
        QVERIFY2(reused.code == 0, reused.err.constData());
        QCOMPARE(reused.out, saved.out);
        QCOMPARE(reused.out, "env,dev=d1 t=20i 1719837000000000000\nenv,dev=d1 t=21i 1719837060000000000\n"_ba);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no db") << QStringList{u"import"_s, u"x.csv"_s, u"--measurement"_s, u"m"_s} << "import needs --db"_ba;
        QTest::newRow("bad policy") << QStringList{u"import"_s, u"x.csv"_s, u"--dry-run"_s, u"--on-error"_s, u"maybe"_s}
                                    << "--on-error must be skip or stop"_ba;
        QTest::newRow("bad type") << QStringList{u"import"_s, u"x.csv"_s, u"--dry-run"_s, u"--field-columns"_s, u"a:decimal"_s}
                                  << "the type must be int, float, bool, string or auto"_ba;
        QTest::newRow("two files") << QStringList{u"import"_s, u"a.csv"_s, u"b.csv"_s, u"--dry-run"_s} << "exactly one argument"_ba;
        QTest::newRow("unknown column") << QStringList{u"import"_s, u"COLUMNS"_s, u"--dry-run"_s, u"--measurement"_s, u"m"_s,
                                                      u"--tag-columns"_s, u"nope"_s}
                                        << "tag column \"nope\" is not a column of the file (columns: time, v)"_ba;
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const QString csv = file(u"cols.csv"_s, "time,v\n2024-01-01T00:00:00Z,1\n"_ba);
        args.replaceInStrings(u"COLUMNS"_s, csv);
        const Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(ImportCliTest)
#include "importclitest.moc"
