#include <QInflux/blockingclient.h>
#include "connectedwindow.h"
#include "editor/queryeditor.h"
#include "editor/querytab.h"
#include "editor/querytabwidget.h"
#include "faultserver.h"
#include "history/queryhistory.h"
#include "influxfixture.h"
#include "mainwindow/mainwindow.h"
#include "resultview/resultview.h"
#include "timerange/timerangebutton.h"
#include "timerange/timerangedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

namespace {
constexpr qint64 s_second = 1'000'000'000LL;
constexpr qint64 s_minute = 60 * s_second;
constexpr qint64 s_hour = 60 * s_minute;
} // namespace

/// The explorer's time range against a real influxd: the toolbar control, per-tab ranges, the
/// expanded statement in runs and history, live refresh (a fault server only for the slow answer).
class TimeRangeUiTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;
    qint64 m_now = 0;

    std::unique_ptr<MainWindow> connectedWindow(const QString &url = {}, const QString &db = {})
    {
        return Test::connectedWindow(url.isEmpty() ? m_influx.url() : url, url.isEmpty() ? m_db : db);
    }

    /// The count(v) of the current tab's result ("" when none).
    static QString count(MainWindow &window)
    {
        const QueryResult &result = window.results()->result();
        if (result.statements.isEmpty() || result.statements.first().series.isEmpty())
            return {};
        return result.statements.first().series.first().column(0).value(0).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QFile::remove(QueryHistory::defaultPath());
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"timerangeui"_s);
        // Points 10 min, 2 h and 3 days ago, and 2026-10-25T00:30:00Z (02:30 CEST in Berlin) +- 1 ns.
        m_now = TimeRange::currentNs();
        QByteArray lines;
        for (const qint64 t : {m_now - 10 * s_minute, m_now - 2 * s_hour, m_now - 72 * s_hour, 1792888200LL * s_second - 1,
                               1792888200LL * s_second, 1792888200LL * s_second + 1})
            lines += "m v=1 " + QByteArray::number(t) + '\n';
        QVERIFY(BlockingClient(m_influx.settings(m_db)).write(lines).ok());
    }

    void presetsSetTheTabRangeAndRerun()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        QueryTab *tab = window->queryTabs()->currentTab();
        QCOMPARE(tab->timeRange(), TimeRange::last(s_hour)); // the default
        TimeRangeButton *button = window->timeRangeButton();
        QVERIFY(button);
        QCOMPARE(button->text(), u"Last 1 hour"_s);

        const QString text = u"SELECT count(v) FROM m WHERE $timeFilter"_s;
        window->editor()->setPlainText(text);
        window->runQuery(text);
        QTRY_COMPARE(count(*window), u"1"_s);
        QVERIFY2(tab->lastQuery().startsWith(u"SELECT count(v) FROM m WHERE time >= "_s), qPrintable(tab->lastQuery()));
        QVERIFY(!tab->lastQuery().contains(u'$'));
        QCOMPARE(tab->lastTemplate(), text);
        QTRY_COMPARE(window->history()->rowCount(), 1);
        QCOMPARE(window->history()->entry(0).queryTemplate, text);
        QCOMPARE(window->history()->entry(0).query, tab->lastQuery());
        QCOMPARE(window->history()->index(0, 0).data(QueryHistory::TemplateRole).toString(), text);

        // The 6h preset re-runs the tab's template over the new range.
        auto *preset = button->menu()->findChild<QAction *>(u"preset_6h"_s);
        QVERIFY(preset);
        preset->trigger();
        QCOMPARE(tab->timeRange(), TimeRange::last(6 * s_hour));
        QCOMPARE(button->text(), u"Last 6 hours"_s);
        QTRY_COMPARE(count(*window), u"2"_s);
        QTRY_COMPARE(window->history()->rowCount(), 2);

        // Per tab: a new tab starts with the range of the current one; each keeps its own.
        QueryTab *second = window->queryTabs()->newTab();
        QCOMPARE(second->timeRange(), TimeRange::last(6 * s_hour));
        button->menu()->findChild<QAction *>(u"preset_7d"_s)->trigger();
        QCOMPARE(second->timeRange(), TimeRange::last(7 * 24 * s_hour));
        QCOMPARE(button->text(), u"Last 7 days"_s);
        window->queryTabs()->setCurrentWidget(tab);
        QCOMPARE(button->text(), u"Last 6 hours"_s);
        QVERIFY(button->menu()->findChild<QAction *>(u"preset_6h"_s)->isChecked());

        // The tabs' ranges are saved with their texts and come back.
        window->queryTabs()->saveTabs();
        QueryTabWidget restored(window->session(), window->completionModel());
        QCOMPARE(restored.count(), 2);
        QCOMPARE(restored.tab(0)->timeRange(), TimeRange::last(6 * s_hour));
        QCOMPARE(restored.tab(1)->timeRange(), TimeRange::last(7 * 24 * s_hour));
        QCOMPARE(restored.tab(0)->editor()->toPlainText(), text);
    }

    void customRangeInAZone()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        TimeRangeDialog *dialog = window->timeRangeButton()->openDialog();
        QVERIFY(dialog);
        QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
        dialog->zoneChooser()->setCurrentText(u"Europe/Berlin"_s);
        dialog->fromEdit()->setText(u"2026-10-25T02:30:00"_s); // first occurrence: 00:30Z
        dialog->toEdit()->setText(u"2026-10-25T02:29:00"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY2(dialog->statusLabel()->text().contains(u"is not before its end"_s), qPrintable(dialog->statusLabel()->text()));
        dialog->toEdit()->setText(u"2026-10-25T02:30:00.000000001"_s);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog->statusLabel()->text(), u"2026-10-25T00:30:00Z to 2026-10-25T00:30:00.000000001Z UTC"_s);
        dialog->fromEdit()->setText(u"2026-03-29T02:30:00"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->statusLabel()->text().contains(u"the clocks skip it"_s));
        dialog->fromEdit()->setText(u"2026-10-25T02:29:59.999999999"_s);
        QTest::mouseClick(ok, Qt::LeftButton);

        QueryTab *tab = window->queryTabs()->currentTab();
        QVERIFY(!tab->timeRange().isRelative());
        QCOMPARE(tab->timeZone().id(), QByteArray("Europe/Berlin"));
        QCOMPARE(window->timeRangeButton()->text(),
                 u"2026-10-25 02:29:59.999999999 to 2026-10-25 02:30:00.000000001 (Europe/Berlin)"_s);
        QVERIFY(!window->liveRefreshChooser()->isEnabled()); // live refresh is for relative ranges
        const QString text = u"SELECT count(v) FROM m WHERE $timeFilter"_s;
        window->runQuery(text);
        QTRY_COMPARE(count(*window), u"2"_s); // 00:29:59.999999999Z and 00:30:00Z
        QCOMPARE(tab->lastQuery(), u"SELECT count(v) FROM m WHERE time >= 1792888199999999999ns AND time < 1792888200000000001ns"_s);
    }

    void templateErrorIsShown()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        QueryTab *tab = window->queryTabs()->currentTab();
        QSignalSpy failed(window->queryTabs(), &QueryTabWidget::templateFailed);
        QVERIFY(!tab->run(u"SELECT * FROM m WHERE $timefilter"_s));
        QCOMPARE(failed.size(), 1);
        QVERIFY(!tab->isRunning());
        QTRY_VERIFY(window->findChild<QWidget *>(u"errorBox"_s));
    }

    void liveRefreshSlidesWithNow()
    {
        const auto window = connectedWindow();
        QVERIFY(window);
        QueryTab *tab = window->queryTabs()->currentTab();
        tab->setTimeRange(TimeRange::last(s_hour));
        QComboBox *live = window->liveRefreshChooser();
        QVERIFY(live->isEnabled());
        QCOMPARE(live->count(), 6);
        QCOMPARE(live->itemData(1).toInt(), 5000);
        live->setCurrentIndex(1);
        Q_EMIT live->activated(1);
        QCOMPARE(tab->refreshInterval(), 5000);
        // Nothing has run yet: the timer has nothing to refresh.
        tab->setRefreshInterval(30); // faster than any choice, for the test
        QSignalSpy started(tab->results(), &ResultView::runStarted);
        QVERIFY(tab->run(u"SELECT count(v) FROM m WHERE $timeFilter"_s));
        const QString first = tab->lastQuery();
        QTRY_VERIFY(tab->refreshesStarted() >= 3);
        QVERIFY(started.size() >= 4);
        QVERIFY(tab->lastQuery() != first); // the range slid with now
        // The table after a finished refresh (one may be on its way while the timer runs).
        tab->setRefreshInterval(0);
        QTRY_VERIFY(!tab->isRunning());
        QTRY_COMPARE(count(*window), u"1"_s);
        tab->setRefreshInterval(30);
        // An absolute range stops it.
        tab->setTimeRange(TimeRange::between(0, s_hour));
        QVERIFY(!live->isEnabled());
        QTRY_VERIFY(!tab->isRunning());
        const int runs = int(started.size());
        tab->setTimeRange(TimeRange::last(s_hour)); // and a relative one starts it again
        QTRY_VERIFY(started.size() > runs + 1);
        tab->setRefreshInterval(0);
    }

    void liveRefreshDoesNotStack()
    {
        // Every query is answered after 1.5 s; the refresh is due every 20 ms.
        Test::FaultServer server;
        QVERIFY(server.listen());
        server.setDefaultResponse(Test::FaultServer::influxPing());
        connect(&server, &Test::FaultServer::requestReceived, this, [&](int index) {
            if (server.requests().at(index).path != "/query")
                return;
            auto slow = Test::FaultServer::json(200, R"({"results":[{"statement_id":0}]})");
            slow.delay = std::chrono::milliseconds(1500);
            server.enqueue(slow);
        });
        const auto window = connectedWindow(server.url(), u"db"_s);
        QVERIFY(window);
        const auto queries = [&] {
            int n = 0;
            for (const auto &request : server.requests())
                n += request.path == "/query" && request.body.contains("live") ? 1 : 0; // q is a form field
            return n;
        };
        QueryTab *tab = window->queryTabs()->currentTab();
        tab->setTimeRange(TimeRange::last(s_hour));
        tab->setRefreshInterval(20);
        QVERIFY(tab->run(u"SELECT count(v) FROM live WHERE $timeFilter"_s));
        QTRY_VERIFY(tab->refreshesSkipped() >= 5);
        QCOMPARE(tab->refreshesStarted(), 0); // all skipped while the first run is in progress
        QCOMPARE(queries(), 1);
        QTRY_VERIFY(tab->refreshesStarted() >= 1); // the first answered, the next due starts
        // Each started refresh sent one query; none was sent beside a running one.
        QTRY_COMPARE(queries(), 1 + tab->refreshesStarted());
        tab->setRefreshInterval(0);
    }
};

QTEST_MAIN(TimeRangeUiTest)
#include "timerangeuitest.moc"
