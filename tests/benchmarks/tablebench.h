#pragma once

#include <QtGlobal>

namespace QInflux::Bench {

struct TableArgs
{
    qint64 n = 10'000'000; ///< rows
    int repeats = 3;
};

/// `qinflux-bench table`: n rows (time, two floats, an integer, a tag string) in a Frame shown by
/// FrameTableModel in a QTableView (offscreen): the time to scroll one page and paint it
/// (table_qinflux_page_ms, median) and resident memory per loaded cell (table_qinflux_bytes_per_cell)
/// next to the columns' own bytes per cell. Needs a QApplication.
int benchTable(const TableArgs &args);

} // namespace QInflux::Bench
