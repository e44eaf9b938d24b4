#include <QInflux/blockingclient.h>
#include <QInflux/client.h>
#include "importwizard/csvimportwizard.h"
#include "influxfixture.h"
#include "offscreen.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The import wizard, offscreen, driven through every page into a real influxd.
class CsvImportWizardTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    void everyPage()
    {
        const QString db = m_influx.freshDatabase(u"wizard"_s);
        const QString path = m_dir.filePath(u"w.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("time;host;v;note\n2024-01-01T00:00:00Z;a;1,5;x\n2024-01-01T00:00:01Z;b;bad;y\n2024-01-01T00:00:02Z;a;3;z\n");
        file.close();

        Client client(m_influx.settings(db));
        CsvImportWizard wizard(&client);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // File page (dropping a file needs a real drag: QApplication only delivers a drop to the
        // widget that accepted the drag's enter event).
        QTest::keyClicks(wizard.findChild<QLineEdit *>(u"path"_s), path);
        QCOMPARE(wizard.path(), path);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.next();

        // Dialect: detected, the rows as read.
        auto *detected = wizard.findChild<QLabel *>(u"detected"_s);
        QVERIFY2(detected->text().contains("delimiter \";\", 4 columns"_L1), qPrintable(detected->text()));
        auto *raw = wizard.findChild<QTableWidget *>(u"rawPreview"_s);
        QCOMPARE(raw->rowCount(), 3);
        QCOMPARE(raw->horizontalHeaderItem(2)->text(), u"v"_s);
        QCOMPARE(raw->item(0, 2)->text(), u"1,5"_s);
        wizard.findChild<QCheckBox *>()->setChecked(true); // first checkbox: header (already on)
        wizard.next();

        // Columns: roles and types overridden; the converted preview marks the bad cells.
        auto *columns = wizard.findChild<QTableWidget *>(u"columns"_s);
        QCOMPARE(columns->rowCount(), 4);
        QCOMPARE(static_cast<QComboBox *>(columns->cellWidget(0, 1))->currentText(), u"time"_s);
        const auto setRoles = [&] {
            static_cast<QComboBox *>(columns->cellWidget(1, 1))->setCurrentText(u"tag"_s);
            static_cast<QComboBox *>(columns->cellWidget(2, 2))->setCurrentText(u"float"_s);
            static_cast<QComboBox *>(columns->cellWidget(3, 1))->setCurrentText(u"ignore"_s);
        };
        setRoles();
        wizard.back();
        wizard.next(); // the preview converts with the roles now chosen
        auto *parsed = wizard.findChild<QTableWidget *>(u"parsedPreview"_s);
        QCOMPARE(parsed->rowCount(), 3);
        QCOMPARE(parsed->columnCount(), 5); // the file's columns and the problem
        // Without the decimal comma "1,5" is not a float: its cell is marked, with the reason.
        QVERIFY2(parsed->item(0, 4)->text().contains("\"1,5\" is not a finite float"_L1), qPrintable(parsed->item(0, 4)->text()));
        QVERIFY(parsed->item(0, 2)->background().style() != Qt::NoBrush);
        QCOMPARE(parsed->item(0, 1)->background().style(), Qt::NoBrush);
        QVERIFY(parsed->item(1, 4)->text().contains("\"bad\""_L1));
        wizard.back();
        wizard.findChildren<QCheckBox *>()[1]->setChecked(true); // decimal comma
        wizard.next();
        setRoles();
        wizard.back();
        wizard.next();
        QCOMPARE(parsed->item(0, 4)->text(), u"ok"_s);
        QCOMPARE(parsed->item(0, 2)->text(), u"1.5"_s); // converted with the decimal comma
        QCOMPARE(parsed->item(0, 0)->text(), u"2024-01-01T00:00:00Z"_s);
        QCOMPARE(parsed->item(2, 2)->text(), u"3"_s);
        QCOMPARE(parsed->item(2, 4)->text(), u"ok"_s);
        QVERIFY(parsed->item(1, 2)->background().style() != Qt::NoBrush);
        wizard.next();

        // Target: a database that does not exist yet is offered for creation; precision, extra tags.
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        wizard.findChild<QLineEdit *>(u"measurement"_s)->setText(u"m"_s);
        QCOMPARE(wizard.findChild<QLineEdit *>(u"database"_s)->text(), db);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        auto *create = wizard.findChild<QCheckBox *>(u"createDatabase"_s);
        QVERIFY(!create->isVisible()); // the fixture's database exists
        const QString newDb = db + u"_new"_s;
        wizard.findChild<QLineEdit *>(u"database"_s)->setText(newDb);
        QTRY_VERIFY(create->isVisible());
        QVERIFY(create->isChecked());
        QTRY_COMPARE(wizard.findChild<QComboBox *>(u"retentionPolicy"_s)->currentText(), QString());
        wizard.findChild<QComboBox *>(u"precision"_s)->setCurrentIndex(3); // seconds
        auto *extraTags = wizard.findChild<QLineEdit *>(u"extraTags"_s);
        extraTags->setText(u"source"_s);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled()); // not KEY=VALUE
        extraTags->setText(u"source=csv"_s);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.findChild<QLineEdit *>(u"rejects"_s)->setText(m_dir.filePath(u"w.rejects"_s));
        wizard.next();

        // Review: the line protocol it will write, in seconds, with the extra tag.
        auto *preview = wizard.findChild<QPlainTextEdit *>(u"preview"_s);
        QVERIFY2(preview->toPlainText().startsWith("m,host=a,source=csv v=1.5 1704067200\n"_L1), qPrintable(preview->toPlainText()));
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        wizard.next();

        // Run: progress, then the summary.
        QTRY_VERIFY_WITH_TIMEOUT(wizard.isImportFinished(), 30'000);
        const CsvImportReport &report = wizard.report();
        QVERIFY2(!report.error, qPrintable(report.summary()));
        QCOMPARE(report.pointsWritten, 2);
        QCOMPARE(report.rowsRejected, 1);
        QCOMPARE(report.rejects.first().line, 3);
        QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
        QVERIFY(wizard.findChild<QLabel *>(u"status"_s)->text().contains("2 points written, 1 rows rejected"_L1));
        QVERIFY(QFile::exists(m_dir.filePath(u"w.rejects"_s)));

        // The button that opens a query of the imported data.
        auto *open = wizard.findChild<QPushButton *>(u"openQuery"_s);
        QVERIFY(open->isEnabled());
        QSignalSpy opened(&wizard, &CsvImportWizard::openQueryRequested);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        const QString query = opened.first().first().toString();
        QCOMPARE(query, u"SELECT * FROM \"%1\"..\"m\" ORDER BY time DESC LIMIT 1000"_s.arg(newDb));

        const auto rows = BlockingClient(m_influx.settings(newDb)).query(query);
        QVERIFY(rows.ok() && !rows->firstError());
        const Frame &f = rows->statements[0].series[0];
        QCOMPARE(f.rowCount(), 2); // newest first
        QCOMPARE(f.column(u"v"_s)->value(1).toDouble(), 1.5);
        QCOMPARE(f.column(u"v"_s)->value(0).toDouble(), 3.0);
        QCOMPARE(f.column(u"source"_s)->value(0).toString(), u"csv"_s);
        QCOMPARE(f.time().back(), 1704067200'000'000'000); // written in seconds
    }
};

QTEST_MAIN(CsvImportWizardTest)
#include "csvimportwizardtest.moc"
