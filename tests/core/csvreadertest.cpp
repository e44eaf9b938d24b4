#include <QInflux/csvreader.h>

#include <QBuffer>
#include <QStringDecoder>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The streaming CSV reader, on every dialect case, read in tiny blocks as well as in one block so
// that records, quotes, CRLFs and multi-byte characters cross block boundaries.
class CsvReaderTest : public QObject
{
    Q_OBJECT
private:
    struct Read
    {
        QStringList header;
        QList<QStringList> rows;
        QList<qint64> lines;
        QStringList problems; ///< "line: problem" for malformed records
        CsvDialect dialect;
        QString error;
        qint64 empty = 0;
        qint64 comments = 0;
    };

    static Read read(const QByteArray &bytes, const CsvDialect &dialect, qsizetype blockSize)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer, dialect, blockSize);
        Read out;
        if (!reader.open()) {
            out.error = reader.error();
            return out;
        }
        out.header = reader.header();
        out.dialect = reader.dialect();
        CsvRecord record;
        while (reader.next(&record)) {
            if (!record.problem.isEmpty()) {
                out.problems.append(u"%1: %2"_s.arg(record.line).arg(record.problem));
                continue;
            }
            QStringList row;
            for (std::string_view f : record.fields)
                row.append(QString::fromUtf8(f.data(), qsizetype(f.size())));
            out.rows.append(row);
            out.lines.append(record.line);
        }
        out.error = reader.error();
        out.empty = reader.emptyLines();
        out.comments = reader.commentLines();
        return out;
    }

    static QByteArray utf16(const QString &text, bool littleEndian, bool bom)
    {
        QByteArray out;
        if (bom)
            out = littleEndian ? QByteArray("\xFF\xFE", 2) : QByteArray("\xFE\xFF", 2);
        for (QChar c : text) {
            const char lo = char(c.unicode() & 0xFF), hi = char(c.unicode() >> 8);
            out.append(littleEndian ? lo : hi);
            out.append(littleEndian ? hi : lo);
        }
        return out;
    }

