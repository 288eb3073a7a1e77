// The transcription job queue in the database (invariants 3 and 11), on SQLite and PostgreSQL:
// leases, takeover after a lease ran out, exponential backoff, the dead letter, the transcript
// written with the job's end, concurrent claimers taking distinct jobs, and the timeline.
#include "storagefixture.h"

#include "storage/callqueries.h"
#include "storage/jobs.h"
#include "storage/transcripts.h"

#include <QSet>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kLeaseMs = 30000;
constexpr qint64 kBaseMs = 1000;
} // namespace

class TestStorageJobs final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto ok = m_fixture.init();
        QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
    }

    void init()
    {
        auto storage = m_fixture.open();
        SB_VERIFY_OK(storage);
        m_storage = std::move(storage).value();
    }

    void cleanup() { m_storage.reset(); }

    void aClaimLeasesTheJobToOneWorker()
    {
        const Call call = makeInbound(*m_storage, u"CAclaim"_s);
        const Job job = enqueue(call.id, 3);
        QCOMPARE(job.state, u"pending"_s);
        QCOMPARE(job.maxAttempts, 3);
        QCOMPARE(job.callSid, u"CAclaim"_s);

        auto claimed = claim(u"w1"_s);
        SB_VERIFY_OK(claimed);
        QVERIFY(claimed->has_value());
        const Job &running = (*claimed)->job;
        QCOMPARE(running.id, job.id);
        QCOMPARE(running.state, u"running"_s);
        QCOMPARE(running.attempts, 1);
        QCOMPARE(running.leaseOwner, u"w1"_s);
        QCOMPARE(running.leaseExpiresAt.toMSecsSinceEpoch(), m_fixture.clock.nowMs() + kLeaseMs);
        QCOMPARE((*claimed)->call.callSid, u"CAclaim"_s);

        // Held: nobody else gets it, and nothing else is due.
        auto second = claim(u"w2"_s);
        SB_VERIFY_OK(second);
        QVERIFY(!second->has_value());

        // Every state change is on the timeline with the job's JSON.
        const QList<CallEvent> changes = jobEvents(call.id);
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.last().source, u"jobs"_s);
        QCOMPARE(changes.last().detail, running.toJson());
    }

    void anExpiredLeaseIsTakenOverAndTheOldHolderLosesIt()
    {
        const Call call = makeInbound(*m_storage, u"CAlease"_s);
        const Job job = enqueue(call.id, 5);
        SB_VERIFY_OK(claim(u"crashed-worker"_s));
        m_fixture.clock.advanceMs(kLeaseMs - 1);
        QVERIFY(!claim(u"w2"_s)->has_value()); // not yet
        m_fixture.clock.advanceMs(1);
        auto takeover = claim(u"w2"_s);
        SB_VERIFY_OK(takeover);
        QVERIFY(takeover->has_value());
        QCOMPARE((*takeover)->job.id, job.id);
        QCOMPARE((*takeover)->job.attempts, 2);
        QCOMPARE((*takeover)->job.leaseOwner, u"w2"_s);

        // The first worker comes back late: its result is refused and writes nothing.
        auto late = complete(job.id, u"crashed-worker"_s, TranscriptDecision{TranscriptSource::Recording, u"stale text here"_s});
        QVERIFY(!late.ok());
        QCOMPARE(int(late.error().code), int(ErrorCode::Conflict));
        QVERIFY(reload(call.id).finalTranscript.isEmpty());
        auto lateFail = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).fail(job.id, u"crashed-worker"_s, u"x"_s, kBaseMs); });
        QCOMPARE(int(lateFail.error().code), int(ErrorCode::Conflict));

        auto done = complete(job.id, u"w2"_s, TranscriptDecision{TranscriptSource::Recording, u"the real transcript"_s});
        SB_VERIFY_OK(done);
        QCOMPARE(done->state, u"done"_s);
        QCOMPARE(done->outcome, u"recording"_s);
        QVERIFY(done->leaseOwner.isEmpty());
        const Call stored = reload(call.id);
        QCOMPARE(stored.finalTranscript, u"the real transcript"_s);
        QCOMPARE(stored.transcriptSource, std::optional<TranscriptSource>(TranscriptSource::Recording));
    }

    void failuresBackOffExponentiallyThenTheJobIsDead()
    {
        const Call call = makeInbound(*m_storage, u"CAback"_s);
        const Job job = enqueue(call.id, 3);
        for (int attempt = 1; attempt <= 3; ++attempt) {
            auto claimed = claim(u"w"_s);
            SB_VERIFY_OK(claimed);
            QVERIFY2(claimed->has_value(), qPrintable(QString::number(attempt)));
            QCOMPARE((*claimed)->job.attempts, attempt);
            auto failed = m_storage->runBlocking([&](StorageSession &s) {
                return Jobs(s).fail(job.id, u"w"_s, u"HTTP 503 on attempt %1"_s.arg(attempt), kBaseMs);
            });
            SB_VERIFY_OK(failed);
            QCOMPARE(failed->lastError, u"HTTP 503 on attempt %1"_s.arg(attempt));
            if (attempt < 3) {
                QCOMPARE(failed->state, u"pending"_s);
                const qint64 backoff = kBaseMs << (attempt - 1); // 1 s, 2 s
                QCOMPARE(failed->runAt.toMSecsSinceEpoch(), m_fixture.clock.nowMs() + backoff);
                m_fixture.clock.advanceMs(backoff - 1);
                QVERIFY(!claim(u"w"_s)->has_value()); // not due yet
                m_fixture.clock.advanceMs(1);
            } else {
                QCOMPARE(failed->state, u"dead"_s);
            }
        }
        QVERIFY(!claim(u"w"_s)->has_value());
        m_fixture.clock.advanceMs(24 * 3600 * 1000);
        QVERIFY(!claim(u"w"_s)->has_value()); // dead stays dead
        auto dead = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).list({u"CAback"_s, u"dead"_s, 10}); });
        SB_VERIFY_OK(dead);
        QCOMPARE(dead->size(), 1);
        QCOMPARE(dead->first().lastError, u"HTTP 503 on attempt 3"_s);
        // Not active any more: a new job may be created for the call.
        QCOMPARE(enqueue(call.id, 3).state, u"pending"_s);
    }

    void aLeaseRunningOutOnTheLastAttemptKillsTheJob()
    {
        const Call call = makeInbound(*m_storage, u"CAlast"_s);
        const Job job = enqueue(call.id, 2);
        SB_VERIFY_OK(claim(u"a"_s));
        m_fixture.clock.advanceMs(kLeaseMs);
        SB_VERIFY_OK(claim(u"b"_s)); // attempt 2, the last
        m_fixture.clock.advanceMs(kLeaseMs);
        auto none = claim(u"c"_s);
        SB_VERIFY_OK(none);
        QVERIFY(!none->has_value());
        auto stored = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).find(job.id); });
        SB_VERIFY_OK(stored);
        QCOMPARE(stored->state, u"dead"_s);
        QVERIFY2(stored->lastError.contains(u"lease ran out"_s), qPrintable(stored->lastError));
    }

    void concurrentClaimersTakeDistinctJobs()
    {
        constexpr int kJobs = 24;
        for (int i = 0; i < kJobs; ++i)
            enqueue(makeInbound(*m_storage, u"CAmany%1"_s.arg(i)).id, 5);
        // Two Storages stand for two instances; four threads each claim at once.
        auto other = m_fixture.reopen(4);
        SB_VERIFY_OK(other);
        auto mine = m_fixture.reopen(4);
        SB_VERIFY_OK(mine);
        QList<QFuture<Result<std::optional<ClaimedJob>>>> claims;
        for (int i = 0; i < kJobs + 8; ++i) {
            Storage &storage = i % 2 ? *other.value() : *mine.value();
            claims << storage.run([i](StorageSession &s) { return Jobs(s).claimNext(u"claimer-%1"_s.arg(i), kLeaseMs); });
        }
        QSet<qint64> taken;
        int empty = 0;
        for (auto &future : claims) {
            future.waitForFinished();
            auto result = future.takeResult();
            SB_VERIFY_OK(result);
            if (!result->has_value()) {
                ++empty;
                continue;
            }
            QVERIFY2(!taken.contains((*result)->job.id), "a job was claimed twice");
            taken.insert((*result)->job.id);
        }
        QCOMPARE(taken.size(), kJobs);
        QCOMPARE(empty, 8);
    }

    void aRecordingEnqueuesOnlyTheFirstJob()
    {
        const Call call = makeInbound(*m_storage, u"CArec"_s);
        auto first = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).enqueueForRecording(call.id, 4); });
        SB_VERIFY_OK(first);
        QVERIFY(first->has_value());
        QCOMPARE((*first)->job.requestedBy, u"twilio"_s);
        auto again = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).enqueueForRecording(call.id, 4); });
        SB_VERIFY_OK(again);
        QVERIFY(!again->has_value());
        SB_VERIFY_OK(claim(u"w"_s));
        SB_VERIFY_OK(complete((*first)->job.id, u"w"_s, TranscriptDecision{TranscriptSource::Realtime, u"hello"_s}));
        // A second recording of a transcribed call adds no job.
        auto second = m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).enqueueForRecording(call.id, 4); });
        SB_VERIFY_OK(second);
        QVERIFY(!second->has_value());
    }

    void reprocessingIsAuditedAndForceJoinsTheActiveJob()
    {
        const Call call = makeInbound(*m_storage, u"CArep"_s);
        auto unknown = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).requestReprocess(u"CAnone"_s, true, u"admin"_s); });
        QCOMPARE(int(unknown.error().code), int(ErrorCode::NotFound));

        auto plain = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).requestReprocess(u"CArep"_s, false, u"admin"_s); });
        SB_VERIFY_OK(plain);
        QVERIFY(plain->created);
        QCOMPARE(plain->job.forced, false);
        auto forced = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).requestReprocess(u"CArep"_s, true, u"admin"_s); });
        SB_VERIFY_OK(forced);
        QVERIFY(!forced->created);
        QCOMPARE(forced->job.id, plain->job.id);
        QCOMPARE(forced->job.forced, true);

        auto events = m_storage->runBlocking([&](StorageSession &s) { return CallQueries(s).events(call.id); });
        SB_VERIFY_OK(events);
        QList<QJsonObject> requests;
        for (const CallEvent &event : *events) {
            if (event.kind == u"reprocess_requested")
                requests << event.detail;
        }
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].value(u"requested_by"_s).toString(), u"admin"_s);
        QCOMPARE(requests[0].value(u"created"_s).toBool(), true);
        QCOMPARE(requests[1].value(u"force"_s).toBool(), true);
        QCOMPARE(jobEvents(call.id).size(), 2); // created, then made forced
    }

    void listFiltersNewestFirstAndRefusesBadInput()
    {
        const Call a = makeInbound(*m_storage, u"CAla"_s);
        const Call b = makeInbound(*m_storage, u"CAlb"_s);
        const Job ja = enqueue(a.id, 5);
        const Job jb = enqueue(b.id, 5);
        auto all = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).list({}); });
        SB_VERIFY_OK(all);
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->first().id, jb.id);
        auto ofA = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).list({u"CAla"_s, {}, 50}); });
        QCOMPARE(ofA->size(), 1);
        QCOMPARE(ofA->first().id, ja.id);
        auto running = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).list({{}, u"running"_s, 50}); });
        QCOMPARE(running->size(), 0);
        auto badState = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).list({{}, u"failed"_s, 50}); });
        QCOMPARE(int(badState.error().code), int(ErrorCode::InvalidInput));
        auto badLimit = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).list({{}, {}, 0}); });
        QCOMPARE(int(badLimit.error().code), int(ErrorCode::InvalidInput));
        auto badOutcome = complete(ja.id, u"w"_s, std::nullopt, u"maybe"_s);
        QCOMPARE(int(badOutcome.error().code), int(ErrorCode::InvalidInput));
    }

