#include "cpudata.h"

#include "benchoutput.h"

#include <QInflux/administration.h>
#include <QInflux/client.h>
#include <QInflux/wait.h>

#include <array>
#include <charconv>
#include <random>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

constexpr std::array<const char *, cpuFields> s_fields = {
    "usage_user",  "usage_system", "usage_idle",    "usage_nice",  "usage_iowait",
    "usage_irq",   "usage_softirq", "usage_steal",  "usage_guest", "usage_guest_nice",
};
constexpr std::array<const char *, 4> s_regions = {"us-east-1", "us-west-2", "eu-west-1", "ap-south-1"};
constexpr qint64 s_block = 65536;

void appendNumber(QByteArray &out, auto value)
{
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    out.append(buffer, end - buffer);
}

} // namespace

QByteArray cpuLines(qint64 first, qint64 count, quint64 seed)
{
    QByteArray out;
    out.reserve(count * 250);
    std::mt19937_64 random;
    qint64 seededBlock = -1;
    for (qint64 i = first; i < first + count; ++i) {
        const qint64 block = i / s_block;
        if (block != seededBlock) { // every block from its own seed: prefix-stable, like gen_data.py
            random.seed(seed * 1'000'003 + quint64(block));
            random.discard(quint64(i - block * s_block) * cpuFields);
            seededBlock = block;
        }
        const int host = int(i % cpuHosts);
        out += "cpu,host=host-";
        out += char('0' + host / 100);
        out += char('0' + host / 10 % 10);
        out += char('0' + host % 10);
        out += ",region=";
        out += s_regions[size_t(host % 4)];
        for (int f = 0; f < cpuFields; ++f) {
            out += f == 0 ? ' ' : ',';
            out += s_fields[size_t(f)];
            out += '=';
            // 53 random bits, like numpy's random(): every digit of the double matters.
            appendNumber(out, double(random() >> 11) * 0x1p-53 * 100.0);
        }
        out += ' ';
        appendNumber(out, cpuBaseNs + (i / cpuHosts) * 10'000'000'000);
        out += '\n';
    }
    return out;
}

qint64 storedCpuPoints(Client &client, const QString &database, QString *error)
{
    QueryOptions options;
    options.database = database;
    const auto result = blockOn(client.query(u"SELECT count(usage_user) FROM cpu"_s, options));
    if (!result || result->firstError()) {
        if (error)
            *error = result ? result->firstError()->toString() : result.error().toString();
        return -1;
    }
    if (result->statements.isEmpty() || result->statements.first().series.isEmpty())
        return 0;
    const Frame &series = result->statements.first().series.first();
    const Column *count = series.column(u"count"_s);
    return count && series.rowCount() == 1 ? count->value(0).toLongLong() : -1;
}

Result<void> loadCpuData(Client &client, const QString &database, qint64 n, quint64 seed)
{
    (void)blockOn(Administration(client).dropDatabase(database));
    if (auto created = blockOn(Administration(client).createDatabase(database)); !created)
        return created.error();
    WriteOptions options;
    options.database = database;
    for (qint64 first = 0; first < n; first += 100'000) {
        const Result<void> written = blockOn(client.write(cpuLines(first, std::min<qint64>(100'000, n - first), seed), options));
        if (!written)
            return written.error();
    }
    QString error;
    const qint64 stored = storedCpuPoints(client, database, &error);
    if (stored != n)
        return Error(Error::Kind::Server, u"%1 cpu points stored in %2, %3 written %4"_s.arg(stored).arg(database).arg(n).arg(error));
    return {};
}

bool ensureCpuData(Client &client, const QString &database, qint64 n, quint64 seed)
{
    if (storedCpuPoints(client, database) == n) {
        note(u"data already loaded; load not measured"_s);
        return true;
    }
    const auto start = std::chrono::steady_clock::now();
    if (auto loaded = loadCpuData(client, database, n, seed); !loaded) {
        note(u"FAILED: loading the cpu data: "_s + loaded.error().toString());
        return false;
    }
    note(u"loaded %1 cpu points through Client::write in %2 s"_s.arg(n).arg(secondsSince(start), 0, 'f', 1));
    return true;
}

} // namespace QInflux::Bench
