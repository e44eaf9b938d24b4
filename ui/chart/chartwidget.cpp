#include "chartwidget.h"

#include "timechartview.h"
#include "timeticks.h"

#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QMessageBox>
#include <QSaveFile>
#include <QScatterSeries>
#include <QSet>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace QInflux {

namespace {

constexpr std::int64_t kMinSpan = 10; // ns: the narrowest time range the axis shows
void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

} // namespace

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent)
{
    m_chart = new QChart;
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().base());
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setLabelColor(palette().color(QPalette::Text));
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_axisX = new QCategoryAxis;
    m_axisX->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_axisY = new QValueAxis;
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_axisX), static_cast<QAbstractAxis *>(m_axisY)}) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setTitleBrush(palette().text());
    }
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_cursorMark = new QScatterSeries;
    m_cursorMark->setMarkerSize(11);
    m_cursorMark->setColor(palette().color(QPalette::Highlight));
    m_cursorMark->setBorderColor(palette().color(QPalette::HighlightedText));
    m_chart->addSeries(m_cursorMark);
    m_cursorMark->attachAxis(m_axisX);
    m_cursorMark->attachAxis(m_axisY);
    hideFromLegend(m_chart, m_cursorMark);

    m_view = new TimeChartView(m_chart, this);
    m_columnBox = new QComboBox(this);
    m_columnBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_styleBox = new QComboBox(this);
    m_styleBox->addItem(tr("Line"), int(Style::Line));
    m_styleBox->addItem(tr("Step"), int(Style::Step));
    m_styleBox->addItem(tr("Scatter"), int(Style::Scatter));
    m_resetButton = new QToolButton(this);
    m_resetButton->setIcon(QIcon::fromTheme(u"zoom-original"_s, style()->standardIcon(QStyle::SP_BrowserReload)));
    m_resetButton->setText(tr("Reset zoom"));
    m_resetButton->setToolTip(tr("Show every point (Home)"));
    m_resetButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_exportButton = new QToolButton(this);
    m_exportButton->setIcon(QIcon::fromTheme(u"document-save-as"_s, style()->standardIcon(QStyle::SP_DialogSaveButton)));
    m_exportButton->setText(tr("Export PNG…"));
    m_exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cursorLabel->setObjectName(u"chartCursorLabel"_s);

    auto *columnLabel = new QLabel(tr("Co&lumn:"), this);
    columnLabel->setBuddy(m_columnBox);
    auto *styleLabel = new QLabel(tr("St&yle:"), this);
    styleLabel->setBuddy(m_styleBox);
    auto *top = new QHBoxLayout;
    top->addWidget(columnLabel);
    top->addWidget(m_columnBox);
    top->addWidget(styleLabel);
    top->addWidget(m_styleBox);
    top->addWidget(m_resetButton);
    top->addWidget(m_exportButton);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    auto *hint = new QLabel(tr("Drag: zoom · wheel, +/−: zoom time · Shift+drag, arrows: pan · Home: reset"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_cursorLabel, 1);
    bottom->addWidget(hint);
    layout->addLayout(bottom);

    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(0);
    connect(m_redrawTimer, &QTimer::timeout, this, &ChartWidget::redraw);
    connect(m_columnBox, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (!m_updating)
            setColumn(name);
    });
    connect(m_styleBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setChartStyle(Style(m_styleBox->itemData(index).toInt())); });
    connect(m_resetButton, &QToolButton::clicked, this, &ChartWidget::resetZoom);
    connect(m_exportButton, &QToolButton::clicked, this, &ChartWidget::chooseExportFile);
    connect(m_axisX, &QValueAxis::rangeChanged, this, &ChartWidget::onAxisXChanged);
    connect(m_axisY, &QValueAxis::rangeChanged, this, [this] {
        if (!m_updating)
            m_yAuto = false; // the user zoomed or panned the values
    });
    connect(m_chart, &QChart::plotAreaChanged, this, &ChartWidget::scheduleRedraw);
    connect(m_view, &TimeChartView::zoomRequested, this, &ChartWidget::zoom);
    connect(m_view, &TimeChartView::panRequested, this, &ChartWidget::pan);
    connect(m_view, &TimeChartView::resetRequested, this, &ChartWidget::resetZoom);
    connect(m_view, &TimeChartView::cursorMoved, this, &ChartWidget::trackCursor);
    connect(m_view, &TimeChartView::cursorLeft, this, [this] {
        m_cursorPos.reset();
        m_cursorLabel->clear();
        m_cursorMark->clear();
    });
    clear();
}

ChartWidget::~ChartWidget() = default;

void ChartWidget::clear()
{
    setResult({});
}

