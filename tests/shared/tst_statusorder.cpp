#include "shared/statusorder.h"

#include <QTest>

#include <limits>

using namespace sb;

namespace {

/// The lifecycle of DESIGN.md invariant 5, written out independently of statusorder.cpp.
struct Step
{
    CallStatus status;
    const char *name;
    int step;   ///< position in the lifecycle; in-progress and answered share one
    bool final; ///< a call never leaves these
    bool active; ///< counts as a duplicate for dedup (invariant 1)
};

const Step kLifecycle[] = {
    {CallStatus::Reserved, "reserved", 0, false, true},
    {CallStatus::Queued, "queued", 1, false, true},
    {CallStatus::Initiated, "initiated", 2, false, true},
    {CallStatus::Ringing, "ringing", 3, false, true},
    {CallStatus::InProgress, "in-progress", 4, false, true},
    {CallStatus::Answered, "answered", 4, false, true},
    {CallStatus::Completed, "completed", 5, true, false},
    {CallStatus::Busy, "busy", 5, true, false},
    {CallStatus::Failed, "failed", 5, true, false},
    {CallStatus::NoAnswer, "no-answer", 5, true, false},
    {CallStatus::Canceled, "canceled", 5, true, false},
};

/// Sequence number pairs (stored, incoming) tried for every status pair; -1 means "absent".
struct SequenceCase
{
    const char *name;
    int stored;
    int incoming;
};

const SequenceCase kSequenceCases[] = {
    {"no seq", -1, -1},
    {"seq 3 then 5", 3, 5},
    {"seq 5 then 3", 5, 3},
    {"seq 4 then 4", 4, 4},
    {"none then seq 0", -1, 0},
    {"seq 2 then none", 2, -1},
};

std::optional<int> seq(int value)
{
    return value < 0 ? std::nullopt : std::optional<int>(value);
}

/// Expected decision: never leave a final; otherwise a later lifecycle step wins, and within one
/// step the higher sequence number (absent lowest).
bool expectedReplace(const Step &stored, int storedSeq, const Step &incoming, int incomingSeq)
{
    if (stored.final)
        return false;
    if (incoming.step != stored.step)
        return incoming.step > stored.step;
    return incomingSeq > storedSeq;
}

} // namespace

class TestStatusOrder final : public QObject
{
    Q_OBJECT

private slots:
    void everyPair_data();
    void everyPair();
    void classification_data();
    void classification();
    void lifecycleOrder();
    void namedScenarios();
    void finalRankFloorSeparates_data();
    void finalRankFloorSeparates();
    void storedFinalRankRefusesEverything();
};

void TestStatusOrder::everyPair_data()
{
    QTest::addColumn<int>("stored");
    QTest::addColumn<int>("storedSeq");
    QTest::addColumn<int>("incoming");
    QTest::addColumn<int>("incomingSeq");
    QTest::addColumn<bool>("replaces");

    int rows = 0;
    for (const SequenceCase &sequence : kSequenceCases) {
        for (const Step &stored : kLifecycle) {
            for (const Step &incoming : kLifecycle) {
                QTest::addRow("%s -> %s, %s", stored.name, incoming.name, sequence.name)
                    << int(stored.status) << sequence.stored << int(incoming.status) << sequence.incoming
                    << expectedReplace(stored, sequence.stored, incoming, sequence.incoming);
                ++rows;
            }
        }
    }
    QCOMPARE(rows, 121 * int(std::size(kSequenceCases)));
}

void TestStatusOrder::everyPair()
{
    QFETCH(int, stored);
    QFETCH(int, storedSeq);
    QFETCH(int, incoming);
    QFETCH(int, incomingSeq);
    QFETCH(bool, replaces);

    const StatusStamp storedStamp{CallStatus(stored), seq(storedSeq)};
    const StatusStamp incomingStamp{CallStatus(incoming), seq(incomingSeq)};
    QCOMPARE(statusMayReplace(storedStamp, incomingStamp), replaces);
    // The database decides from the stored rank alone; it must agree.
    QCOMPARE(rankMayReplace(statusRank(storedStamp), statusRank(incomingStamp)), replaces);
}

void TestStatusOrder::classification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("final");
    QTest::addColumn<bool>("active");
    for (const Step &s : kLifecycle)
        QTest::newRow(s.name) << int(s.status) << s.final << s.active;
}

