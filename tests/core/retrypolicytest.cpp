#include <QInflux/clientsettings.h>
#include <QInflux/retrypolicy.h>

#include <QTest>

#include <set>

using namespace std::chrono_literals;
using namespace QInflux;

// The write retry schedule: defaults, backoff, the cap between retries and the jitter.
class RetryPolicyTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        // As influxdb-client-python/-java: 5 retries, 5 s doubling up to 125 s, 180 s in all, 20 % jitter.
        const RetryPolicy policy = ClientSettings().retry;
        QCOMPARE(policy.maxRetries, 5);
        QCOMPARE(policy.firstDelay, 5'000ms);
        QCOMPARE(policy.backoffBase, 2.0);
        QCOMPARE(policy.maxDelay, 125'000ms);
        QCOMPARE(policy.maxTotal, 180'000ms);
        QCOMPARE(policy.jitter, 0.2);
    }

    void backoffIsCapped()
    {
        const RetryPolicy policy;
        const std::chrono::milliseconds expected[] = {5'000ms, 10'000ms, 20'000ms, 40'000ms, 80'000ms, 125'000ms, 125'000ms};
        for (int retry = 1; retry <= 7; ++retry)
            QCOMPARE(policy.delayBefore(retry), expected[retry - 1]);
        RetryPolicy fast;
        fast.firstDelay = 100ms;
        fast.backoffBase = 3.0;
        fast.maxDelay = 500ms;
        QCOMPARE(fast.delayBefore(1), 100ms);
        QCOMPARE(fast.delayBefore(2), 300ms);
        QCOMPARE(fast.delayBefore(3), 500ms);
        QCOMPARE(fast.delayBefore(30), 500ms);
    }

    void jitterStaysWithinItsBand()
    {
        const RetryPolicy policy;
        std::set<qint64> seen;
        qint64 below = 0, above = 0;
        for (int i = 0; i < 2'000; ++i) {
            const qint64 ms = policy.jitteredDelayBefore(2).count(); // around 10 s
            QVERIFY2(ms >= 8'000 && ms <= 12'000, qPrintable(QString::number(ms)));
            seen.insert(ms);
            (ms < 10'000 ? below : above) += 1;
        }
        // Really random, on both sides: two thousand draws are neither one value nor one-sided.
        QVERIFY(seen.size() > 500);
        QVERIFY(below > 500 && above > 500);
        // The cap applies before the jitter: a capped delay still varies by up to 20 %.
        for (int i = 0; i < 200; ++i) {
            const qint64 ms = policy.jitteredDelayBefore(10).count();
            QVERIFY2(ms >= 100'000 && ms <= 150'000, qPrintable(QString::number(ms)));
        }
        RetryPolicy none;
        none.jitter = 0;
        QCOMPARE(none.jitteredDelayBefore(3), 20'000ms);
    }
};

QTEST_GUILESS_MAIN(RetryPolicyTest)
#include "retrypolicytest.moc"