private:
    Job enqueue(qint64 callId, int maxAttempts)
    {
        auto outcome = m_storage->runBlocking(
            [&](StorageSession &s) { return Jobs(s).enqueueTranscription(callId, false, u"test"_s, maxAttempts); });
        if (!outcome)
            qFatal("enqueue failed: %s", qPrintable(outcome.error().message));
        return outcome->job;
    }

    Result<std::optional<ClaimedJob>> claim(const QString &owner)
    {
        return m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).claimNext(owner, kLeaseMs); });
    }

    Result<Job> complete(qint64 jobId, const QString &owner, const std::optional<TranscriptDecision> &decision,
                         const QString &outcome = {})
    {
        const QString name = !outcome.isEmpty() ? outcome : decision ? toString(decision->source) : u"skipped"_s;
        return m_storage->runBlocking([&](StorageSession &s) { return Jobs(s).complete(jobId, owner, name, decision); });
    }

    Call reload(qint64 callId)
    {
        return m_storage->runBlocking([&](StorageSession &s) { return CallQueries(s).findById(callId); }).value();
    }

    QList<CallEvent> jobEvents(qint64 callId)
    {
        QList<CallEvent> changes;
        auto events = m_storage->runBlocking([&](StorageSession &s) { return CallQueries(s).events(callId); });
        for (const CallEvent &event : events.value()) {
            if (event.kind == u"job_changed")
                changes << event;
        }
        return changes;
    }

    StorageFixture m_fixture;
    std::unique_ptr<Storage> m_storage;
};

QTEST_GUILESS_MAIN(TestStorageJobs)
#include "tst_storage_jobs.moc"
