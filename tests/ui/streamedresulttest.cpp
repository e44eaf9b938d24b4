#include "resultview/streamedresult.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

StatementResult statement(int id, QList<Frame> series, QList<bool> partial, bool statementPartial)
{
    StatementResult s;
    s.statementId = id;
    s.series = std::move(series);
    s.seriesPartial = std::move(partial);
    s.partial = statementPartial;
    return s;
}

QueryResult chunk(QList<StatementResult> statements)
{
    QueryResult r;
    r.statements = std::move(statements);
    return r;
}

} // namespace

class StreamedResultTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void continuesAndAssembles()
    {
        const Tags tags{{u"host"_s, u"a"_s}};
        StreamedResult streamed;
        // JSON chunks: whole numbers first (Int), then a fraction (Float) in the same series.
        auto first = streamed.append(chunk({statement(0, {Frame(u"m"_s, tags, std::vector<std::int64_t>{1, 2},
                                                                {Column(u"v"_s, std::vector<std::int64_t>{1, 2})})},
                                                     {true}, true)}));
        QCOMPARE(first.size(), 1);
        QVERIFY(first.front().isNew);
        auto second = streamed.append(chunk({statement(0, {Frame(u"m"_s, tags, std::vector<std::int64_t>{3},
                                                                 {Column(u"v"_s, std::vector<double>{2.5})}),
                                                           Frame(u"m"_s, {{u"host"_s, u"b"_s}}, std::vector<std::int64_t>{4},
                                                                 {Column(u"v"_s, std::vector<double>{9})})},
                                                      {false, false}, false),
                                            statement(1, {}, {}, false)}));
        QCOMPARE(second.size(), 2);
        QVERIFY(!second[0].isNew);
        QCOMPARE(second[0].series, 0);
        QVERIFY(second[1].isNew);
        QCOMPARE(second[1].series, 1);
        QCOMPARE(streamed.rowCount(), 4);
        QCOMPARE(streamed.statements().size(), 2);
        QCOMPARE(streamed.series()[0].parts.size(), 2);
        QCOMPARE(streamed.series()[0].rows, 3);

        const auto assembled = StreamedResult::assemble(streamed);
        QVERIFY(assembled.ok());
        QCOMPARE(assembled->statements.size(), 2);
        const Frame &a = assembled->statements[0].series[0];
        QCOMPARE(a.rowCount(), 3);
        QCOMPARE(a.column(0).type(), ColumnType::Float); // widened exactly
        QCOMPARE(a.column(0).values<double>(), (std::vector<double>{1.0, 2.0, 2.5}));
        QCOMPARE(a.time(), (std::vector<std::int64_t>{1, 2, 3}));
        QCOMPARE(assembled->statements[0].series[1].seriesKey(), u"m,host=b"_s);
        QCOMPARE(assembled->rowCount(), 4);
    }

    void timelessContinuation()
    {
        // An aggregate's last chunk came without its all-zero time index: it continues with zeros.
        StreamedResult streamed;
        streamed.append(chunk({statement(0, {Frame(u"m"_s, {}, std::vector<std::int64_t>{0},
                                                   {Column(u"count"_s, std::vector<std::int64_t>{5})})},
                                         {true}, true)}));
        streamed.append(chunk({statement(0, {Frame(u"m"_s, {}, std::nullopt, {Column(u"count"_s, std::vector<std::int64_t>{6})})},
                                         {false}, false)}));
        const auto assembled = StreamedResult::assemble(streamed);
        QVERIFY(assembled.ok());
        QCOMPARE(assembled->statements[0].series.size(), 1);
        QCOMPARE(assembled->statements[0].series[0].time(), (std::vector<std::int64_t>{0, 0}));
    }

    void partsThatDoNotFit()
    {
        StreamedResult streamed;
        streamed.append(chunk({statement(0, {Frame(u"m"_s, {}, std::vector<std::int64_t>{1},
                                                   {Column(u"v"_s, std::vector<QString>{u"x"_s})})},
                                         {true}, true)}));
        streamed.append(chunk({statement(0, {Frame(u"m"_s, {}, std::vector<std::int64_t>{2},
                                                   {Column(u"v"_s, std::vector<double>{1})})},
                                         {false}, false)}));
        const auto assembled = StreamedResult::assemble(streamed);
        QVERIFY(!assembled.ok());
        QCOMPARE(assembled.error().kind(), Error::Kind::Parse);
        QVERIFY(assembled.error().message().contains(u"\"m\""_s));
    }

    void fromResultKeepsErrorsAndMessages()
    {
        QueryResult result;
        StatementResult failed;
        failed.statementId = 0;
        failed.error = Error(Error::Kind::Server, u"boom"_s);
        StatementResult info;
        info.statementId = 1;
        info.messages << u"note"_s;
        result.statements << failed << info;
        const StreamedResult streamed = StreamedResult::fromResult(result);
        QCOMPARE(streamed.statements().size(), 2);
        QCOMPARE(streamed.statements()[0].error->message(), u"boom"_s);
        QCOMPARE(streamed.statements()[1].messages, QStringList{u"note"_s});
        QCOMPARE(streamed.series().size(), 0);
    }
};

QTEST_MAIN(StreamedResultTest)
#include "streamedresulttest.moc"
