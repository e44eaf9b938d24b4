#include <QInflux/csvimportprofile.h>
#include "csvschema_p.h"
#include "csvtimeparser_p.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

/// The error's message, or nothing for a value.
template<typename T>
QString message(const Result<T> &result)
{
    return result ? QString() : result.error().message();
}

} // namespace

// Type detection, value and time parsing, the schema and the import profile of the CSV import.
class CsvTypesTest : public QObject
{
    Q_OBJECT
private:
    static CsvType detect(const QStringList &values, bool decimalComma = false)
    {
        std::vector<std::string> storage;
        for (const QString &v : values)
            storage.push_back(v.toStdString());
        return CsvSchema::detectType(std::vector<std::string_view>(storage.begin(), storage.end()), decimalComma);
    }

private Q_SLOTS:
    void detectTypes_data()
    {
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<bool>("decimalComma");
        QTest::addColumn<int>("expected");
        QTest::newRow("ints") << QStringList{u"1"_s, u"-20"_s, u""_s, u"+3"_s} << false << int(CsvType::Int);
        QTest::newRow("ints and floats") << QStringList{u"1"_s, u"2.5"_s, u"1e3"_s} << false << int(CsvType::Float);
        QTest::newRow("leading zeros stay strings") << QStringList{u"007"_s, u"123"_s} << false << int(CsvType::String);
        QTest::newRow("beyond int64 stays a string") << QStringList{u"1"_s, u"92233720368547758070"_s} << false << int(CsvType::String);
        QTest::newRow("bools") << QStringList{u"true"_s, u"FALSE"_s, u"t"_s, u"F"_s} << false << int(CsvType::Bool);
        QTest::newRow("0/1 are ints") << QStringList{u"0"_s, u"1"_s} << false << int(CsvType::Int);
        QTest::newRow("yes/no are strings") << QStringList{u"yes"_s, u"no"_s} << false << int(CsvType::String);
        QTest::newRow("NaN is not a float") << QStringList{u"1.5"_s, u"NaN"_s} << false << int(CsvType::String);
        QTest::newRow("decimal comma") << QStringList{u"1,5"_s, u"-2,25"_s, u"3"_s} << true << int(CsvType::Float);
        QTest::newRow("decimal point when a comma is expected") << QStringList{u"1.5"_s} << true << int(CsvType::String);
        QTest::newRow("all empty") << QStringList{u""_s, u""_s} << false << int(CsvType::String);
        QTest::newRow("times are strings as fields") << QStringList{u"2024-01-01"_s} << false << int(CsvType::String);
    }

    void detectTypes()
    {
        QFETCH(QStringList, values);
        QFETCH(bool, decimalComma);
        QFETCH(int, expected);
        QCOMPARE(int(detect(values, decimalComma)), expected);
    }

    void values()
    {
        std::int64_t i = 0;
        QVERIFY(CsvValue::parseInt(" 42 ", &i));
        QCOMPARE(i, 42);
        QVERIFY(CsvValue::parseInt("-9223372036854775808", &i));
        QCOMPARE(i, std::numeric_limits<std::int64_t>::min());
        QVERIFY(!CsvValue::parseInt("9223372036854775808", &i));
        QVERIFY(!CsvValue::parseInt("1.0", &i));
        QVERIFY(!CsvValue::parseInt("++1", &i));
        double d = 0;
        QVERIFY(CsvValue::parseFloat("0.1", false, &d));
        QCOMPARE(d, 0.1);
        QVERIFY(CsvValue::parseFloat("1,25", true, &d));
        QCOMPARE(d, 1.25);
        QVERIFY(!CsvValue::parseFloat("inf", false, &d));
        QVERIFY(!CsvValue::parseFloat("1e400", false, &d));
        QVERIFY(!CsvValue::parseFloat("1.5x", false, &d));
    }

