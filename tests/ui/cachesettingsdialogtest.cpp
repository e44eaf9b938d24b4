#include "connections/cachesettings.h"
#include "cachesettings/cachesettingsdialog.h"
#include <QInflux/blockingclient.h>
#include "connections/connectionsession.h"
#include "editor/queryeditor.h"
#include "influxfixture.h"
#include "connectedwindow.h"
#include "mainwindow/mainwindow.h"
#include "offscreen.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace QInflux;

// The cache in the explorer: the per-connection toggle, miss then hit in the status line, refresh,
// and the settings dialog (stats, clear, apply) against a real influxd.
class CacheSettingsDialogTest : public QObject
{
    Q_OBJECT
private:
    Test::InfluxFixture m_influx;
    QString m_db;
    QTemporaryDir m_config;

    /// A shown window connected to the test database, its cache in `cacheDirectory`.
    std::unique_ptr<MainWindow> connectedWindow(const QString &cacheDirectory = {})
    {
        auto window = Test::connectedWindow(m_influx.url(), m_db);
        if (!window)
            return nullptr;
        if (!cacheDirectory.isEmpty()) {
            QueryCache::Options options = window->session()->cacheOptions();
            options.directory = cacheDirectory;
            window->session()->setCacheOptions(options);
        }
        return window;
    }

    static QString label(QWidget *parent, const QString &name)
    {
        auto *found = parent->findChild<QLabel *>(name);
        return found ? found->text() : u"<no label %1>"_s.arg(name);
    }

