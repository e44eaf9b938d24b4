// The round trip the line-protocol writer promises (issue: "a large generated set of tricky points
// is written through the client to the real influxd and read back: every name and value identical,
// floats bit-exact"). The points come from trickyPoints() (tests/support/trickypoints.h), generated
// from a seed. Points the writer refuses must be exactly those that influxdb-1x-facts.md says the
// server cannot store (tests/support/storagerules.h), each refused with a clear reason.
//
// Any mismatch fails (-0.0 included: the MessagePack and JSON decoders keep its sign). serverCases
// shows each server quirk on its own; known read-side limits of InfluxQL are XFAIL there.
//
// Deterministic: the seed is printed; QINFLUX_ROUNDTRIP_SEED=<n> replays another one.
#include <QInflux/blockingclient.h>
#include <QInflux/blockingadministration.h>
#include <QInflux/wait.h>
#include "influxfixture.h"
#include <QInflux/lineprotocol.h>
#include "pointtext.h"
#include "roundtrip.h"
#include "storagerules.h"
#include "trickypoints.h"
#include "trickytext.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <utility>
#include <variant>

using namespace Qt::StringLiterals;
using namespace QInflux;
using namespace QInflux::Test;

namespace {

constexpr std::uint64_t kDefaultSeed = 20240611;
constexpr qsizetype kPointCount = 3000; // generated in all, valid and refused
constexpr qsizetype kShownPerCategory = 12;


bool hasNegativeZero(const Point &p)
{
    return std::any_of(p.fields.begin(), p.fields.end(), [](const auto &field) {
        const double *d = std::get_if<double>(&field.second);
        return d && *d == 0.0 && std::signbit(*d);
    });
}

// ---------------------------------------------------------------------------------------------
// Single cases: what the random set finds, each on its own with a precise message.

struct ServerCase
{
    QString name;
    QList<Point> points;
    QString expectFail; // empty: must pass (the writer refuses it, or it round-trips)
    bool quotedOnly = false;
};

Point casePoint(QString measurement, Tags tags, QList<std::pair<QString, FieldValue>> fields)
{
    Point p;
    p.measurement = std::move(measurement);
    p.tags = std::move(tags);
    p.fields = std::move(fields);
    p.time = kBaseTime;
    return p;
}

QList<ServerCase> serverCaseList()
{
    const QString nul(QChar(0));
    const auto m = [](const QString &name) { return casePoint(name, {}, {{u"v"_s, FieldValue(1.5)}}); };
    const auto f = [](const QString &key) { return casePoint(u"m"_s, {}, {{key, FieldValue(1.5)}}); };
    QList<ServerCase> cases;
    // The writer sends these as the facts file says; influxd 1.6.7 stores something else.
    cases.append({u"measurement: backslash before double quote"_s, {m(u"a\\\"b"_s)}, {}});
    cases.append({u"measurement: backslash before equals sign"_s, {m(u"a\\=b"_s)}, {}});
    cases.append({u"measurement: backslash before space"_s, {m(u"a\\ b"_s)}, {}});
    cases.append({u"measurement: backslash before comma"_s, {m(u"a\\,b"_s)}, {}});
    cases.append({u"measurement: two backslashes before double quote"_s, {m(u"a\\\\\"b"_s)}, {}});
    cases.append({u"field key: backslash before double quote"_s, {f(u"a\\\"b"_s)}, {}});
    cases.append({u"field key: backslash before equals sign"_s, {f(u"a\\=b"_s)}, {}});
    cases.append({u"field key: backslash before space"_s, {f(u"a\\ b"_s)}, {}});
    cases.append({u"field key: backslash before comma"_s, {f(u"a\\,b"_s)}, {}});
    cases.append({u"tag value with backslash-space and backslash-equals-quote, then another point"_s,
                  {casePoint(u"m1"_s, {{u"k"_s, u"\\ \\=\"x"_s}}, {{u"v"_s, FieldValue(1.0)}}), m(u"m2"_s)}, {}});
    // The client's read path: XFAIL (see serverCases) until the query-results decoder keeps -0.
    cases.append({u"float -0.0"_s, {casePoint(u"m"_s, {}, {{u"v"_s, FieldValue(-0.0)}})}, {}});
    // Stored exactly: what a fix must keep allowing.
    cases.append({u"tag key and value: backslash before space, comma, equals sign, double quote (one point)"_s,
                  {casePoint(u"m"_s, {{u"k\\ \\,\\=\\\"k"_s, u"v\\ \\,\\=\\\"v"_s}}, {{u"v"_s, FieldValue(1.0)}})}, {}});
    cases.append({u"measurement and field key: backslash before other characters"_s,
                  {casePoint(u"C:\\dir\\x\\\\y"_s, {}, {{u"C:\\dir\\f\\\\g"_s, FieldValue(1.0)}})}, {}});
    cases.append({u"CR, NUL, tab and leading space in every name (read with a regex)"_s,
                  {casePoint(u" a\r"_s + nul + u"\tb"_s, {{u"k\r"_s + nul + u"\t"_s, u"\tv\r"_s + nul}},
                             {{u"f\r"_s + nul + u"\t"_s, FieldValue(u"s\r\n"_s + nul)}})}, {}});
    // Stored, but InfluxQL cannot read them back: the writer may refuse them, or this stays a known limit.
    QList<Point> system;
    for (const QString &name : {u"_series"_s, u"_fieldKeys"_s, u"_tagKeys"_s, u"_measurements"_s, u"_tags"_s, u"_name"_s, u"_tagKey"_s})
        system.append(m(name));
    cases.append({u"measurement named like a system source"_s, system,
                  u"influxd stores them, but SELECT answers \"unable to use system source\""_s});
    QList<Point> systemFields;
    for (const QString &key : {u"_name"_s, u"_seriesKey"_s, u"_fieldKey"_s, u"_tagKey"_s})
        systemFields.append(casePoint(u"m"_s + key, {}, {{key, FieldValue(1.5)}}));
    cases.append({u"field key named like a system column"_s, systemFields,
                  u"influxd stores them, but SELECT returns the measurement, series or field name (or nothing) instead"_s});
    cases.append({u"tag key equal to a field key"_s, {casePoint(u"m"_s, {{u"a"_s, u"x"_s}}, {{u"a"_s, FieldValue(1.5)}})},
                  u"influxd stores both, but SELECT * names the tag column \"a_1\""_s});
    cases.append({u"measurement with CR, read with quoteIdentifier"_s, {m(u"a\rb"_s)},
                  u"InfluxQL has no escape for CR: the quoted identifier fails to parse; only a regex reaches this name"_s, true});
    cases.append({u"measurement with NUL, read with quoteIdentifier"_s, {m(u"a"_s + nul + u"b"_s)},
                  u"InfluxQL has no escape for NUL: the quoted identifier fails to parse; only a regex reaches this name"_s, true});
    return cases;
}

} // namespace