void ChartWidget::setResult(const QueryResult &result)
{
    m_result = result;
    QStringList names;
    for (const StatementResult &statement : result.statements) {
        for (const Frame &frame : statement.series) {
            if (!frame.hasTime())
                continue;
            for (qsizetype c = 0; c < frame.columnCount(); ++c) {
                const Column &column = frame.column(c);
                if (ChartSeries::isNumeric(column) && !names.contains(column.name()))
                    names.append(column.name());
            }
        }
    }
    const QString previous = column();
    m_updating = true;
    m_columnBox->clear();
    m_columnBox->addItems(names);
    m_columnBox->setEnabled(names.size() > 1);
    m_columnBox->setCurrentText(names.contains(previous) ? previous : names.value(0));
    m_updating = false;
    m_seriesPending = !isVisible();
    if (!m_seriesPending) {
        setColumn(column());
    } else if (!m_series.empty()) {
        m_series.clear(); // let the old result's memory go now
        rebuild();
    }
}

void ChartWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_seriesPending)
        setColumn(column());
}

QStringList ChartWidget::columns() const
{
    QStringList names;
    for (int i = 0; i < m_columnBox->count(); ++i)
        names.append(m_columnBox->itemText(i));
    return names;
}

QString ChartWidget::column() const
{
    return m_columnBox->currentText();
}

void ChartWidget::setColumn(const QString &name)
{
    m_seriesPending = false;
    m_updating = true;
    m_columnBox->setCurrentText(name);
    m_updating = false;

    // The series that have this column, named by what tells them apart.
    struct Candidate
    {
        int statement;
        Frame frame;
        qsizetype column;
    };
    QList<Candidate> candidates;
    QSet<QString> measurements;
    for (const StatementResult &statement : m_result.statements) {
        for (const Frame &frame : statement.series) {
            const qsizetype c = frame.hasTime() ? frame.indexOf(name) : -1;
            if (c < 0 || !ChartSeries::isNumeric(frame.column(c)))
                continue;
            candidates.append({statement.statementId, frame, c});
            measurements.insert(frame.name());
        }
    }
    m_series.clear();
    QSet<QString> used;
    for (const Candidate &candidate : candidates) {
        QString label;
        if (measurements.size() > 1 || candidate.frame.tags().isEmpty()) {
            label = candidate.frame.seriesKey();
        } else {
            QStringList tags;
            for (const auto &[key, value] : candidate.frame.tags())
                tags.append(key + u'=' + value);
            label = tags.join(u',');
        }
        if (label.isEmpty())
            label = name;
        if (used.contains(label))
            label = tr("%1 (statement %2)").arg(label).arg(candidate.statement);
        used.insert(label);
        m_series.push_back(std::make_unique<ChartSeries>(label, candidate.frame, candidate.column));
    }

    m_fullFrom = std::numeric_limits<std::int64_t>::max();
    m_fullTo = std::numeric_limits<std::int64_t>::min();
    for (const auto &series : m_series) {
        if (series->size() == 0)
            continue;
        m_fullFrom = std::min(m_fullFrom, series->time(0));
        m_fullTo = std::max(m_fullTo, series->time(series->size() - 1));
    }
    if (m_fullFrom > m_fullTo) {
        m_fullFrom = 0;
        m_fullTo = 1'000'000'000;
    } else if (m_fullTo - m_fullFrom < kMinSpan) {
        // One timestamp: a second around it.
        m_fullFrom -= 500'000'000;
        m_fullTo += 500'000'000;
    }
    m_origin = m_fullFrom;
    m_from = m_fullFrom;
    m_to = m_fullTo;
    m_yAuto = true;
    m_axisY->setTitleText(name);
    if (m_result.statements.isEmpty())
        m_chart->setTitle(tr("Run a query to chart its numeric columns over time."));
    else if (m_series.empty())
        m_chart->setTitle(tr("Nothing to chart: the result has no numeric column with a time."));
    else
        m_chart->setTitle({});
    rebuild();
}

void ChartWidget::setChartStyle(Style style)
{
    if (style == m_style)
        return;
    m_style = style;
    m_styleBox->setCurrentIndex(m_styleBox->findData(int(style)));
    rebuild();
}

void ChartWidget::rebuild()
{
    m_lines.clear();
    m_drawnRows.assign(m_series.size(), {});
    m_cursorMark->clear();
    m_cursorLabel->clear();
    for (qsizetype i = 0; i < qsizetype(m_series.size()); ++i) {
        auto line = std::make_unique<ChartLine>(m_chart, m_axisX, m_axisY, m_series[size_t(i)]->name(), m_style);
        for (QLegendMarker *marker : m_chart->legend()->markers(line->primary()))
            connect(marker, &QLegendMarker::clicked, this, [this, i] { setSeriesShown(i, !isSeriesShown(i)); });
        m_lines.push_back(std::move(line));
    }
    redraw();
}

