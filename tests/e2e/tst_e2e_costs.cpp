// Cost buckets, warnings, the summary, alerts and /metrics from real traffic: the simulator
// (standing in for Twilio) drives calls through a whole backend on SQLite or PostgreSQL
// (SWITCHBOARD_TEST_BACKEND); recording callbacks are posted signed, as Twilio would.
#include "backendharness.h"
#include "prometheusparser.h"

#include "calls/alertmonitor.h"

#include "calldriver.h"
#include "inboundgenerator.h"
#include "simulator.h"
#include "webhooksender.h"

#include "shared/call.h"
#include "shared/costsummary.h"
#include "shared/ratecard.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace sb::test;
using namespace Qt::StringLiterals;

namespace {
const QString kAccount = u"AC0123456789abcdef0123456789abcdef"_s;
}

class TestE2eCosts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<BackendHarness> m_backend;
    std::unique_ptr<sim::Simulator> m_twilio;    ///< serves the REST API (outbound calls)
    std::unique_ptr<sim::Simulator> m_simulator; ///< places inbound calls

    static sim::SimOptions simOptions()
    {
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5; // 50 frames: a quarter-second stream
        return options;
    }

    QJsonObject storedCall(const QString &sid) { return m_backend->apiGet(u"/api/calls/"_s + sid).json(); }

    /// The `cost_warning` events of a call's timeline, as "source:warning".
    QStringList warningsOf(const QString &sid)
    {
        QStringList warnings;
        const QJsonArray events = m_backend->apiGet(u"/api/calls/"_s + sid + u"/events"_s).json().value(u"events"_s).toArray();
        for (const QJsonValue &event : events) {
            const QJsonObject object = event.toObject();
            if (object.value(u"kind"_s).toString() == u"cost_warning")
                warnings << object.value(u"source"_s).toString() + u':'
                                + object.value(u"detail"_s).toObject().value(u"warning"_s).toString();
        }
        return warnings;
    }

    /// One inbound call with @p faults, run to its end; its CallSid.
    QString runCall(const sim::CallFaults &faults)
    {
        const qsizetype before = m_simulator->calls().size();
        sim::InboundBatch batch;
        batch.count = 1;
        batch.faults = faults;
        QSignalSpy drained(&m_simulator->inbound(), &sim::InboundGenerator::drained);
        m_simulator->inbound().submit(batch);
        if (!drained.wait(60000) || m_simulator->calls().size() != before + 1)
            return {};
        if (m_simulator->webhooks().inFlight() > 0 && !QSignalSpy(&m_simulator->webhooks(), &sim::WebhookSender::idle).wait(30000))
            return {};
        return m_simulator->calls().constLast()->call().sid;
    }

    HttpReply recordingCallback(const QString &callSid, const QString &recordingSid)
    {
        return m_backend->postWebhook(u"/twilio/recording-status"_s,
                                      {{u"AccountSid"_s, kAccount}, {u"CallSid"_s, callSid}, {u"RecordingSid"_s, recordingSid},
                                       {u"RecordingStatus"_s, u"completed"_s}, {u"RecordingDuration"_s, u"1"_s},
                                       {u"RecordingSource"_s, u"StartCallRecordingAPI"_s}});
    }

    PrometheusExposition scrape()
    {
        const HttpReply reply = sendRequest(m_backend->network(), "GET", m_backend->url(u"/metrics"_s));
        if (reply.status != 200 || !reply.contentType.startsWith("text/plain; version=0.0.4")) {
            qWarning("/metrics answered %d (%s)", reply.status, reply.contentType.constData());
            return {};
        }
        auto parsed = parsePrometheusText(reply.body);
        if (!parsed)
            qWarning("/metrics is not valid text format: %s", qPrintable(parsed.error().message));
        return parsed.valueOr({});
    }

