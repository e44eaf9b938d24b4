#include "tablebench.h"

#include "benchoutput.h"

#include "framebuilder_p.h"
#include "models/frametablemodel.h"
#include "resultview/resultview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace QInflux::Bench {

namespace {

/// Bytes the columns themselves hold per cell: element sizes and validity masks, no slack.
double columnBytesPerCell(const Frame &frame)
{
    double bytes = frame.hasTime() ? double(frame.rowCount()) * sizeof(std::int64_t) : 0.0;
    for (qsizetype c = 0; c < frame.columnCount(); ++c) {
        const Column &column = frame.column(c);
        bytes += std::visit([](const auto &v) { return double(v.size() * sizeof(v.front())); }, column.storage());
        bytes += double(column.validity().size());
    }
    return bytes / double(frame.rowCount() * (frame.columnCount() + (frame.hasTime() ? 1 : 0)));
}

Frame makeFrame(qint64 rows)
{
    FrameBuilder builder(u"cpu"_s, {}, {u"usage_user"_s, u"usage_system"_s, u"count"_s, u"host"_s}, true);
    builder.reserve(rows);
    const QByteArray hosts[] = {"server01", "server02", "server03", "server04"};
    for (qint64 i = 0; i < rows; ++i) {
        builder.appendTime(1'700'000'000'000'000'000 + i * 1'000'000'007);
        bool ok = builder.appendFloat(0, double(i % 1000) / 7.0);
        ok = builder.appendFloat(1, double(i) * 0.001) && ok;
        ok = builder.appendInt(2, i) && ok;
        ok = builder.appendString(3, hosts[i % 4]) && ok;
        Q_ASSERT(ok);
        builder.endRow();
    }
    return builder.build();
}

/// Pages down from the middle (each page painted before the next), then random jumps (dragging the
/// scroll bar's handle); the milliseconds of each go to `pages` and `jumps`.
void measurePages(QTableView *table, int repeats, QRandomGenerator &random, std::vector<double> &pages,
                  std::vector<double> &jumps)
{
    QScrollBar *bar = table->verticalScrollBar();
    const int pageRows = bar->pageStep();
    for (int r = 0; r < repeats; ++r) {
        bar->setValue(bar->maximum() / 2 + r * 1000);
        table->viewport()->repaint();
        for (int i = 0; i < 100; ++i) {
            QElapsedTimer page;
            page.start();
            bar->setValue(bar->value() + pageRows);
            table->viewport()->repaint();
            pages.push_back(double(page.nsecsElapsed()) / 1e6);
        }
        for (int i = 0; i < 20; ++i) {
            QElapsedTimer jump;
            jump.start();
            bar->setValue(int(random.bounded(bar->maximum() + 1)));
            table->viewport()->repaint();
            jumps.push_back(double(jump.nsecsElapsed()) / 1e6);
        }
    }
}

} // namespace

int benchTable(const TableArgs &args)
{
    const qint64 before = currentRssKib() * 1024;
    QElapsedTimer timer;
    timer.start();
    const Frame frame = makeFrame(args.n);
    note(u"built %1 rows x %2 columns in %3 ms"_s.arg(args.n).arg(frame.columnCount() + 1).arg(timer.elapsed()));

    // The explorer's own results view, as a user sees it.
    ResultView view;
    view.resize(1280, 800);
    view.show();
    QApplication::processEvents();
    timer.restart();
    QueryResult result;
    result.statements.append(StatementResult{0, {frame}, {}, std::nullopt, false, {}});
    view.setResult(result);
    QApplication::processEvents();
    note(u"result shown in %1 ms"_s.arg(timer.elapsed()));
    QTableView *table = view.table();

    QRandomGenerator random(42);
    std::vector<double> pages;
    std::vector<double> jumps;
    measurePages(table, args.repeats, random, pages, jumps);
    const qint64 after = currentRssKib() * 1024;
    const qint64 cells = args.n * (frame.columnCount() + 1);
    const int pageRows = table->verticalScrollBar()->pageStep();
    std::sort(pages.begin(), pages.end());
    note(u"%1 rows per page, %2 pages: p95 %3 ms, max %4 ms; random jumps median %5 ms"_s.arg(pageRows)
             .arg(pages.size())
             .arg(pages[pages.size() * 95 / 100], 0, 'f', 3)
             .arg(pages.back(), 0, 'f', 3)
             .arg(median(jumps), 0, 'f', 3));
    const double columnBytes = columnBytesPerCell(frame);
    const double perCell = double(after - before) / double(cells);
    note(u"resident memory %1 MB for %2 cells; QHeaderView keeps 8 bytes per row of its own"_s
             .arg(double(after - before) / 1e6, 0, 'f', 1)
             .arg(cells));
    // For comparison: the same table with Qt's default delegate.
    std::vector<double> defaultPages, defaultJumps;
    table->setItemDelegate(new QStyledItemDelegate(table));
    measurePages(table, args.repeats, random, defaultPages, defaultJumps);
    emit("table_qinflux_page_ms", median(pages), "ms");
    emit("table_qt_default_delegate_page_ms", median(defaultPages), "ms");
    emit("table_qinflux_jump_ms", median(jumps), "ms");
    emit("table_qinflux_bytes_per_cell", perCell, "bytes");
    emit("table_column_bytes_per_cell", columnBytes, "bytes");
    emit("table_qinflux_memory_ratio", perCell / columnBytes, "x");
    return 0;
}

} // namespace QInflux::Bench