int ChartWidget::plotPixels() const
{
    const int width = int(m_chart->plotArea().width());
    return width > 1 ? width : std::max(100, m_view->width());
}

void ChartWidget::scheduleRedraw()
{
    m_redrawTimer->start();
}

void ChartWidget::setTimeRange(std::int64_t from, std::int64_t to)
{
    if (to - from < kMinSpan) {
        const std::int64_t middle = from + (to - from) / 2;
        from = middle - kMinSpan / 2;
        to = from + kMinSpan;
    }
    m_from = from;
    m_to = to;
    redraw();
}

void ChartWidget::resetZoom()
{
    m_yAuto = true;
    setTimeRange(m_fullFrom, m_fullTo);
}

void ChartWidget::zoom(double factor, qreal viewX)
{
    const QRectF plot = m_chart->plotArea();
    const qreal chartX = m_chart->mapFromScene(m_view->mapToScene(QPoint(int(viewX), 0))).x();
    const double fraction = plot.width() > 0 ? std::clamp((chartX - plot.left()) / plot.width(), 0.0, 1.0) : 0.5;
    // Offsets from m_from in doubles, absolute times in integers: a double holds an epoch time to 256 ns only.
    const double span = double(m_to - m_from);
    // Zooming out stops at four times the data's range (and far from the ends of int64).
    const double widest = 4.0 * double(m_fullTo - m_fullFrom) + 1e9;
    factor = std::min(factor, widest / span);
    const std::int64_t center = m_from + std::llround(fraction * span);
    setTimeRange(center - std::llround(fraction * span * factor), center + std::llround((1.0 - fraction) * span * factor));
}

void ChartWidget::pan(qreal dx, qreal dy)
{
    m_chart->scroll(dx, dy); // moves the axes; onAxisXChanged() redraws
}

void ChartWidget::onAxisXChanged(qreal min, qreal max)
{
    if (m_updating)
        return;
    m_from = m_origin + std::llround(min);
    m_to = std::max<std::int64_t>(m_from + kMinSpan, m_origin + std::llround(max));
    scheduleRedraw();
}

QList<QXYSeries *> ChartWidget::dataSeries() const
{
    QList<QXYSeries *> result;
    for (const auto &line : m_lines)
        result.append(line->primary());
    return result;
}

qsizetype ChartWidget::drawnPointCount(qsizetype index) const
{
    return index >= 0 && index < qsizetype(m_lines.size()) ? m_lines[size_t(index)]->pointCount() : 0;
}

bool ChartWidget::isSeriesShown(qsizetype index) const
{
    return index >= 0 && index < qsizetype(m_lines.size()) && m_lines[size_t(index)]->isShown();
}

void ChartWidget::setSeriesShown(qsizetype index, bool shown)
{
    if (index < 0 || index >= qsizetype(m_lines.size()))
        return;
    m_lines[size_t(index)]->setShown(shown);
    m_lines[size_t(index)]->updateLegendMarker(palette());
    m_cursorMark->clear();
    m_cursorLabel->clear();
    redraw(); // the value range follows the shown series
}

QString ChartWidget::cursorText() const
{
    return m_cursorLabel->text();
}

Result<void> ChartWidget::exportPng(const QString &path)
{
    const QImage image = m_view->grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Error::Kind::Io, tr("Cannot write the chart to %1: %2").arg(path, file.errorString()));
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        file.cancelWriting();
        return Error(Error::Kind::Io, tr("Cannot write the chart to %1: %2").arg(path, writer.errorString()));
    }
    if (!file.commit())
        return Error(Error::Kind::Io, tr("Cannot write the chart to %1: %2").arg(path, file.errorString()));
    return {};
}

void ChartWidget::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Chart as PNG"), {}, tr("PNG images (*.png)"));
    dialog->setObjectName(u"chartExportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"png"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        const Result<void> written = exportPng(path);
        if (written)
            return;
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), written.error().message(), QMessageBox::Ok, this);
        box->setObjectName(u"chartExportError"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    dialog->open();
}