    /// Runs `query` (through `action` when given) and returns the cache status line's text.
    static QString run(MainWindow &window, const QString &query, QAction *action = nullptr)
    {
        QSignalSpy finished(&window, &MainWindow::queryFinished);
        if (action)
            action->trigger();
        else
            window.runQuery(query);
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, 10'000) || !finished.first().first().toBool())
            return u"<query failed>"_s;
        return label(&window, u"cacheStatus"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings and the cache's default folder point into temporary directories.
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.filePath(u"config"_s)));
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(m_influx.start(), qPrintable(m_influx.error()));
        m_db = m_influx.freshDatabase(u"cacheui"_s);
        BlockingClient client(m_influx.settings(m_db));
        QVERIFY(client.write("m,h=a v=1 1\nm,h=b v=2 2\n").ok());
    }

    void toggleMissHitRefresh()
    {
        QTemporaryDir dir;
        const auto connected = connectedWindow(dir.path());
        QVERIFY(connected);
        MainWindow &window = *connected;
        QCOMPARE(window.session()->cache(), nullptr); // off by default

        const QString query = u"SELECT v FROM m WHERE time < 10"_s;
        QCOMPARE(run(window, query), QString());

        auto *toggle = window.findChild<QAction *>(u"cacheResultsAction"_s);
        QVERIFY(toggle);
        QVERIFY(!toggle->isChecked());
        toggle->trigger();
        QVERIFY(window.session()->cacheEnabled());
        QVERIFY(window.session()->cache());
        QCOMPARE(run(window, query), u"Cache: miss (no entry)"_s);
        QCOMPARE(run(window, query), u"Cache: hit"_s);
        QCOMPARE(run(window, u"SHOW MEASUREMENTS"_s).left(18), u"Cache: not cached:"_s);

        // The tab's last query, refreshed: asked from the server again and stored again.
        QCOMPARE(run(window, query), u"Cache: hit"_s);
        auto *refresh = window.findChild<QAction *>(u"refreshAction"_s);
        QVERIFY(refresh && refresh->isEnabled());
        QCOMPARE(run(window, query, refresh), u"Cache: refreshed"_s);
        QCOMPARE(run(window, query), u"Cache: hit"_s);

        // The session's flag moves the toggle too; without the cache a refresh just asks the server.
        window.session()->setCacheEnabled(false);
        QVERIFY(!toggle->isChecked());
        QCOMPARE(run(window, query, refresh), QString());
        QCOMPARE(run(window, query), QString());
    }

    void dialogStatsAndClear()
    {
        QTemporaryDir dir;
        const auto connected = connectedWindow(dir.path());
        QVERIFY(connected);
        MainWindow &window = *connected;
        window.session()->setCacheEnabled(true);
        QCOMPARE(run(window, u"SELECT v FROM m WHERE time < 10"_s), u"Cache: miss (no entry)"_s);
        QCOMPARE(run(window, u"SELECT v FROM m WHERE time < 10"_s), u"Cache: hit"_s);
        QCOMPARE(run(window, u"SELECT v FROM m WHERE time < 5"_s), u"Cache: miss (no entry)"_s);
        // A second server identity's entry, which "Clear this connection" must keep.
        {
            QueryCache other(window.session()->cacheOptions());
            ClientSettings elsewhere = m_influx.settings(m_db);
            elsewhere.username = u"someone-else"_s;
            QVERIFY(other.store(CacheKey::make(elsewhere, u"SELECT 1"_s, {}), QueryResult()).ok());
        }

        auto *settings = window.findChild<QAction *>(u"cacheSettingsAction"_s);
        QVERIFY(settings);
        settings->trigger();
        CacheSettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<CacheSettingsDialog *>()));
        QSignalSpy stats(dialog, &CacheSettingsDialog::statsUpdated);
        QTRY_VERIFY(label(dialog, u"cacheEntries"_s) == u"3"_s);
        QCOMPARE(label(dialog, u"cacheHits"_s), u"1"_s);
        QCOMPARE(label(dialog, u"cacheMisses"_s), u"2"_s);
        QVERIFY(label(dialog, u"cacheBytes"_s).contains(u"bytes"_s));
        QCOMPARE(dialog->findChild<QLineEdit *>(u"cacheDirectory"_s)->text(), QDir::toNativeSeparators(dir.path()));

        QSignalSpy cleared(dialog, &CacheSettingsDialog::cleared);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"clearConnectionButton"_s), Qt::LeftButton);
        QTRY_COMPARE(cleared.size(), 1);
        QCOMPARE(cleared.first().first().toString(), u"Removed 2 entries."_s);
        QTRY_COMPARE(label(dialog, u"cacheEntries"_s), u"1"_s);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"clearAllButton"_s), Qt::LeftButton);
        QTRY_COMPARE(cleared.size(), 2);
        QCOMPARE(cleared.last().first().toString(), u"Removed 1 entries."_s);
        QTRY_COMPARE(label(dialog, u"cacheEntries"_s), u"0"_s);
        QCOMPARE(label(dialog, u"cacheHits"_s), u"0"_s); // clear() resets the counters
        QCOMPARE(run(window, u"SELECT v FROM m WHERE time < 10"_s), u"Cache: miss (no entry)"_s);
        dialog->close();
    }

    void applyWithoutRestart()
    {
        QTemporaryDir dir;
        const auto connected = connectedWindow();
        QVERIFY(connected);
        MainWindow &window = *connected;
        window.session()->setCacheEnabled(true);
        auto *dialog = new CacheSettingsDialog(window.session(), &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        auto *directory = dialog->findChild<QLineEdit *>(u"cacheDirectory"_s);

        directory->setText(u"relative/dir"_s);
        QVERIFY(!dialog->apply());
        QVERIFY(label(dialog, u"cacheMessage"_s).contains(u"absolute"_s));

        const QString wanted = dir.filePath(u"new/cache"_s);
        directory->clear();
        QTest::keyClicks(directory, wanted);
        dialog->findChild<QSpinBox *>(u"cacheSizeLimit"_s)->setValue(5);
        dialog->findChild<QSpinBox *>(u"cacheTimeToLive"_s)->setValue(2);
        QVERIFY(dialog->apply());
        QCOMPARE(window.session()->cacheOptions().directory, wanted);
        QCOMPARE(window.session()->cacheOptions().maxBytes, 5 * 1024 * 1024);
        QCOMPARE(window.session()->cacheOptions().timeToLive, std::chrono::seconds(120));
        const QueryCache::Options saved = CacheSettings::load();
        QCOMPARE(saved.directory, wanted);
        QCOMPARE(saved.maxBytes, 5 * 1024 * 1024);
        QCOMPARE(saved.timeToLive, std::chrono::seconds(120));

        // The next query uses the new folder.
        QCOMPARE(run(window, u"SELECT v FROM m WHERE time < 7"_s), u"Cache: miss (no entry)"_s);
        QCOMPARE(QueryCache(saved).stats().entries, 1);
        QCOMPARE(window.session()->cache()->directory(), wanted);
        dialog->close();

        // A new session starts from the saved settings.
        ConnectionSession fresh;
        QCOMPARE(fresh.cacheOptions().directory, wanted);
        QCOMPARE(fresh.cacheOptions().timeToLive, std::chrono::seconds(120));
    }
};

QTEST_MAIN(CacheSettingsDialogTest)
#include "cachesettingsdialogtest.moc"
