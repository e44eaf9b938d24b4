#include "trickypoints.h"

#include "pointtext.h"
#include "trickytext.h"

#include <QSet>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace QInflux::Test {

namespace {

using Rng = std::mt19937_64;

constexpr std::uint64_t kSpreadNs = 5ULL * 24 * 3600 * 1'000'000'000;

const std::vector<double> &specialFloats()
{
    using L = std::numeric_limits<double>;
    static const std::vector<double> values{
        0.0, -0.0, L::denorm_min(), -L::denorm_min(), 7 * L::denorm_min(), std::nextafter(L::min(), 0.0),
        -std::nextafter(L::min(), 0.0), L::min(), -L::min(), L::max(), -L::max(), L::epsilon(), 0.1, 0.1 + 0.2,
        1.0 / 3.0, std::numbers::pi, -std::numbers::e, 1e21, 1e20, 1e-7, 1e-6, 123456789.12345679, 1e300, -1e-300,
        9007199254740992.0, 9007199254740994.0, 9223372036854775808.0, -9223372036854775808.0, 18446744073709551616.0,
        1.0, -1.0, 42.0, -1.5};
    return values;
}

constexpr std::array<std::int64_t, 10> kSpecialInts{
    0, 1, -1, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
    std::numeric_limits<std::int64_t>::min() + 1, std::numeric_limits<std::int64_t>::max() - 1,
    9'007'199'254'740'993, -9'007'199'254'740'993, 4'611'686'018'427'387'904};

constexpr std::array<std::int64_t, 16> kSpecialTimes{
    0, 1, -1, kMinTime, kMaxTime, kMinTime + 1, kMaxTime - 1, -1'000'000'000'000'000'000, 1'000'000'000'000'000'000,
    946'684'800'000'000'000 /* 2000 */, -2'208'988'800'000'000'000 /* 1900 */, 4'102'444'800'000'000'000 /* 2100 */,
    9'007'199'254'740'993, -9'007'199'254'740'993, 1'257'894'000'000'000'001, -123'456'789};

class Generator
{
public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    QList<TrickyPoint> generate(qsizetype total)
    {
        QList<TrickyPoint> out;
        values(out);
        coverage(out);
        pairs(out);
        for (qsizetype n = 0; out.size() < total; ++n) {
            TrickyPoint g{randomPoint(), u"random #%1"_s.arg(n)};
            if (chance(8))
                injectRefusal(g.point, g.origin);
            out.append(std::move(g));
        }
        return out;
    }

private:
    std::uint64_t pick(std::uint64_t n) { return m_rng() % n; }
    bool chance(unsigned percent) { return pick(100) < percent; }

    QString alnum(int n)
    {
        static constexpr std::u16string_view chars = u"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        QString s;
        for (int i = 0; i < n; ++i)
            s += QChar(chars[pick(chars.size())]);
        return s;
    }

    // Filler around the character under test: letters, digits and harmless unicode.
    QString clean()
    {
        QString s = alnum(2 + int(pick(4)));
        if (chance(25))
            s += chance(50) ? u"\u00E9"_s : u"\u4E2D"_s;
        return s;
    }

    QString randomCodePoint()
    {
        for (;;) {
            const char32_t cp = (char32_t(pick(17)) << 16) | char32_t(pick(0x10000));
            if (cp < 0xD800 || cp > 0xDFFF)
                return QString::fromUcs4(&cp, 1);
        }
    }

    QString randomText(Part part)
    {
        const QList<Atom> &all = atoms();
        QString s;
        const int pieces = 1 + int(pick(5));
        for (int i = 0; i < pieces; ++i) {
            const std::uint64_t r = pick(100);
            if (r < 40) {
                s += alnum(1 + int(pick(4)));
            } else if (r < 90) {
                const Atom &a = all[qsizetype(pick(std::uint64_t(all.size())))];
                if (a.unpaired)
                    continue; // refusals are injected on purpose (injectRefusal)
                if (part != Part::StringValue && a.text.contains(u'\n') && !chance(5))
                    continue; // mostly valid names, a few refused ones
                s += a.text;
            } else {
                s += randomCodePoint();
            }
        }
        return s.isEmpty() ? alnum(3) : s;
    }