    void times_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // ns; -1 = refused
        const qint64 base = 1'709'296'200'000'000'000; // 2024-03-01T12:30:00Z
        QTest::newRow("iso Z") << u"iso"_s << QString() << u"2024-03-01T12:30:00Z"_s << base;
        QTest::newRow("iso space, naive") << u"iso"_s << QString() << u"2024-03-01 12:30:00"_s << base;
        QTest::newRow("iso no seconds") << u"iso"_s << QString() << u"2024-03-01T12:30"_s << base;
        QTest::newRow("iso ns") << u"iso"_s << QString() << u"2024-03-01T12:30:00.123456789Z"_s << base + 123'456'789;
        QTest::newRow("iso ms") << u"iso"_s << QString() << u"2024-03-01T12:30:00.5Z"_s << base + 500'000'000;
        QTest::newRow("iso offset") << u"iso"_s << QString() << u"2024-03-01T14:30:00+02:00"_s << base;
        QTest::newRow("iso offset without colon") << u"iso"_s << QString() << u"2024-03-01T07:00:00-0530"_s << base;
        QTest::newRow("iso offset hours") << u"iso"_s << QString() << u"2024-03-01T13:30:00+01"_s << base;
        QTest::newRow("date only") << u"iso"_s << QString() << u"2024-03-01"_s << base - 45'000'000'000'000;
        QTest::newRow("10 fractional digits refused") << u"iso"_s << QString() << u"2024-03-01T12:30:00.1234567891Z"_s << qint64(-1);
        QTest::newRow("no such date") << u"iso"_s << QString() << u"2023-02-29"_s << qint64(-1);
        QTest::newRow("beyond 2262") << u"iso"_s << QString() << u"2263-01-01"_s << qint64(-1);
        QTest::newRow("zone, winter") << u"iso"_s << u"Europe/Berlin"_s << u"2024-03-01 13:30:00"_s << base;
        QTest::newRow("zone, summer") << u"iso"_s << u"Europe/Berlin"_s << u"2024-07-01 14:30:00"_s << qint64(1'719'837'000'000'000'000);
        QTest::newRow("zone, DST gap refused") << u"iso"_s << u"Europe/Berlin"_s << u"2024-03-31 02:30:00"_s << qint64(-1);
        QTest::newRow("zone ignored with an offset") << u"iso"_s << u"Europe/Berlin"_s << u"2024-03-01T12:30:00Z"_s << base;
        QTest::newRow("epoch s") << u"s"_s << QString() << u"1709296200"_s << base;
        QTest::newRow("epoch s fraction") << u"s"_s << QString() << u"1709296200.25"_s << base + 250'000'000;
        QTest::newRow("epoch ms") << u"ms"_s << QString() << u"1709296200123"_s << base + 123'000'000;
        QTest::newRow("epoch us") << u"us"_s << QString() << u"1709296200123456"_s << base + 123'456'000;
        QTest::newRow("epoch ns") << u"ns"_s << QString() << u"1709296200123456789"_s << base + 123'456'789;
        QTest::newRow("epoch ns fraction refused") << u"ns"_s << QString() << u"1709296200123456789.5"_s << qint64(-1);
        QTest::newRow("negative epoch") << u"s"_s << QString() << u"-1.5"_s << qint64(-1'500'000'000);
        QTest::newRow("pattern") << u"%d/%m/%Y %H:%M:%S.%f"_s << QString() << u"01/03/2024 12:30:00.000001"_s << base + 1000;
        QTest::newRow("pattern 12h, month name") << u"%b %e %Y %I:%M %p"_s << QString() << u"Mar  1 2024 12:30 PM"_s << base;
        QTest::newRow("pattern offset") << u"%Y%m%dT%H%M%S%z"_s << QString() << u"20240301T143000+0200"_s << base;
        QTest::newRow("pattern day of year") << u"%Y-%j %T"_s << QString() << u"2024-061 12:30:00"_s << base;
        QTest::newRow("pattern mismatch") << u"%Y-%m-%d"_s << QString() << u"2024/03/01"_s << qint64(-1);
        QTest::newRow("pattern text left over") << u"%Y-%m-%d"_s << QString() << u"2024-03-01 12:00"_s << qint64(-1);
    }

    void times()
    {
        QFETCH(QString, format);
        QFETCH(QString, zone);
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parser = CsvTimeParser::create(format, zone);
        QVERIFY2(parser, qPrintable(message(parser)));
        const auto ns = parser->parse(text.toStdString());
        if (expected == -1 && format != "s"_L1) {
            QVERIFY2(!ns, qPrintable(ns ? u"parsed as %1"_s.arg(*ns) : QString()));
            QCOMPARE(ns.error().kind(), Error::Kind::Parse);
            QVERIFY(!ns.error().message().isEmpty());
        } else {
            QVERIFY2(ns, qPrintable(message(ns)));
            QCOMPARE(qint64(*ns), expected);
        }
    }

