// CsvPreview: the first rows as the import converts them (the wizard's preview), with the plan of
// every column, refused rows with their reason, and the line protocol of the first rows.
#include <QInflux/csvpreview.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

class CsvPreviewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsRowsAsTheImportDoes()
    {
        CsvImportProfile profile;
        profile.measurement = u"m"_s;
        const QStringList header{u"time"_s, u"v"_s, u"note"_s};
        const std::vector<std::vector<std::string>> sample{
            {"2024-01-01T00:00:00Z", "1.5", "a"},
            {"2024-01-01T00:00:01Z", "2", ""},
            {"2024-01-01T00:00:02Z", "2.25", "c"},
        };
        const CsvPreview preview = CsvPreview::make(profile, header, sample, 3, 2);
        QVERIFY2(preview.error.isEmpty(), qPrintable(preview.error));
        QCOMPARE(preview.columns.size(), 3);
        QCOMPARE(preview.columns[0].role, CsvPreview::Role::Time);
        QCOMPARE(preview.columns[1].role, CsvPreview::Role::Field);
        QCOMPARE(preview.columns[1].type, CsvType::Float);
        QCOMPARE(preview.rows.size(), 3);
        QCOMPARE(preview.rows[0].problem, QString());
        QCOMPARE(preview.rows[0].cells[0], u"2024-01-01T00:00:00Z"_s);
        QCOMPARE(preview.rows[1].cells[1], u"2"_s);
        // The empty note is a null cell, not an empty string.
        QVERIFY(preview.rows[1].cells[2].isNull());
        QCOMPARE(preview.rows[2].cells[1], u"2.25"_s);
        // Two rows of line protocol, as the import would write them.
        QCOMPARE(preview.lineProtocol.count('\n'), 2);
        QVERIFY2(preview.lineProtocol.startsWith("m v=1.5,note=\"a\" 1704067200000000000\n"), preview.lineProtocol.constData());
    }

    void refusedRowKeepsItsTextAndSaysWhy()
    {
        CsvImportProfile profile;
        profile.measurement = u"m"_s;
        profile.fieldColumns.append({u"v"_s, CsvType::Float});
        const QStringList header{u"time"_s, u"v"_s};
        const std::vector<std::vector<std::string>> sample{
            {"2024-01-01T00:00:00Z", "1.5"},
            {"2024-01-01T00:00:01Z", "abc"},
        };
        const CsvPreview preview = CsvPreview::make(profile, header, sample, 2, 2);
        QVERIFY2(preview.error.isEmpty(), qPrintable(preview.error));
        QCOMPARE(preview.rows.size(), 2);
        QVERIFY(preview.rows[0].problem.isEmpty());
        QVERIFY2(preview.rows[1].problem.startsWith(u"column v:"_s), qPrintable(preview.rows[1].problem));
        QCOMPARE(preview.rows[1].cells[1], u"abc"_s);
        QCOMPARE(preview.lineProblems.size(), 1);
        QVERIFY(preview.lineProblems[0].startsWith(u"row 2: "_s));
    }

    void noPlanSaysWhy()
    {
        CsvImportProfile profile;
        profile.measurement = u"m"_s;
        const CsvPreview preview = CsvPreview::make(profile, {u"a"_s, u"b"_s}, {{"x", "y"}}, 1);
        QVERIFY(preview.columns.isEmpty());
        QVERIFY(!preview.error.isEmpty());
        QCOMPARE(preview.rows.size(), 1);
        QCOMPARE(preview.rows[0].cells, (QStringList{u"x"_s, u"y"_s}));
    }
};

QTEST_GUILESS_MAIN(CsvPreviewTest)
#include "csvpreviewtest.moc"