private Q_SLOTS:
    void dialects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("delimiter"); // 0 = detect
        QTest::addColumn<int>("skipLines");
        QTest::addColumn<QByteArray>("comment");
        QTest::addColumn<bool>("header");
        QTest::addColumn<QStringList>("expectedHeader");
        QTest::addColumn<QList<QStringList>>("expectedRows");
        QTest::addColumn<QList<qint64>>("expectedLines");
        QTest::addColumn<int>("expectedDelimiter");

        const QStringList ab = {u"a"_s, u"b"_s};
        QTest::newRow("comma") << "a,b\n1,2\n3,4\n"_ba << 0 << 0 << QByteArray() << true << ab
                               << QList<QStringList>{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}} << QList<qint64>{2, 3} << int(',');
        QTest::newRow("semicolon, CRLF, no final newline") << "a;b\r\n1,5;2\r\n3;4"_ba << 0 << 0 << QByteArray() << true << ab
                                                           << QList<QStringList>{{u"1,5"_s, u"2"_s}, {u"3"_s, u"4"_s}} << QList<qint64>{2, 3} << int(';');
        QTest::newRow("tab") << "a\tb\n1\t2\n"_ba << 0 << 0 << QByteArray() << true << ab << QList<QStringList>{{u"1"_s, u"2"_s}}
                             << QList<qint64>{2} << int('\t');
        QTest::newRow("pipe") << "a|b\n1|2\n"_ba << 0 << 0 << QByteArray() << true << ab << QList<QStringList>{{u"1"_s, u"2"_s}}
                              << QList<qint64>{2} << int('|');
        QTest::newRow("space") << "a b\n1 2\n"_ba << 0 << 0 << QByteArray() << true << ab << QList<QStringList>{{u"1"_s, u"2"_s}}
                               << QList<qint64>{2} << int(' ');
        QTest::newRow("override: comma in a semicolon-looking file") << "a,b\n1;2,3\n"_ba << int(',') << 0 << QByteArray() << true << ab
                                                                     << QList<QStringList>{{u"1;2"_s, u"3"_s}} << QList<qint64>{2} << int(',');
        QTest::newRow("quotes, doubled quotes, delimiter and newlines inside")
            << "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"crlf\r\ninside\"\n5,6\n"_ba << 0 << 0 << QByteArray() << true << ab
            << QList<QStringList>{{u"x,y"_s, u"say \"hi\""_s}, {u"two\nlines"_s, u"crlf\r\ninside"_s}, {u"5"_s, u"6"_s}}
            << QList<qint64>{2, 3, 6} << int(',');
        QTest::newRow("empty fields and quoted empty") << "a,b,c\n,\"\",\n"_ba << 0 << 0 << QByteArray() << true
                                                       << QStringList{u"a"_s, u"b"_s, u"c"_s} << QList<QStringList>{{QString(), QString(), QString()}}
                                                       << QList<qint64>{2} << int(',');
        QTest::newRow("skip lines, comments, empty lines") << "title line\nexported by x\na,b\n# note\n\n1,2\n\r\n# more\n3,4\n"_ba << 0 << 2
                                                           << "#"_ba << true << ab << QList<QStringList>{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}}
                                                           << QList<qint64>{6, 9} << int(',');
        QTest::newRow("no header") << "1,2\n3,4\n"_ba << 0 << 0 << QByteArray() << false << QStringList{u"column1"_s, u"column2"_s}
                                   << QList<QStringList>{{u"1"_s, u"2"_s}, {u"3"_s, u"4"_s}} << QList<qint64>{1, 2} << int(',');
        QTest::newRow("header names trimmed, repeated, empty") << " a ,a,\n1,2,3\n"_ba << 0 << 0 << QByteArray() << true
                                                               << QStringList{u"a"_s, u"a.1"_s, u"column3"_s}
                                                               << QList<QStringList>{{u"1"_s, u"2"_s, u"3"_s}} << QList<qint64>{2} << int(',');
        QTest::newRow("UTF-8 BOM and multi-byte text") << "\xEF\xBB\xBF" "name,v\nK\xC3\xB6ln \xE2\x82\xAC \xF0\x9F\x98\x80,1\n"_ba << 0 << 0
                                                       << QByteArray() << true << QStringList{u"name"_s, u"v"_s}
                                                       << QList<QStringList>{{u"Köln € 😀"_s, u"1"_s}} << QList<qint64>{2} << int(',');
        QTest::newRow("Latin-1 detected") << "name;v\nK\xF6ln;1\n"_ba << 0 << 0 << QByteArray() << true << QStringList{u"name"_s, u"v"_s}
                                          << QList<QStringList>{{u"Köln"_s, u"1"_s}} << QList<qint64>{2} << int(';');
        QTest::newRow("UTF-16LE with BOM") << utf16(u"a,b\nKöln,😀\n"_s, true, true) << 0 << 0 << QByteArray() << true << ab
                                           << QList<QStringList>{{u"Köln"_s, u"😀"_s}} << QList<qint64>{2} << int(',');
        QTest::newRow("UTF-16BE with BOM") << utf16(u"a;b\r\n1;\"x\"\"y\"\r\n"_s, false, true) << 0 << 0 << QByteArray() << true << ab
                                           << QList<QStringList>{{u"1"_s, u"x\"y"_s}} << QList<qint64>{2} << int(';');
        QTest::newRow("UTF-16LE without BOM") << utf16(u"a,b\n1,2\n"_s, true, false) << 0 << 0 << QByteArray() << true << ab
                                              << QList<QStringList>{{u"1"_s, u"2"_s}} << QList<qint64>{2} << int(',');
    }

    void dialects()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, delimiter);
        QFETCH(int, skipLines);
        QFETCH(QByteArray, comment);
        QFETCH(bool, header);
        QFETCH(QStringList, expectedHeader);
        QFETCH(QList<QStringList>, expectedRows);
        QFETCH(QList<qint64>, expectedLines);
        QFETCH(int, expectedDelimiter);
        CsvDialect dialect;
        dialect.delimiter = char(delimiter);
        dialect.skipLines = skipLines;
        dialect.commentPrefix = comment;
        dialect.hasHeader = header;
        for (qsizetype block : {qsizetype(16), qsizetype(17), qsizetype(1) << 20}) {
            const Read r = read(bytes, dialect, block);
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(u"; "_s)));
            QCOMPARE(r.header, expectedHeader);
            QCOMPARE(r.rows, expectedRows);
            QCOMPARE(r.lines, expectedLines);
            QCOMPARE(int(r.dialect.delimiter), expectedDelimiter);
        }
    }

    void counts()
    {
        CsvDialect dialect;
        dialect.commentPrefix = "//";
        const Read r = read("a,b\n// c\n\n1,2\n\n// d\n3,4\n"_ba, dialect, 16);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.empty, 2);
        QCOMPARE(r.comments, 2);
    }

    void malformed()
    {
        // Every malformed record is reported with the line it starts on; the good ones around it stay.
        const QByteArray bytes = "a,b\n1,2\n\"x\"y,3\n4,5\n6,\"never closed\n7,8\n"_ba;
        for (qsizetype block : {qsizetype(16), qsizetype(1) << 20}) {
            const Read r = read(bytes, {}, block);
            QVERIFY(r.error.isEmpty());
            QCOMPARE(r.problems.size(), 2);
            QVERIFY2(r.problems[0].startsWith("3: field 1: text after the closing quote"_L1), qPrintable(r.problems[0]));
            QVERIFY2(r.problems[1].startsWith("5: field 2: the quote opened at column 3 is never closed"_L1), qPrintable(r.problems[1]));
            QCOMPARE(r.rows, (QList<QStringList>{{u"1"_s, u"2"_s}, {u"4"_s, u"5"_s}, {u"7"_s, u"8"_s}}));
            QCOMPARE(r.lines, (QList<qint64>{2, 4, 6}));
        }
    }

    void invalidUtf8IsReported()
    {
        CsvDialect dialect;
        dialect.encoding = CsvEncoding::Utf8;
        const Read r = read("a,b\n1,ok\n2,K\xF6ln\n3,fine\n"_ba, dialect, 1 << 20);
        QCOMPARE(r.rows.size(), 2);
        QCOMPARE(r.problems.size(), 1);
        QVERIFY2(r.problems[0].startsWith("3: invalid UTF-8 at byte 4"_L1), qPrintable(r.problems[0]));
    }

    void bomContradictsEncoding()
    {
        CsvDialect dialect;
        dialect.encoding = CsvEncoding::Utf16BE;
        const Read r = read("\xFF\xFE" "a\0,\0b\0\n\0"_ba, dialect, 1 << 20);
        QVERIFY2(r.error.contains("utf-16le byte-order mark"_L1), qPrintable(r.error));
    }

    void emptyInput()
    {
        const Read r = read(QByteArray(), {}, 1 << 20);
        QCOMPARE(r.error, u"the input has no records"_s);
    }

    void noQuoteCharacter()
    {
        CsvDialect dialect;
        dialect.quote = 0;
        const Read r = read("a,b\n\"x,y\"\n"_ba, dialect, 1 << 20);
        QCOMPARE(r.rows, (QList<QStringList>{{u"\"x"_s, u"y\""_s}}));
    }
};

QTEST_GUILESS_MAIN(CsvReaderTest)
#include "csvreadertest.moc"
