// The blocking facades cover every public async call: this test reads the headers of Client and
// Administration, lists each public QCoro task and generator (name and first parameter type, so
// overloads count separately) and checks that BlockingClient / BlockingAdministration declare a
// call of the same name and first parameter. Adding an async call without its blocking twin fails
// here. The headers are found by file name anywhere under core/, so moving them keeps it working.

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString headerText(const QString &fileName)
{
    QDirIterator it(QStringLiteral(QINFLUX_CORE_SOURCE_DIR), {fileName}, QDir::Files, QDirIterator::Subdirectories);
    if (!it.hasNext())
        return {};
    QFile file(it.next());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

/// The body of `class <name>` (between its braces), comments removed.
QString classBody(const QString &header, const QString &name)
{
    QString text = header;
    text.remove(QRegularExpression(u"//[^\n]*"_s));
    const auto start = QRegularExpression(u"\\bclass\\s+(?:\\w+\\s+)?"_s + name + u"\\b[^;{]*\\{"_s).match(text);
    if (!start.hasMatch())
        return {};
    int depth = 1;
    for (qsizetype i = start.capturedEnd(); i < text.size(); ++i) {
        if (text[i] == u'{')
            ++depth;
        else if (text[i] == u'}' && --depth == 0)
            return text.mid(start.capturedEnd(), i - start.capturedEnd());
    }
    return {};
}

/// `const QString &query = {}` -> `QString`; an empty parameter list -> empty.
QString firstParameterType(const QString &parameters)
{
    int depth = 0;
    qsizetype end = parameters.size();
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const QChar c = parameters[i];
        if (c == u'<' || c == u'(')
            ++depth;
        else if (c == u'>' || c == u')')
            --depth;
        else if (c == u',' && depth == 0) {
            end = i;
            break;
        }
    }
    QString first = parameters.left(end);
    first = first.section(u'=', 0, 0).trimmed();
    first.remove(QRegularExpression(u"\\s*\\w+$"_s)); // the parameter's name
    first.remove(QRegularExpression(u"\\bconst\\b"_s));
    first.remove(u'&');
    return first.simplified().remove(u' ');
}

/// name(firstParameterType) of every public member function of `body` whose declaration starts
/// with `returnType` (a regex), e.g. "write(QByteArray)".
QSet<QString> publicCalls(const QString &body, const QString &returnType)
{
    QSet<QString> calls;
    const QRegularExpression access(u"\\b(public|protected|private)\\s*:"_s);
    const QRegularExpression declaration(u"(?<![\\w:])"_s + returnType + u"<.*?>\\s+(\\w+)\\s*\\("_s);
    for (auto it = declaration.globalMatch(body); it.hasNext();) {
        const auto match = it.next();
        QString specifier = u"private"_s; // a class starts private
        for (auto a = access.globalMatch(body.left(match.capturedStart())); a.hasNext();)
            specifier = a.next().captured(1);
        if (specifier != "public"_L1)
            continue;
        int depth = 1;
        qsizetype i = match.capturedEnd();
        for (; i < body.size() && depth > 0; ++i) {
            if (body[i] == u'(')
                ++depth;
            else if (body[i] == u')')
                --depth;
        }
        const QString parameters = body.mid(match.capturedEnd(), i - 1 - match.capturedEnd());
        calls.insert(match.captured(1) + u'(' + firstParameterType(parameters) + u')');
    }
    return calls;
}

} // namespace

class BlockingCoverageTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parserSeesTheKnownCalls()
    {
        const QSet<QString> client = publicCalls(classBody(headerText(u"client.h"_s), u"Client"_s), u"QCoro::(?:Task|AsyncGenerator)"_s);
        QVERIFY(client.contains(u"ping()"_s));
        QVERIFY(client.contains(u"query(QString)"_s));
        QVERIFY(client.contains(u"queryChunked(QString)"_s));
        QVERIFY(client.contains(u"write(QByteArray)"_s));
        QVERIFY(client.contains(u"write(Range)"_s));
        QVERIFY(!client.contains(u"writeSerialized(LineProtocol::Output)"_s)); // private
        const QSet<QString> blocking = publicCalls(classBody(headerText(u"blockingclient.h"_s), u"BlockingClient"_s), u"Result"_s);
        QVERIFY(blocking.contains(u"query(QString)"_s));
        QVERIFY(!blocking.contains(u"wait(QCoro::Task<Result<void>>)"_s)); // private
    }

    void everyAsyncCallHasABlockingOne_data()
    {
        QTest::addColumn<QString>("asyncHeader");
        QTest::addColumn<QString>("asyncClass");
        QTest::addColumn<QString>("blockingHeader");
        QTest::addColumn<QString>("blockingClass");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("Client") << u"client.h"_s << u"Client"_s << u"blockingclient.h"_s << u"BlockingClient"_s << 9;
        QTest::newRow("Administration") << u"administration.h"_s << u"Administration"_s << u"blockingadministration.h"_s
                                        << u"BlockingAdministration"_s << 26;
    }
    void everyAsyncCallHasABlockingOne()
    {
        QFETCH(QString, asyncHeader);
        QFETCH(QString, asyncClass);
        QFETCH(QString, blockingHeader);
        QFETCH(QString, blockingClass);
        QFETCH(int, atLeast);
        const QString asyncBody = classBody(headerText(asyncHeader), asyncClass);
        const QString blockingBody = classBody(headerText(blockingHeader), blockingClass);
        QVERIFY2(!asyncBody.isEmpty(), qPrintable(u"class %1 not found in %2"_s.arg(asyncClass, asyncHeader)));
        QVERIFY2(!blockingBody.isEmpty(), qPrintable(u"class %1 not found in %2"_s.arg(blockingClass, blockingHeader)));

        const QSet<QString> async = publicCalls(asyncBody, u"QCoro::(?:Task|AsyncGenerator)"_s);
        const QSet<QString> blocking = publicCalls(blockingBody, u"Result"_s);
        QVERIFY2(async.size() >= atLeast, qPrintable(QStringList(async.cbegin(), async.cend()).join(u", "_s)));
        QStringList missing;
        for (const QString &call : async) {
            if (!blocking.contains(call))
                missing.append(call);
        }
        missing.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(u"%1 has no blocking form of: %2"_s.arg(asyncClass, missing.join(u", "_s))));
    }
};

QTEST_GUILESS_MAIN(BlockingCoverageTest)
#include "blockingcoveragetest.moc"
