// Cost summaries, cost warnings, the estimated cost and the database half of /metrics, over a
// seeded database (SQLite or PostgreSQL, SWITCHBOARD_TEST_BACKEND).
#include "storagefixture.h"

#include "storage/businesses.h"
#include "storage/calllifecycle.h"
#include "storage/callqueries.h"
#include "storage/costreports.h"
#include "storage/dedupdecisions.h"
#include "storage/jobs.h"
#include "storage/metricsqueries.h"
#include "storage/recordings.h"
#include "storage/streams.h"
#include "storage/webhookingress.h"

#include <QJsonArray>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kDayMs = 86'400'000;
/// Noon (UTC) of the seeded "today": 2023-11-14.
constexpr qint64 kTodayNoonMs = (1'700'000'000'000 / kDayMs) * kDayMs + kDayMs / 2;
} // namespace

class TestStorageCosts final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void summaryOverSeededCalls();
    void summaryOfOneBusinessAndOtherWindows();
    void summaryRefusesDaysOutOfRange_data();
    void summaryRefusesDaysOutOfRange();
    void costWarningsAreRaisedOnceAsInputsCross();
    void estimatedCostFollowsTheRateCard();
    void databaseMetrics();

private:
    /// Opens a fresh database and seeds it (see the comment in the body).
    void seed();
    template <typename F>
    auto run(F &&fn) { return m_storage->runBlocking(std::forward<F>(fn)); }
    Call inboundAt(qint64 atMs, const QString &sid, qint64 businessId = 1);
    QList<CallEvent> eventsOf(qint64 callId, const QString &kind);
    CostSummary summary(std::optional<qint64> businessId, int days);

    StorageFixture m_fixture;
    std::unique_ptr<Storage> m_storage;
};

void TestStorageCosts::initTestCase()
{
    auto ok = m_fixture.init();
    QVERIFY2(ok.ok(), ok.ok() ? "" : qPrintable(ok.error().message));
}

void TestStorageCosts::cleanup()
{
    m_storage.reset();
}

Call TestStorageCosts::inboundAt(qint64 atMs, const QString &sid, qint64 businessId)
{
    m_fixture.clock.setMs(atMs);
    auto created = run([=](StorageSession &s) {
        return CallCreation(s).createInbound({sid, u"+15550001111"_s, u"+15550002222"_s, businessId});
    });
    if (!created)
        qFatal("createInbound failed: %s", qPrintable(created.error().message));
    return created->call;
}

QList<CallEvent> TestStorageCosts::eventsOf(qint64 callId, const QString &kind)
{
    auto events = run([callId](StorageSession &s) { return CallQueries(s).events(callId); });
    QList<CallEvent> matching;
    for (const CallEvent &event : events.valueOr({}))
        if (event.kind == kind)
            matching << event;
    return matching;
}

CostSummary TestStorageCosts::summary(std::optional<qint64> businessId, int days)
{
    auto result = run([=](StorageSession &s) { return CostReports(s).summary(businessId, days, AlertThresholds()); });
    if (!result)
        qWarning("summary failed: %s", qPrintable(result.error().message));
    return result.valueOr(CostSummary());
}

