#include "storagefixture.h"

#include "storage/callcreation.h"
#include "storage/calllifecycle.h"
#include "storage/callqueries.h"

#include "shared/costpolicy.h"

#include <QSignalSpy>

#include <algorithm>
#include <random>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(sb::CallStatus)

class TestStorageCalls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void reserveOutboundThenAttachSid();
    void attachCallSidConflicts();
    void createInboundIsIdempotent();
    void creationRejectsBadInput_data();
    void creationRejectsBadInput();
    void applyStatusOrdering_data();
    void applyStatusOrdering();
    void applyStatusUnknownSid();
    void applyStatusConcurrently();
    void listFiltersAndPaging();
    void eventsAfterAndLimit();
    void eventsAppendedSignal();
    void stopRunsWhatIsQueued();
    void applyFirstDeliveriesTogether();
    void applyFirstDeliveriesRefusesACallTwice();

private:
    StorageFixture m_fixture;
    std::unique_ptr<Storage> m_storage;
};

struct StepSpec
{
    CallStatus status;
    int sequence; // -1: none
    bool expectApplied;
};
Q_DECLARE_METATYPE(QList<StepSpec>)

void TestStorageCalls::initTestCase()
{
    auto ok = m_fixture.init();
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
}

void TestStorageCalls::init()
{
    auto storage = m_fixture.open();
    SB_VERIFY_OK(storage);
    m_storage = std::move(storage).value();
}

void TestStorageCalls::cleanup()
{
    m_storage.reset();
}

void TestStorageCalls::reserveOutboundThenAttachSid()
{
    auto reserved = m_storage->runBlocking([](StorageSession &s) {
        return CallCreation(s).reserveOutbound({1, u"lead-7"_s, u"+15551230000"_s, u"+15559990000"_s, u"k1"_s});
    });
    SB_VERIFY_OK(reserved);
    const Call call = reserved.value();
    QVERIFY(call.id > 0);
    QVERIFY(call.callSid.isEmpty());
    QCOMPARE(call.status, CallStatus::Reserved);
    QCOMPARE(call.recordingMode, RecordingMode::Off);
    QCOMPARE(call.direction, Direction::OutboundApi);
    QCOMPARE(call.to, u"+15551230000"_s);
    QCOMPARE(call.leadId, u"lead-7"_s);
    QCOMPARE(call.dedupKey, u"k1"_s);
    QCOMPARE(call.createdAt, m_fixture.clock.now());

    auto attached = m_storage->runBlocking([id = call.id](StorageSession &s) { return CallCreation(s).attachCallSid(id, u"CA1"_s); });
    SB_VERIFY_OK(attached);
    QCOMPARE(attached.value().callSid, u"CA1"_s);
    auto again = m_storage->runBlocking([id = call.id](StorageSession &s) { return CallCreation(s).attachCallSid(id, u"CA1"_s); });
    SB_VERIFY_OK(again);

    auto found = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).findBySid(u"CA1"_s); });
    SB_VERIFY_OK(found);
    QCOMPARE(found.value().id, call.id);
    auto events = m_storage->runBlocking([id = call.id](StorageSession &s) { return CallQueries(s).events(id); });
    SB_VERIFY_OK(events);
    QCOMPARE(events.value().size(), 2); // reserved, call_sid_attached (the repeat wrote nothing)
    QCOMPARE(events.value().at(0).kind, u"reserved"_s);
    QCOMPARE(events.value().at(1).kind, u"call_sid_attached"_s);
    QCOMPARE(events.value().at(1).callSid, u"CA1"_s);
}

void TestStorageCalls::attachCallSidConflicts()
{
    auto outcome = m_storage->runBlocking([](StorageSession &s) -> Result<QList<ErrorCode>> {
        CallCreation creation(s);
        auto a = creation.reserveOutbound({1, {}, u"+1555"_s, u"+1666"_s, {}});
        auto b = creation.reserveOutbound({1, {}, u"+1777"_s, u"+1666"_s, {}});
        if (!a || !b)
            return Error{ErrorCode::Internal, u"reserve failed"_s};
        if (auto ok = creation.attachCallSid(a.value().id, u"CAa"_s); !ok)
            return ok.error();
        QList<ErrorCode> codes;
        codes << creation.attachCallSid(a.value().id, u"CAother"_s).error().code; // a already has a sid
        codes << creation.attachCallSid(b.value().id, u"CAa"_s).error().code;     // the sid belongs to a
        codes << creation.attachCallSid(9999, u"CAz"_s).error().code;             // no such call
        return codes;
    });
    SB_VERIFY_OK(outcome);
    QCOMPARE(outcome.value(), (QList<ErrorCode>{ErrorCode::Conflict, ErrorCode::Conflict, ErrorCode::NotFound}));
}

