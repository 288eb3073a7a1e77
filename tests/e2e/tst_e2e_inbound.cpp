// The simulator (standing in for Twilio) drives inbound calls through a whole backend on SQLite
// or PostgreSQL (SWITCHBOARD_TEST_BACKEND): every webhook signed, every callback over real HTTP.
#include "backendharness.h"

#include "http/ingresscounters.h"

#include "calldriver.h"
#include "webhooksender.h"
#include "inboundgenerator.h"
#include "simulator.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

/// Counts the lines Switchboard logs at info or above while it is installed (invariant 10).
class SwitchboardLogCounter
{
public:
    SwitchboardLogCounter() { s_previous = qInstallMessageHandler(&SwitchboardLogCounter::handle); }
    ~SwitchboardLogCounter() { qInstallMessageHandler(s_previous); }
    int lines() const { return s_lines; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (type != QtDebugMsg && context.category && QByteArrayView(context.category).startsWith("switchboard."))
            ++s_lines;
        s_previous(type, context, message);
    }
    static inline std::atomic<int> s_lines{0};
    static inline QtMessageHandler s_previous = nullptr;
};

} // namespace

class TestE2eInbound : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<BackendHarness> m_backend;
    std::unique_ptr<sim::Simulator> m_simulator;

    QJsonObject storedCall(const QString &sid) { return m_backend->apiGet(u"/api/calls/"_qs + sid).json(); }

    /// Places @p count inbound calls with @p faults and waits until the simulator finished them all.
    QList<sim::CallDriver *> runCalls(int count, const sim::CallFaults &faults)
    {
        sim::InboundBatch batch;
        batch.count = count;
        batch.concurrency = 4;
        batch.faults = faults;
        QSignalSpy drained(&m_simulator->inbound(), &sim::InboundGenerator::drained);
        m_simulator->inbound().submit(batch);
        if (!drained.wait(60000))
            return {};
        // The calls are over once the backend has answered every webhook about them.
        if (m_simulator->webhooks().inFlight() > 0 && !QSignalSpy(&m_simulator->webhooks(), &sim::WebhookSender::idle).wait(30000))
            return {};
        return m_simulator->calls();
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
        sim::SimOptions options;
        options.accountSid = u"AC0123456789abcdef0123456789abcdef"_qs;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5; // 50 frames: a quarter-second stream
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());

        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url, [&](BackendConfig &config) {
            config.twilioAccountSid = options.accountSid;
            config.twilioApiBaseUrl = m_simulator->options().publicUrl; // recordings are started there
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
        m_simulator->setWebhookTargets(m_backend->url(u"/twilio/voice"_qs), m_backend->url(u"/twilio/status"_qs),
                                       m_backend->url(u"/twilio/alarms"_qs));
    }

    void cleanup()
    {
        m_simulator.reset();
        m_backend.reset();
    }

    void callsEndCompletedWithTheirDuration()
    {
        const SwitchboardLogCounter logLines;
        const int before = logLines.lines();
        const QList<sim::CallDriver *> calls = runCalls(3, {});
        QCOMPARE(calls.size(), 3);
        // Quiet logs (invariant 10): at most 3 lines at info or above per call, in steady state.
        QVERIFY2(logLines.lines() - before <= 3 * 3, qPrintable(QString::number(logLines.lines() - before)));
        for (const sim::CallDriver *driver : calls) {
            const sim::SimCall &simulated = driver->call();
            const QJsonObject stored = storedCall(simulated.sid);
            QCOMPARE(stored.value(u"direction"_qs).toString(), u"inbound"_qs);
            QCOMPARE(stored.value(u"status"_qs).toString(), simulated.status);
            QCOMPARE(stored.value(u"status"_qs).toString(), u"completed"_qs);
            QCOMPARE(stored.value(u"duration_sec"_qs).toInteger(), simulated.durationSec);
            QCOMPARE(stored.value(u"webhook_retry_count"_qs).toInt(), 0);
            QCOMPARE(stored.value(u"webhook_11205_count"_qs).toInt(), 0);
            // One recording, started through the API when the stream began (invariant 2).
            QCOMPARE(stored.value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);
            QTRY_COMPARE(storedCall(simulated.sid).value(u"recording_status"_qs).toString(), u"completed"_qs);
            QCOMPARE(storedCall(simulated.sid).value(u"recording_count"_qs).toInt(), 1);
            // The Media Stream reached the backend and was measured (invariant 7).
            QCOMPARE(stored.value(u"stream_connect_count"_qs).toInt(), 1);
            QCOMPARE(stored.value(u"stream_sid"_qs).toString(), simulated.streamSids.constLast());
            // The stop is written when the backend sees the stream end, which may trail the call.
            QTRY_VERIFY(!storedCall(simulated.sid).value(u"stream_ended_at"_qs).isNull());
            QVERIFY2(storedCall(simulated.sid).value(u"stream_duration_sec"_qs).toDouble() >= 0.2,
                     qPrintable(QString::number(storedCall(simulated.sid).value(u"stream_duration_sec"_qs).toDouble())));
            QCOMPARE(stored.value(u"estimated_cost_bucket"_qs).toString(), u"LOW"_qs);
        }
        QCOMPARE(m_simulator->stats().rest(u"POST Calls/{Sid}/Recordings.json"_qs), 3);
        // Every webhook the simulator sent was accepted: none were refused or failed.
        const QJsonObject failures = m_simulator->stats().toJson().value(u"webhook_failures"_qs).toObject();
        for (auto it = failures.begin(); it != failures.end(); ++it)
            QVERIFY2(it.value().toInt() == 0, qPrintable(it.key()));
        QCOMPARE(m_backend->app().ingressCounters().forgedSignatures.load(), quint64(0));
    }

    void repeatedCallbacksAreAppliedOnceAndCounted()
    {
        sim::CallFaults faults;
        faults.repeatStatusCallbacks = true;
        const QList<sim::CallDriver *> calls = runCalls(1, faults);
        QCOMPARE(calls.size(), 1);
        const sim::SimCall &simulated = calls.constFirst()->call();
        const QJsonObject stored = storedCall(simulated.sid);
        QCOMPARE(stored.value(u"status"_qs).toString(), u"completed"_qs);
        const int statusCallbacks = int(std::count_if(simulated.eventsSent.begin(), simulated.eventsSent.end(),
                                                       [](const QString &event) { return event.startsWith(u"status:"); }));
        QCOMPARE(statusCallbacks, 2); // in-progress and completed: an inbound leg has no initiated/ringing
        const int recordingCallbacks = int(std::count_if(simulated.eventsSent.begin(), simulated.eventsSent.end(),
                                                          [](const QString &event) { return event.startsWith(u"recording:"); }));
        QCOMPARE(recordingCallbacks, 2); // in-progress and completed of the one recording
        // Each callback came twice with the same token: every repeat is one retry.
        QTRY_COMPARE(storedCall(simulated.sid).value(u"webhook_retry_count"_qs).toInt(), statusCallbacks + recordingCallbacks);
        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(simulated.sid)).json().value(u"events"_qs).toArray();
        const auto statusChanges = std::count_if(events.begin(), events.end(), [](const QJsonValue &event) {
            return event.toObject().value(u"kind"_qs).toString() == u"status_changed";
        });
        QVERIFY(statusChanges <= statusCallbacks); // never applied twice
    }

    void outOfOrderCallbacksEndCompleted()
    {
        sim::CallFaults faults;
        faults.outOfOrderStatus = true;
        const QList<sim::CallDriver *> calls = runCalls(2, faults);
        QCOMPARE(calls.size(), 2);
        for (const sim::CallDriver *driver : calls) {
            const QJsonObject stored = storedCall(driver->call().sid);
            QCOMPARE(stored.value(u"status"_qs).toString(), u"completed"_qs);
            QCOMPARE(stored.value(u"duration_sec"_qs).toInteger(), driver->call().durationSec);
        }
    }

    void droppedStreamReconnectsAndCountsTwice()
    {
        sim::CallFaults faults;
        faults.streamDropReconnect = true;
        const QList<sim::CallDriver *> calls = runCalls(1, faults);
        QCOMPARE(calls.size(), 1);
        const sim::SimCall &simulated = calls.constFirst()->call();
        QCOMPARE(simulated.streamSids.size(), 2);
        // The dropped socket's stop is written when the backend notices the close.
        QTRY_COMPARE(storedCall(simulated.sid).value(u"stream_connect_count"_qs).toInt(), 2);
        const QJsonObject stored = storedCall(simulated.sid);
        QCOMPARE(stored.value(u"stream_sid"_qs).toString(), simulated.streamSids.constLast());
        QVERIFY(stored.value(u"cost_indicators"_qs).toArray().contains(u"stream_reconnects"_qs));
        QCOMPARE(stored.value(u"status"_qs).toString(), u"completed"_qs); // the media path never touches status
    }

    void debuggerReports11205()
    {
        sim::CallFaults faults;
        faults.alarm11205 = true;
        const QList<sim::CallDriver *> calls = runCalls(1, faults);
        QCOMPARE(calls.size(), 1);
        const QString sid = calls.constFirst()->call().sid;
        QTRY_COMPARE(storedCall(sid).value(u"webhook_11205_count"_qs).toInt(), 1);
        QVERIFY(storedCall(sid).value(u"cost_indicators"_qs).toArray().contains(u"webhook_11205"_qs));
    }
};

QTEST_GUILESS_MAIN(TestE2eInbound)
#include "tst_e2e_inbound.moc"