class RoundTripTest : public QObject
{
    Q_OBJECT
private:
    InfluxFixture m_influx;
    std::uint64_t m_seed = kDefaultSeed;
    QList<TrickyPoint> m_generated;
    QList<qsizetype> m_accepted;
    QHash<qsizetype, QString> m_refused; // index -> the writer's reason

    QString newDatabase(BlockingClient &client, const QString &name)
    {
        const QString db = InfluxFixture::uniqueDatabase(name);
        client.setDatabase(db);
        const auto created = BlockingAdministration(client).createDatabase(db);
        return created.ok() ? db : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QByteArray env = qgetenv("QINFLUX_ROUNDTRIP_SEED"); !env.isEmpty()) {
            bool ok = false;
            m_seed = env.trimmed().toULongLong(&ok, 0);
            QVERIFY2(ok, "QINFLUX_ROUNDTRIP_SEED is not a number");
        }
        m_generated = trickyPoints(m_seed, kPointCount);
        for (qsizetype i = 0; i < m_generated.size(); ++i) {
            QByteArray line;
            if (const auto appended = LineProtocol::append(line, m_generated[i].point); appended)
                m_accepted.append(i);
            else
                m_refused.insert(i, appended.error().message());
        }
        qInfo().noquote() << u"seed %1 (replay with QINFLUX_ROUNDTRIP_SEED=%1): %2 points, %3 accepted by the writer, %4 refused"_s
                                 .arg(m_seed).arg(m_generated.size()).arg(m_accepted.size()).arg(m_refused.size());
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
    }

    // The generator really puts every character everywhere, and each can be stored somewhere in
    // every part (LF and unpaired surrogates only in string values).
    void generatorCoversEveryCharacterEverywhere()
    {
        const QList<Atom> &all = atoms();
        QHash<int, std::pair<int, int>> seen; // (part, atom, position) -> (accepted, refused)
        for (qsizetype i = 0; i < m_generated.size(); ++i) {
            const TrickyPoint &g = m_generated[i];
            if (g.part >= 0) {
                auto &count = seen[(g.part * 1000 + g.atom) * 10 + g.position];
                ++(m_refused.contains(i) ? count.second : count.first);
            }
        }
        QStringList missing;
        for (Part part : kParts) {
            for (qsizetype a = 0; a < all.size(); ++a) {
                int accepted = 0;
                for (Position position : kPositions) {
                    const auto count = seen.value((int(part) * 1000 + int(a)) * 10 + int(position));
                    if (count.first + count.second == 0)
                        missing << all[a].label + u" at the "_s + positionName(position) + u" of the "_s + partName(part);
                    accepted += count.first;
                }
                const bool neverStorable = all[a].unpaired || (part != Part::StringValue && all[a].text.contains(u'\n'));
                if (!neverStorable && accepted == 0)
                    missing << all[a].label + u" is refused in every position of the "_s + partName(part);
                if (neverStorable && accepted > 0)
                    missing << all[a].label + u" is accepted in the "_s + partName(part);
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"; "_s)));
        qInfo("%lld characters x 5 parts x 3 positions covered, plus every ordered pair of the 10 syntax characters in every part",
              static_cast<long long>(all.size()));
    }

    // Every refused point breaks a facts-file rule, and says which; every point that breaks one is refused.
    void refusedPointsAreTheUnstorableOnes()
    {
        QStringList failures;
        QMap<QString, int> counts;
        int proposedButSent = 0;
        for (qsizetype i = 0; i < m_generated.size(); ++i) {
            const Point &p = m_generated[i].point;
            const unsigned rules = expectedRefusals(p);
            const bool refused = m_refused.contains(i);
            const QString where = describe(p) + u" ("_s + m_generated[i].origin + u')';
            if (!refused && (rules & kProposedRules))
                ++proposedButSent;
            if (!refused && (rules & ~kProposedRules)) {
                failures << u"accepted although the server cannot store it ("_s + ruleNames(rules & ~kProposedRules) + u"): "_s + where;
                continue;
            }
            if (!refused)
                continue;
            const QString &error = m_refused[i];
            if (!rules) {
                failures << u"refused although the facts file says the server stores it (\""_s + visible(error) + u"\"): "_s + where;
                continue;
            }
            bool named = false;
            for (const StorageRuleInfo &info : storageRules()) {
                if (!(rules & info.rule))
                    continue;
                ++counts[QString::fromLatin1(info.name)];
                for (const QString &keyword : info.keywords)
                    named = named || error.contains(keyword);
            }
            if (!named)
                failures << u"refused with an unclear reason \""_s + visible(error) + u"\" (expected: "_s + ruleNames(rules) + u"): "_s + where;
        }
        qInfo().noquote() << u"%1 points refused by the writer, by broken rule:"_s.arg(m_refused.size());
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            qInfo().noquote() << u"  %1: %2"_s.arg(it.key()).arg(it.value());
        qInfo("%d points break a proposed rule and are sent (roundTrip shows what the server makes of them)", proposedButSent);

        // serialize() reports the same points, by index, and writes the others.
        QList<Point> points;
        for (const TrickyPoint &g : std::as_const(m_generated))
            points.append(g.point);
        const LineProtocol::Output out = LineProtocol::serialize(points);
        QCOMPARE(out.points, m_accepted.size());
        QCOMPARE(out.problems.size(), m_refused.size());
        for (const LineProtocol::Problem &problem : out.problems) {
            if (m_refused.value(problem.index) != problem.reason)
                failures << u"serialize() reports point %1 as \"%2\""_s.arg(problem.index).arg(visible(problem.reason));
        }
        for (qsizetype i = 0; i < std::min<qsizetype>(failures.size(), 20); ++i)
            qInfo().noquote() << failures[i];
        QVERIFY2(failures.isEmpty(), qPrintable(u"%1 points are refused or accepted wrongly; the first: "_s.arg(failures.size())
                                                + failures.value(0).left(700)));
    }

    // Client::write(points) sends nothing when any point is refused, and names them.
    void nothingIsSentWhenAPointIsRefused()
    {
        BlockingClient client(m_influx.settings());
        const QString db = newDatabase(client, u"refused"_s);
        QVERIFY(!db.isEmpty());
        QList<Point> points;
        for (const TrickyPoint &g : std::as_const(m_generated))
            points.append(g.point);
        const auto written = blockOn(client.async().write(points, WriteOptions{.database = db}));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind(), Error::Kind::Usage);
        const QString expected = u"%1 of %2 points cannot be written"_s.arg(m_refused.size()).arg(points.size());
        QVERIFY2(written.error().message().contains(expected), qPrintable(written.error().message().left(300)));
        const auto shown = BlockingAdministration(client).showMeasurements(db);
        QVERIFY(shown.ok());
        QCOMPARE(shown->seriesCount(), qsizetype(0));
        static_cast<void>(BlockingAdministration(client).dropDatabase(db));
    }

    void roundTrip()
    {
        BlockingClient client(m_influx.settings());
        const QString db = newDatabase(client, u"roundtrip"_s);
        QVERIFY(!db.isEmpty());
        QList<Point> points;
        QStringList origins;
        for (qsizetype i : std::as_const(m_accepted)) {
            points.append(m_generated[i].point);
            origins.append(m_generated[i].origin);
        }
        QElapsedTimer timer;
        timer.start();
        RoundTrip trip(client, db, true);
        const QList<Mismatch> mismatches = trip.run(points, origins);

        QMap<Mismatch::Category, QStringList> byCategory;
        for (const Mismatch &m : mismatches)
            byCategory[m.category].append(m.text);
        const auto negativeZeroWritten = std::count_if(points.cbegin(), points.cend(), hasNegativeZero);
        qInfo().noquote() << u"seed %1: %2 points written and read back in %3 ms, %4 mismatches (%5 points with a -0.0 "
                             u"field written)"_s.arg(m_seed)
                                 .arg(points.size()).arg(timer.elapsed()).arg(mismatches.size()).arg(negativeZeroWritten);
        QStringList others; // "<n> x <category>"
        for (auto it = byCategory.cbegin(); it != byCategory.cend(); ++it) {
            others << u"%1 x %2"_s.arg(it.value().size()).arg(categoryName(it.key()));
            qInfo().noquote() << u"== %1 x %2"_s.arg(it.value().size()).arg(categoryName(it.key()));
            for (qsizetype i = 0; i < std::min(it.value().size(), kShownPerCategory); ++i)
                qInfo().noquote() << QString(u"  - "_s + it.value()[i]);
        }
        QVERIFY2(others.isEmpty(), qPrintable(u"seed %1: "_s.arg(m_seed) + others.join(u"; "_s)));
        static_cast<void>(BlockingAdministration(client).dropDatabase(db));
    }

    void serverCases_data()
    {
        QTest::addColumn<int>("index");
        const QList<ServerCase> cases = serverCaseList();
        for (qsizetype i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].name)) << int(i);
    }

    // Each case: the writer refuses it, or the server gives back exactly what was written.
    void serverCases()
    {
        QFETCH(int, index);
        const ServerCase c = serverCaseList()[index];
        for (const Point &p : c.points) {
            QByteArray line;
            if (const auto appended = LineProtocol::append(line, p); !appended) {
                qInfo().noquote() << QString(u"the writer refuses "_s + describe(p) + u": "_s + visible(appended.error().message()));
                return;
            }
        }
        BlockingClient client(m_influx.settings());
        const QString db = newDatabase(client, u"case"_s);
        QVERIFY(!db.isEmpty());
        QStringList origins;
        for (qsizetype i = 0; i < c.points.size(); ++i)
            origins << c.name;
        RoundTrip trip(client, db, !c.quotedOnly);
        QStringList texts;
        for (const Mismatch &m : trip.run(c.points, origins))
            texts << m.text;
        if (!texts.isEmpty())
            qInfo().noquote() << QString(texts.join(u"\n"_s) + u"\n    the server holds: "_s + trip.describeDatabase());
        if (!c.expectFail.isEmpty())
            QEXPECT_FAIL("", qPrintable(c.expectFail), Continue);
        QVERIFY2(texts.isEmpty(), qPrintable(u"%1 mismatches, the first: "_s.arg(texts.size()) + texts.value(0).left(600)));
        static_cast<void>(BlockingAdministration(client).dropDatabase(db));
    }
};

QTEST_GUILESS_MAIN(RoundTripTest)
#include "roundtriptest.moc"