    template<typename Make>
    QString uniqueMeasurement(Make make)
    {
        QString m = make();
        for (int attempt = 0; m_measurements.contains(m) && attempt < 100; ++attempt)
            m = make();
        m_measurements.insert(m);
        return m;
    }

    static bool hasKey(const Point &p, const QString &key)
    {
        return std::any_of(p.tags.begin(), p.tags.end(), [&](const auto &t) { return t.first == key; })
            || std::any_of(p.fields.begin(), p.fields.end(), [&](const auto &f) { return f.first == key; });
    }

    // Tag keys and field keys are distinct within a point: SELECT * would rename a tag that has
    // a field's name (serverCases covers that on its own).
    template<typename Make>
    QString uniqueKey(const Point &p, Make make)
    {
        QString key = make();
        for (int attempt = 0; hasKey(p, key) && attempt < 100; ++attempt)
            key = make();
        return key;
    }

    double randomFloat()
    {
        for (;;) {
            double v = 0;
            switch (pick(5)) {
            case 0: v = specialFloats()[pick(specialFloats().size())]; break;
            case 1: v = std::bit_cast<double>(std::uint64_t(m_rng())); break; // mostly 17 significant digits
            case 2: v = std::bit_cast<double>(std::uint64_t(m_rng()) & 0x800F'FFFF'FFFF'FFFFULL); break; // subnormal
            case 3: v = double(std::int64_t(pick(2001)) - 1000); break; // whole: JSON drops the fraction
            default:
                v = std::uniform_real_distribution<double>(-1, 1)(m_rng) * std::pow(10.0, double(int(pick(41)) - 20));
            }
            if (std::isfinite(v))
                return v;
        }
    }

    std::int64_t randomInt()
    {
        switch (pick(3)) {
        case 0: return kSpecialInts[pick(kSpecialInts.size())];
        case 1: return std::bit_cast<std::int64_t>(std::uint64_t(m_rng()));
        default: return std::int64_t(pick(2001)) - 1000;
        }
    }

    FieldValue randomValue()
    {
        const std::uint64_t r = pick(100);
        if (r < 35)
            return randomFloat();
        if (r < 55)
            return randomInt();
        if (r < 65)
            return FieldValue(chance(50));
        if (chance(5))
            return QString();
        QString s = randomText(Part::StringValue);
        while (chance(1) && s.size() < 4000)
            s += randomText(Part::StringValue);
        return s;
    }

    std::optional<std::int64_t> randomTime()
    {
        const std::uint64_t r = pick(100);
        if (r < 2)
            return std::nullopt;
        if (r < 10)
            return kSpecialTimes[pick(kSpecialTimes.size())];
        return kBaseTime + std::int64_t(pick(kSpreadNs));
    }

    // A valid point whose names are plain; the phases below then make one part tricky.
    Point cleanPoint()
    {
        Point p;
        p.measurement = uniqueMeasurement([this] { return clean(); });
        for (int i = 0, n = 1 + int(pick(2)); i < n; ++i)
            p.tags.append({uniqueKey(p, [this] { return clean(); }), clean()});
        for (int i = 0, n = 1 + int(pick(2)); i < n; ++i)
            p.fields.append({uniqueKey(p, [this] { return clean(); }), randomValue()});
        p.time = kBaseTime + std::int64_t(pick(kSpreadNs));
        return p;
    }

    template<typename Make>
    void setPart(Point &p, Part part, Make make)
    {
        switch (part) {
        case Part::Measurement: m_measurements.remove(p.measurement); p.measurement = uniqueMeasurement(make); break;
        case Part::TagKey: p.tags[0].first = uniqueKey(p, make); break;
        case Part::TagValue: p.tags[0].second = make(); break;
        case Part::FieldKey: p.fields[0].first = uniqueKey(p, make); break;
        case Part::StringValue: p.fields[0].second = FieldValue(make()); break;
        }
    }

    Point randomPoint()
    {
        Point p;
        p.measurement = uniqueMeasurement([this] { return randomText(Part::Measurement); });
        for (int i = 0, n = int(pick(4)); i < n; ++i) {
            const QString key = uniqueKey(p, [this] { return randomText(Part::TagKey); });
            p.tags.append({key, chance(3) ? QString() : randomText(Part::TagValue)});
        }
        for (int i = 0, n = 1 + int(pick(4)); i < n; ++i)
            p.fields.append({uniqueKey(p, [this] { return randomText(Part::FieldKey); }), randomValue()});
        p.time = randomTime();
        return p;
    }

    // Breaks one facts-file rule (some of these leave the point valid, e.g. LF in a tag that is
    // skipped for its empty value: expectedRefusals() decides).
    void injectRefusal(Point &p, QString &origin)
    {
        QList<QString *> names{&p.measurement, &p.fields[0].first};
        for (auto &tag : p.tags)
            names << &tag.first << &tag.second;
        QString *name = names[qsizetype(pick(std::uint64_t(names.size())))];
        const QString unpaired = atoms()[atoms().size() - 1 - qsizetype(pick(2))].text;
        switch (pick(16)) {
        case 0: p.fields.append({uniqueKey(p, [this] { return clean(); }), std::numeric_limits<double>::quiet_NaN()}); break;
        case 1: p.fields.append({uniqueKey(p, [this] { return clean(); }), std::numeric_limits<double>::infinity()}); break;
        case 2: p.fields.append({uniqueKey(p, [this] { return clean(); }), -std::numeric_limits<double>::infinity()}); break;
        case 3: p.time = std::array{kMinTime - 1, kMinTime - 2, kMaxTime + 1}[pick(3)]; break;
        case 4: p.fields.append({uniqueKey(p, [this] { return clean(); }), FieldValue(std::uint64_t(m_rng()))}); break;
        case 5: p.fields.clear(); break;
        case 6: {
            const QString key = uniqueKey(p, [this] { return clean(); });
            p.tags.append({key, clean()});
            p.tags.append({key, clean()});
            break;
        }
        case 7: p.measurement.clear(); break;
        case 8: p.tags.append({u"time"_s, clean()}); break;
        case 9: p.fields.append({u"time"_s, FieldValue(1.0)}); break;
        case 10: p.measurement.prepend(u'#'); break;
        case 11:
            if (chance(50))
                p.measurement.prepend(u'\t');
            else
                p.fields[0].first.prepend(QChar(0));
            break;
        case 12: name->insert(qsizetype(pick(std::uint64_t(name->size() + 1))), u'\n'); break;
        case 13: name->append(u'\\'); break;
        case 14: name->insert(qsizetype(pick(std::uint64_t(name->size() + 1))), unpaired); break;
        default:
            if (!p.tags.isEmpty() && chance(50))
                p.tags[0] = {QString(), clean()};
            else
                p.fields[0].first.clear();
        }
        origin += u" with a facts-file rule broken"_s;
    }

    // Every special value and every rule once, deterministically.
    void values(QList<TrickyPoint> &out)
    {
        const auto withField = [this](FieldValue value) {
            Point p = cleanPoint();
            p.fields = {{uniqueKey(p, [this] { return clean(); }), std::move(value)}};
            return p;
        };
        for (double v : specialFloats())
            out.append({withField(v), u"special float "_s + describeFloat(v)});
        for (std::int64_t v : kSpecialInts)
            out.append({withField(v), u"special int %1"_s.arg(v)});
        out.append({withField(true), u"bool true"_s});
        out.append({withField(false), u"bool false"_s});
        for (std::int64_t t : kSpecialTimes) {
            Point p = cleanPoint();
            p.time = t;
            out.append({p, u"special time %1"_s.arg(t)});
        }
        Point untimed = cleanPoint();
        untimed.time.reset();
        out.append({untimed, u"no time"_s});
        out.append({withField(QString()), u"empty string"_s});
        const QString specials = u"\"\\\n\r\t"_s + QChar(0) + u",= #'\\"_s;
        out.append({withField(specials), u"string of special characters, ending in a backslash"_s});
        QString longString;
        while (longString.size() < 70'000)
            longString += randomText(Part::StringValue);
        out.append({withField(longString), u"70,000-character string"_s});
        Point emptyTag = cleanPoint();
        emptyTag.tags.append({uniqueKey(emptyTag, [this] { return clean(); }), QString()});
        out.append({emptyTag, u"tag with an empty value (skipped)"_s});

        // The series key limit: exactly 65535 bytes is stored, one more is refused.
        for (qsizetype extra : {0, 1}) {
            Point p;
            p.measurement = uniqueMeasurement([this] { return alnum(12); });
            p.tags = {{u"k"_s, u"a"_s}};
            p.fields = {{u"f"_s, FieldValue(1.0)}};
            p.time = kBaseTime;
            p.tags[0].second = QString(1 + 65535 - longestSeriesKey(p) + extra, u'a');
            out.append({p, u"series key of %1 bytes"_s.arg(longestSeriesKey(p))});
        }

        // Each rule once more, on its own.
        QList<std::pair<QString, Point>> broken;
        const auto add = [&broken](const char *why, Point p) { broken.append({QString::fromLatin1(why), std::move(p)}); };
        add("NaN", withField(std::numeric_limits<double>::quiet_NaN()));
        add("+Inf", withField(std::numeric_limits<double>::infinity()));
        add("-Inf", withField(-std::numeric_limits<double>::infinity()));
        add("uint64", withField(FieldValue(std::uint64_t(1) << 63)));
        for (std::int64_t t : {kMinTime - 1, kMinTime - 2, kMaxTime + 1}) {
            Point p = cleanPoint();
            p.time = t;
            add("time out of range", p);
        }
        Point p = cleanPoint();
        p.fields.clear();
        add("no field", p);
        p = cleanPoint();
        p.measurement.clear();
        add("no measurement", p);
        p = cleanPoint();
        p.tags.append({p.tags[0].first, clean()});
        add("duplicate tag key", p);
        p = cleanPoint();
        p.tags.append({u"time"_s, clean()});
        add("tag key time", p);
        p = cleanPoint();
        p.fields.append({u"time"_s, FieldValue(1.0)});
        add("field key time", p);
        p = cleanPoint();
        p.tags.append({QString(), clean()});
        add("empty tag key", p);
        p = cleanPoint();
        p.fields.append({QString(), FieldValue(1.0)});
        add("empty field key", p);
        for (const auto &[why, point] : broken)
            out.append({point, u"rule: "_s + why});
    }

    // Every atom at the start, middle and end of every part.
    void coverage(QList<TrickyPoint> &out)
    {
        const QList<Atom> &all = atoms();
        for (Part part : kParts) {
            for (qsizetype a = 0; a < all.size(); ++a) {
                for (Position position : kPositions) {
                    TrickyPoint g{cleanPoint(), u"coverage: %1 at the %2 of the %3"_s.arg(all[a].label, positionName(position), partName(part)),
                                int(part), int(a), int(position)};
                    const QString &text = all[a].text;
                    setPart(g.point, part, [&]() -> QString {
                        switch (position) {
                        case Position::Start: return text + clean();
                        case Position::Middle: return clean() + text + clean();
                        case Position::End: return clean() + text;
                        }
                        return {};
                    });
                    out.append(std::move(g));
                }
            }
        }
    }

    // Every ordered pair of special characters inside every part ("\\" before "," and so on).
    void pairs(QList<TrickyPoint> &out)
    {
        QList<Atom> special;
        for (const Atom &a : atoms()) {
            if (a.special)
                special.append(a);
        }
        for (Part part : kParts) {
            for (const Atom &first : special) {
                for (const Atom &second : special) {
                    TrickyPoint g{cleanPoint(), u"pair: %1 then %2 in the %3"_s.arg(first.label, second.label, partName(part))};
                    setPart(g.point, part, [&]() -> QString { return clean() + first.text + second.text + clean(); });
                    out.append(std::move(g));
                }
            }
        }
    }

    Rng m_rng;
    QSet<QString> m_measurements;
};

} // namespace

QString positionName(Position position)
{
    switch (position) {
    case Position::Start: return u"start"_s;
    case Position::Middle: return u"middle"_s;
    case Position::End: return u"end"_s;
    }
    return {};
}

QList<TrickyPoint> trickyPoints(std::uint64_t seed, qsizetype count)
{
    return Generator(seed).generate(count);
}

} // namespace QInflux::Test