void TestStatusOrder::classification()
{
    QFETCH(int, status);
    QFETCH(bool, final);
    QFETCH(bool, active);
    QCOMPARE(isFinal(CallStatus(status)), final);
    QCOMPARE(isActive(CallStatus(status)), active);
}

void TestStatusOrder::lifecycleOrder()
{
    for (const Step &a : kLifecycle) {
        for (const Step &b : kLifecycle) {
            const int expected = (a.step > b.step) - (a.step < b.step);
            const int actual = (lifecycleRank(a.status) > lifecycleRank(b.status))
                               - (lifecycleRank(a.status) < lifecycleRank(b.status));
            QVERIFY2(actual == expected, qPrintable(QStringLiteral("%1 vs %2").arg(
                                             QLatin1StringView(a.name), QLatin1StringView(b.name))));
        }
    }
}

void TestStatusOrder::namedScenarios()
{
    using S = CallStatus;
    // Twilio's usual order, each callback with a higher SequenceNumber, is applied step by step.
    QVERIFY(statusMayReplace({S::Queued, 0}, {S::Initiated, 1}));
    QVERIFY(statusMayReplace({S::Initiated, 1}, {S::Ringing, 2}));
    QVERIFY(statusMayReplace({S::Ringing, 2}, {S::InProgress, 3}));
    QVERIFY(statusMayReplace({S::InProgress, 3}, {S::Completed, 4}));
    // A late "ringing" after "in-progress" is ignored, even when its sequence number is higher.
    QVERIFY(!statusMayReplace({S::InProgress, 3}, {S::Ringing, 2}));
    QVERIFY(!statusMayReplace({S::InProgress, 1}, {S::Ringing, 9}));
    // A late "in-progress" after "completed" is ignored; so is a second, different final.
    QVERIFY(!statusMayReplace({S::Completed, 4}, {S::InProgress, 3}));
    QVERIFY(!statusMayReplace({S::Completed, 4}, {S::Failed, 5}));
    QVERIFY(!statusMayReplace({S::Canceled, std::nullopt}, {S::Completed, std::nullopt}));
    // The same callback delivered twice is applied once.
    QVERIFY(!statusMayReplace({S::Ringing, 2}, {S::Ringing, 2}));
    QVERIFY(!statusMayReplace({S::Ringing, std::nullopt}, {S::Ringing, std::nullopt}));
    // answered and in-progress are one step: only a higher sequence number moves between them.
    QVERIFY(!statusMayReplace({S::InProgress, std::nullopt}, {S::Answered, std::nullopt}));
    QVERIFY(!statusMayReplace({S::Answered, 3}, {S::InProgress, 2}));
    QVERIFY(statusMayReplace({S::Answered, 3}, {S::InProgress, 4}));
    // The largest sequence number still cannot lift a non-final above a final.
    QVERIFY(statusMayReplace({S::InProgress, std::numeric_limits<int>::max()}, {S::Completed, std::nullopt}));
}

void TestStatusOrder::finalRankFloorSeparates_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("sequence");
    QTest::addColumn<bool>("final");
    const int sequences[] = {-1, 0, 1, 1000, std::numeric_limits<int>::max()};
    for (const Step &s : kLifecycle) {
        for (int sequence : sequences)
            QTest::addRow("%s seq %d", s.name, sequence) << int(s.status) << sequence << s.final;
    }
}

void TestStatusOrder::finalRankFloorSeparates()
{
    QFETCH(int, status);
    QFETCH(int, sequence);
    QFETCH(bool, final);
    const qint64 rank = statusRank({CallStatus(status), seq(sequence)});
    QCOMPARE(rank >= finalRankFloor(), final);
}

void TestStatusOrder::storedFinalRankRefusesEverything()
{
    const qint64 floor = finalRankFloor();
    QVERIFY(!rankMayReplace(floor, floor + 1));
    QVERIFY(!rankMayReplace(floor + 5, std::numeric_limits<qint64>::max()));
    QVERIFY(rankMayReplace(floor - 1, floor));
    QVERIFY(!rankMayReplace(floor - 1, floor - 1));
    QVERIFY(!rankMayReplace(floor - 1, floor - 2));
}

QTEST_APPLESS_MAIN(TestStatusOrder)
#include "tst_statusorder.moc"
