// FrameTableModel at 10M rows: memory per cell and the cost of data(), with a real QTableView.

#include "framebuilder_p.h"
#include "models/frametablemodel.h"
#include "offscreen.h"

#include <QElapsedTimer>

#include <numeric>
#include <QFile>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {

constexpr qsizetype s_rows = 10'000'000;

/// Resident memory of this process in bytes.
qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

} // namespace

class FrameTableModelLargeTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenMillionRows()
    {
        const qint64 before = residentBytes();
        QVERIFY(before > 0);
        FrameBuilder builder(u"cpu"_s, {}, {u"usage"_s, u"count"_s}, true);
        builder.reserve(s_rows);
        for (qsizetype i = 0; i < s_rows; ++i) {
            builder.appendTime(1'700'000'000'000'000'000 + i * 1'000'000'007);
            QVERIFY(builder.appendFloat(0, double(i) * 0.25));
            QVERIFY(builder.appendInt(1, i));
            builder.endRow();
        }
        const Frame frame = builder.build();
        const qint64 cells = s_rows * 3;
        const double columnBytesPerCell = 8.0; // int64 times, doubles, int64s
        const qint64 built = residentBytes();

        FrameTableModel model;
        model.setFrame(frame);
        QCOMPARE(model.rowCount(), int(s_rows));
        const qint64 modelBytes = residentBytes() - built;
        // The model keeps nothing per row.
        QVERIFY2(modelBytes < 1 << 20, qPrintable(u"the model added %1 bytes"_s.arg(modelBytes)));

        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(20);
        view.setModel(&model);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.viewport()->grab();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
        view.viewport()->grab();
        QVERIFY(view.rowAt(0) > s_rows - 100);
        const qint64 shown = residentBytes();

        // QTableView's vertical QHeaderView keeps one 8-byte section item per row (Qt's own cost,
        // whatever the model); everything together stays within 1.5x the column bytes.
        const qint64 viewBytes = shown - built - modelBytes;
        QVERIFY2(viewBytes < s_rows * 12, qPrintable(u"the view added %1 bytes"_s.arg(viewBytes)));
        const double perCell = double(shown - before) / double(cells);
        QVERIFY2(perCell <= 1.5 * columnBytesPerCell, qPrintable(u"%1 bytes per cell"_s.arg(perCell)));
        qInfo("memory per loaded cell: %.2f bytes (column bytes %.0f); model %lld bytes, view %lld bytes", perCell,
              columnBytesPerCell, modelBytes, viewBytes);

        // data() formats on demand in O(1): random cells anywhere in the 10M rows.
        constexpr int calls = 300'000;
        QRandomGenerator random(42);
        qsizetype chars = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < calls; ++i) {
            const QModelIndex index = model.index(int(random.bounded(int(s_rows))), int(random.bounded(3)));
            chars += model.data(index).toString().size();
        }
        const double microseconds = double(timer.nsecsElapsed()) / 1e3 / calls;
        QVERIFY(chars > calls);
        qInfo("data(): %.3f us per call", microseconds);
        QVERIFY2(microseconds < 20.0, qPrintable(u"data() took %1 us per call"_s.arg(microseconds)));
        QCOMPARE(model.data(model.index(int(s_rows) - 1, 2)).toString(), QString::number(s_rows - 1));
    }

    void streamedParts()
    {
        // A streamed run: 1000 chunks of 10,000 rows appended to the shown series, the view painting
        // after each. Every append costs the same however many rows are already there.
        constexpr int chunks = 1'000;
        constexpr qsizetype chunkRows = 10'000;
        FrameBuilder builder(u"cpu"_s, {}, {u"usage"_s}, true);
        builder.reserve(chunkRows);
        for (qsizetype i = 0; i < chunkRows; ++i) {
            builder.appendTime(i);
            QVERIFY(builder.appendFloat(0, double(i)));
            builder.endRow();
        }
        const Frame part = builder.build();
        FrameTableModel model;
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.setModel(&model);
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        std::vector<double> ms;
        for (int c = 0; c < chunks; ++c) {
            QElapsedTimer timer;
            timer.start();
            model.appendFrame(part);
            view.viewport()->repaint();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        QCOMPARE(model.rowCount(), int(chunks * chunkRows));
        QCOMPARE(model.partCount(), qsizetype(chunks));
        QCOMPARE(model.data(model.index(int(chunks * chunkRows) - 1, 1)).toString(), u"9999"_s);
        const double early = std::accumulate(ms.begin(), ms.begin() + 100, 0.0) / 100;
        const double late = std::accumulate(ms.end() - 100, ms.end(), 0.0) / 100;
        qInfo("append + paint: %.3f ms per chunk for the first 100 chunks, %.3f ms for the last 100", early, late);
    }
};

QTEST_MAIN(FrameTableModelLargeTest)
#include "frametablemodellargetest.moc"
