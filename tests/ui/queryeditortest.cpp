#include <QInflux/blockingclient.h>
#include <QInflux/wait.h>
#include "connections/connectionsession.h"
#include "editor/completionmodel.h"
#include "editor/influxqlhighlighter.h"
#include "editor/queryeditor.h"
#include "influxfixture.h"
#include "offscreen.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCompleter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using namespace QInflux;

using Token = InfluxQLHighlighter::Token;
Q_DECLARE_METATYPE(QInflux::InfluxQLHighlighter::Token)

namespace {

/// The format the highlighter gave to the character at `position` of the first line.
QTextCharFormat formatAt(QTextDocument &document, int position)
{
    const QList<QTextLayout::FormatRange> ranges = document.firstBlock().layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (position >= range.start && position < range.start + range.length)
            return range.format;
    }
    return {};
}

QStringList words(const QAbstractItemModel &model)
{
    QStringList list;
    for (int r = 0; r < model.rowCount(); ++r)
        list << model.index(r, 0).data().toString();
    return list;
}

} // namespace

class QueryEditorTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;
    QString m_otherDb;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"editor"_s);
        m_otherDb = m_influx.freshDatabase(u"editor_other"_s);
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write("cpu_load_short,host=server01,region=us-west value=0.64 1\n"
                             "my-meas,select=x ph=7 1\n")
                    .ok());
        QVERIFY(BlockingClient(m_influx.settings(m_otherDb)).write("other_m,zone=a reading=1 1\n").ok());
    }

    void highlighting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<int>("token"); // -1: plain text

        const int none = -1;
        QTest::newRow("keyword") << u"SELECT mean(value) FROM cpu"_s << 0 << int(Token::Keyword);
        QTest::newRow("keyword lower case") << u"select * from cpu"_s << 9 << int(Token::Keyword);
        QTest::newRow("function") << u"SELECT mean(value) FROM cpu"_s << 7 << int(Token::Function);
        QTest::newRow("field is plain") << u"SELECT mean(value) FROM cpu"_s << 12 << none;
        QTest::newRow("measurement with digit is plain") << u"SELECT * FROM h2o"_s << 15 << none;
        QTest::newRow("string") << u"WHERE host = 'a;b'"_s << 13 << int(Token::String);
        QTest::newRow("string end") << u"WHERE host = 'a;b'"_s << 17 << int(Token::String);
        QTest::newRow("escaped quote stays in string") << u"WHERE h = 'it\\'s' AND"_s << 15 << int(Token::String);
        QTest::newRow("after string") << u"WHERE h = 'it\\'s' AND"_s << 18 << int(Token::Keyword);
        QTest::newRow("identifier") << u"SELECT * FROM \"my-meas\""_s << 16 << int(Token::Identifier);
        QTest::newRow("quoted keyword is identifier") << u"SELECT \"time\" FROM x"_s << 8 << int(Token::Identifier);
        QTest::newRow("number") << u"LIMIT 10"_s << 6 << int(Token::Number);
        QTest::newRow("float") << u"WHERE v > 1.5e3"_s << 13 << int(Token::Number);
        QTest::newRow("duration") << u"WHERE time > now() - 5m"_s << 22 << int(Token::Duration);
        QTest::newRow("now is a function") << u"WHERE time > now() - 5m"_s << 13 << int(Token::Function);
        QTest::newRow("compound duration") << u"GROUP BY time(1h30m)"_s << 18 << int(Token::Duration);
        QTest::newRow("time() is a function") << u"GROUP BY time(1h30m)"_s << 9 << int(Token::Function);
        QTest::newRow("regex after FROM") << u"SELECT * FROM /cpu.*/"_s << 17 << int(Token::Regex);
        QTest::newRow("regex after =~") << u"WHERE host =~ /^server0[12]$/"_s << 20 << int(Token::Regex);
        QTest::newRow("division is not a regex") << u"SELECT a / 2 FROM m"_s << 9 << none;
        QTest::newRow("divisor") << u"SELECT a / 2 FROM m"_s << 11 << int(Token::Number);
        QTest::newRow("comment") << u"-- SELECT is not code here"_s << 4 << int(Token::Comment);
        QTest::newRow("comment after code") << u"SELECT 1 -- note"_s << 13 << int(Token::Comment);
        QTest::newRow("dash in string is no comment") << u"WHERE h = '--x' LIMIT 1"_s << 16 << int(Token::Keyword);
    }

    void highlighting()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(int, token);
        QTextDocument document;
        InfluxQLHighlighter highlighter(&document);
        document.setPlainText(text);
        highlighter.rehighlight(); // it waits for the event loop after being attached
        const QTextCharFormat format = formatAt(document, position);
        if (token < 0) {
            QVERIFY2(!format.hasProperty(QTextFormat::ForegroundBrush),
                     qPrintable(u"unexpected colour at %1"_s.arg(position)));
        } else {
            const QTextCharFormat expected = highlighter.format(static_cast<Token>(token));
            QCOMPARE(format.foreground().color(), expected.foreground().color());
            QCOMPARE(format.fontItalic(), expected.fontItalic());
        }
    }

    void highlightingFollowsThePalette()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        QTextDocument document;
        InfluxQLHighlighter highlighter(&document, light);
        document.setPlainText(u"SELECT 1"_s);
        highlighter.rehighlight();
        const QColor onLight = formatAt(document, 0).foreground().color();
        QVERIFY(onLight.lightness() < 128); // dark text on a light base
        highlighter.setPalette(dark);
        const QColor onDark = formatAt(document, 0).foreground().color();
        QVERIFY(onDark.lightness() > 128); // re-highlighted with light text on a dark base
        QCOMPARE(onDark.hue(), onLight.hue());
    }

    void statementAt_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("statement");

        QTest::newRow("first") << u"SELECT 1; SELECT 2"_s << 3 << u"SELECT 1"_s;
        QTest::newRow("second") << u"SELECT 1; SELECT 2"_s << 12 << u"SELECT 2"_s;
        QTest::newRow("on the semicolon") << u"SELECT 1; SELECT 2"_s << 8 << u"SELECT 1"_s;
        QTest::newRow("after the semicolon") << u"SELECT 1;\n\nSELECT 2"_s << 10 << u"SELECT 1"_s;
        QTest::newRow("end of text") << u"SELECT 1;\n\n"_s << 11 << u"SELECT 1"_s;
        QTest::newRow("before the first") << u"  ; ;SELECT 1"_s << 0 << u"SELECT 1"_s;
        QTest::newRow("semicolon in a string") << u"SELECT * FROM m WHERE t = 'x;y'; SELECT 2"_s << 28
                                               << u"SELECT * FROM m WHERE t = 'x;y'"_s;
        QTest::newRow("after a semicolon in a string") << u"SELECT * FROM m WHERE t = 'x;y' LIMIT 1; SELECT 2"_s << 35
                                                       << u"SELECT * FROM m WHERE t = 'x;y' LIMIT 1"_s;
        QTest::newRow("semicolon in an identifier") << u"SELECT \"a;b\" FROM m;\nSELECT 2"_s << 16 << u"SELECT \"a;b\" FROM m"_s;
        QTest::newRow("semicolon in a comment") << u"-- note; here\nSELECT 1; SELECT 2"_s << 2
                                                << u"-- note; here\nSELECT 1"_s;
        QTest::newRow("same text twice") << u"SELECT 1; SELECT 1; SELECT 3"_s << 14 << u"SELECT 1"_s;
        QTest::newRow("empty") << QString() << 0 << QString();
    }

    void statementAt()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QFETCH(QString, statement);
        QCOMPARE(QueryEditor::statementAt(text, position), statement);
    }

    void ctrlEnterRunsTheStatementUnderTheCursor()
    {
        QueryEditor editor;
        editor.show();
        editor.setPlainText(u"SELECT 1;\nSELECT * FROM m WHERE t = 'a;b' LIMIT 2;\nSELECT 3"_s);
        QTextCursor cursor = editor.textCursor();
        cursor.setPosition(40); // after the ';' inside the quotes
        editor.setTextCursor(cursor);
        QSignalSpy run(&editor, &QueryEditor::runRequested);
        QTest::keyClick(&editor, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.takeFirst().first().toString(), u"SELECT * FROM m WHERE t = 'a;b' LIMIT 2"_s);

        QTest::keyClick(&editor, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(run.size(), 1);
        QCOMPARE(run.takeFirst().first().toString(), editor.toPlainText());

        cursor.setPosition(0);
        cursor.setPosition(6, QTextCursor::KeepAnchor);
        editor.setTextCursor(cursor);
        QTest::keyClick(&editor, Qt::Key_Enter, Qt::ControlModifier);
        QCOMPARE(run.takeFirst().first().toString(), u"SELECT"_s);
        QCOMPARE(editor.toPlainText().count(u'\n'), 2); // the keys add no newline
    }

    void completionOffersTheDatabaseNames()
    {
        ConnectionSession session;
        CompletionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &CompletionModel::schemaLoaded);
        model.setSession(&session);
        QVERIFY(words(model).contains(u"SELECT"_s)); // keywords and functions before any connection
        QVERIFY(words(model).contains(u"mean"_s));
        QVERIFY(!words(model).contains(u"cpu_load_short"_s));

        QVERIFY(blockOn(session.connectToServer(m_influx.settings(m_db))));
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().first().toString(), QString());
        QCOMPARE(model.loadedDatabase(), m_db);
        const QStringList names = words(model);
        for (const QString &name : {u"cpu_load_short"_s, u"my-meas"_s, u"value"_s, u"ph"_s, u"host"_s, u"region"_s})
            QVERIFY2(names.contains(name), qPrintable(name));
        QCOMPARE(names.count(u"SELECT"_s), 1);
        // Names that are not plain identifiers are inserted quoted; keywords upper case; functions open a call.
        const auto insertOf = [&](const QString &name) {
            return model.index(int(names.indexOf(name)), 0).data(CompletionModel::InsertRole).toString();
        };
        QCOMPARE(insertOf(u"my-meas"_s), u"\"my-meas\""_s);
        QCOMPARE(insertOf(u"select"_s), u"\"select\""_s); // a tag key that is a keyword
        QCOMPARE(insertOf(u"cpu_load_short"_s), u"cpu_load_short"_s);
        QCOMPARE(insertOf(u"mean"_s), u"mean("_s);
        QCOMPARE(model.index(int(names.indexOf(u"host"_s)), 0).data(CompletionModel::KindRole).toInt(),
                 int(CompletionModel::Kind::Tag));

        // Another database: refresh() notices and loads its names.
        session.client()->setDatabase(m_otherDb);
        model.refresh();
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY(words(model).contains(u"other_m"_s));
        QVERIFY(!words(model).contains(u"cpu_load_short"_s));
    }

    void ctrlSpaceCompletesInTheEditor()
    {
        ConnectionSession session;
        CompletionModel model;
        QSignalSpy loaded(&model, &CompletionModel::schemaLoaded);
        model.setSession(&session);
        QVERIFY(blockOn(session.connectToServer(m_influx.settings(m_db))));
        QTRY_COMPARE(loaded.size(), 1);

        QueryEditor editor;
        editor.setCompletionModel(&model);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::keyClicks(&editor, u"sel"_s);
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor.completer()->popup()->isVisible());
        QCOMPARE(editor.completer()->completionCount(), 2); // the keyword and the tag key "select"
        QCOMPARE(editor.completer()->currentCompletion(), u"SELECT"_s);
        QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
        QTRY_VERIFY(!editor.completer()->popup()->isVisible());
        QCOMPARE(editor.toPlainText(), u"SELECT"_s);

        QTest::keyClicks(&editor, u" * FROM my"_s);
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor.completer()->popup()->isVisible());
        QCOMPARE(editor.completer()->completionCount(), 1);
        QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
        QCOMPARE(editor.toPlainText(), u"SELECT * FROM \"my-meas\""_s);

        // Typing narrows the open list; Escape closes it without inserting.
        QTest::keyClicks(&editor, u" WHERE "_s);
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor.completer()->popup()->isVisible());
        const int all = editor.completer()->completionCount();
        QTest::keyClicks(editor.completer()->popup(), u"reg"_s);
        QVERIFY(editor.completer()->completionCount() < all);
        QCOMPARE(editor.completer()->currentCompletion(), u"region"_s);
        QTest::keyClick(editor.completer()->popup(), Qt::Key_Escape);
        QTRY_VERIFY(!editor.completer()->popup()->isVisible());
        QCOMPARE(editor.toPlainText(), u"SELECT * FROM \"my-meas\" WHERE reg"_s);

        // After an open quote the prefix runs from the quote, and the name replaces it quoted.
        editor.setPlainText(u"SELECT \"select\", \"my-"_s);
        editor.moveCursor(QTextCursor::End);
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor.completer()->popup()->isVisible());
        QCOMPARE(editor.completer()->completionCount(), 1);
        QTest::keyClick(editor.completer()->popup(), Qt::Key_Return);
        QCOMPARE(editor.toPlainText(), u"SELECT \"select\", \"my-meas\""_s);

        // Nothing to complete inside a string or a comment.
        for (const QString &text : {u"SELECT * FROM m WHERE host = 'se"_s, u"SELECT 1 -- se"_s}) {
            editor.setPlainText(text);
            editor.moveCursor(QTextCursor::End);
            QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
            QTest::qWait(50);
            QVERIFY2(!editor.completer()->popup()->isVisible(), qPrintable(text));
            QCOMPARE(editor.toPlainText(), text);
        }
    }
};

QTEST_MAIN(QueryEditorTest)
#include "queryeditortest.moc"
