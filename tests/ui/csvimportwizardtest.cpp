#include "client/blockingclient.h"
#include "client/client.h"
#include "importwizard/csvimportwizard.h"
#include "influxfixture.h"
#include "offscreen.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
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

        // Dialect and columns: detected, then overridden.
        auto *detected = wizard.findChild<QLabel *>(u"detected"_s);
        QVERIFY2(detected->text().contains("delimiter \";\", 4 columns"_L1), qPrintable(detected->text()));
        auto *columns = wizard.findChild<QTableWidget *>(u"columns"_s);
        QCOMPARE(columns->rowCount(), 4);
        QCOMPARE(static_cast<QComboBox *>(columns->cellWidget(0, 1))->currentText(), u"time"_s);
        static_cast<QComboBox *>(columns->cellWidget(1, 1))->setCurrentText(u"tag"_s);
        static_cast<QComboBox *>(columns->cellWidget(2, 2))->setCurrentText(u"float"_s);
        static_cast<QComboBox *>(columns->cellWidget(3, 1))->setCurrentText(u"ignore"_s);
        wizard.findChild<QCheckBox *>()->setChecked(true); // first checkbox: header (already on)
        wizard.next();

        // Target, with the line protocol preview.
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        wizard.findChild<QLineEdit *>(u"measurement"_s)->setText(u"m"_s);
        QCOMPARE(wizard.findChild<QLineEdit *>(u"database"_s)->text(), db);
        wizard.findChild<QLineEdit *>(u"rejects"_s)->setText(m_dir.filePath(u"w.rejects"_s));
        auto *preview = wizard.findChild<QPlainTextEdit *>(u"preview"_s);
        // Without the decimal comma "1,5" is not a float: the preview shows the problem.
        QVERIFY2(preview->toPlainText().contains("\"1,5\" is not a finite float"_L1), qPrintable(preview->toPlainText()));
        wizard.back();
        wizard.findChildren<QCheckBox *>()[1]->setChecked(true); // decimal comma
        static_cast<QComboBox *>(columns->cellWidget(1, 1))->setCurrentText(u"tag"_s);
        static_cast<QComboBox *>(columns->cellWidget(2, 2))->setCurrentText(u"float"_s);
        static_cast<QComboBox *>(columns->cellWidget(3, 1))->setCurrentText(u"ignore"_s);
        wizard.next();
        QVERIFY2(preview->toPlainText().startsWith("m,host=a v=1.5 1704067200000000000\n"_L1), qPrintable(preview->toPlainText()));
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

        const auto rows = BlockingClient(m_influx.settings(db)).query(u"SELECT v FROM m"_s);
        QVERIFY(rows.ok() && !rows->firstError());
        const Frame &f = rows->statements[0].series[0];
        QCOMPARE(f.rowCount(), 2);
        QCOMPARE(f.column(u"v"_s)->value(0).toDouble(), 1.5);
        QCOMPARE(f.column(u"v"_s)->value(1).toDouble(), 3.0);
    }
};

QTEST_MAIN(CsvImportWizardTest)
#include "csvimportwizardtest.moc"