void TestStorageCalls::createInboundIsIdempotent()
{
    auto first = m_storage->runBlocking([](StorageSession &s) {
        return CallCreation(s).createInbound({u"CAin"_s, u"+1000"_s, u"+2000"_s, 1, {CallStatus::Ringing, 0}});
    });
    SB_VERIFY_OK(first);
    QVERIFY(first.value().created);
    QCOMPARE(first.value().call.status, CallStatus::Ringing);
    QCOMPARE(first.value().call.direction, Direction::Inbound);
    auto second = m_storage->runBlocking([](StorageSession &s) {
        return CallCreation(s).createInbound({u"CAin"_s, u"+1000"_s, u"+2000"_s, 1, {CallStatus::Ringing, 0}});
    });
    SB_VERIFY_OK(second);
    QVERIFY(!second.value().created);
    QCOMPARE(second.value().call.id, first.value().call.id);
    auto page = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({}); });
    SB_VERIFY_OK(page);
    QCOMPARE(page.value().total, 1);
}

void TestStorageCalls::creationRejectsBadInput_data()
{
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("business");
    QTest::addColumn<int>("code");
    QTest::newRow("empty sid") << QString() << u"+1"_s << qint64(1) << int(ErrorCode::InvalidInput);
    QTest::newRow("empty to") << u"CAx"_s << QString() << qint64(1) << int(ErrorCode::InvalidInput);
    QTest::newRow("unknown business") << u"CAx"_s << u"+1"_s << qint64(42) << int(ErrorCode::NotFound);
}

void TestStorageCalls::creationRejectsBadInput()
{
    QFETCH(QString, sid);
    QFETCH(QString, to);
    QFETCH(qint64, business);
    QFETCH(int, code);
    auto created = m_storage->runBlocking([&](StorageSession &s) {
        return CallCreation(s).createInbound({sid, to, u"+2"_s, business, {CallStatus::Ringing, std::nullopt}});
    });
    QVERIFY(!created.ok());
    QCOMPARE(int(created.error().code), code);
    auto page = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({}); });
    SB_VERIFY_OK(page);
    QCOMPARE(page.value().total, 0); // no partial write
}

void TestStorageCalls::applyStatusOrdering_data()
{
    QTest::addColumn<QList<StepSpec>>("steps");
    QTest::addColumn<CallStatus>("finalStatus");

    using S = CallStatus;
    QTest::newRow("in order") << QList<StepSpec>{{S::Queued, -1, true}, {S::Ringing, -1, true}, {S::InProgress, -1, true},
                                                 {S::Completed, -1, true}}
                              << S::Completed;
    QTest::newRow("duplicate") << QList<StepSpec>{{S::Ringing, 1, true}, {S::Ringing, 1, false}} << S::Ringing;
    QTest::newRow("late ringing after in-progress")
        << QList<StepSpec>{{S::InProgress, 2, true}, {S::Ringing, 1, false}} << S::InProgress;
    QTest::newRow("out of order final first")
        << QList<StepSpec>{{S::Completed, 3, true}, {S::InProgress, 2, false}, {S::Ringing, 1, false}} << S::Completed;
    QTest::newRow("final never left for another final")
        << QList<StepSpec>{{S::Busy, -1, true}, {S::Completed, 9, false}, {S::Failed, 10, false}} << S::Busy;
    QTest::newRow("same step, higher sequence")
        << QList<StepSpec>{{S::InProgress, 1, true}, {S::InProgress, 4, true}, {S::InProgress, 3, false}} << S::InProgress;
    QTest::newRow("answered equals in-progress rank")
        << QList<StepSpec>{{S::InProgress, -1, true}, {S::Answered, -1, false}} << S::InProgress;
    QTest::newRow("reserved never comes back")
        << QList<StepSpec>{{S::Queued, -1, true}, {S::Reserved, -1, false}} << S::Queued;
}