void TestStorageCosts::seed()
{
    auto storage = m_fixture.open();
    QVERIFY(storage.ok());
    m_storage = std::move(storage).value();
    auto second = run([](StorageSession &s) { return Businesses(s).create(u"Second"_s); });
    QVERIFY(second.ok());
    QCOMPARE(second->id, qint64(2));
    const auto complete = [this](const QString &sid, int seconds) {
        return run([=](StorageSession &s) {
            return CallLifecycle(s).applyStatus(sid, {{CallStatus::Completed, 10}, seconds, {}});
        });
    };

    // Two days ago, business 1: a quiet 61 s call: LOW, 2 voice minutes = $0.017.
    inboundAt(kTodayNoonMs - 2 * kDayMs, u"CAquiet"_s);
    QVERIFY(complete(u"CAquiet"_s, 61).ok());
    // Yesterday, business 2: two stream connects and two recordings of a 30 s call: HIGH,
    // 1 voice + 2 recording + 1 stream minutes + 0.5 transcription minute = $0.0205.
    inboundAt(kTodayNoonMs - kDayMs, u"CAhigh"_s, 2);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(kTodayNoonMs - kDayMs, Qt::UTC);
    for (const QString &stream : {u"MZ1"_s, u"MZ2"_s}) {
        QVERIFY(run([=](StorageSession &s) { return Streams(s).streamStarted(u"CAhigh"_s, stream, start); }).ok());
        QVERIFY(run([=](StorageSession &s) {
                    return Streams(s).streamStopped(u"CAhigh"_s, stream, start, start.addSecs(5));
                }).ok());
    }
    for (const QString &recording : {u"RE1"_s, u"RE2"_s}) {
        QVERIFY(run([=](StorageSession &s) {
                    return Recordings(s).recordRecordingStatus(u"CAhigh"_s, recording, RecordingStatus::Completed, {});
                }).ok());
    }
    QVERIFY(complete(u"CAhigh"_s, 30).ok());
    // Today, business 1: one 11205 error, still in progress: MED, nothing billed yet.
    inboundAt(kTodayNoonMs, u"CA11205"_s);
    QVERIFY(run([](StorageSession &s) { return WebhookIngress(s).increment11205(u"CA11205"_s); }).ok());
    // Ten days ago, business 1: a 60 s call, outside every window below but the 30-day one.
    inboundAt(kTodayNoonMs - 10 * kDayMs, u"CAold"_s);
    QVERIFY(complete(u"CAold"_s, 60).ok());

    m_fixture.clock.setMs(kTodayNoonMs + 1000);
}

void TestStorageCosts::summaryOverSeededCalls()
{
    seed();
    const CostSummary all = summary(std::nullopt, 3);
    QVERIFY(!all.businessId);
    QCOMPARE(all.days, 3);
    QCOMPARE(all.totalCalls, qint64(3));
    QCOMPARE(all.bucketCounts, (CostBucketCounts{1, 1, 1}));
    QCOMPARE(all.highCostCalls, qint64(1));
    QCOMPARE(all.duplicateRecordings, qint64(1));
    QCOMPARE(all.callsWithReconnects, qint64(1));
    QCOMPARE(all.webhook11205Errors, qint64(1));
    QCOMPARE(all.webhookRetries, qint64(0));
    QCOMPARE(all.estimatedCost, 0.0375);
    QCOMPARE(all.indicatorCounts,
             (QMap<QString, qint64>{{u"stream_reconnects"_s, 1}, {u"high_stream_ratio"_s, 0}, {u"duplicate_recording"_s, 1},
                                    {u"webhook_11205"_s, 1}, {u"webhook_retries"_s, 0}}));

    // Every day of the range, oldest first, each with its own calls.
    QCOMPARE(all.daily.size(), 3);
    QCOMPARE(all.daily[0].date, QDate(2023, 11, 12));
    QCOMPARE(all.daily[2].date, QDate(2023, 11, 14));
    QCOMPARE(all.daily[0].totalCalls, qint64(1));
    QCOMPARE(all.daily[0].bucketCounts, (CostBucketCounts{1, 0, 0}));
    QCOMPARE(all.daily[0].estimatedCost, 0.017);
    QCOMPARE(all.daily[1].highCostCalls, qint64(1));
    QCOMPARE(all.daily[1].bucketCounts, (CostBucketCounts{0, 0, 1}));
    QCOMPARE(all.daily[1].estimatedCost, 0.0205);
    QCOMPARE(all.daily[2].bucketCounts, (CostBucketCounts{0, 1, 0}));
    QCOMPARE(all.daily[2].estimatedCost, 0.0);

    // 1 duplicate (> 0): critical; 1 of 3 HIGH (33 % > 20 %): warning; 1 of 3 reconnected (> 2 × 10 %): critical.
    QStringList alerts;
    for (const Alert &alert : all.alerts)
        alerts << alert.key + u':' + Alert::severityName(alert.severity);
    QCOMPARE(alerts, QStringList({u"duplicate_recordings:critical"_s, u"high_cost_ratio:warning"_s,
                                  u"reconnect_ratio:critical"_s}));
    QCOMPARE(all.thresholds, AlertThresholds());
    QVERIFY(!all.recommendations.isEmpty());
}

