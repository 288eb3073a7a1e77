#include "shared/lograte.h"
#include "shared/logging.h"

#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace sb;
using namespace Qt::StringLiterals;

class TestLogRate final : public QObject
{
    Q_OBJECT

private slots:
    void firstCheckAllowed();
    void intervalBoundary_data();
    void intervalBoundary();
    void suppressedCounts();
    void intervalCountsFromLastAllowed();
    void keysAreIndependent();
    void clockGoingBackwards();
    void note_data();
    void note();
    void keyMapIsBounded();
    void busyKeysSurviveForgetting();
    void macroLogsWithNote();
    void threadsGiveConsistentTotals();
};

void TestLogRate::firstCheckAllowed()
{
    ManualClock clock;
    LogRateLimiter limiter(1000, clock);
    const LogRateDecision decision = limiter.check(u"a"_s);
    QVERIFY(decision.allowed);
    QVERIFY(bool(decision));
    QCOMPARE(decision.suppressed, 0);
}

void TestLogRate::intervalBoundary_data()
{
    QTest::addColumn<qint64>("afterMs");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("same instant") << qint64(0) << false;
    QTest::newRow("1 ms") << qint64(1) << false;
    QTest::newRow("999 ms") << qint64(999) << false;
    QTest::newRow("exactly the interval") << qint64(1000) << true;
    QTest::newRow("1001 ms") << qint64(1001) << true;
    QTest::newRow("an hour") << qint64(3'600'000) << true;
}

void TestLogRate::intervalBoundary()
{
    QFETCH(qint64, afterMs);
    QFETCH(bool, allowed);
    ManualClock clock;
    LogRateLimiter limiter(1000, clock);
    QVERIFY(limiter.check(u"k"_s).allowed);
    clock.advanceMs(afterMs);
    const LogRateDecision decision = limiter.check(u"k"_s);
    QCOMPARE(decision.allowed, allowed);
    QCOMPARE(decision.suppressed, 0); // nothing was refused in between
}

void TestLogRate::suppressedCounts()
{
    ManualClock clock;
    LogRateLimiter limiter(1000, clock);
    QVERIFY(limiter.check(u"k"_s).allowed);
    for (int i = 0; i < 5; ++i) {
        clock.advanceMs(100);
        const LogRateDecision refused = limiter.check(u"k"_s);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.suppressed, 0); // counts are reported on the allowed line only
    }
    clock.advanceMs(500); // t = 1000
    const LogRateDecision second = limiter.check(u"k"_s);
    QVERIFY(second.allowed);
    QCOMPARE(second.suppressed, 5);

    QVERIFY(!limiter.check(u"k"_s).allowed);
    clock.advanceMs(1000);
    const LogRateDecision third = limiter.check(u"k"_s);
    QVERIFY(third.allowed);
    QCOMPARE(third.suppressed, 1); // the count restarted after the previous report
}

void TestLogRate::intervalCountsFromLastAllowed()
{
    ManualClock clock(0);
    LogRateLimiter limiter(1000, clock);
    QVERIFY(limiter.check(u"k"_s).allowed); // t = 0
    clock.setMs(600);
    QVERIFY(!limiter.check(u"k"_s).allowed);
    clock.setMs(999);
    QVERIFY(!limiter.check(u"k"_s).allowed);
    clock.setMs(1000);
    QCOMPARE(limiter.check(u"k"_s).suppressed, 2); // allowed; refused checks do not extend the wait
    clock.setMs(1500);
    QVERIFY(!limiter.check(u"k"_s).allowed);
    clock.setMs(1999);
    QVERIFY(!limiter.check(u"k"_s).allowed);
    clock.setMs(2000);
    const LogRateDecision decision = limiter.check(u"k"_s);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.suppressed, 2);
}