void TestStorageCalls::applyStatusOrdering()
{
    QFETCH(QList<StepSpec>, steps);
    QFETCH(CallStatus, finalStatus);

    // Start from a reserved outbound call, the lowest rank there is.
    auto reserved = m_storage->runBlocking([](StorageSession &s) -> Result<Call> {
        auto call = CallCreation(s).reserveOutbound({1, {}, u"+1555"_s, u"+1666"_s, {}});
        if (!call)
            return call;
        return CallCreation(s).attachCallSid(call.value().id, u"CAord"_s);
    });
    SB_VERIFY_OK(reserved);
    for (const StepSpec &step : std::as_const(steps)) {
        StatusUpdate update;
        update.stamp = {step.status, step.sequence >= 0 ? std::optional<int>(step.sequence) : std::nullopt};
        if (isFinal(step.status))
            update.durationSec = 30;
        auto outcome = m_storage->runBlocking([update](StorageSession &s) { return CallLifecycle(s).applyStatus(u"CAord"_s, update); });
        SB_VERIFY_OK(outcome);
        QCOMPARE(outcome.value().applied, step.expectApplied);
    }
    auto stored = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).findBySid(u"CAord"_s); });
    SB_VERIFY_OK(stored);
    QCOMPARE(stored.value().status, finalStatus);
    if (isFinal(finalStatus))
        QCOMPARE(stored.value().durationSec, std::optional<int>(30));
    auto events = m_storage->runBlocking([id = reserved.value().id](StorageSession &s) { return CallQueries(s).events(id); });
    SB_VERIFY_OK(events);
    const auto applied = std::count_if(steps.cbegin(), steps.cend(), [](const StepSpec &st) { return st.expectApplied; });
    const auto statusEvents = std::count_if(events.value().cbegin(), events.value().cend(),
                                            [](const CallEvent &e) { return e.kind == u"status_changed"; });
    QCOMPARE(statusEvents, applied);
}

void TestStorageCalls::applyStatusUnknownSid()
{
    auto outcome = m_storage->runBlocking([](StorageSession &s) {
        return CallLifecycle(s).applyStatus(u"CAnope"_s, {{CallStatus::Completed, 1}, 10, {}});
    });
    QVERIFY(!outcome.ok());
    QCOMPARE(int(outcome.error().code), int(ErrorCode::NotFound));
}

void TestStorageCalls::applyStatusConcurrently()
{
    // Several storages (so several connections, and on PostgreSQL several sessions) race.
    makeInbound(*m_storage, u"CArace"_s);
    std::vector<std::unique_ptr<Storage>> storages;
    for (int i = 0; i < 2; ++i) {
        auto extra = m_fixture.reopen(2);
        SB_VERIFY_OK(extra);
        storages.push_back(std::move(extra).value());
    }
    storages.push_back(std::move(m_storage));

    QList<StatusStamp> stamps;
    for (int seq = 0; seq < 8; ++seq)
        stamps << StatusStamp{CallStatus::Ringing, seq} << StatusStamp{CallStatus::InProgress, seq + 8};
    stamps << StatusStamp{CallStatus::Completed, 30} << StatusStamp{CallStatus::Completed, 20};
    std::mt19937 random(12345);
    for (int round = 0; round < 3; ++round) {
        std::shuffle(stamps.begin(), stamps.end(), random);
        QList<QFuture<Result<StatusOutcome>>> futures;
        for (qsizetype i = 0; i < stamps.size(); ++i) {
            const StatusStamp stamp = stamps.at(i);
            futures << storages[size_t(i) % storages.size()]->run(
                [stamp](StorageSession &s) { return CallLifecycle(s).applyStatus(u"CArace"_s, {stamp, {}, {}}); });
        }
        int appliedFinals = 0;
        for (auto &future : futures) {
            future.waitForFinished();
            auto outcome = future.takeResult();
            SB_VERIFY_OK(outcome);
            if (outcome.value().applied && isFinal(outcome.value().storedStatus))
                ++appliedFinals;
        }
        if (round == 0)
            QVERIFY(appliedFinals <= 2); // the final with sequence 30 may follow the one with 20
        auto stored = storages[0]->runBlocking([](StorageSession &s) { return CallQueries(s).findBySid(u"CArace"_s); });
        SB_VERIFY_OK(stored);
        // Completed#20 may win if it came first: a final is never left, even for a higher final.
        QCOMPARE(stored.value().status, CallStatus::Completed);
        QVERIFY(stored.value().statusRank >= statusRank({CallStatus::Completed, 20}));
    }
    m_storage = std::move(storages.back());
}