    void epochUnitByMagnitude_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("kind");
        QTest::newRow("s") << u"1709296200"_s << int(CsvTimeParser::Kind::EpochSeconds);
        QTest::newRow("ms") << u"1709296200123"_s << int(CsvTimeParser::Kind::EpochMilliseconds);
        QTest::newRow("us") << u"1709296200123456"_s << int(CsvTimeParser::Kind::EpochMicroseconds);
        QTest::newRow("ns") << u"1709296200123456789"_s << int(CsvTimeParser::Kind::EpochNanoseconds);
        QTest::newRow("iso") << u"2024-03-01T12:30:00Z"_s << int(CsvTimeParser::Kind::Iso);
    }

    void epochUnitByMagnitude()
    {
        QFETCH(QString, value);
        QFETCH(int, kind);
        auto parser = CsvTimeParser::create(u"auto"_s, {});
        QVERIFY(parser);
        const auto detected = parser->detect({value.toStdString()});
        QVERIFY2(detected, qPrintable(message(detected)));
        QCOMPARE(int(parser->kind()), kind);
    }

    void badFormatsAndZones()
    {
        const auto badDirective = CsvTimeParser::create(u"%Y-%Q"_s, {});
        QVERIFY(!badDirective);
        QCOMPARE(badDirective.error().kind(), Error::Kind::Usage);
        QVERIFY2(message(badDirective).contains("unknown directive"_L1), qPrintable(message(badDirective)));
        const auto badZone = CsvTimeParser::create(u"iso"_s, u"Mars/Olympus"_s);
        QVERIFY(!badZone);
        QVERIFY2(message(badZone).contains("unknown time zone"_L1), qPrintable(message(badZone)));
        auto parser = CsvTimeParser::create(u"auto"_s, {});
        const auto neither = parser->detect({"yesterday", "today"});
        QVERIFY(!neither);
        QVERIFY2(message(neither).contains("\"yesterday\""_L1), qPrintable(message(neither)));
        // The kind most values fit wins; the others are rejected row by row.
        QVERIFY(parser->detect({"2024-01-01", "yesterday", "2024-13-01"}).ok());
        QCOMPARE(int(parser->kind()), int(CsvTimeParser::Kind::Iso));
    }

    void schema()
    {
        const QStringList header = {u"host"_s, u"date"_s, u"clock"_s, u"load"_s, u"count"_s, u"ok"_s, u"zip"_s, u"note"_s};
        const std::vector<std::vector<std::string>> sample = {{"a", "2024-03-01", "12:30:00", "0.5", "3", "true", "007", "x"},
                                                              {"b", "2024-03-01", "12:31:00", "1", "4", "false", "123", "y"}};
        CsvImportProfile profile;
        profile.measurement = u"m"_s;
        profile.timeColumns = {u"date"_s, u"clock"_s};
        profile.tagColumns = {u"host"_s};
        profile.ignoreColumns = {u"note"_s};
        auto schema = CsvSchema::resolve(profile, header, sample);
        QVERIFY2(schema, qPrintable(message(schema)));
        QCOMPARE(schema->timeColumns(), (QList<int>{1, 2}));
        QCOMPARE(int(schema->timeParser().kind()), int(CsvTimeParser::Kind::Iso));
        const auto &c = schema->columns();
        QCOMPARE(int(c[0].role), int(CsvSchema::Role::Tag));
        QCOMPARE(int(c[3].type), int(CsvType::Float));
        QCOMPARE(int(c[4].type), int(CsvType::Int));
        QCOMPARE(int(c[5].type), int(CsvType::Bool));
        QCOMPARE(int(c[6].type), int(CsvType::String));
        QCOMPARE(int(c[7].role), int(CsvSchema::Role::Ignore));

        // Explicit fields: only those, with their types; the rest is ignored.
        profile.fieldColumns = {{u"count"_s, CsvType::Float}, {u"zip"_s, CsvType::Auto}};
        schema = CsvSchema::resolve(profile, header, sample);
        QVERIFY2(schema, qPrintable(message(schema)));
        QCOMPARE(int(schema->columns()[4].type), int(CsvType::Float));
        QCOMPARE(int(schema->columns()[6].type), int(CsvType::String));
        QCOMPARE(int(schema->columns()[3].role), int(CsvSchema::Role::Ignore));

        profile.tagColumns = {u"hots"_s};
        auto refused = CsvSchema::resolve(profile, header, sample);
        QVERIFY(!refused);
        QVERIFY2(message(refused).contains("\"hots\" is not a column"_L1), qPrintable(message(refused)));
        profile.tagColumns = {u"load"_s};
        profile.fieldColumns = {{u"load"_s, CsvType::Float}};
        refused = CsvSchema::resolve(profile, header, sample);
        QVERIFY(!refused);
        QVERIFY2(message(refused).contains("two roles"_L1), qPrintable(message(refused)));
    }

    void timeColumnFound()
    {
        CsvImportProfile profile;
        profile.measurement = u"m"_s;
        auto schema = CsvSchema::resolve(profile, {u"v"_s, u"when"_s}, {{"1", "2024-03-01T00:00:00Z"}});
        QVERIFY2(schema, qPrintable(message(schema)));
        QCOMPARE(schema->timeColumns(), QList<int>{1});
        const auto none = CsvSchema::resolve(profile, {u"v"_s, u"w"_s}, {{"1", "2"}});
        QVERIFY(!none);
        QCOMPARE(none.error().kind(), Error::Kind::Parse);
        QVERIFY2(message(none).contains("--time-column"_L1), qPrintable(message(none)));
    }

    void profileRoundTrip()
    {
        CsvImportProfile p;
        p.dialect.delimiter = ';';
        p.dialect.encoding = CsvEncoding::Latin1;
        p.dialect.skipLines = 2;
        p.dialect.commentPrefix = "#";
        p.decimalComma = true;
        p.measurement = u"weather"_s;
        p.timeColumns = {u"d"_s, u"t"_s};
        p.timeFormat = u"%d.%m.%Y %H:%M"_s;
        p.timeZone = u"Europe/Berlin"_s;
        p.tagColumns = {u"station"_s};
        p.fieldColumns = {{u"temp"_s, CsvType::Float}, {u"rain"_s, CsvType::Auto}};
        p.ignoreColumns = {u"x"_s};
        p.extraTags = {{u"source"_s, u"dwd"_s}};
        p.precision = TimeUnit::Seconds;
        p.onError = CsvOnError::Stop;
        QTemporaryDir dir;
        const auto saved = p.save(dir.filePath(u"p.json"_s));
        QVERIFY2(saved, qPrintable(message(saved)));
        const auto loaded = CsvImportProfile::load(dir.filePath(u"p.json"_s));
        QVERIFY2(loaded, qPrintable(message(loaded)));
        QCOMPARE(loaded->toJson(), p.toJson());
        QCOMPARE(loaded->dialect.delimiter, ';');
        QCOMPARE(int(loaded->fieldColumns[0].type), int(CsvType::Float));
        QCOMPARE(int(loaded->onError), int(CsvOnError::Stop));

        QJsonObject typo = p.toJson();
        typo[u"tagColumn"_s] = QJsonArray{u"a"_s};
        const auto refused = CsvImportProfile::fromJson(typo);
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), Error::Kind::Parse);
        QVERIFY2(message(refused).contains("unknown key \"tagColumn\""_L1), qPrintable(message(refused)));
        const auto missing = CsvImportProfile::load(dir.filePath(u"none.json"_s));
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind(), Error::Kind::Io);
    }

    void fieldList()
    {
        const auto parsed = CsvImportProfile::parseFieldList(u"x:float, y:int,z"_s);
        QVERIFY(parsed);
        const QList<CsvFieldColumn> &fields = *parsed;
        QCOMPARE(fields.size(), 3);
        QCOMPARE(fields[1].name, u"y"_s);
        QCOMPARE(int(fields[1].type), int(CsvType::Int));
        QCOMPARE(int(fields[2].type), int(CsvType::Auto));
        const auto bad = CsvImportProfile::parseFieldList(u"x:decimal"_s);
        QVERIFY(!bad);
        QVERIFY2(message(bad).contains("x:decimal"_L1), qPrintable(message(bad)));
    }
};

QTEST_GUILESS_MAIN(CsvTypesTest)
#include "csvtypestest.moc"