void TestLogRate::keysAreIndependent()
{
    ManualClock clock;
    LogRateLimiter limiter(1000, clock);
    QVERIFY(limiter.check(u"a"_s).allowed);
    QVERIFY(limiter.check(u"b"_s).allowed); // a's line does not hold b back
    QVERIFY(!limiter.check(u"a"_s).allowed);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!limiter.check(u"b"_s).allowed);
    clock.advanceMs(500);
    QVERIFY(limiter.check(u"c"_s).allowed);
    clock.advanceMs(500);
    QCOMPARE(limiter.check(u"a"_s).suppressed, 1);
    QCOMPARE(limiter.check(u"b"_s).suppressed, 3);
    QVERIFY(!limiter.check(u"c"_s).allowed); // c's interval started 500 ms later
    QCOMPARE(limiter.trackedKeys(), 3);
}

void TestLogRate::clockGoingBackwards()
{
    ManualClock clock(10'000);
    LogRateLimiter limiter(1000, clock);
    QVERIFY(limiter.check(u"k"_s).allowed);
    QVERIFY(!limiter.check(u"k"_s).allowed);
    // A wall-clock correction must not silence the key until the clock catches up again.
    clock.setMs(5'000);
    const LogRateDecision decision = limiter.check(u"k"_s);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.suppressed, 1);
    QVERIFY(!limiter.check(u"k"_s).allowed);
}

void TestLogRate::note_data()
{
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<qint64>("suppressed");
    QTest::addColumn<QString>("note");
    QTest::newRow("none suppressed") << true << qint64(0) << QString();
    QTest::newRow("one") << true << qint64(1) << u" (1 similar suppressed)"_s;
    QTest::newRow("many") << true << qint64(12345) << u" (12345 similar suppressed)"_s;
    QTest::newRow("refused") << false << qint64(0) << QString();
}

void TestLogRate::note()
{
    QFETCH(bool, allowed);
    QFETCH(qint64, suppressed);
    QFETCH(QString, note);
    QCOMPARE((LogRateDecision{allowed, suppressed}.note()), note);
}

void TestLogRate::keyMapIsBounded()
{
    ManualClock clock(0);
    LogRateLimiter limiter(1000, clock, 4);
    for (int i = 0; i < 4; ++i)
        QVERIFY(limiter.check(u"key%1"_s.arg(i)).allowed);
    QCOMPARE(limiter.trackedKeys(), 4);

    // Full of active keys: new keys share one overflow slot, so a flood is one line per interval.
    QVERIFY(limiter.check(u"key4"_s).allowed);
    QVERIFY(!limiter.check(u"key5"_s).allowed);
    QVERIFY(!limiter.check(u"key6"_s).allowed);
    QCOMPARE(limiter.trackedKeys(), 4);
    // Tracked keys keep their own state meanwhile.
    QVERIFY(!limiter.check(u"key0"_s).allowed);

    // One interval later the idle keys are forgotten to make room.
    clock.setMs(1000);
    const LogRateDecision fresh = limiter.check(u"key7"_s);
    QVERIFY(fresh.allowed);
    QCOMPARE(fresh.suppressed, 0);
    QCOMPARE(limiter.trackedKeys(), 1);

    // Distinct keys far beyond the limit never grow the map.
    for (int i = 0; i < 1000; ++i)
        (void)limiter.check(u"flood%1"_s.arg(i));
    QVERIFY(limiter.trackedKeys() <= 4);
}

void TestLogRate::busyKeysSurviveForgetting()
{
    ManualClock clock(0);
    LogRateLimiter limiter(1000, clock, 2);
    QVERIFY(limiter.check(u"busy"_s).allowed);
    QVERIFY(limiter.check(u"idle"_s).allowed);
    clock.setMs(1500);
    QVERIFY(limiter.check(u"busy"_s).allowed); // busy was logged again at 1500
    clock.setMs(1600);
    QVERIFY(limiter.check(u"new"_s).allowed); // makes room by forgetting "idle" only
    QCOMPARE(limiter.trackedKeys(), 2);
    QVERIFY(!limiter.check(u"busy"_s).allowed);
    QVERIFY(!limiter.check(u"new"_s).allowed);
    clock.setMs(2500);
    QCOMPARE(limiter.check(u"busy"_s).suppressed, 1);
}

void TestLogRate::macroLogsWithNote()
{
    QTest::failOnWarning(QRegularExpression(u".*"_s)); // a suppressed line that leaks fails the test
    ManualClock clock;
    LogRateLimiter limiter(1000, clock);
    int evaluated = 0;
    const auto frame = [&evaluated](int n) {
        ++evaluated;
        return n;
    };

    QTest::ignoreMessage(QtWarningMsg, "bad frame 1");
    for (int n = 1; n <= 3; ++n)
        SB_LOG_RATE_LIMITED(qCWarning(lcMedia), limiter, u"bad-frame"_s, "bad frame" << frame(n));
    QCOMPARE(evaluated, 1); // the message is only built for lines that are logged

    clock.advanceMs(1000);
    QTest::ignoreMessage(QtWarningMsg, "bad frame 4 (2 similar suppressed)");
    SB_LOG_RATE_LIMITED(qCWarning(lcMedia), limiter, u"bad-frame"_s, "bad frame" << frame(4));
    QCOMPARE(evaluated, 2);
}

void TestLogRate::threadsGiveConsistentTotals()
{
    constexpr int kThreads = 6;
    constexpr int kChecksPerThread = 20'000;
    constexpr qint64 kIntervalMs = 100;
    constexpr int kAdvanceEvery = 100;
    constexpr qint64 kAdvanceMs = 7;
    const QStringList keys{u"a"_s, u"b"_s, u"c"_s};

    ManualClock clock(0);
    LogRateLimiter limiter(kIntervalMs, clock);
    std::atomic<qint64> allowed{0};
    std::atomic<qint64> reportedSuppressed{0};

    // The workers move the clock themselves while they hammer check(), so intervals pass mid-run
    // without depending on thread scheduling.
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < kThreads; ++t) {
        workers.emplace_back(QThread::create([&, t] {
            qint64 myAllowed = 0, mySuppressed = 0;
            for (int i = 0; i < kChecksPerThread; ++i) {
                if (i % kAdvanceEvery == 0)
                    clock.advanceMs(kAdvanceMs);
                const LogRateDecision decision = limiter.check(keys.at((i + t) % keys.size()));
                if (decision.allowed) {
                    ++myAllowed;
                    mySuppressed += decision.suppressed;
                }
            }
            allowed += myAllowed;
            reportedSuppressed += mySuppressed;
        }));
    }
    for (auto &worker : workers)
        worker->start();
    for (auto &worker : workers)
        QVERIFY(worker->wait());

    const qint64 elapsedMs = clock.nowMs();
    // Flush what is still pending: one more allowed check per key.
    clock.advanceMs(kIntervalMs);
    for (const QString &key : keys) {
        const LogRateDecision decision = limiter.check(key);
        QVERIFY(decision.allowed);
        ++allowed;
        reportedSuppressed += decision.suppressed;
    }

    // Every check was either allowed or counted exactly once on a later allowed line.
    const qint64 checks = qint64(kThreads) * kChecksPerThread + keys.size();
    QCOMPARE(allowed.load() + reportedSuppressed.load(), checks);
    // And at most one line per key per interval got through.
    const qint64 maxAllowed = keys.size() * (elapsedMs / kIntervalMs + 1) + keys.size();
    QVERIFY2(allowed.load() <= maxAllowed,
             qPrintable(u"%1 allowed, at most %2 expected"_s.arg(allowed.load()).arg(maxAllowed)));
    // The clock moved by many intervals, so keys were let through again during the run.
    QVERIFY2(allowed.load() > 2 * keys.size(), qPrintable(QString::number(allowed.load())));
}

QTEST_GUILESS_MAIN(TestLogRate)
#include "tst_lograte.moc"