void TestStorageCalls::listFiltersAndPaging()
{
    auto seeded = m_storage->runBlocking([this](StorageSession &s) -> Result<void> {
        CallCreation creation(s);
        for (int i = 0; i < 7; ++i) {
            m_fixture.clock.advanceMs(1000);
            const QString sid = u"CAlist"_s + QString::number(i);
            auto created = creation.createInbound({sid, u"+1555000"_s + QString::number(i), u"+1999"_s, 1,
                                                   {i % 2 ? CallStatus::Completed : CallStatus::Ringing, std::nullopt}});
            if (!created)
                return created.error();
        }
        return {};
    });
    SB_VERIFY_OK(seeded);

    auto all = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, {}, {}, 3, 0}); });
    SB_VERIFY_OK(all);
    QCOMPARE(all.value().total, 7);
    QCOMPARE(all.value().calls.size(), 3);
    QCOMPARE(all.value().calls.at(0).callSid, u"CAlist6"_s); // newest first

    auto lastPage = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, {}, {}, 3, 6}); });
    SB_VERIFY_OK(lastPage);
    QCOMPARE(lastPage.value().calls.size(), 1);
    QCOMPARE(lastPage.value().calls.at(0).callSid, u"CAlist0"_s);

    auto completed = m_storage->runBlocking(
        [](StorageSession &s) { return CallQueries(s).list({1, CallStatus::Completed, {}, {}, 50, 0}); });
    SB_VERIFY_OK(completed);
    QCOMPARE(completed.value().total, 3);

    auto text = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, u"calist4"_s, {}, 50, 0}); });
    SB_VERIFY_OK(text);
    QCOMPARE(text.value().total, 1);
    QCOMPARE(text.value().calls.at(0).callSid, u"CAlist4"_s);

    auto wildcard = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, u"%"_s, {}, 50, 0}); });
    SB_VERIFY_OK(wildcard);
    QCOMPARE(wildcard.value().total, 0); // % is searched literally

    const QDateTime since = m_fixture.clock.now().addSecs(-2);
    auto recent = m_storage->runBlocking([since](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, {}, since, 50, 0}); });
    SB_VERIFY_OK(recent);
    QCOMPARE(recent.value().total, 3);

    auto otherBusiness = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({2, std::nullopt, {}, {}, 50, 0}); });
    SB_VERIFY_OK(otherBusiness);
    QCOMPARE(otherBusiness.value().total, 0);

    auto badLimit = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).list({std::nullopt, std::nullopt, {}, {}, 0, 0}); });
    QVERIFY(!badLimit.ok());
    QCOMPARE(int(badLimit.error().code), int(ErrorCode::InvalidInput));
}

