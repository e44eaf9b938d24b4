#include "serializebench.h"

#include "alloccount.h"
#include "benchoutput.h"
#include "tradedata.h"

#include <QInflux/lineprotocol.h>
#include <QInflux/schema.h>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstring>
#include <functional>

#if defined(__linux__)
#include <sys/mman.h>
#endif

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

// Everything that must hold for an output; empty when it is right.
QStringList checkOutput(const LineProtocol::Output &out, const TradeSet &set, std::int64_t expectedBytes)
{
    QStringList problems;
    const auto n = qsizetype(set.trades.size());
    if (!out.problems.isEmpty())
        problems << LineProtocol::describeProblems(out.problems, n);
    if (out.points != n)
        problems << u"%1 points written, expected %2"_s.arg(out.points).arg(n);
    const qsizetype lines = std::count(out.lines.cbegin(), out.lines.cend(), '\n');
    if (lines != n || (n > 0 && !out.lines.endsWith('\n')))
        problems << u"%1 lines, expected %2 newline-terminated lines"_s.arg(lines).arg(n);
    if (out.lines.size() != expectedBytes)
        problems << u"%1 bytes, expected %2"_s.arg(out.lines.size()).arg(expectedBytes);
    if (problems.isEmpty() && n > 0) {
        for (qsizetype index : {qsizetype(0), n / 2, n - 1}) {
            const QString why = checkLine(out.lines, index, set.trades[size_t(index)]);
            if (!why.isEmpty())
                problems << why;
        }
    }
    return problems;
}

// Seconds to write every byte of a fresh anonymous mapping of `bytes` (what a new output buffer of
// that size costs in page faults before a single line is written); -1 where not measured.
double freshBufferTouchSeconds(qsizetype bytes)
{
#if defined(__linux__)
    void *map = mmap(nullptr, size_t(bytes), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return -1;
    const auto start = std::chrono::steady_clock::now();
    std::memset(map, 'x', size_t(bytes));
    const double seconds = secondsSince(start);
    munmap(map, size_t(bytes));
    return seconds;
#else
    Q_UNUSED(bytes);
    return -1;
#endif
}

QString firstLine(const QByteArray &lines)
{
    const qsizetype eol = lines.indexOf('\n');
    return QString::fromUtf8(lines.left(eol < 0 ? lines.size() : eol));
}

} // namespace

