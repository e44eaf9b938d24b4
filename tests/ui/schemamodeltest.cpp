#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "influxfixture.h"
#include "offscreen.h"
#include "schema/schemamodel.h"
#include "schema/schemaqueries.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;
using Kind = SchemaModel::Kind;

class SchemaModelTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;     ///< a few measurements with odd names, one with 2500 tag values
    QString m_many;   ///< 2500 measurements
    std::unique_ptr<Client> m_client;

    /// A model under QAbstractItemModelTester, listing the fixture's databases.
    struct Tested
    {
        SchemaModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

    std::unique_ptr<Tested> tested()
    {
        auto t = std::make_unique<Tested>();
        t->model.setClient(m_client.get());
        return t;
    }

    /// Fetches the children of `index` and waits for them; false on timeout.
    static bool load(SchemaModel &model, const QModelIndex &index)
    {
        model.load(index);
        return QTest::qWaitFor([&] { return model.isLoaded(index) || model.pendingLoads() == 0; }, 10'000)
            && model.pendingLoads() == 0;
    }

    static QStringList names(const SchemaModel &model, const QModelIndex &parent, Kind kind)
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (model.kind(index) == kind)
                out << index.data(SchemaModel::NameRole).toString();
        }
        return out;
    }

    /// Loads the path of names from the root, each level on demand; an invalid index when a name is missing.
    QModelIndex walk(SchemaModel &model, const QStringList &path)
    {
        QModelIndex index;
        for (const QString &name : path) {
            if (!load(model, index))
                return {};
            index = model.child(index, name);
            if (!index.isValid())
                return {};
        }
        return index;
    }

    static Kind lastKind(const SchemaModel &model, const QModelIndex &parent)
    {
        return model.kind(model.index(model.rowCount(parent) - 1, 0, parent));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"schema"_s);
        m_many = m_influx.freshDatabase(u"many"_s);
        BlockingClient client(m_influx.settings(m_db));
        QByteArray lines = "cpu,host=a,region=x value=1.5,count=3i,ok=true,msg=\"hi\" 1\n"
                           "odd\\ \"m\"\\,x,k\\=y=v\\ 1,\"q\"=it's f=1 1\n"
                           "a.b v=1 1\naxb v=1 1\n";
        for (int i = 0; i < 2500; ++i)
            lines += "big,tag=v" + QByteArray::number(i).rightJustified(5, '0') + " v=1 1\n";
        QVERIFY(client.write(lines).ok());
        QByteArray many;
        for (int i = 0; i < 2500; ++i)
            many += 'm' + QByteArray::number(i).rightJustified(4, '0') + " v=1 1\n";
        WriteOptions options;
        options.database = m_many;
        QVERIFY(client.write(many, options).ok());
        m_client = std::make_unique<Client>(m_influx.settings());
    }

    void nothingWithoutClient()
    {
        SchemaModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.hasChildren());
        QVERIFY(!model.canLoad({}));
    }

    void lazyLoadsEveryLevel()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        QCOMPARE(model.rowCount(), 1); // "Loading…" until the databases arrive
        QCOMPARE(model.kind(model.index(0, 0)), Kind::Loading);
        QCOMPARE(model.index(0, 0).data().toString(), u"Loading…"_s);
        QTRY_VERIFY(model.isLoaded({}));
        QVERIFY(names(model, {}, Kind::Database).contains(m_db));

        // Nothing below a database is asked for before it is expanded.
        const QModelIndex db = model.child({}, m_db);
        QVERIFY(model.hasChildren(db));
        QVERIFY(model.canLoad(db));
        QCOMPARE(model.rowCount(db), 0);
        QSignalSpy finished(&model, &SchemaModel::loadFinished);
        model.load(db);
        QCOMPARE(model.rowCount(db), 1);
        QCOMPARE(model.kind(model.index(0, 0, db)), Kind::Loading);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toModelIndex(), db);
        QCOMPARE(finished.first().last().toBool(), true);
        QCOMPARE(names(model, db, Kind::RetentionPolicy), QStringList{u"autogen"_s});
        const QModelIndex rp = model.child(db, u"autogen"_s);
        QCOMPARE(model.index(rp.row(), SchemaModel::DetailColumn, db).data().toString(), u"∞ (default)"_s);

        QVERIFY(load(model, rp));
        QCOMPARE(names(model, rp, Kind::Measurement),
                 (QStringList{u"a.b"_s, u"axb"_s, u"big"_s, u"cpu"_s, u"odd \"m\",x"_s}));
        const QModelIndex cpu = model.child(rp, u"cpu"_s);
        QCOMPARE(cpu.data(Qt::ToolTipRole).toString(), u"\"%1\".\"autogen\".\"cpu\""_s.arg(m_db));
        // The two groups exist without a request.
        QCOMPARE(model.rowCount(cpu), 2);
        QVERIFY(!model.canLoad(cpu));
        const QModelIndex fields = model.child(cpu, u"Fields"_s);
        const QModelIndex tags = model.child(cpu, u"Tags"_s);
        QCOMPARE(fields.data().toString(), u"Fields"_s);
        QCOMPARE(model.kind(tags), Kind::TagGroup);

        QVERIFY(load(model, fields));
        QCOMPARE(names(model, fields, Kind::Field), (QStringList{u"count"_s, u"msg"_s, u"ok"_s, u"value"_s}));
        QStringList types;
        for (int row = 0; row < model.rowCount(fields); ++row) {
            types << model.index(row, SchemaModel::DetailColumn, fields).data().toString();
            QCOMPARE(model.index(row, 0, fields).data(SchemaModel::FieldTypeRole).toString(), types.last());
            QVERIFY(!model.hasChildren(model.index(row, 0, fields)));
        }
        QCOMPARE(types, (QStringList{u"integer"_s, u"string"_s, u"boolean"_s, u"float"_s}));

        QVERIFY(load(model, tags));
        QCOMPARE(names(model, tags, Kind::TagKey), (QStringList{u"host"_s, u"region"_s}));
        const QModelIndex region = model.child(tags, u"region"_s);
        QVERIFY(model.canLoad(region));
        QVERIFY(load(model, region));
        QCOMPARE(names(model, region, Kind::TagValue), QStringList{u"x"_s});
        const QModelIndex x = model.index(0, 0, region);
        QCOMPARE(x.data(SchemaModel::DatabaseRole).toString(), m_db);
        QCOMPARE(x.data(SchemaModel::RetentionPolicyRole).toString(), u"autogen"_s);
        QCOMPARE(x.data(SchemaModel::MeasurementRole).toString(), u"cpu"_s);
        QCOMPARE(x.data(SchemaModel::TagKeyRole).toString(), u"region"_s);
    }

    void oddNames()
    {
        auto t = tested();
        const QModelIndex tags = walk(t->model, {m_db, u"autogen"_s, u"odd \"m\",x"_s, u"Tags"_s});
        QVERIFY(tags.isValid());
        QVERIFY(load(t->model, tags));
        QCOMPARE(names(t->model, tags, Kind::TagKey), (QStringList{u"\"q\""_s, u"k=y"_s}));
        const QModelIndex key = t->model.child(tags, u"k=y"_s);
        QVERIFY(load(t->model, key));
        QCOMPARE(names(t->model, key, Kind::TagValue), QStringList{u"v 1"_s});
        const QModelIndex quoted = t->model.child(tags, u"\"q\""_s);
        QVERIFY(load(t->model, quoted));
        QCOMPARE(names(t->model, quoted, Kind::TagValue), QStringList{u"it's"_s});
    }

    void tagValuesComeInPages()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        QCOMPARE(model.pageSize(), 1000);
        const QModelIndex tag = walk(model, {m_db, u"autogen"_s, u"big"_s, u"Tags"_s, u"tag"_s});
        QVERIFY(tag.isValid());
        QVERIFY(load(model, tag));
        QCOMPARE(model.rowCount(tag), 1001);
        QCOMPARE(lastKind(model, tag), Kind::More);
        QCOMPARE(model.index(1000, 0, tag).data().toString(), u"more…"_s);
        QVERIFY(!model.activate(model.index(0, 0, tag))); // a value is not a "more…" row
        QVERIFY(model.activate(model.index(1000, 0, tag)));
        QCOMPARE(lastKind(model, tag), Kind::Loading);
        QTRY_COMPARE(lastKind(model, tag), Kind::More);
        QCOMPARE(model.rowCount(tag), 2001);
        QVERIFY(model.activate(model.index(2000, 0, tag)));
        QTRY_COMPARE(model.rowCount(tag), 2500);
        QCOMPARE(lastKind(model, tag), Kind::TagValue);
        const QStringList values = names(model, tag, Kind::TagValue);
        QCOMPARE(values.size(), 2500);
        for (int i = 0; i < 2500; ++i)
            QCOMPARE(values[i], u"v"_s + QString::number(i).rightJustified(5, u'0'));
    }

    void measurementsComeInPages()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        model.setPageSize(700);
        const QModelIndex rp = walk(model, {m_many, u"autogen"_s});
        QVERIFY(rp.isValid());
        QVERIFY(load(model, rp));
        QCOMPARE(model.rowCount(rp), 701);
        for (int page = 1; lastKind(model, rp) == Kind::More; ++page) {
            QVERIFY(page < 4);
            QVERIFY(model.activate(model.index(model.rowCount(rp) - 1, 0, rp)));
            QTRY_VERIFY(lastKind(model, rp) != Kind::Loading);
        }
        const QStringList measurements = names(model, rp, Kind::Measurement);
        QCOMPARE(measurements.size(), 2500);
        QCOMPARE(QSet<QString>(measurements.begin(), measurements.end()).size(), 2500);
        QCOMPARE(measurements.last(), u"m2499"_s);
    }

    void measurementFilterOnTheServer_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isRegex");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("literal dot") << u"a.b"_s << false << QStringList{u"a.b"_s};
        QTest::newRow("ignores case") << u"A.B"_s << false << QStringList{u"a.b"_s};
        QTest::newRow("quote and comma") << u"\"m\",x"_s << false << QStringList{u"odd \"m\",x"_s};
        QTest::newRow("regex") << u"^a.b$"_s << true << QStringList{u"a.b"_s, u"axb"_s};
        QTest::newRow("regex with slash") << u"a/b|^big"_s << true << QStringList{u"big"_s};
        QTest::newRow("nothing") << u"zzz"_s << false << QStringList{};
        QTest::newRow("none") << QString() << false
                              << QStringList{u"a.b"_s, u"axb"_s, u"big"_s, u"cpu"_s, u"odd \"m\",x"_s};
    }

    void measurementFilterOnTheServer()
    {
        QFETCH(QString, text);
        QFETCH(bool, isRegex);
        QFETCH(QStringList, expected);
        auto t = tested();
        SchemaModel &model = t->model;
        const QModelIndex rp = walk(model, {m_db, u"autogen"_s});
        QVERIFY(load(model, rp));
        const auto regex = SchemaQueries::filterRegex(text, isRegex);
        QVERIFY(regex.ok());
        model.setMeasurementFilter(*regex);
        if (!regex->isEmpty())
            QCOMPARE(lastKind(model, rp), Kind::Loading); // the loaded list is asked for again
        QTRY_COMPARE(model.pendingLoads(), 0);
        QCOMPARE(names(model, rp, Kind::Measurement), expected);
    }

    void tagValueFilterOnTheServer()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        const QModelIndex tag = walk(model, {m_db, u"autogen"_s, u"big"_s, u"Tags"_s, u"tag"_s});
        QVERIFY(load(model, tag));
        model.setTagValueFilter(*SchemaQueries::filterRegex(u"V0001"_s, false));
        QTRY_COMPARE(model.pendingLoads(), 0);
        QStringList expected;
        for (int i = 10; i < 20; ++i)
            expected << u"v000%1"_s.arg(i);
        QCOMPARE(names(model, tag, Kind::TagValue), expected);
        model.setTagValueFilter(*SchemaQueries::filterRegex(u"^v0249[5-9]$"_s, true));
        QTRY_COMPARE(model.pendingLoads(), 0);
        QCOMPARE(names(model, tag, Kind::TagValue),
                 (QStringList{u"v02495"_s, u"v02496"_s, u"v02497"_s, u"v02498"_s, u"v02499"_s}));
        // Measurements are not filtered by the tag value filter.
        QCOMPARE(names(model, model.parent(model.parent(model.parent(tag))), Kind::Measurement).size(), 5);
    }

    void serverErrorsAreRows()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        const QModelIndex rp = walk(model, {m_db, u"autogen"_s});
        QVERIFY(load(model, rp));
        model.setMeasurementFilter(*SchemaQueries::filterRegex(u"(unclosed"_s, true));
        QTRY_COMPARE(model.pendingLoads(), 0);
        QCOMPARE(model.rowCount(rp), 1);
        const QModelIndex error = model.index(0, 0, rp);
        QCOMPARE(model.kind(error), Kind::Error);
        QVERIFY2(error.data().toString().contains(u"missing closing )"_s), qPrintable(error.data().toString()));
        QVERIFY(!model.hasChildren(error));
        // Fixing the filter loads the list again.
        model.setMeasurementFilter(*SchemaQueries::filterRegex(u"^cpu$"_s, true));
        QTRY_COMPARE(model.pendingLoads(), 0);
        QCOMPARE(names(model, rp, Kind::Measurement), QStringList{u"cpu"_s});
    }

    void databaseGoneIsAnErrorRowThenRetried()
    {
        const QString gone = m_influx.freshDatabase(u"gone"_s);
        auto t = tested();
        SchemaModel &model = t->model;
        QVERIFY(load(model, {}));
        const QModelIndex db = model.child({}, gone);
        QVERIFY(db.isValid());
        BlockingClient client(m_influx.settings());
        QVERIFY(client.dropDatabase(gone).ok());
        QSignalSpy finished(&model, &SchemaModel::loadFinished);
        model.load(db);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().last().toBool(), false);
        const QModelIndex error = model.index(0, 0, db);
        QCOMPARE(model.kind(error), Kind::Error);
        QCOMPARE(error.data().toString(), u"database not found: %1"_s.arg(gone));
        QVERIFY(model.activate(error)); // retry: the same answer, still one row
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(model.rowCount(db), 1);
        QCOMPARE(model.kind(model.index(0, 0, db)), Kind::Error);
    }

    void unreachableServerIsAnErrorRow()
    {
        ClientSettings settings = m_influx.settings();
        settings.host = u"127.0.0.1"_s;
        settings.port = 1;
        Client client(settings);
        SchemaModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClient(&client);
        QTRY_COMPARE(model.pendingLoads(), 0);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.kind(model.index(0, 0)), Kind::Error);
        QVERIFY(!model.index(0, 0).data().toString().isEmpty());
    }

    void removeAfterDrop()
    {
        auto t = tested();
        SchemaModel &model = t->model;
        const QModelIndex rp = walk(model, {m_db, u"autogen"_s});
        QVERIFY(load(model, rp));
        model.removeMeasurement(m_db, u"axb"_s);
        QCOMPARE(names(model, rp, Kind::Measurement), (QStringList{u"a.b"_s, u"big"_s, u"cpu"_s, u"odd \"m\",x"_s}));
        model.removeDatabase(m_many);
        QVERIFY(!model.child({}, m_many).isValid());
        QVERIFY(model.child({}, m_db).isValid());
    }

    void currentDatabaseIsBold()
    {
        auto t = tested();
        QVERIFY(load(t->model, {}));
        t->model.setCurrentDatabase(m_db);
        QVERIFY(t->model.child({}, m_db).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!t->model.child({}, m_many).data(Qt::FontRole).value<QFont>().bold());
    }
};

QTEST_MAIN(SchemaModelTest)
#include "schemamodeltest.moc"
