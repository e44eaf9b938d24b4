#include <QInflux/iterpoints.h>
#include <QInflux/responsedecoder.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

// The user guide's Trade, built from query rows.
struct Trade
{
    std::int64_t timestamp = 0;
    QString instrument;
    QString side;
    double price = 0;
    std::int64_t size = 0;
    int statementId = -1;
};

const QByteArray tradeAnswer = "{\"results\":[{\"statement_id\":0,\"series\":["
                               "{\"name\":\"Trade\",\"tags\":{\"instrument\":\"AAPL\"},\"columns\":[\"time\",\"price\",\"side\",\"size\"],"
                               "\"values\":[[1,187.5,\"BUY\",100],[2,187.25,\"SELL\",null]]},"
                               "{\"name\":\"Trade\",\"tags\":{\"instrument\":\"MSFT\"},\"columns\":[\"time\",\"price\",\"side\",\"size\"],"
                               "\"values\":[[3,410.5,\"BUY\",5]]}]},"
                               "{\"statement_id\":1,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],\"values\":[[\"db\"]]}]}]}";

} // namespace

class IterpointsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainLists()
    {
        const auto result = decodeResponse(tradeAnswer, ResponseFormat::Json);
        QVERIFY(result.ok());
        const std::vector<QVariantList> rows = iterpoints(*result);
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[0], (QVariantList{qint64(1), 187.5, u"BUY"_s, qint64(100)}));
        QVERIFY(!rows[1][3].isValid()); // a null stays null
        QCOMPARE(rows[3], (QVariantList{u"db"_s})); // SHOW: no time column
    }

    void structWithMeta()
    {
        const auto result = decodeResponse(tradeAnswer, ResponseFormat::Json);
        QVERIFY(result.ok());
        QueryResult trades = *result;
        trades.statements.removeLast();
        // (row, meta): the instrument tag comes from meta
        const std::vector<Trade> built = iterpoints(trades, [](const RowView &row, const PointMeta &meta) {
            Trade t;
            t.timestamp = row.time();
            for (const auto &[key, value] : meta.tags) {
                if (key == "instrument"_L1)
                    t.instrument = value;
            }
            t.side = row.value(u"side").toString();
            t.price = row.value(u"price").toDouble();
            t.size = row.value(u"size").toLongLong();
            t.statementId = meta.statementId;
            return t;
        });
        QCOMPARE(built.size(), size_t(3));
        QCOMPARE(built[0].instrument, u"AAPL"_s);
        QCOMPARE(built[2].instrument, u"MSFT"_s);
        QCOMPARE(built[2].timestamp, 3);
        QCOMPARE(built[1].price, 187.25);
        QCOMPARE(built[1].side, u"SELL"_s);
        QCOMPARE(built[0].size, 100);
        QCOMPARE(built[0].statementId, 0);
    }

    void listParsers()
    {
        const auto result = decodeResponse(tradeAnswer, ResponseFormat::Json);
        QVERIFY(result.ok());
        // values only, like aioinflux's parser(*row)
        const std::vector<qsizetype> widths = iterpoints(*result, [](const QVariantList &values) { return values.size(); });
        QCOMPARE(widths, (std::vector<qsizetype>{4, 4, 4, 1}));
        // values plus meta
        const std::vector<QString> keys = iterpoints(*result, [](const QVariantList &values, const PointMeta &meta) -> QString {
            return meta.name + u':' + meta.columns.join(u',') + u':' + values.value(0).toString();
        });
        QCOMPARE(keys.back(), u"databases:name:db"_s);
        QCOMPARE(keys.front(), u"Trade:time,price,side,size:1"_s);
        // a void parser is just called
        int calls = 0;
        iterpoints(*result, [&](const RowView &) { ++calls; });
        QCOMPARE(calls, 4);
    }
};

QTEST_GUILESS_MAIN(IterpointsTest)
#include "iterpointstest.moc"