int benchSerialize(const SerializeArgs &args)
{
    QTemporaryDir scratch;
    QString csvPath = args.csv;
    if (csvPath.isEmpty()) {
        if (!scratch.isValid()) {
            note(u"cannot create a temporary directory"_s);
            return 1;
        }
        csvPath = scratch.filePath(u"trades.csv"_s);
        note(u"no --csv given: generating the data with PYENV_VERSION=system python3 %1 --shape trade -n %2 --seed %3 "
             "--format csv --out %4"_s.arg(args.genData).arg(args.n).arg(args.seed).arg(csvPath));
        QString error;
        if (!generateTradeCsv(args.genData, args.n, args.seed, csvPath, &error)) {
            note(u"FAILED: "_s + error);
            return 1;
        }
    }
    QElapsedTimer loadTimer;
    loadTimer.start();
    QString error;
    const std::optional<TradeSet> loaded = loadTradeCsv(csvPath, &error);
    if (!loaded) {
        note(u"FAILED: "_s + error);
        return 1;
    }
    const TradeSet &set = *loaded;
    const auto n = qint64(set.trades.size());
    if (args.nGiven && !args.csv.isEmpty() && n != args.n) {
        note(u"FAILED: %1 holds %2 rows, but -n %3 was asked for"_s.arg(csvPath).arg(n).arg(args.n));
        return 1;
    }
    if (n == 0) {
        note(u"FAILED: no rows in %1"_s.arg(csvPath));
        return 1;
    }
    const Frame frame = toFrame(set.trades);
    const QList<Point> points = toPoints(set.trades);
    note(u"n=%1 repeats=%2 csv=%3 (loaded into structs, a Frame and Points in %4 s, not timed) qt=%5 build=%6"_s.arg(n)
             .arg(args.repeats)
             .arg(csvPath)
             .arg(double(loadTimer.elapsed()) / 1000, 0, 'f', 2)
             .arg(QString::fromLatin1(qVersion()), QStringLiteral(QINFLUX_BENCH_BUILD_TYPE)));
    // Python's repr writes "43000.0" where std::to_chars writes "43000" (the same float to the server);
    // the tag order (instrument, side, source) changes no byte count.
    const std::int64_t expectedBytes = set.referenceBytes - set.reprExtraBytes;
    note(u"reference (gen_data.lp_lines) = %1 bytes; ours are %2 bytes fewer because Python's float "
         "repr writes prices like 43000.0 where the shortest round-trip form is 43000 (the same float to the server), "
         "so %3 bytes are expected"_s.arg(set.referenceBytes)
             .arg(set.reprExtraBytes)
             .arg(expectedBytes));

    LineProtocol::Options frameOptions;
    frameOptions.measurement = u"Trade"_s;
    frameOptions.tagColumns = QStringList{u"instrument"_s, u"source"_s, u"side"_s};

    struct Case
    {
        const char *name;
        std::function<LineProtocol::Output()> run;
    };
    const Case cases[] = {
        {"ser_qinflux_schema", [&] { return LineProtocol::serialize(set.trades); }},
        {"ser_qinflux_frame", [&] { return LineProtocol::serialize(frame, frameOptions); }},
        {"ser_qinflux_point", [&] { return LineProtocol::serialize(points); }},
    };
    int failures = 0;
    for (const Case &c : cases) {
        const QString name = QString::fromLatin1(c.name);
        // One untimed first call, then the timed ones. Each call returns a new Output; the previous
        // one is released before the next call, so the allocator can hand the same memory back (an
        // application serializing batch after batch). The first call also pays for the first
        // touch of its output buffer's pages: reported apart, as <name>_first_s.
        LineProtocol::Output last;
        const auto firstStart = std::chrono::steady_clock::now();
        last = c.run();
        const double first = secondsSince(firstStart);
        std::vector<double> times;
        for (int r = 0; r < args.repeats; ++r) {
            last = {};
            const auto start = std::chrono::steady_clock::now();
            LineProtocol::Output out = c.run();
            times.push_back(secondsSince(start));
            last = std::move(out);
        }
        const QStringList problems = checkOutput(last, set, expectedBytes);
        if (!problems.isEmpty()) {
            note(u"%1 FAILED: %2"_s.arg(name, problems.join(u"; "_s)));
            emitCount((name + u"_error"_s).toLatin1().constData(), 1, "failed");
            ++failures;
            continue;
        }
        const double med = median(times);
        note(u"%1: first call %2 s, then runs=%3 first line: %4"_s.arg(name)
                 .arg(first, 0, 'f', 3)
                 .arg(formatRuns(times), firstLine(last.lines)));
        emit((name + u"_pps"_s).toLatin1().constData(), double(n) / med, "points/s");
        emit((name + u"_mbps"_s).toLatin1().constData(), double(last.lines.size()) / med / 1e6, "MB/s");
        emit((name + u"_s"_s).toLatin1().constData(), med, "s");
        emitCount((name + u"_bytes"_s).toLatin1().constData(), last.lines.size(), "bytes");
        emit((name + u"_first_s"_s).toLatin1().constData(), first, "s");
        last = {};
        if (AllocationCounter::works()) {
            AllocationCounter counter;
            const LineProtocol::Output out = c.run();
            const std::int64_t allocations = counter.count();
            note(u"%1: one call allocates %2 times (%3 per point), output buffer included"_s.arg(name)
                     .arg(allocations)
                     .arg(double(allocations) / double(n), 0, 'g', 4));
            emitCount((name + u"_allocs"_s).toLatin1().constData(), allocations, "allocations/call");
        }
    }

    // The schema path in the steady state: one warm-up run grows the buffer; the second run, into the
    // same buffer cleared with its capacity kept, should not allocate at all.
    if (!AllocationCounter::works()) {
        note(u"allocation counting does not work in this build (malloc not replaced); skipped"_s);
    } else {
        QByteArray buffer;
        LineWriter writer(buffer);
        const LineProtocol::Options options;
        QString appendError;
        bool ok = true;
        for (const Trade &t : set.trades)
            ok = LineProtocol::append(writer, t, options, &appendError) && ok;
        const qsizetype capacity = buffer.capacity();
        buffer.resize(0);
        if (buffer.capacity() != capacity)
            note(u"WARNING: QByteArray::resize(0) released the buffer (%1 -> %2 bytes)"_s.arg(capacity).arg(buffer.capacity()));
        std::int64_t allocations = 0;
        std::vector<double> times;
        for (int r = 0; r < args.repeats; ++r) {
            buffer.resize(0);
            const auto start = std::chrono::steady_clock::now();
            AllocationCounter counter;
            for (const Trade &t : set.trades)
                ok = LineProtocol::append(writer, t, options, &appendError) && ok;
            allocations = std::max(allocations, counter.count());
            times.push_back(secondsSince(start));
        }
        if (!ok || buffer.size() != expectedBytes) {
            note(u"ser_qinflux_schema steady state FAILED: ok=%1 bytes=%2 expected %3 (%4)"_s.arg(ok).arg(buffer.size())
                     .arg(expectedBytes)
                     .arg(appendError));
            ++failures;
        }
        note(u"ser_qinflux_schema steady state: %1 points appended into a %2-byte buffer kept from a warm-up run "
             "(cleared, capacity kept): at most %3 allocations per run; runs=%4"_s.arg(n)
                 .arg(capacity)
                 .arg(allocations)
                 .arg(formatRuns(times)));
        emitCount("ser_qinflux_schema_steady_allocs", allocations, "allocations");
        emit("ser_qinflux_schema_steady_allocs_per_point", double(allocations) / double(n), "allocations/point");
        emit("ser_qinflux_schema_reuse_pps", double(n) / median(times), "points/s");
    }
    const double touch = freshBufferTouchSeconds(qsizetype(expectedBytes));
    if (touch >= 0) {
        note(u"this machine: writing a fresh %1-byte anonymous mapping once takes %2 s (page faults), and the "
             "same bytes again %3 s"_s.arg(expectedBytes)
                 .arg(touch, 0, 'f', 4)
                 .arg([&] {
                     QByteArray warm(qsizetype(expectedBytes), 'x');
                     const auto start = std::chrono::steady_clock::now();
                     std::memset(warm.data(), 'y', size_t(warm.size()));
                     return secondsSince(start);
                 }(), 0, 'f', 4));
        emit("ser_fresh_buffer_touch_s", touch, "s");
    }
    emitCount("ser_reference_lp_bytes", set.referenceBytes, "bytes");
    return failures ? 1 : 0;
}

} // namespace QInflux::Bench