void TestStorageCalls::eventsAfterAndLimit()
{
    const Call call = makeInbound(*m_storage, u"CAev"_s);
    for (auto status : {CallStatus::InProgress, CallStatus::Completed}) {
        auto applied = m_storage->runBlocking([status](StorageSession &s) {
            return CallLifecycle(s).applyStatus(u"CAev"_s, {{status, std::nullopt}, {}, {}});
        });
        SB_VERIFY_OK(applied);
    }
    auto events = m_storage->runBlocking([id = call.id](StorageSession &s) { return CallQueries(s).events(id); });
    SB_VERIFY_OK(events);
    QCOMPARE(events.value().size(), 3);
    QCOMPARE(events.value().at(1).kind, u"status_changed"_s);
    QCOMPARE(events.value().at(1).source, u"lifecycle"_s);
    QCOMPARE(events.value().at(2).detail.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(events.value().at(2).at, m_fixture.clock.now());

    const qint64 after = events.value().at(0).id;
    auto later = m_storage->runBlocking([id = call.id, after](StorageSession &s) { return CallQueries(s).events(id, after, 1); });
    SB_VERIFY_OK(later);
    QCOMPARE(later.value().size(), 1);
    QCOMPARE(later.value().at(0).id, events.value().at(1).id);

    // The JSON form round-trips.
    auto parsed = CallEvent::fromJson(events.value().at(2).toJson());
    SB_VERIFY_OK(parsed);
    QCOMPARE(parsed.value(), events.value().at(2));
    QVERIFY(!CallEvent::fromJson(QJsonObject{{u"at"_s, u"yesterday"_s}, {u"kind"_s, u"x"_s}}).ok());
}

void TestStorageCalls::eventsAppendedSignal()
{
    QObject receiver;
    QList<QList<CallEvent>> batches;
    // A queued connection to an object of this thread: how the console hub will listen.
    connect(m_storage.get(), &Storage::eventsAppended, &receiver,
            [&batches](const QList<CallEvent> &events) { batches << events; });

    makeInbound(*m_storage, u"CAsig"_s);
    QTRY_COMPARE(batches.size(), 1);
    QCOMPARE(batches.at(0).size(), 1);
    QCOMPARE(batches.at(0).at(0).kind, u"created"_s);
    QCOMPARE(batches.at(0).at(0).callSid, u"CAsig"_s);
    QVERIFY(batches.at(0).at(0).id > 0);

    // A write that changed nothing and a failed write publish nothing.
    auto repeat = m_storage->runBlocking([](StorageSession &s) {
        return CallLifecycle(s).applyStatus(u"CAsig"_s, {{CallStatus::Queued, std::nullopt}, {}, {}});
    });
    SB_VERIFY_OK(repeat);
    QVERIFY(!repeat.value().applied);
    auto failed = m_storage->runBlocking([](StorageSession &s) {
        return CallLifecycle(s).applyStatus(u"CAmissing"_s, {{CallStatus::Completed, std::nullopt}, {}, {}});
    });
    QVERIFY(!failed.ok());
    auto applied = m_storage->runBlocking([](StorageSession &s) {
        return CallLifecycle(s).applyStatus(u"CAsig"_s, {{CallStatus::Completed, std::nullopt}, 12, {}});
    });
    SB_VERIFY_OK(applied);
    QTRY_COMPARE(batches.size(), 2);
    QCOMPARE(batches.at(1).at(0).kind, u"status_changed"_s);
}

void TestStorageCalls::stopRunsWhatIsQueued()
{
    // What the backend's teardown relies on: every task queued before stop() has run when it
    // returns (these calls exist), and later ones never run.
    QList<QFuture<Result<CreatedCall>>> queued;
    for (int i = 0; i < 20; ++i) {
        const QString sid = u"CAstop%1"_s.arg(i);
        queued << m_storage->run([sid](StorageSession &s) {
            return CallCreation(s).createInbound({sid, u"+15551230000"_s, u"+15559990000"_s});
        });
    }
    m_storage->stop();
    for (const QFuture<Result<CreatedCall>> &future : std::as_const(queued)) {
        QVERIFY(future.isFinished());
        QVERIFY(future.resultCount() == 1 && future.result().ok());
    }
    QFuture<int> late = m_storage->run([](StorageSession &) { return 1; });
    m_storage->stop(); // twice is harmless
    m_storage.reset();
    QVERIFY(late.isCanceled());
    QCOMPARE(late.resultCount(), 0);
}

namespace {
/// How many receipts are stored under @p key.
qint64 receiptCount(Storage &storage, const QString &key)
{
    return storage.runBlocking([key](StorageSession &s) -> qint64 {
        auto query = s.exec(u"SELECT COUNT(*) FROM webhook_receipts WHERE idempotency_key = :key"_s, {{u":key"_s, key}});
        return query && query.value().next() ? query.value().value(0).toLongLong() : -1;
    });
}
} // namespace

void TestStorageCalls::applyFirstDeliveriesTogether()
{
    for (const QString &sid : {u"CAb0"_s, u"CAb1"_s, u"CAb2"_s})
        makeInbound(*m_storage, sid);
    QObject receiver;
    QList<CallEvent> published;
    connect(m_storage.get(), &Storage::eventsAppended, &receiver, [&published](const QList<CallEvent> &events) { published << events; });

    const QList<FirstDelivery> batch{
        {u"status:k0"_s, u"CAb0"_s, {{CallStatus::InProgress, 2}, {}, u"human"_s}},   // moves
        {u"status:k1"_s, u"CAb1"_s, {{CallStatus::Queued, 1}, {}, {}}},              // ranks below ringing
        {u"status:k2"_s, u"CAb2"_s, {{CallStatus::Completed, 5}, 90, {}}},           // final, a cost input
        {u"status:k3"_s, u"CAghost"_s, {{CallStatus::Ringing, 1}, {}, {}}}};          // no such call
    auto outcomes = m_storage->runBlocking([batch](StorageSession &s) { return CallLifecycle(s).applyFirstDeliveries(batch); });
    SB_VERIFY_OK(outcomes);
    QCOMPARE(outcomes.value().size(), batch.size());
    if (m_storage->dialect() == SqlDialect::SQLite) {
        // One statement needs PostgreSQL: every delivery goes the general way, nothing is written.
        for (const auto &outcome : outcomes.value())
            QVERIFY(!outcome.has_value());
        QCOMPARE(receiptCount(*m_storage, u"status:k0"_s), 0);
        return;
    }
    const auto &o = outcomes.value();
    QVERIFY(o.at(0) && o.at(0)->applied);
    QCOMPARE(o.at(0)->storedStatus, CallStatus::InProgress);
    QVERIFY(o.at(1) && !o.at(1)->applied);
    QCOMPARE(o.at(1)->storedStatus, CallStatus::Ringing);
    QVERIFY(o.at(2) && o.at(2)->applied);
    QVERIFY(!o.at(3)); // the general path says NotFound; no receipt kept for it
    QCOMPARE(receiptCount(*m_storage, u"status:k3"_s), 0);
    QCOMPARE(receiptCount(*m_storage, u"status:k1"_s), 1); // a late delivery is still a delivery

    auto findCall = [this](const QString &sid) {
        return m_storage->runBlocking([sid](StorageSession &s) { return CallQueries(s).findBySid(sid); });
    };
    const auto answered = findCall(u"CAb0"_s);
    SB_VERIFY_OK(answered);
    QCOMPARE(answered.value().status, CallStatus::InProgress);
    QCOMPARE(answered.value().answeredBy, u"human"_s);
    const auto ended = findCall(u"CAb2"_s);
    SB_VERIFY_OK(ended);
    QCOMPARE(ended.value().status, CallStatus::Completed);
    QCOMPARE(ended.value().durationSec, std::optional<int>(90));
    // The duration went through the cost recompute in the same transaction.
    QVERIFY(ended.value().estimatedCost > 0);
    QCOMPARE(ended.value().estimatedCost, estimateCost(ended.value(), CostSettings().rates).total);

    // Published once committed, like appendEvent()'s: one status_changed per moved call.
    QTRY_COMPARE(published.size(), 2);
    QCOMPARE(published.at(0).kind, u"status_changed"_s);
    QCOMPARE(published.at(0).callSid, u"CAb0"_s);
    QCOMPARE(published.at(0).detail.value(u"answered_by"_s).toString(), u"human"_s);
    QCOMPARE(published.at(1).callSid, u"CAb2"_s);
    QCOMPARE(published.at(1).detail.value(u"duration_sec"_s).toInt(), 90);
    auto events = m_storage->runBlocking([id = ended.value().id](StorageSession &s) { return CallQueries(s).events(id); });
    SB_VERIFY_OK(events);
    QCOMPARE(events.value().constLast().id, published.at(1).id);

    // The same delivery again is not a first delivery: the general path counts it as a retry.
    auto again = m_storage->runBlocking([batch](StorageSession &s) { return CallLifecycle(s).applyFirstDeliveries({batch.at(0)}); });
    SB_VERIFY_OK(again);
    QVERIFY(!again.value().at(0).has_value());
    QCOMPARE(receiptCount(*m_storage, u"status:k0"_s), 1);
}

void TestStorageCalls::applyFirstDeliveriesRefusesACallTwice()
{
    makeInbound(*m_storage, u"CAtwice"_s);
    const QList<FirstDelivery> batch{{u"status:t1"_s, u"CAtwice"_s, {{CallStatus::InProgress, 2}, {}, {}}},
                                     {u"status:t2"_s, u"CAtwice"_s, {{CallStatus::InProgress, 3}, {}, {}}}};
    auto outcomes = m_storage->runBlocking([batch](StorageSession &s) { return CallLifecycle(s).applyFirstDeliveries(batch); });
    if (m_storage->dialect() == SqlDialect::SQLite) {
        SB_VERIFY_OK(outcomes); // not applied at all here
        return;
    }
    QVERIFY(!outcomes.ok());
    QCOMPARE(int(outcomes.error().code), int(ErrorCode::InvalidInput));
    QCOMPARE(receiptCount(*m_storage, u"status:t1"_s), 0);
    auto stored = m_storage->runBlocking([](StorageSession &s) { return CallQueries(s).findBySid(u"CAtwice"_s); });
    SB_VERIFY_OK(stored);
    QCOMPARE(stored.value().status, CallStatus::Ringing);
}

QTEST_GUILESS_MAIN(TestStorageCalls)
#include "tst_storage_calls.moc"
