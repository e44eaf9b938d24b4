#include "models/frametablemodel.h"
#include "offscreen.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class FrameTableModelTest : public QObject
{
    Q_OBJECT
private:
    static Frame sample()
    {
        return Frame(u"m"_s, {{u"host"_s, u"a"_s}}, std::vector<std::int64_t>{1257894000123456789, 0},
                     {Column(u"v"_s, std::vector<double>{0.5, 0.0}, {1, 0}),
                      Column(u"n"_s, std::vector<std::int64_t>{-3, 9007199254740993}),
                      Column(u"s"_s, std::vector<QString>{u"x"_s, u"y"_s}),
                      Column(u"b"_s, std::vector<std::uint8_t>{1, 0})});
    }

private Q_SLOTS:
    void tester()
    {
        FrameTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFrame(sample());
        model.setFrame(Frame());
        model.setFrame(Frame(u"databases"_s, {}, std::nullopt, {Column(u"name"_s, std::vector<QString>{u"a"_s})}));
    }

    void cells()
    {
        FrameTableModel model;
        model.setFrame(sample());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"time"_s);
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), u"n"_s);
        QCOMPARE(model.headerData(2, Qt::Horizontal, Qt::ToolTipRole).toString(), u"n (integer)"_s);
        QCOMPARE(model.data(model.index(0, 0)).toString(), u"2009-11-10T23:00:00.123456789Z"_s);
        QCOMPARE(model.data(model.index(0, 0), Qt::EditRole).toLongLong(), 1257894000123456789);
        QCOMPARE(model.data(model.index(0, 1)).toString(), u"0.5"_s);
        QCOMPARE(model.data(model.index(1, 1)).toString(), QString()); // null
        QVERIFY(!model.data(model.index(1, 1), Qt::EditRole).isValid());
        QCOMPARE(model.data(model.index(1, 2)).toString(), u"9007199254740993"_s);
        QCOMPARE(model.data(model.index(0, 3)).toString(), u"x"_s);
        QCOMPARE(model.data(model.index(1, 4)).toString(), u"false"_s);
        QCOMPARE(model.data(model.index(0, 2), Qt::TextAlignmentRole).toInt() & Qt::AlignRight, int(Qt::AlignRight));
        QVERIFY(!model.data(model.index(5, 0)).isValid());
    }

    void noTimeColumn()
    {
        FrameTableModel model;
        model.setFrame(Frame(u"databases"_s, {}, std::nullopt, {Column(u"name"_s, std::vector<QString>{u"a"_s, u"b"_s})}));
        QCOMPARE(model.columnCount(), 1);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"name"_s);
        QCOMPARE(model.data(model.index(1, 0)).toString(), u"b"_s);
    }
};

QTEST_MAIN(FrameTableModelTest)
#include "frametablemodeltest.moc"