void TestStorageCosts::summaryOfOneBusinessAndOtherWindows()
{
    seed();
    const CostSummary first = summary(1, 3);
    QCOMPARE(first.businessId, std::optional<qint64>(1));
    QCOMPARE(first.totalCalls, qint64(2));
    QCOMPARE(first.bucketCounts, (CostBucketCounts{1, 1, 0}));
    QCOMPARE(first.duplicateRecordings, qint64(0));
    QCOMPARE(first.daily[1].totalCalls, qint64(0)); // yesterday's call was business 2's

    const CostSummary second = summary(2, 3);
    QCOMPARE(second.totalCalls, qint64(1));
    QCOMPARE(second.highCostCalls, qint64(1));

    const CostSummary today = summary(std::nullopt, 1);
    QCOMPARE(today.totalCalls, qint64(1));
    QCOMPARE(today.daily.size(), 1);
    QCOMPARE(today.daily[0].date, QDate(2023, 11, 14));
    QCOMPARE(today.webhook11205Errors, qint64(1));

    const CostSummary month = summary(std::nullopt, 30);
    QCOMPARE(month.totalCalls, qint64(4));
    QCOMPARE(month.daily.size(), 30);
    QCOMPARE(month.daily[19].totalCalls, qint64(1)); // ten days ago
    QCOMPARE(month.estimatedCost, 0.046);

    QCOMPARE(summary(7, 30).totalCalls, qint64(0)); // no such business: no calls
}

void TestStorageCosts::summaryRefusesDaysOutOfRange_data()
{
    QTest::addColumn<int>("days");
    QTest::newRow("0") << 0;
    QTest::newRow("-1") << -1;
    QTest::newRow("367") << 367;
}

void TestStorageCosts::summaryRefusesDaysOutOfRange()
{
    QFETCH(int, days);
    if (!m_storage) {
        auto storage = m_fixture.open();
        QVERIFY(storage.ok());
        m_storage = std::move(storage).value();
    }
    auto result = run([days](StorageSession &s) { return CostReports(s).summary(std::nullopt, days, AlertThresholds()); });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
    QVERIFY(result.error().message.contains(u"1 to 366"_s));
}

void TestStorageCosts::costWarningsAreRaisedOnceAsInputsCross()
{
    auto storage = m_fixture.open();
    QVERIFY(storage.ok());
    m_storage = std::move(storage).value();
    const Call call = inboundAt(kTodayNoonMs, u"CAwarn"_s);
    const auto record = [this](const QString &rsid) {
        return run([=](StorageSession &s) {
            return Recordings(s).recordRecordingStatus(u"CAwarn"_s, rsid, RecordingStatus::Completed, {});
        });
    };
    QVERIFY(record(u"RE1"_s).ok());
    QVERIFY(eventsOf(call.id, u"cost_warning"_s).isEmpty()); // one recording is normal
    QVERIFY(record(u"RE2"_s).ok());
    QVERIFY(record(u"RE3"_s).ok());
    QVERIFY(record(u"RE3"_s).ok());
    QList<CallEvent> warnings = eventsOf(call.id, u"cost_warning"_s);
    QCOMPARE(warnings.size(), 1); // 1 → 2 crossed once; 2 → 3 is still the same warning
    QCOMPARE(warnings[0].source, u"cost"_s);
    QCOMPARE(warnings[0].detail.value(u"warning"_s).toString(), u"duplicate_recording"_s);
    QCOMPARE(warnings[0].detail.value(u"value"_s).toInt(), 2);

    const QDateTime at = QDateTime::fromMSecsSinceEpoch(kTodayNoonMs, Qt::UTC);
    for (const QString &stream : {u"MZa"_s, u"MZb"_s, u"MZc"_s})
        QVERIFY(run([=](StorageSession &s) { return Streams(s).streamStarted(u"CAwarn"_s, stream, at); }).ok());
    for (int i = 0; i < 4; ++i)
        QVERIFY(run([](StorageSession &s) { return WebhookIngress(s).increment11205(u"CAwarn"_s); }).ok());
    for (int i = 0; i < 4; ++i)
        QVERIFY(run([](StorageSession &s) { return WebhookIngress(s).recordReceipt(u"same-token"_s, u"status"_s, u"CAwarn"_s); }).ok());

    warnings = eventsOf(call.id, u"cost_warning"_s);
    QStringList names;
    for (const CallEvent &warning : warnings)
        names << warning.detail.value(u"warning"_s).toString() + u'=' + QString::number(warning.detail.value(u"value"_s).toInt());
    // reconnect at the 2nd connect, 11205 at the 1st error, retry at the 3rd retry (4 deliveries).
    QCOMPARE(names, QStringList({u"duplicate_recording=2"_s, u"reconnect=2"_s, u"webhook_11205=1"_s, u"webhook_retry=3"_s}));
    auto stored = run([](StorageSession &s) { return CallQueries(s).findBySid(u"CAwarn"_s); });
    QCOMPARE(stored->estimatedCostBucket, CostBucket::High);
    QCOMPARE(stored->costIndicators, QStringList({u"stream_reconnects"_s, u"duplicate_recording"_s, u"webhook_11205"_s,
                                                  u"webhook_retries"_s}));
}