private slots:
    void initTestCase()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error().message));
        m_database = std::move(database).value();
        qInfo("database backend: %s", qPrintable(m_database->backendName()));
    }

    void init()
    {
        // Twilio's REST side (outbound calls) first: the backend needs its URL...
        m_twilio = std::make_unique<sim::Simulator>(simOptions());
        QVERIFY(m_twilio->listen(QHostAddress::LocalHost, 0).ok());
        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url, [&](BackendConfig &config) {
            config.twilioAccountSid = kAccount;
            config.twilioApiBaseUrl = m_twilio->options().publicUrl;
            config.outboundCallsPerSecond = 0;
            config.alertIntervalMs = 20;
            config.alertWindowDays = 2; // today and yesterday: a run across midnight still sees its calls
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
        // ...and the inbound side needs the backend's.
        sim::SimOptions inbound = simOptions();
        inbound.voiceUrl = m_backend->url(u"/twilio/voice"_s);
        inbound.statusCallback = m_backend->url(u"/twilio/status"_s);
        inbound.alarmUrl = m_backend->url(u"/twilio/alarms"_s);
        m_simulator = std::make_unique<sim::Simulator>(inbound);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
    }

    void cleanup()
    {
        m_simulator.reset();
        m_twilio.reset();
        m_backend.reset();
    }

    void bucketsSummaryAlertsAndMetricsFromRealTraffic()
    {
        QSignalSpy alertsChanged(&m_backend->app().alerts(), &AlertMonitor::alertsChanged);

        // A normal call: LOW, billed 1 voice minute and 1 stream minute.
        const QString normal = runCall({});
        QVERIFY(!normal.isEmpty());
        QTRY_VERIFY(!storedCall(normal).value(u"stream_ended_at"_s).isNull());
        QJsonObject stored = storedCall(normal);
        QCOMPARE(stored.value(u"estimated_cost_bucket"_s).toString(), u"LOW"_s);
        QCOMPARE(stored.value(u"cost_indicators"_s).toArray(), QJsonArray());
        QCOMPARE(stored.value(u"duration_sec"_s).toInt(), 1);
        QCOMPARE(stored.value(u"estimated_cost"_s).toDouble(), 0.0085 + 0.004);
        QVERIFY(warningsOf(normal).isEmpty());

        // The stream drops and reconnects (two connects) and Twilio reports two recordings: HIGH.
        sim::CallFaults reconnect;
        reconnect.streamDropReconnect = true;
        const QString expensive = runCall(reconnect);
        QVERIFY(!expensive.isEmpty());
        QTRY_COMPARE(storedCall(expensive).value(u"stream_connect_count"_s).toInt(), 2);
        QCOMPARE(recordingCallback(expensive, u"RE0123456789abcdef0123456789abcdef"_s).status, 200);
        QCOMPARE(recordingCallback(expensive, u"RE1123456789abcdef0123456789abcdef"_s).status, 200);
        stored = storedCall(expensive);
        QCOMPARE(stored.value(u"estimated_cost_bucket"_s).toString(), u"HIGH"_s);
        QCOMPARE(stored.value(u"cost_indicators"_s).toArray(),
                 QJsonArray({u"stream_reconnects"_s, u"duplicate_recording"_s}));
        QCOMPARE(warningsOf(expensive), QStringList({u"cost:reconnect"_s, u"cost:duplicate_recording"_s}));
        // The stored cost is the rate card's estimate of the stored inputs (two recordings bill twice).
        const Call expensiveCall = Call::fromJson(stored).value();
        QCOMPARE(stored.value(u"estimated_cost"_s).toDouble(), estimateCost(expensiveCall).total);
        QVERIFY(estimateCost(expensiveCall).recordingMinutes == 2);

        // Twilio's debugger reports one 11205 for the call: MED.
        sim::CallFaults alarm;
        alarm.alarm11205 = true;
        const QString unreachable = runCall(alarm);
        QVERIFY(!unreachable.isEmpty());
        QTRY_COMPARE(storedCall(unreachable).value(u"webhook_11205_count"_s).toInt(), 1);
        QCOMPARE(storedCall(unreachable).value(u"estimated_cost_bucket"_s).toString(), u"MED"_s);
        QCOMPARE(warningsOf(unreachable), QStringList{u"cost:webhook_11205"_s});

        // The summary of today and yesterday, as the console reads it.
        const HttpReply reply = m_backend->apiGet(u"/api/costs/summary?days=2"_s);
        QCOMPARE(reply.status, 200);
        const Result<CostSummary> summary = CostSummary::fromJson(reply.json());
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary->totalCalls, qint64(3));
        QCOMPARE(summary->bucketCounts, (CostBucketCounts{1, 1, 1}));
        QCOMPARE(summary->highCostCalls, qint64(1));
        QCOMPARE(summary->duplicateRecordings, qint64(1));
        QCOMPARE(summary->callsWithReconnects, qint64(1));
        QCOMPARE(summary->webhook11205Errors, qint64(1));
        QCOMPARE(summary->daily.size(), 2);
        QCOMPARE(summary->daily[0].date.addDays(1), summary->daily[1].date);
        QCOMPARE(summary->daily[0].totalCalls + summary->daily[1].totalCalls, qint64(3));
        QStringList alertKeys;
        for (const Alert &alert : summary->alerts)
            alertKeys << alert.key;
        QCOMPARE(alertKeys, QStringList({u"duplicate_recordings"_s, u"high_cost_ratio"_s, u"reconnect_ratio"_s}));

        // The alert monitor saw the same and told its listeners.
        QTRY_COMPARE(m_backend->app().alerts().alerts(), summary->alerts);
        QVERIFY(!alertsChanged.isEmpty());
        QCOMPARE(alertsChanged.constLast().constFirst().value<QList<Alert>>(), summary->alerts);

        // /metrics: valid text format, the same buckets, no stream left open.
        QTRY_COMPARE(scrape().value(u"switchboard_media_streams_active"_s), std::optional<double>(0));
        const PrometheusExposition metrics = scrape();
        QCOMPARE(metrics.value(u"switchboard_database_up"_s), std::optional<double>(1));
        for (const auto &[bucket, count] : {std::pair{u"LOW"_s, 1.0}, std::pair{u"MED"_s, 1.0}, std::pair{u"HIGH"_s, 1.0}})
            QCOMPARE(metrics.value(u"switchboard_calls_by_cost_bucket"_s, {{u"bucket"_s, bucket}}), std::optional<double>(count));
        QCOMPARE(metrics.value(u"switchboard_calls"_s, {{u"status"_s, u"completed"_s}}), std::optional<double>(3));
        QCOMPARE(metrics.families.value(u"switchboard_calls"_s).type, u"gauge"_s);
        // A stream's stop (streamed minutes) may be written after its call ended: the two agree once it is.
        const auto costsAgree = [&] {
            const double summarised = m_backend->apiGet(u"/api/costs/summary?days=2"_s).json().value(u"estimated_cost"_s).toDouble();
            const std::optional<double> exported = scrape().value(u"switchboard_estimated_cost_usd"_s);
            return summarised > 0 && exported && qAbs(*exported - summarised) < 1e-9;
        };
        QTRY_VERIFY(costsAgree());
        QCOMPARE(metrics.value(u"switchboard_webhook_rejections_total"_s, {{u"reason"_s, u"signature"_s}}),
                 std::optional<double>(0));
        QCOMPARE(metrics.value(u"switchboard_jobs"_s, {{u"state"_s, u"pending"_s}}), std::optional<double>(0));
    }

    void metricsCountRejectionsDedupAndTwilioRequests()
    {
        const HttpReply forged = m_backend->postWebhookSignedAs(u"/twilio/status"_s,
                                                                {{u"CallSid"_s, BackendHarness::newCallSid()},
                                                                 {u"CallStatus"_s, u"ringing"_s}},
                                                                "forged");
        QCOMPARE(forged.status, 403);
        const QJsonObject intent{{u"business_id"_s, 1}, {u"to"_s, u"+972501234567"_s}, {u"from"_s, u"+97231234567"_s}};
        QCOMPARE(m_backend->apiPost(u"/api/outbound/call"_s, intent).status, 201);
        QCOMPARE(m_backend->apiPost(u"/api/outbound/call"_s, intent).json().value(u"dedup_layer"_s).toString(), u"memory"_s);

        QTRY_COMPARE(scrape().value(u"switchboard_dedup_decisions_total"_s, {{u"layer"_s, u"memory"_s}}),
                     std::optional<double>(1));
        const PrometheusExposition metrics = scrape();
        QCOMPARE(metrics.value(u"switchboard_dedup_decisions_total"_s, {{u"layer"_s, u"none"_s}}), std::optional<double>(1));
        QCOMPARE(metrics.families.value(u"switchboard_dedup_decisions_total"_s).type, u"counter"_s);
        QCOMPARE(metrics.value(u"switchboard_webhook_rejections_total"_s, {{u"reason"_s, u"signature"_s}}),
                 std::optional<double>(1));
        QCOMPARE(metrics.value(u"switchboard_twilio_api_requests_total"_s,
                               {{u"method"_s, u"POST"_s}, {u"endpoint"_s, u"Calls.json"_s}}),
                 std::optional<double>(1));
        // Let the placed call finish before the backend goes away.
        QTRY_VERIFY_WITH_TIMEOUT(!m_twilio->calls().isEmpty() && m_twilio->calls().constFirst()->call().isFinal(), 20000);
    }

    void summaryRefusesBadParameters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");

        const QByteArray viewer = BackendHarness::kViewerToken;
        QTest::newRow("days 0") << u"days=0"_s << viewer << 400 << u"days must be a whole number from 1 to 366"_s;
        QTest::newRow("days 367") << u"days=367"_s << viewer << 400 << u"days"_s;
        QTest::newRow("days text") << u"days=week"_s << viewer << 400 << u"not \"week\""_s;
        QTest::newRow("days fraction") << u"days=1.5"_s << viewer << 400 << u"days"_s;
        QTest::newRow("business 0") << u"business_id=0"_s << viewer << 400 << u"business_id"_s;
        QTest::newRow("business negative") << u"business_id=-3"_s << viewer << 400 << u"business_id"_s;
        QTest::newRow("business text") << u"business_id=acme"_s << viewer << 400 << u"business_id"_s;
        QTest::newRow("unknown business") << u"business_id=99"_s << viewer << 404 << u"no business with id 99"_s;
        QTest::newRow("no token") << u"days=7"_s << QByteArray() << 401 << QString();
        QTest::newRow("wrong token") << u"days=7"_s << QByteArray("nope") << 401 << QString();
    }

    void summaryRefusesBadParameters()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        const HttpReply reply = m_backend->apiGet(u"/api/costs/summary?"_s + query, token);
        QCOMPARE(reply.status, status);
        const QJsonObject error = reply.json().value(u"error"_s).toObject();
        QVERIFY(!error.value(u"code"_s).toString().isEmpty());
        QVERIFY2(error.value(u"message"_s).toString().contains(messagePart), qPrintable(error.value(u"message"_s).toString()));
    }

    void summaryDefaults()
    {
        const HttpReply reply = m_backend->apiGet(u"/api/costs/summary?business_id=&days="_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject json = reply.json();
        QVERIFY(json.value(u"business_id"_s).isNull());
        QCOMPARE(json.value(u"days"_s).toInt(), 7);
        QCOMPARE(json.value(u"daily"_s).toArray().size(), 7);
        QCOMPARE(json.value(u"total_calls"_s).toInt(), 0);
        QCOMPARE(json.value(u"alerts"_s).toArray(), QJsonArray());
        QCOMPARE(m_backend->apiGet(u"/api/costs/summary?business_id=1&days=30"_s).json().value(u"business_id"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestE2eCosts)
#include "tst_e2e_costs.moc"
