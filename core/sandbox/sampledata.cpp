#include <QInflux/sampledata.h>

#include <QInflux/client.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

using namespace Qt::StringLiterals;

namespace QInflux::SampleData {

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kStart = 1'767'571'200 * kSecond; // 2026-01-05T00:00:00Z

// A small, fully specified generator (splitmix64): the same sequence on every platform, unlike
// the standard library's distributions.
class Random
{
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    int below(int n) { return int(next() % std::uint64_t(n)); }

private:
    std::uint64_t m_state;
};

// Fixed-point formatting keeps the text identical everywhere.
void appendFixed(QByteArray &out, double value, int decimals)
{
    char buffer[64];
    const int n = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    out.append(buffer, n);
}

void appendCpu(QByteArray &out, int &count)
{
    static constexpr std::array<std::pair<const char *, const char *>, 4> hosts{
        {{"server01", "us-west"}, {"server02", "us-west"}, {"server03", "us-east"}, {"server04", "us-east"}}};
    Random random(1);
    for (std::size_t h = 0; h < hosts.size(); ++h) {
        double load = 0.3 + 0.1 * double(h);
        for (int i = 0; i < 3 * 24 * 12; ++i) {
            const std::int64_t t = kStart + i * 5 * kMinute;
            const double daily = 0.25 * std::sin(2.0 * M_PI * double(i) / (24.0 * 12.0));
            load = std::clamp(0.9 * load + 0.1 * (0.45 + daily) + 0.05 * (random.uniform() - 0.5), 0.0, 1.0);
            out += "cpu_load_short,host=";
            out += hosts[h].first;
            out += ",region=";
            out += hosts[h].second;
            out += " value=";
            appendFixed(out, load, 3);
            out += ' ';
            out += QByteArray::number(t);
            out += '\n';
            ++count;
        }
    }
}

void appendTrades(QByteArray &out, int &count)
{
    struct Instrument
    {
        const char *name;
        double price;
    };
    std::array<Instrument, 4> instruments{{{"AAPL", 219.23}, {"MSFT", 402.10}, {"GOOG", 171.55}, {"AMZN", 186.40}}};
    static constexpr std::array<const char *, 3> sources{"NASDAQ", "NYSE", "BATS"};
    Random random(2);
    std::int64_t t = kStart + 14 * 60 * kMinute + 30 * kMinute; // 14:30 UTC, market open
    for (int i = 0; i < 1500; ++i) {
        t += std::int64_t(random.below(240) + 1) * kSecond + std::int64_t(random.below(1000)) * 1'000'000 + 123;
        Instrument &instrument = instruments[std::size_t(random.below(int(instruments.size())))];
        instrument.price = std::max(1.0, instrument.price * (1.0 + 0.002 * (random.uniform() - 0.5)));
        const bool buy = random.below(2) == 0;
        out += "Trade,instrument=";
        out += instrument.name;
        out += ",side=";
        out += buy ? "BUY" : "SELL";
        out += ",source=";
        out += sources[std::size_t(random.below(int(sources.size())))];
        out += " price=";
        appendFixed(out, instrument.price, 2);
        out += ",size=";
        out += QByteArray::number((random.below(50) + 1) * 10);
        out += "i,trade_id=\"T";
        out += QByteArray::number(100000 + i);
        out += "\" ";
        out += QByteArray::number(t);
        out += '\n';
        ++count;
    }
}

void appendWater(QByteArray &out, int &count)
{
    struct Station
    {
        const char *location;
        const char *station;
        double ph;
        double temperature;
    };
    static constexpr std::array<Station, 3> stations{{{"coyote_creek", "CC-1", 7.4, 14.0},
                                                      {"santa_monica", "SM-2", 8.0, 16.5},
                                                      {"lake_tahoe", "LT-3", 7.1, 6.0}}};
    Random random(3);
    for (const Station &s : stations) {
        for (int i = 0; i < 4 * 48; ++i) {
            const std::int64_t t = kStart + i * 30 * kMinute;
            const double daily = std::sin(2.0 * M_PI * double(i) / 48.0);
            out += "h2o_quality,location=";
            out += s.location;
            out += ",station=";
            out += s.station;
            out += " ph=";
            appendFixed(out, s.ph + 0.2 * daily + 0.1 * (random.uniform() - 0.5), 2);
            out += ",temperature=";
            appendFixed(out, s.temperature + 3.0 * daily + 0.5 * (random.uniform() - 0.5), 2);
            out += ",turbidity=";
            appendFixed(out, 1.0 + 4.0 * random.uniform() * random.uniform(), 2);
            out += ",sample_index=";
            out += QByteArray::number(i);
            out += "i ";
            out += QByteArray::number(t);
            out += '\n';
            ++count;
        }
    }
}

struct Sample
{
    QByteArray text;
    int points = 0;
};

const Sample &sample()
{
    static const Sample s = [] {
        Sample result;
        result.text.reserve(512 * 1024);
        appendCpu(result.text, result.points);
        appendTrades(result.text, result.points);
        appendWater(result.text, result.points);
        return result;
    }();
    return s;
}

} // namespace

QString databaseName()
{
    return u"sandbox"_s;
}

std::int64_t startTime()
{
    return kStart;
}

QByteArray lineProtocol()
{
    return sample().text;
}

int pointCount()
{
    return sample().points;
}

QCoro::Task<Result<void>> load(Client &client)
{
    if (auto created = co_await client.createDatabase(databaseName()); !created)
        co_return created.error();
    WriteOptions options;
    options.database = databaseName();
    co_return co_await client.write(lineProtocol(), options);
}

} // namespace QInflux::SampleData
