#include "storagefixture.h"

#include "storage/businesses.h"
#include "storage/calllifecycle.h"
#include "storage/callqueries.h"
#include "storage/dedupdecisions.h"
#include "storage/jobs.h"
#include "storage/recordings.h"
#include "storage/streams.h"
#include "storage/transcripts.h"
#include "storage/webhookingress.h"

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

class TestStorageMetrics final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void streamMetricsAcrossReconnects();
    void claimRecordingStartHasOneWinner();
    void claimRecordingStartsDecidesEachCall();
    void refusedStartsGoOnTheTimeline();
    void recordingCountCountsDistinctSids();
    void receiptsAndRetries();
    void increment11205();
    void costBucketRecomputed();
    void transcripts();
    void enqueueTranscriptionTwiceGivesOneActiveJob();
    void businessesAndDedupDecisions();
    void unknownCallIsNotFound_data();
    void unknownCallIsNotFound();

private:
    QList<QString> eventKinds(qint64 callId);
    Call reload(const QString &sid);

    StorageFixture m_fixture;
    std::unique_ptr<Storage> m_storage;
};

void TestStorageMetrics::initTestCase()
{
    auto ok = m_fixture.init();
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
}

void TestStorageMetrics::init()
{
    auto storage = m_fixture.open();
    SB_VERIFY_OK(storage);
    m_storage = std::move(storage).value();
}

void TestStorageMetrics::cleanup()
{
    m_storage.reset();
}

QList<QString> TestStorageMetrics::eventKinds(qint64 callId)
{
    auto events = m_storage->runBlocking([callId](StorageSession &s) { return CallQueries(s).events(callId); });
    QList<QString> kinds;
    if (events)
        for (const CallEvent &event : events.value())
            kinds << event.kind;
    return kinds;
}

Call TestStorageMetrics::reload(const QString &sid)
{
    auto call = m_storage->runBlocking([sid](StorageSession &s) { return CallQueries(s).findBySid(sid); });
    return call.ok() ? call.value() : Call{};
}

