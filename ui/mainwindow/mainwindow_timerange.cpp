// MainWindow's time range wiring: the toolbar's range and live refresh controls follow the current
// tab; choosing a range re-runs the tab's last query when it uses the range's macros.
#include "mainwindow.h"

#include <QInflux/querytemplate.h>
#include "editor/querytab.h"
#include "editor/querytabwidget.h"
#include "timerange/timerangebutton.h"

#include <QComboBox>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace QInflux {

void MainWindow::setupTimeRange(QToolBar *toolbar)
{
    toolbar->addSeparator();
    m_timeRangeButton = new TimeRangeButton(toolbar);
    toolbar->addWidget(m_timeRangeButton);
    m_liveChooser = new QComboBox(toolbar);
    m_liveChooser->setObjectName(u"liveRefreshChooser"_s);
    m_liveChooser->setToolTip(tr("Live: run the tab's last query again every few seconds while its range is relative "
                                 "(a run still in progress when the next is due is skipped)"));
    m_liveChooser->addItem(tr("Live: off"), 0);
    for (const int seconds : {5, 10, 30, 60, 300}) {
        m_liveChooser->addItem(seconds < 60 ? tr("Live: every %1 s").arg(seconds) : tr("Live: every %1 min").arg(seconds / 60),
                               seconds * 1000);
    }
    toolbar->addWidget(m_liveChooser);

    connect(m_timeRangeButton, &TimeRangeButton::rangeChosen, this, [this](const TimeRange &range, const QTimeZone &zone) {
        QueryTab *tab = m_tabs->currentTab();
        tab->setTimeZone(zone);
        tab->setTimeRange(range);
        if (QueryTemplate(tab->lastTemplate()).usesMacros())
            tab->rerun();
    });
    connect(m_liveChooser, &QComboBox::activated, this,
            [this](int index) { m_tabs->currentTab()->setRefreshInterval(m_liveChooser->itemData(index).toInt()); });
    connect(m_tabs, &QueryTabWidget::currentTabChanged, this, &MainWindow::showTabTimeRange);
    connect(m_tabs, &QueryTabWidget::timeRangeChanged, this, [this](QueryTab *tab) {
        if (tab == m_tabs->currentTab())
            showTabTimeRange();
    });
    connect(m_tabs, &QueryTabWidget::templateFailed, this,
            [this](QueryTab *, const Error &error) { showError(tr("Query not run"), error); });
    showTabTimeRange();
}

void MainWindow::showTabTimeRange()
{
    const QueryTab *tab = m_tabs->currentTab();
    m_timeRangeButton->setRange(tab->timeRange(), tab->timeZone());
    const bool relative = tab->timeRange().isRelative();
    const int index = m_liveChooser->findData(relative ? tab->refreshInterval() : 0);
    m_liveChooser->setCurrentIndex(index >= 0 ? index : 0);
    m_liveChooser->setEnabled(relative);
}

} // namespace QInflux
