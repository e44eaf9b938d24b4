#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "influxfixture.h"
#include "offscreen.h"
#include "write/writedialog.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The write dialog against a real influxd: points checked by line before anything is sent, written
// into the chosen database / retention policy / precision, the server's refusal in its own words.
class WriteDialogTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;

    /// "time|v" rows of `query` on `db`.
    QStringList rows(const QString &db, const QString &query)
    {
        BlockingClient client(m_influx.settings(db));
        const auto result = client.query(query);
        QStringList out;
        if (!result)
            return {u"<error %1>"_s.arg(result.error().message())};
        for (const StatementResult &statement : result->statements) {
            for (const Frame &frame : statement.series) {
                for (qsizetype row = 0; row < frame.rowCount(); ++row) {
                    QStringList cells{QString::number(frame.time()[size_t(row)])};
                    for (qsizetype c = 0; c < frame.columnCount(); ++c)
                        cells << frame.column(c).value(row).toString();
                    out << cells.join(u'|');
                }
            }
        }
        return out;
    }

    /// A shown dialog on `client` whose choosers have loaded.
    static std::unique_ptr<WriteDialog> dialogFor(Client &client)
    {
        auto dialog = std::make_unique<WriteDialog>(&client);
        QSignalSpy loaded(dialog.get(), &WriteDialog::choicesLoaded);
        dialog->show();
        if (!QTest::qWaitFor([&] { return loaded.size() >= 1; }, 10'000))
            return nullptr;
        return dialog;
    }

    static QList<QVariant> clickWrite(WriteDialog &dialog)
    {
        QSignalSpy finished(&dialog, &WriteDialog::writeFinished);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"writeButton"_s), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, 10'000))
            return {};
        return finished.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    void goodLinesWrittenAndReadBack()
    {
        const QString db = m_influx.freshDatabase(u"writegood"_s);
        Client client(m_influx.settings(db));
        auto dialog = dialogFor(client);
        QVERIFY(dialog);
        QCOMPARE(dialog->databaseChooser()->currentText(), db);
        dialog->editor()->setFocus();
        for (const QString &line : {u"# two points"_s, u"m,h=a v=1.5 10"_s, u"m,h=b v=2,s=\"x y\" 20"_s}) {
            QTest::keyClicks(dialog->editor(), line);
            QTest::keyClick(dialog->editor(), Qt::Key_Return);
        }
        const auto result = clickWrite(*dialog);
        QVERIFY2(result.value(0).toBool(), qPrintable(result.value(2).toString()));
        QCOMPARE(result.value(1).value<qsizetype>(), 2);
        QCOMPARE(dialog->findChild<QLabel *>(u"writeStatus"_s)->text(), u"Wrote 2 point(s) to %1."_s.arg(db));
        QCOMPARE(rows(db, u"SELECT v FROM m"_s), (QStringList{u"10|1.5"_s, u"20|2"_s}));
        QCOMPARE(dialog->problems()->count(), 0);
    }

    void badLinesReportedAndNothingWritten()
    {
        const QString db = m_influx.freshDatabase(u"writebad"_s);
        Client client(m_influx.settings(db));
        auto dialog = dialogFor(client);
        QVERIFY(dialog);
        dialog->editor()->setPlainText(u"m v=1 1\nm v=0x1 2\nm v=3 3\nm,t= v=4 4\nm v=5 5\n"_s);
        const auto result = clickWrite(*dialog);
        QCOMPARE(result.value(0).toBool(), false);
        QVERIFY(result.value(2).toString().contains(u"nothing will be sent"_s));
        QCOMPARE(dialog->problems()->count(), 2);
        QVERIFY(dialog->problems()->item(0)->text().startsWith(u"Line 2: column 5: invalid field value \"0x1\""_s));
        QVERIFY(dialog->problems()->item(1)->text().startsWith(u"Line 4: column 5: missing tag value"_s));
        // The bad lines are marked and the cursor is on the first one.
        const auto marks = dialog->editor()->extraSelections();
        QCOMPARE(marks.size(), 2);
        QCOMPARE(marks[0].cursor.blockNumber(), 1);
        QCOMPARE(marks[1].cursor.blockNumber(), 3);
        QCOMPARE(dialog->editor()->textCursor().blockNumber(), 1);
        dialog->problems()->setCurrentRow(1);
        QCOMPARE(dialog->editor()->textCursor().blockNumber(), 3);
        QCOMPARE(rows(db, u"SELECT v FROM m"_s), QStringList());

        // Fixed, it goes.
        dialog->editor()->setPlainText(u"m v=1 1\nm v=2 2\n"_s);
        QVERIFY(dialog->editor()->extraSelections().isEmpty());
        QCOMPARE(clickWrite(*dialog).value(0).toBool(), true);
        QCOMPARE(rows(db, u"SELECT v FROM m"_s).size(), 2);
    }

    void jsonPointsIntoRetentionPolicyWithPrecision()
    {
        const QString db = m_influx.freshDatabase(u"writejson"_s);
        BlockingClient setup(m_influx.settings(db));
        QVERIFY(setup.query(u"CREATE RETENTION POLICY short ON %1 DURATION 2h REPLICATION 1"_s.arg(db)).ok());
        Client client(m_influx.settings(db));
        auto dialog = dialogFor(client);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->retentionPolicyChooser()->findText(u"short"_s) >= 0);
        dialog->retentionPolicyChooser()->setCurrentText(u"short"_s);
        dialog->precisionChooser()->setCurrentIndex(3); // seconds
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QString earlier = QString::number((now - 60) * 1'000'000'000);
        const QString later = QString::number(now * 1'000'000'000);
        dialog->editor()->setPlainText(uR"([
  {"measurement": "j", "tags": {"h": "a"}, "fields": {"v": 1.25}, "time": %1},
  {"measurement": "j", "tags": {"h": "b"}, "fields": {"v": 7.5}, "time": %2}
])"_s.arg(earlier, later));
        const auto result = clickWrite(*dialog);
        QVERIFY2(result.value(0).toBool(), qPrintable(result.value(2).toString()));
        QCOMPARE(result.value(1).value<qsizetype>(), 2);
        QCOMPARE(rows(db, u"SELECT v FROM \"short\".j"_s),
                 (QStringList{earlier + u"|1.25"_s, later + u"|7.5"_s}));
        QCOMPARE(rows(db, u"SELECT v FROM j"_s), QStringList()); // not in the default policy

        // A time finer than the precision is refused by line, not rounded.
        dialog->editor()->setPlainText(uR"({"measurement": "j", "fields": {"v": 1.0}, "time": 1500000000})"_s);
        QCOMPARE(clickWrite(*dialog).value(0).toBool(), false);
        QCOMPARE(dialog->problems()->count(), 1);
        QVERIFY(dialog->problems()->item(0)->text().startsWith(u"Line 1: the time is not a whole number"_s));
    }

    void cancelWrite()
    {
        const QString db = m_influx.freshDatabase(u"writecancel"_s);
        Client client(m_influx.settings(db));
        auto dialog = dialogFor(client);
        QVERIFY(dialog);
        QString text;
        for (int i = 0; i < 20'000; ++i)
            text += u"m,h=host%1 v=%1 %1\n"_s.arg(i);
        dialog->editor()->setPlainText(text);
        QSignalSpy finished(dialog.get(), &WriteDialog::writeFinished);
        auto *cancel = dialog->findChild<QPushButton *>(u"writeCancelButton"_s);
        QVERIFY(!cancel->isEnabled());
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"writeButton"_s), Qt::LeftButton);
        QVERIFY(cancel->isEnabled()); // the request is in flight
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(finished.first().at(2).toString().contains(u"cancel"_s, Qt::CaseInsensitive),
                 qPrintable(finished.first().at(2).toString()));
        QVERIFY(!cancel->isEnabled());
        QVERIFY(dialog->findChild<QPushButton *>(u"writeButton"_s)->isEnabled());
    }

    void serverRefusalInItsOwnWords()
    {
        const QString db = m_influx.freshDatabase(u"writeconflict"_s);
        BlockingClient setup(m_influx.settings(db));
        QVERIFY(setup.write("m v=1 1\n").ok());
        Client client(m_influx.settings(db));
        auto dialog = dialogFor(client);
        QVERIFY(dialog);
        dialog->editor()->setPlainText(u"m v=\"text\" 2\nm v=3 3\n"_s);
        const auto result = clickWrite(*dialog);
        QCOMPARE(result.value(0).toBool(), false);
        const QString message = result.value(2).toString();
        QVERIFY2(message.contains(u"partial write"_s) && message.contains(u"field type conflict"_s), qPrintable(message));
        QCOMPARE(rows(db, u"SELECT v FROM m"_s), (QStringList{u"1|1"_s, u"3|3"_s})); // the server kept the valid line
    }
};

QTEST_MAIN(WriteDialogTest)
#include "writedialogtest.moc"