void TestStorageCosts::estimatedCostFollowsTheRateCard()
{
    CostSettings costs;
    costs.rates = RateCard::parse(u"voice_inbound=0.1,recording=0.01,stream=0,transcription=0"_s).value();
    costs.thresholds.maxRecordings = 5; // two recordings are not an indicator here
    auto storage = m_fixture.open(2, costs);
    QVERIFY(storage.ok());
    m_storage = std::move(storage).value();
    const Call call = inboundAt(kTodayNoonMs, u"CArate"_s);
    QCOMPARE(call.estimatedCost, 0.0);
    for (const QString &rsid : {u"RE1"_s, u"RE2"_s}) {
        QVERIFY(run([=](StorageSession &s) {
                    return Recordings(s).recordRecordingStatus(u"CArate"_s, rsid, RecordingStatus::Completed, {});
                }).ok());
    }
    QVERIFY(eventsOf(call.id, u"cost_warning"_s).isEmpty());
    QVERIFY(run([](StorageSession &s) {
                return CallLifecycle(s).applyStatus(u"CArate"_s, {{CallStatus::Completed, 5}, 61, {}});
            }).ok());
    auto stored = run([](StorageSession &s) { return CallQueries(s).findBySid(u"CArate"_s); });
    // 2 voice minutes × 0.1 + 2 recordings × 2 minutes × 0.01.
    QCOMPARE(stored->estimatedCost, 0.24);
    QCOMPARE(stored->estimatedCostBucket, CostBucket::Low);
    QCOMPARE(stored->toJson().value(u"estimated_cost"_s).toDouble(), 0.24);
}

void TestStorageCosts::databaseMetrics()
{
    seed();
    QVERIFY(run([](StorageSession &s) { return Jobs(s).enqueueTranscription(1, false, {}); }).ok());
    for (const auto &[layer, outcome] : {std::pair{std::optional<DedupLayer>(), u"placed"_s},
                                         std::pair{std::optional<DedupLayer>(DedupLayer::Memory), u"duplicate"_s},
                                         std::pair{std::optional<DedupLayer>(DedupLayer::Memory), u"duplicate"_s},
                                         std::pair{std::optional<DedupLayer>(DedupLayer::Database), u"duplicate"_s}}) {
        DedupDecision decision;
        decision.number = u"+15550001111"_s;
        decision.businessId = 1;
        decision.layer = layer;
        decision.outcome = outcome;
        QVERIFY(run([decision](StorageSession &s) { return DedupDecisions(s).record(decision); }).ok());
    }
    auto metrics = run([](StorageSession &s) { return MetricsQueries(s).read(); });
    QVERIFY2(metrics.ok(), metrics.ok() ? "" : qPrintable(metrics.error().message));
    QCOMPARE(metrics->callsByStatus.value(u"completed"_s), qint64(3));
    QCOMPARE(metrics->callsByStatus.value(u"ringing"_s), qint64(1));
    QCOMPARE(metrics->callsByStatus.value(u"busy"_s), qint64(0));
    QCOMPARE(metrics->callsByStatus.size(), enumNames<CallStatus>().size());
    QCOMPARE(metrics->callsByBucket,
             (QMap<QString, qint64>{{u"LOW"_s, 2}, {u"MED"_s, 1}, {u"HIGH"_s, 1}}));
    QCOMPARE(metrics->jobsByState.value(u"pending"_s), qint64(1));
    QCOMPARE(metrics->jobsByState.value(u"dead"_s), qint64(0));
    QCOMPARE(metrics->dedupDecisionsByLayer,
             (QMap<QString, qint64>{{u"none"_s, 1}, {u"memory"_s, 2}, {u"database"_s, 1}}));
    QCOMPARE(metrics->estimatedCost, 0.046);
}

QTEST_GUILESS_MAIN(TestStorageCosts)
#include "tst_storage_costs.moc"