void TestStorageMetrics::streamMetricsAcrossReconnects()
{
    const Call call = makeInbound(*m_storage, u"CAst"_s);
    const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'100'000, Qt::UTC);
    // Three connected intervals: 10 s, 5.5 s, 2 s.
    const QList<QPair<qint64, qint64>> intervals{{0, 10'000}, {12'000, 17'500}, {20'000, 22'000}};
    for (qsizetype i = 0; i < intervals.size(); ++i) {
        const QDateTime start = t0.addMSecs(intervals[i].first);
        const QDateTime stop = t0.addMSecs(intervals[i].second);
        const QString streamSid = u"MZ"_s + QString::number(i);
        auto started = m_storage->runBlocking([=](StorageSession &s) { return Streams(s).streamStarted(u"CAst"_s, streamSid, start); });
        SB_VERIFY_OK(started);
        auto stopped = m_storage->runBlocking([=](StorageSession &s) { return Streams(s).streamStopped(u"CAst"_s, streamSid, start, stop); });
        SB_VERIFY_OK(stopped);
    }
    const Call stored = reload(u"CAst"_s);
    QCOMPARE(stored.streamConnectCount, 3);
    QCOMPARE(stored.streamStartedAt, t0);
    QCOMPARE(stored.streamEndedAt, t0.addMSecs(22'000));
    QCOMPARE(stored.streamDurationSec, 17.5);
    QCOMPARE(stored.streamSid, u"MZ2"_s);
    // More than one connect is a cost indicator.
    QCOMPARE(stored.estimatedCostBucket, CostBucket::Med);
    QCOMPARE(stored.costIndicators, QStringList{u"stream_reconnects"_s});

    const QList<QString> kinds = eventKinds(call.id);
    QCOMPARE(kinds.count(u"stream_started"_s), 3);
    QCOMPARE(kinds.count(u"stream_stopped"_s), 3);
    QCOMPARE(kinds.count(u"cost_bucket_changed"_s), 1);

    // A stop before its start adds nothing (clock skew must not subtract time).
    auto skewed = m_storage->runBlocking([=](StorageSession &s) {
        return Streams(s).streamStopped(u"CAst"_s, u"MZ9"_s, t0.addSecs(100), t0.addSecs(90));
    });
    SB_VERIFY_OK(skewed);
    QCOMPARE(skewed.value().streamDurationSec, 17.5);
    QCOMPARE(skewed.value().streamEndedAt, t0.addSecs(90)); // the latest stop seen
    // An older stop arriving late does not move stream_ended_at back.
    auto late = m_storage->runBlocking([=](StorageSession &s) {
        return Streams(s).streamStopped(u"CAst"_s, u"MZ1"_s, t0.addSecs(12), t0.addSecs(17));
    });
    SB_VERIFY_OK(late);
    QCOMPARE(late.value().streamEndedAt, t0.addSecs(90));
    QCOMPARE(late.value().streamDurationSec, 22.5);
}

void TestStorageMetrics::claimRecordingStartHasOneWinner()
{
    makeInbound(*m_storage, u"CArec"_s);
    std::vector<std::unique_ptr<Storage>> storages;
    for (int i = 0; i < 2; ++i) {
        auto extra = m_fixture.reopen(3);
        SB_VERIFY_OK(extra);
        storages.push_back(std::move(extra).value());
    }
    QList<QFuture<Result<bool>>> claims;
    for (int i = 0; i < 12; ++i) {
        Storage &storage = i % 3 == 0 ? *m_storage : *storages[size_t(i % 3) - 1];
        claims << storage.run([](StorageSession &s) { return Recordings(s).claimRecordingStart(u"CArec"_s); });
    }
    int winners = 0;
    for (auto &claim : claims) {
        claim.waitForFinished();
        auto result = claim.takeResult();
        SB_VERIFY_OK(result);
        winners += result.value() ? 1 : 0;
    }
    QCOMPARE(winners, 1);
    const Call stored = reload(u"CArec"_s);
    QCOMPARE(stored.recordingMode, RecordingMode::RecordingApi);
    QCOMPARE(eventKinds(stored.id).count(u"recording_claimed"_s), 1);
}

void TestStorageMetrics::claimRecordingStartsDecidesEachCall()
{
    makeInbound(*m_storage, u"CAfree"_s);
    makeInbound(*m_storage, u"CAtaken"_s);
    makeInbound(*m_storage, u"CAended"_s);
    auto prepared = m_storage->runBlocking([](StorageSession &s) -> Result<void> {
        auto taken = Recordings(s).claimRecordingStart(u"CAtaken"_s);
        if (!taken)
            return taken.error();
        auto ended = CallLifecycle(s).applyStatus(u"CAended"_s, {{CallStatus::Completed, 3}, 10, {}});
        return ended ? Result<void>() : Result<void>(ended.error());
    });
    SB_VERIFY_OK(prepared);
    QObject receiver;
    QList<CallEvent> published;
    connect(m_storage.get(), &Storage::eventsAppended, &receiver, [&published](const QList<CallEvent> &events) { published << events; });

    const QStringList sids{u"CAfree"_s, u"CAtaken"_s, u"CAended"_s, u"CAghost"_s, u"CAfree"_s};
    auto decided = m_storage->runBlocking([sids](StorageSession &s) { return Recordings(s).claimRecordingStarts(sids); });
    SB_VERIFY_OK(decided);
    QCOMPARE(decided.value().size(), 3); // the unknown call is left out, the repeated one decided once
    QCOMPARE(decided.value().value(u"CAfree"_s), true);
    QCOMPARE(decided.value().value(u"CAtaken"_s), false);
    QCOMPARE(decided.value().value(u"CAended"_s), false); // an ended call is not recorded any more
    QCOMPARE(reload(u"CAfree"_s).recordingMode, RecordingMode::RecordingApi);
    QCOMPARE(reload(u"CAended"_s).recordingMode, RecordingMode::Off);
    QCOMPARE(eventKinds(reload(u"CAfree"_s).id).count(u"recording_claimed"_s), 1);
    QCOMPARE(eventKinds(reload(u"CAended"_s).id).count(u"recording_claimed"_s), 0);
    QTRY_COMPARE(published.size(), 1);
    QCOMPARE(published.at(0).kind, u"recording_claimed"_s);
    QCOMPARE(published.at(0).callSid, u"CAfree"_s);

    auto again = m_storage->runBlocking([](StorageSession &s) { return Recordings(s).claimRecordingStarts({u"CAfree"_s}); });
    SB_VERIFY_OK(again);
    QCOMPARE(again.value().value(u"CAfree"_s, true), false);
}

void TestStorageMetrics::refusedStartsGoOnTheTimeline()
{
    makeInbound(*m_storage, u"CAref1"_s);
    makeInbound(*m_storage, u"CAref2"_s);
    const QList<RecordingStartFailure> failures{{u"CAref1"_s, 21220, u"not in progress"_s},
                                                {u"CAghost"_s, 0, u"no such call"_s},
                                                {u"CAref2"_s, 0, QString(400, u'x')}};
    auto noted = m_storage->runBlocking([failures](StorageSession &s) { return Recordings(s).noteRecordingStartsFailed(failures); });
    SB_VERIFY_OK(noted);
    auto lastFailure = [this](const QString &sid) {
        auto events = m_storage->runBlocking([id = reload(sid).id](StorageSession &s) { return CallQueries(s).events(id); });
        for (qsizetype i = events.value().size() - 1; i >= 0; --i) {
            if (events.value().at(i).kind == u"recording_start_failed")
                return events.value().at(i).detail;
        }
        return QJsonObject();
    };
    const QJsonObject first = lastFailure(u"CAref1"_s);
    QCOMPARE(first.value(u"error_code"_s).toInt(), 21220);
    QCOMPARE(first.value(u"message"_s).toString(), u"not in progress"_s);
    QCOMPARE(first.value(u"retried"_s).toBool(true), false);
    const QJsonObject second = lastFailure(u"CAref2"_s);
    QVERIFY(!second.contains(u"error_code"_s));
    QCOMPARE(second.value(u"message"_s).toString().size(), 300); // kept short
    QCOMPARE(reload(u"CAref1"_s).recordingMode, RecordingMode::Off); // only the timeline changed
}

void TestStorageMetrics::recordingCountCountsDistinctSids()
{
    makeInbound(*m_storage, u"CArc"_s);
    auto step = [this](const QString &rsid, RecordingStatus status, const QString &url) {
        return m_storage->runBlocking([=](StorageSession &s) { return Recordings(s).recordRecordingStatus(u"CArc"_s, rsid, status, url); });
    };
    auto a = step(u"RE1"_s, RecordingStatus::InProgress, {});
    SB_VERIFY_OK(a);
    QCOMPARE(a.value().recordingCount, 1);
    auto b = step(u"RE1"_s, RecordingStatus::Completed, u"https://rec/RE1"_s);
    SB_VERIFY_OK(b);
    QCOMPARE(b.value().recordingCount, 1);
    QCOMPARE(b.value().recordingUrl, u"https://rec/RE1"_s);
    auto c = step(u"RE1"_s, RecordingStatus::Completed, {}); // a retry without URL keeps it
    SB_VERIFY_OK(c);
    QCOMPARE(c.value().recordingUrl, u"https://rec/RE1"_s);
    QCOMPARE(c.value().estimatedCostBucket, CostBucket::Low);
    auto d = step(u"RE2"_s, RecordingStatus::Completed, u"https://rec/RE2"_s);
    SB_VERIFY_OK(d);
    QCOMPARE(d.value().recordingCount, 2);
    QCOMPARE(d.value().recordingSid, u"RE2"_s);
    QCOMPARE(d.value().recordingStatus, std::optional<RecordingStatus>(RecordingStatus::Completed));
    QCOMPARE(d.value().costIndicators, QStringList{u"duplicate_recording"_s});
    QCOMPARE(d.value().estimatedCostBucket, CostBucket::Med);

    auto bad = step(QString(), RecordingStatus::Completed, {});
    QVERIFY(!bad.ok());
    QCOMPARE(int(bad.error().code), int(ErrorCode::InvalidInput));
}

void TestStorageMetrics::receiptsAndRetries()
{
    const Call call = makeInbound(*m_storage, u"CAwh"_s);
    auto receipt = [this](const QString &key, const QString &sid) {
        return m_storage->runBlocking([=](StorageSession &s) { return WebhookIngress(s).recordReceipt(key, u"status"_s, sid); });
    };
    auto first = receipt(u"idem-1"_s, u"CAwh"_s);
    SB_VERIFY_OK(first);
    QVERIFY(first.value().firstTime);
    QCOMPARE(first.value().webhookRetryCount, 0);
    for (int retry = 1; retry <= 3; ++retry) {
        auto again = receipt(u"idem-1"_s, u"CAwh"_s);
        SB_VERIFY_OK(again);
        QVERIFY(!again.value().firstTime);
        QCOMPARE(again.value().webhookRetryCount, retry);
    }
    auto other = receipt(u"idem-2"_s, u"CAwh"_s);
    SB_VERIFY_OK(other);
    QVERIFY(other.value().firstTime);
    const Call stored = reload(u"CAwh"_s);
    QCOMPARE(stored.webhookRetryCount, 3);
    QCOMPARE(stored.costIndicators, QStringList{u"webhook_retries"_s}); // more than 2 retries
    QCOMPARE(eventKinds(call.id).count(u"webhook_retry"_s), 3);

    // A receipt for a call we do not know is still remembered.
    auto unknown = receipt(u"idem-3"_s, u"CAunknown"_s);
    SB_VERIFY_OK(unknown);
    QVERIFY(unknown.value().firstTime);
    auto unknownAgain = receipt(u"idem-3"_s, u"CAunknown"_s);
    SB_VERIFY_OK(unknownAgain);
    QVERIFY(!unknownAgain.value().firstTime);
    QVERIFY(!receipt(QString(), u"CAwh"_s).ok());
}

void TestStorageMetrics::increment11205()
{
    const Call call = makeInbound(*m_storage, u"CA11205"_s);
    auto once = m_storage->runBlocking([](StorageSession &s) { return WebhookIngress(s).increment11205(u"CA11205"_s); });
    SB_VERIFY_OK(once);
    QCOMPARE(once.value().webhook11205Count, 1);
    QCOMPARE(once.value().estimatedCostBucket, CostBucket::Med);
    QCOMPARE(once.value().costIndicators, QStringList{u"webhook_11205"_s});
    auto twice = m_storage->runBlocking([](StorageSession &s) { return WebhookIngress(s).increment11205(u"CA11205"_s); });
    SB_VERIFY_OK(twice);
    QCOMPARE(twice.value().webhook11205Count, 2);
    QCOMPARE(eventKinds(call.id).count(u"webhook_11205"_s), 2);
    QCOMPARE(eventKinds(call.id).count(u"cost_bucket_changed"_s), 1); // MED stayed MED
}

void TestStorageMetrics::costBucketRecomputed()
{
    const Call call = makeInbound(*m_storage, u"CAcost"_s);
    const QDateTime t0 = m_fixture.clock.now();
    auto result = m_storage->runBlocking([t0](StorageSession &s) -> Result<Call> {
        for (int i = 0; i < 3; ++i) {
            if (auto started = Streams(s).streamStarted(u"CAcost"_s, u"MZ"_s + QString::number(i), t0); !started)
                return started;
        }
        for (const QString &rsid : {u"RE1"_s, u"RE2"_s}) {
            if (auto recorded = Recordings(s).recordRecordingStatus(u"CAcost"_s, rsid, RecordingStatus::Completed, {}); !recorded)
                return recorded;
        }
        return CallQueries(s).findBySid(u"CAcost"_s);
    });
    SB_VERIFY_OK(result);
    QCOMPARE(result.value().estimatedCostBucket, CostBucket::High);
    QCOMPARE(result.value().costIndicators, (QStringList{u"stream_reconnects"_s, u"duplicate_recording"_s}));

    const QList<QString> kinds = eventKinds(call.id);
    QCOMPARE(kinds.count(u"cost_bucket_changed"_s), 2); // LOW → MED → HIGH
    auto events = m_storage->runBlocking([id = call.id](StorageSession &s) { return CallQueries(s).events(id); });
    SB_VERIFY_OK(events);
    const CallEvent last = [&] {
        CallEvent found;
        for (const CallEvent &e : events.value())
            if (e.kind == u"cost_bucket_changed")
                found = e;
        return found;
    }();
    QCOMPARE(last.detail.value(u"from"_s).toString(), u"MED"_s);
    QCOMPARE(last.detail.value(u"to"_s).toString(), u"HIGH"_s);
    QCOMPARE(last.source, u"cost"_s);
}

void TestStorageMetrics::transcripts()
{
    const Call call = makeInbound(*m_storage, u"CAtr"_s);
    auto line1 = m_storage->runBlocking([](StorageSession &s) { return RealtimeTranscript(s).appendTranscriptLine(u"CAtr"_s, u"agent"_s, u"שלום"_s); });
    SB_VERIFY_OK(line1);
    auto line2 = m_storage->runBlocking([](StorageSession &s) { return RealtimeTranscript(s).appendTranscriptLine(u"CAtr"_s, u"caller"_s, u"hi"_s); });
    SB_VERIFY_OK(line2);
    QCOMPARE(reload(u"CAtr"_s).transcription, u"agent: שלום\ncaller: hi\n"_s);

    auto empty = m_storage->runBlocking([](StorageSession &s) { return RealtimeTranscript(s).appendTranscriptLine(u"CAtr"_s, u"agent"_s, u"  "_s); });
    QVERIFY(!empty.ok());

    auto final = m_storage->runBlocking([id = call.id](StorageSession &s) {
        return FinalTranscript(s).setFinalTranscript(id, u"the whole call"_s, TranscriptSource::Recording);
    });
    SB_VERIFY_OK(final);
    const Call stored = reload(u"CAtr"_s);
    QCOMPARE(stored.finalTranscript, u"the whole call"_s);
    QCOMPARE(stored.transcriptSource, std::optional<TranscriptSource>(TranscriptSource::Recording));
    QCOMPARE(eventKinds(call.id).count(u"transcript_line"_s), 2);
    QCOMPARE(eventKinds(call.id).count(u"final_transcript"_s), 1);

    auto emptyRecording = m_storage->runBlocking([id = call.id](StorageSession &s) {
        return FinalTranscript(s).setFinalTranscript(id, {}, TranscriptSource::Recording);
    });
    QVERIFY(!emptyRecording.ok());
    QCOMPARE(int(emptyRecording.error().code), int(ErrorCode::InvalidInput));
}

void TestStorageMetrics::enqueueTranscriptionTwiceGivesOneActiveJob()
{
    const Call call = makeInbound(*m_storage, u"CAjob"_s);
    QList<QFuture<Result<EnqueueOutcome>>> futures;
    for (int i = 0; i < 6; ++i)
        futures << m_storage->run([id = call.id, i](StorageSession &s) {
            return Jobs(s).enqueueTranscription(id, false, u"worker-"_s + QString::number(i));
        });
    int created = 0;
    qint64 jobId = 0;
    for (auto &future : futures) {
        future.waitForFinished();
        auto outcome = future.takeResult();
        SB_VERIFY_OK(outcome);
        created += outcome.value().created ? 1 : 0;
        if (jobId == 0)
            jobId = outcome.value().job.id;
        QCOMPARE(outcome.value().job.id, jobId);
        QCOMPARE(outcome.value().job.state, u"pending"_s);
    }
    QCOMPARE(created, 1);
    auto count = m_storage->runBlocking([id = call.id](StorageSession &s) -> qint64 {
        auto q = s.exec(u"SELECT COUNT(*) FROM jobs WHERE call_id = :id"_s, {{u":id"_s, id}});
        return q && q.value().next() ? q.value().value(0).toLongLong() : -1;
    });
    QCOMPARE(count, 1);
    QCOMPARE(eventKinds(call.id).count(u"job_changed"_s), 1);

    auto missing = m_storage->runBlocking([](StorageSession &s) { return Jobs(s).enqueueTranscription(424242, false, {}); });
    QVERIFY(!missing.ok());
    QCOMPARE(int(missing.error().code), int(ErrorCode::NotFound));
}

void TestStorageMetrics::businessesAndDedupDecisions()
{
    auto created = m_storage->runBlocking([](StorageSession &s) { return Businesses(s).create(u"Clinic"_s, u"+1800"_s, u"Be kind"_s); });
    SB_VERIFY_OK(created);
    auto found = m_storage->runBlocking([id = created.value().id](StorageSession &s) { return Businesses(s).find(id); });
    SB_VERIFY_OK(found);
    QCOMPARE(found.value().prompt, u"Be kind"_s);
    QCOMPARE(found.value().callerNumber, u"+1800"_s);
    auto list = m_storage->runBlocking([](StorageSession &s) { return Businesses(s).list(); });
    SB_VERIFY_OK(list);
    QCOMPARE(list.value().size(), 2);
    QVERIFY(!m_storage->runBlocking([](StorageSession &s) { return Businesses(s).create(u" "_s); }).ok());
    auto missing = m_storage->runBlocking([](StorageSession &s) { return Businesses(s).find(99); });
    QCOMPARE(int(missing.error().code), int(ErrorCode::NotFound));

    for (int i = 0; i < 3; ++i) {
        DedupDecision decision;
        decision.businessId = 1;
        decision.number = u"+1555"_s;
        decision.dedupKey = u"k"_s + QString::number(i);
        decision.layer = i == 0 ? std::nullopt : std::optional<DedupLayer>(i == 1 ? DedupLayer::Memory : DedupLayer::Database);
        decision.outcome = i == 0 ? u"placed"_s : u"duplicate"_s;
        decision.callId = 7;
        m_fixture.clock.advanceMs(10);
        auto recorded = m_storage->runBlocking([decision](StorageSession &s) { return DedupDecisions(s).record(decision); });
        SB_VERIFY_OK(recorded);
        QCOMPARE(recorded.value().at, m_fixture.clock.now());
    }
    auto recent = m_storage->runBlocking([](StorageSession &s) { return DedupDecisions(s).recent(2); });
    SB_VERIFY_OK(recent);
    QCOMPARE(recent.value().size(), 2);
    QCOMPARE(recent.value().at(0).dedupKey, u"k2"_s);
    QCOMPARE(recent.value().at(0).layer, std::optional<DedupLayer>(DedupLayer::Database));
    QCOMPARE(recent.value().at(1).layer, std::optional<DedupLayer>(DedupLayer::Memory));
    QCOMPARE(recent.value().at(1).callId, std::optional<qint64>(7));
}

void TestStorageMetrics::unknownCallIsNotFound_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("streamStarted") << 0;
    QTest::newRow("streamStopped") << 1;
    QTest::newRow("claimRecordingStart") << 2;
    QTest::newRow("recordRecordingStatus") << 3;
    QTest::newRow("appendTranscriptLine") << 4;
    QTest::newRow("setFinalTranscript") << 5;
    QTest::newRow("increment11205") << 6;
}

void TestStorageMetrics::unknownCallIsNotFound()
{
    QFETCH(int, which);
    const QDateTime t = m_fixture.clock.now();
    auto error = m_storage->runBlocking([which, t](StorageSession &s) -> Error {
        const QString sid = u"CAghost"_s;
        switch (which) {
        case 0: return Streams(s).streamStarted(sid, u"MZ"_s, t).error();
        case 1: return Streams(s).streamStopped(sid, u"MZ"_s, t, t).error();
        case 2: return Recordings(s).claimRecordingStart(sid).error();
        case 3: return Recordings(s).recordRecordingStatus(sid, u"RE"_s, RecordingStatus::Completed, {}).error();
        case 4: return RealtimeTranscript(s).appendTranscriptLine(sid, u"a"_s, u"b"_s).error();
        case 5: return FinalTranscript(s).setFinalTranscript(987654, u"x"_s, TranscriptSource::Realtime).error();
        default: return WebhookIngress(s).increment11205(sid).error();
        }
    });
    QCOMPARE(int(error.code), int(ErrorCode::NotFound));
}

QTEST_GUILESS_MAIN(TestStorageMetrics)
#include "tst_storage_metrics.moc"
