#include "cpudata.h"

#include <QInflux/blockingadministration.h>
#include "benchoutput.h"

#include <QInflux/administration.h>
#include <QInflux/client.h>
#include <QInflux/influxql.h>
#include <QInflux/wait.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

const QString s_markMeasurement = u"qinflux_bench_source"_s;

QString markOf(qint64 n, int seed)
{
    return u"gen_data.py --shape cpu -n %1 --seed %2"_s.arg(n).arg(seed);
}

/// The mark loadCpuData left in `database`; empty when there is none.
QString storedMark(Client &client, const QString &database)
{
    QueryOptions options;
    options.database = database;
    const auto result = blockOn(client.query(u"SELECT last(source) FROM "_s + s_markMeasurement, options));
    if (!result || result->firstError() || result->statements.isEmpty() || result->statements.first().series.isEmpty())
        return {};
    const Frame &frame = result->statements.first().series.first();
    const Column *source = frame.column(u"last"_s);
    return source && frame.rowCount() == 1 ? source->value(0).toString() : QString();
}

} // namespace

const std::array<QString, cpuFields> &cpuFieldNames()
{
    static const std::array<QString, cpuFields> names = {
        u"usage_user"_s,  u"usage_system"_s,  u"usage_idle"_s,   u"usage_nice"_s,  u"usage_iowait"_s,
        u"usage_irq"_s,   u"usage_softirq"_s, u"usage_steal"_s,  u"usage_guest"_s, u"usage_guest_nice"_s,
    };
    return names;
}

std::optional<CpuChecksum> serverCpuChecksum(Client &client, const QString &database, QString *error)
{
    QStringList sums;
    for (const QString &field : cpuFieldNames())
        sums << u"sum(%1) AS %1"_s.arg(field);
    QueryOptions options;
    options.database = database;
    const auto result = blockOn(client.query(u"SELECT count(usage_user) AS n_rows, %1 FROM cpu"_s.arg(sums.join(u", "_s)), options));
    if (!result || result->firstError()) {
        *error = result ? result->firstError()->toString() : result.error().toString();
        return std::nullopt;
    }
    CpuChecksum checksum;
    if (result->statements.isEmpty() || result->statements.first().series.isEmpty()) {
        checksum.rows = 0;
        return checksum;
    }
    const Frame &frame = result->statements.first().series.first();
    const Column *rows = frame.column(u"n_rows"_s);
    if (!rows || frame.rowCount() != 1) {
        *error = u"no count in the answer"_s;
        return std::nullopt;
    }
    checksum.rows = rows->value(0).toLongLong();
    for (int f = 0; f < cpuFields; ++f) {
        const Column *sum = frame.column(cpuFieldNames()[size_t(f)]);
        if (!sum) {
            *error = u"no sum of "_s + cpuFieldNames()[size_t(f)];
            return std::nullopt;
        }
        checksum.sums[size_t(f)] = sum->value(0).toDouble();
    }
    return checksum;
}

QString compareCpuChecksum(const QueryResult &result, const CpuChecksum &expected)
{
    if (result.rowCount() != expected.rows)
        return u"%1 rows, the server counts %2"_s.arg(result.rowCount()).arg(expected.rows);
    std::array<double, cpuFields> sums{};
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            for (int f = 0; f < cpuFields; ++f) {
                const Column *column = frame.column(cpuFieldNames()[size_t(f)]);
                if (!column || column->type() != ColumnType::Float)
                    return u"no float column "_s + cpuFieldNames()[size_t(f)];
                for (double v : column->values<double>())
                    sums[size_t(f)] += v;
            }
        }
    }
    for (int f = 0; f < cpuFields; ++f) {
        const double want = expected.sums[size_t(f)];
        if (std::abs(sums[size_t(f)] - want) > 1e-9 * std::max(1.0, std::abs(want)))
            return u"sum of %1 is %2, the server's %3"_s.arg(cpuFieldNames()[size_t(f)]).arg(sums[size_t(f)], 0, 'g', 17).arg(want, 0, 'g', 17);
    }
    return {};
}

Result<void> loadCpuData(Client &client, const QString &database, qint64 n, int seed, const QString &genData)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error(Error::Kind::Io, u"no temporary directory"_s);
    QProcess python;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PYENV_VERSION"_s, u"system"_s);
    python.setProcessEnvironment(env);
    python.start(u"python3"_s, {genData, u"--shape"_s, u"cpu"_s, u"-n"_s, QString::number(n), u"--seed"_s, QString::number(seed),
                                u"--format"_s, u"lp"_s, u"--batch"_s, u"100000"_s, u"--out-dir"_s, dir.path()});
    if (!python.waitForFinished(-1) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return Error(Error::Kind::Io, u"%1 failed: %2"_s.arg(genData, QString::fromLocal8Bit(python.readAllStandardError())));

    (void)blockOn(Administration(client).dropDatabase(database));
    if (auto created = blockOn(Administration(client).createDatabase(database)); !created)
        return created.error();
    WriteOptions options;
    options.database = database;
    for (const QString &name : QDir(dir.path()).entryList(QDir::Files, QDir::Name)) {
        QFile file(QDir(dir.path()).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return Error(Error::Kind::Io, u"cannot read "_s + file.fileName());
        if (const Result<void> written = blockOn(client.write(file.readAll(), options)); !written)
            return written.error();
    }
    QString error;
    const auto checksum = serverCpuChecksum(client, database, &error);
    if (!checksum || checksum->rows != n)
        return Error(Error::Kind::Server, u"%1 cpu points stored in %2, %3 written %4"_s.arg(checksum ? checksum->rows : -1).arg(database).arg(n).arg(error));
    const QByteArray mark = s_markMeasurement.toUtf8() + " source=\"" + markOf(n, seed).toUtf8() + "\" 0\n";
    return blockOn(client.write(mark, options));
}

bool ensureCpuData(Client &client, const QString &database, qint64 n, int seed, const QString &genData)
{
    if (storedMark(client, database) == markOf(n, seed)) {
        note(u"data already loaded (%1); load not measured"_s.arg(markOf(n, seed)));
        return true;
    }
    const auto start = std::chrono::steady_clock::now();
    if (auto loaded = loadCpuData(client, database, n, seed, genData); !loaded) {
        note(u"FAILED: loading the cpu data: "_s + loaded.error().toString());
        return false;
    }
    note(u"generated %1 cpu points with %2 (seed %3) and loaded them through Client::write in %4 s"_s.arg(n).arg(genData).arg(seed)
             .arg(secondsSince(start), 0, 'f', 1));
    return true;
}

} // namespace QInflux::Bench