void ChartWidget::redraw()
{
    m_redrawTimer->stop();
    m_updating = true;
    const int pixels = plotPixels();
    double yMin = std::numeric_limits<double>::infinity();
    double yMax = -yMin;

    // First the points of every line, then the axes, then the points into Qt Charts: each change of
    // an axis or of a series' points makes Qt Charts recompute that series' geometry, so the axes
    // change while the series are empty and every series is filled once.
    std::vector<ChartLine::Pieces> pieces(m_lines.size());
    for (size_t i = 0; i < m_lines.size(); ++i) {
        const ChartSeries &series = *m_series[i];
        const bool shown = m_lines[i]->isShown();
        Downsampler::Result sample = series.downsampler().downsample(m_from, m_to, pixels);
        QList<QPointF> points;
        points.reserve(qsizetype(sample.rows.size()));
        for (qsizetype row : sample.rows) {
            const std::int64_t t = series.time(row);
            const double v = series.value(row);
            points.append(QPointF(toX(t), v));
            if (shown && t >= m_from && t <= m_to) {
                yMin = std::min(yMin, v);
                yMax = std::max(yMax, v);
            }
        }
        pieces[i] = ChartLine::split(points, sample.runStarts, m_style);
        m_drawnRows[i] = std::move(sample.rows);
    }

    for (const auto &line : m_lines)
        line->clear();
    m_cursorMark->clear();
    m_axisX->setRange(toX(m_from), toX(m_to));
    updateTimeAxis();
    if (m_yAuto) {
        if (!std::isfinite(yMin)) {
            yMin = 0;
            yMax = 1;
        }
        const double pad = yMax > yMin ? (yMax - yMin) * 0.05 : std::max(1.0, std::abs(yMin) * 0.05);
        m_axisY->setRange(yMin - pad, yMax + pad);
        m_axisY->applyNiceNumbers();
    }
    for (size_t i = 0; i < m_lines.size(); ++i) {
        m_lines[i]->setPieces(pieces[i]);
        m_lines[i]->updateLegendMarker(palette());
    }
    m_updating = false;
    if (m_cursorPos)
        trackCursor(*m_cursorPos); // the nearest point may have changed
    ++m_redraws;
    Q_EMIT redrawn();
}

void ChartWidget::updateTimeAxis()
{
    // Every remove() and append() relays the axis out: do them quietly, then announce them once.
    m_axisX->blockSignals(true);
    const QStringList old = m_axisX->categoriesLabels();
    for (const QString &label : old)
        m_axisX->remove(label);
    const double span = double(m_to - m_from);
    m_axisX->setStartValue(toX(m_from) - std::max(1.0, span * 1e-6));
    for (const TimeTicks::Tick &tick : TimeTicks::ticks(m_from, m_to, std::max(2, plotPixels() / 120)))
        m_axisX->append(tick.label, toX(tick.time));
    m_axisX->blockSignals(false);
    Q_EMIT m_axisX->categoriesChanged();
    m_axisX->setTitleText(tr("UTC, %1 to %2").arg(TimeTicks::fullPrecision(m_from), TimeTicks::fullPrecision(m_to)));
}

void ChartWidget::trackCursor(QPointF viewPos)
{
    m_cursorPos = viewPos;
    const QPointF pos = m_chart->mapFromScene(m_view->mapToScene(viewPos.toPoint()));
    const QRectF plot = m_chart->plotArea();
    if (!plot.adjusted(-2, -2, 2, 2).contains(pos) || m_to <= m_from || m_axisY->max() <= m_axisY->min()) {
        m_cursorLabel->clear();
        m_cursorMark->clear();
        return;
    }
    // The drawn point nearest in pixels; drawn points are real rows, so a spike's time is exact.
    const double xPerPixel = double(m_to - m_from) / plot.width();
    const double yPerPixel = (m_axisY->max() - m_axisY->min()) / plot.height();
    const double cursorX = toX(m_from) + (pos.x() - plot.left()) * xPerPixel;
    const double cursorY = m_axisY->max() - (pos.y() - plot.top()) * yPerPixel;
    double best = std::numeric_limits<double>::infinity();
    qsizetype bestSeries = -1, bestRow = -1;
    for (size_t i = 0; i < m_lines.size(); ++i) {
        if (!m_lines[i]->isShown())
            continue;
        const ChartSeries &series = *m_series[i];
        for (qsizetype row : m_drawnRows[i]) {
            const double dx = (toX(series.time(row)) - cursorX) / xPerPixel;
            const double dy = (series.value(row) - cursorY) / yPerPixel;
            const double d = dx * dx + dy * dy;
            if (d < best) {
                best = d;
                bestSeries = qsizetype(i);
                bestRow = row;
            }
        }
    }
    if (bestSeries < 0) {
        m_cursorLabel->clear();
        m_cursorMark->clear();
        return;
    }
    const ChartSeries &series = *m_series[size_t(bestSeries)];
    const QVariant value = series.exactValue(bestRow);
    m_cursorLabel->setText(tr("%1  ·  %2  ·  %3 = %4")
                               .arg(series.name(), TimeTicks::fullPrecision(series.time(bestRow)),
                                    series.column().name(), value.toString()));
    m_cursorMark->replace(QList<QPointF>{QPointF(toX(series.time(bestRow)), series.value(bestRow))});
}

} // namespace QInflux
