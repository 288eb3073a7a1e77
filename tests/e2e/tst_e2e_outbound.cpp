// POST /api/outbound/call through a whole backend to the simulator standing in for Twilio, on
// SQLite or PostgreSQL (SWITCHBOARD_TEST_BACKEND): invariant 1, one Twilio call per intent.
#include "backendharness.h"

#include "calls/outboundcallservice.h"

#include "calldriver.h"
#include "simulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {
const QString kAccount = u"AC0123456789abcdef0123456789abcdef"_qs;
const QString kCalls = u"POST Calls.json"_qs;
} // namespace

class TestE2eOutbound : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<BackendHarness> m_backend;
    std::unique_ptr<ManualClock> m_clock;

    void startBackend(const std::function<void(BackendConfig &)> &adjust = {})
    {
        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url, [&](BackendConfig &config) {
            config.twilioAccountSid = kAccount;
            config.twilioApiBaseUrl = m_simulator->options().publicUrl;
            config.outboundCallsPerSecond = 0;
            config.twilioTimeoutMs = 500;
            config.reconcileDelayMs = 50;
            config.clock = m_clock.get();
            if (adjust)
                adjust(config);
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
    }

    /// A new simulator whose calls ring for @p answerDelayMs, and a backend that uses it.
    void restart(int answerDelayMs)
    {
        m_backend.reset();
        m_simulator.reset();
        startSimulator(answerDelayMs);
        startBackend();
    }

    void startSimulator(int answerDelayMs = 10)
    {
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = answerDelayMs;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
    }

    QJsonObject request(const QString &to, qint64 business = 1) const
    {
        return {{u"business_id"_qs, business}, {u"to"_qs, to}, {u"from"_qs, u"+97231234567"_qs}};
    }

    HttpReply place(const QString &to) { return m_backend->apiPost(u"/api/outbound/call"_qs, request(to)); }
    int creates() { return m_simulator->stats().rest(kCalls); }
    QJsonObject counters() { return m_backend->apiGet(u"/api/dedup/cache"_qs).json().value(u"counters"_qs).toObject(); }
    QJsonObject storedCall(const QString &sid) { return m_backend->apiGet(u"/api/calls/"_qs + sid).json(); }

    /// Waits until the simulator and the backend have nothing left in flight for the calls placed.
    void settle()
    {
        for (sim::CallDriver *driver : m_simulator->calls())
            QTRY_VERIFY_WITH_TIMEOUT(driver->call().isFinal(), 20000);
        for (sim::CallDriver *driver : m_simulator->calls())
            QTRY_COMPARE_WITH_TIMEOUT(storedCall(driver->call().sid).value(u"status"_qs).toString(), driver->call().status, 20000);
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
        m_clock = std::make_unique<ManualClock>(QDateTime::currentMSecsSinceEpoch());
        startSimulator();
        startBackend();
    }

    void cleanup()
    {
        if (m_backend && m_simulator && !QTest::currentTestFailed())
            settle();
        m_backend.reset();
        m_simulator.reset();
    }

    void aNewCallIsPlacedWithoutRecord()
    {
        const HttpReply reply = place(u"050-123-4567"_qs);
        QCOMPARE(reply.status, 201);
        const QJsonObject answer = reply.json();
        QCOMPARE(answer.value(u"is_duplicate"_qs).toBool(), false);
        QVERIFY(answer.value(u"dedup_layer"_qs).isNull());
        const QString sid = answer.value(u"call_sid"_qs).toString();
        QVERIFY(sid.startsWith(u"CA"));
        QCOMPARE(creates(), 1);
        const sim::CallDriver *driver = m_simulator->call(sid);
        QVERIFY(driver);
        QCOMPARE(driver->call().request.to, u"+972501234567"_qs);
        QCOMPARE(driver->call().request.record, false);
        QCOMPARE(driver->call().request.statusCallbackEvents,
                 (QStringList{u"initiated"_qs, u"ringing"_qs, u"answered"_qs, u"completed"_qs}));
        const QJsonObject stored = storedCall(sid);
        QCOMPARE(stored.value(u"direction"_qs).toString(), u"outbound-api"_qs);
        QCOMPARE(stored.value(u"to"_qs).toString(), u"+972501234567"_qs);
        settle();
        QCOMPARE(storedCall(sid).value(u"status"_qs).toString(), u"completed"_qs);
        // Recorded once, through the Recordings API when the call was answered (invariant 2).
        QCOMPARE(storedCall(sid).value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);
        QCOMPARE(m_simulator->stats().rest(u"POST Calls/{Sid}/Recordings.json"_qs), 1);
        // The voice webhook found the reserved row: still one call in the database.
        QCOMPARE(m_backend->apiGet(u"/api/calls"_qs).json().value(u"total"_qs).toInt(), 1);
    }

    void twoHundredIdenticalRequestsDialOnce()
    {
        const QByteArray body = QJsonDocument(request(u"+972501112233"_qs)).toJson(QJsonDocument::Compact);
        const QList<HttpReply> replies = postConcurrently(
            m_backend->url(u"/api/outbound/call"_qs), QList<QByteArray>(200, body),
            {{"Content-Type", "application/json"}, {"Authorization", QByteArray("Bearer ") + BackendHarness::kDialerToken}});
        QCOMPARE(replies.size(), 200);
        int placed = 0;
        int duplicates = 0;
        QSet<QString> sids;
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 200 || reply.status == 201, reply.body.constData());
            const QJsonObject answer = reply.json();
            sids.insert(answer.value(u"call_sid"_qs).toString());
            if (answer.value(u"is_duplicate"_qs).toBool()) {
                ++duplicates;
                QCOMPARE(answer.value(u"dedup_layer"_qs).toString(), u"memory"_qs);
            } else {
                ++placed;
            }
        }
        QCOMPARE(placed, 1);
        QCOMPARE(duplicates, 199);
        QCOMPARE(sids.size(), 1);
        QVERIFY(sids.begin()->startsWith(u"CA"));
        QCOMPARE(creates(), 1);
        // Every decision is kept.
        QTRY_COMPARE(m_backend->apiGet(u"/api/dedup/recent?limit=1000"_qs).json().value(u"decisions"_qs).toArray().size(), 200);
    }

    void differentNumbersAreAllDialled()
    {
        QList<QByteArray> bodies;
        for (int i = 0; i < 20; ++i)
            bodies.append(QJsonDocument(request(u"+97250100%1"_qs.arg(1000 + i))).toJson(QJsonDocument::Compact));
        const QList<HttpReply> replies = postConcurrently(
            m_backend->url(u"/api/outbound/call"_qs), bodies,
            {{"Content-Type", "application/json"}, {"Authorization", QByteArray("Bearer ") + BackendHarness::kDialerToken}});
        QSet<QString> sids;
        for (const HttpReply &reply : replies) {
            QCOMPARE(reply.status, 201);
            QCOMPARE(reply.json().value(u"is_duplicate"_qs).toBool(), false);
            sids.insert(reply.json().value(u"call_sid"_qs).toString());
        }
        QCOMPARE(sids.size(), 20);
        QCOMPARE(creates(), 20);
    }

    void anActiveCallBlocksForTwoMinutes()
    {
        // Calls that ring for a minute stay active (queued/ringing) throughout this test.
        restart(60'000);
        const QString to = u"+972501234000"_qs;
        const QString first = place(to).json().value(u"call_sid"_qs).toString();
        QVERIFY(!first.isEmpty());
        // The same minute: the memory layer.
        QCOMPARE(place(to).json().value(u"dedup_layer"_qs).toString(), u"memory"_qs);
        // A minute later the memory entry is gone; the database layer finds the active call.
        m_clock->advanceMs(61'000);
        QVERIFY(m_backend->apiGet(u"/api/dedup/cache"_qs).json().value(u"entries"_qs).toArray().isEmpty());
        const QJsonObject second = place(to).json();
        QCOMPARE(second.value(u"is_duplicate"_qs).toBool(), true);
        QCOMPARE(second.value(u"dedup_layer"_qs).toString(), u"database"_qs);
        QCOMPARE(second.value(u"call_sid"_qs).toString(), first);
        QCOMPARE(creates(), 1);
        // Past the 2-minute window a new call is placed, active or not.
        m_clock->advanceMs(60'000);
        const QJsonObject third = place(to).json();
        QCOMPARE(third.value(u"is_duplicate"_qs).toBool(), false);
        QVERIFY(third.value(u"call_sid"_qs).toString() != first);
        QCOMPARE(creates(), 2);
        for (sim::CallDriver *driver : m_simulator->calls())
            driver->end(u"canceled"_qs);
    }

    void createsArePacedAndQueuedRequestsSaySo()
    {
        m_backend.reset();
        startBackend([](BackendConfig &config) { config.outboundCallsPerSecond = 20; }); // a slot every 50 ms
        QList<QByteArray> bodies;
        for (int i = 0; i < 4; ++i)
            bodies.append(QJsonDocument(request(u"+97250200%1"_qs.arg(1000 + i))).toJson(QJsonDocument::Compact));
        QElapsedTimer timer;
        timer.start();
        const QList<HttpReply> replies = postConcurrently(
            m_backend->url(u"/api/outbound/call"_qs), bodies,
            {{"Content-Type", "application/json"}, {"Authorization", QByteArray("Bearer ") + BackendHarness::kDialerToken}});
        QVERIFY(timer.elapsed() >= 140); // the fourth create waited three slots
        int queued = 0;
        qint64 longest = 0;
        for (const HttpReply &reply : replies) {
            QCOMPARE(reply.status, 201);
            if (reply.json().value(u"queued"_qs).toBool()) {
                ++queued;
                QVERIFY(reply.json().value(u"paced_ms"_qs).toInteger() > 0);
            }
            longest = qMax(longest, reply.json().value(u"paced_ms"_qs).toInteger());
        }
        // How many waited depends on how close together their reservations finished; at least one did.
        QVERIFY(queued >= 1);
        QVERIFY2(longest > 0 && longest <= 150, qPrintable(QString::number(longest)));
        QCOMPARE(creates(), 4);
    }

    void aFinalCallNoLongerBlocks()
    {
        const QString to = u"+972501234222"_qs;
        const QString first = place(to).json().value(u"call_sid"_qs).toString();
        settle();
        QCOMPARE(storedCall(first).value(u"status"_qs).toString(), u"completed"_qs);
        m_clock->advanceMs(61'000); // out of the memory layer, well within the 2 minutes
        const QJsonObject again = place(to).json();
        QCOMPARE(again.value(u"is_duplicate"_qs).toBool(), false);
        QCOMPARE(creates(), 2);
    }

    void badInputIsRefusedAndNothingDialled_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QByteArray dialer = BackendHarness::kDialerToken;
        QTest::newRow("not json") << QByteArray("{to:") << dialer << 400 << u"not valid JSON"_qs;
        QTest::newRow("not an object") << QByteArray("[1]") << dialer << 400 << u"JSON object"_qs;
        QTest::newRow("no business") << QByteArray(R"({"to":"+972501234567"})") << dialer << 400 << u"business_id is required"_qs;
        QTest::newRow("business text") << QByteArray(R"({"business_id":"x","to":"+972501234567"})") << dialer << 400 << u"business_id"_qs;
        QTest::newRow("business zero") << QByteArray(R"({"business_id":0,"to":"+972501234567"})") << dialer << 400 << u"business_id"_qs;
        QTest::newRow("business fraction") << QByteArray(R"({"business_id":1.5,"to":"+972501234567"})") << dialer << 400 << u"business_id"_qs;
        QTest::newRow("unknown business") << QByteArray(R"({"business_id":999,"to":"+972501234567","from":"+97231234567"})") << dialer << 400 << u"unknown business_id 999"_qs;
        QTest::newRow("no to") << QByteArray(R"({"business_id":1})") << dialer << 400 << u"to is required"_qs;
        QTest::newRow("empty to") << QByteArray(R"({"business_id":1,"to":" "})") << dialer << 400 << u"to must not be empty"_qs;
        QTest::newRow("to a number") << QByteArray(R"({"business_id":1,"to":972501234567})") << dialer << 400 << u"to must be a string"_qs;
        QTest::newRow("invalid to") << QByteArray(R"({"business_id":1,"to":"12"})") << dialer << 400 << u"to:"_qs;
        QTest::newRow("letters") << QByteArray(R"({"business_id":1,"to":"call me"})") << dialer << 400 << u"to:"_qs;
        QTest::newRow("invalid from") << QByteArray(R"({"business_id":1,"to":"+972501234567","from":"abc"})") << dialer << 400 << u"from:"_qs;
        QTest::newRow("no from, business without number") << QByteArray(R"({"business_id":1,"to":"+972501234567"})") << dialer << 400 << u"no caller number"_qs;
        QTest::newRow("viewer") << QByteArray(R"({"business_id":1,"to":"+972501234567"})") << QByteArray(BackendHarness::kViewerToken) << 403 << QString();
        QTest::newRow("no token") << QByteArray(R"({"business_id":1,"to":"+972501234567"})") << QByteArray() << 401 << QString();
    }

    void badInputIsRefusedAndNothingDialled()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QFETCH(QString, message);
        const HttpReply reply = m_backend->apiPostRaw(u"/api/outbound/call"_qs, body, token);
        QCOMPARE(reply.status, status);
        const QString text = reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString();
        QVERIFY2(text.contains(message), qPrintable(text));
        QCOMPARE(creates(), 0);
        QCOMPARE(m_backend->apiGet(u"/api/calls"_qs).json().value(u"total"_qs).toInt(), 0);
    }

    void adminMayPlaceCallsToo()
    {
        QCOMPARE(m_backend->apiPost(u"/api/outbound/call"_qs, request(u"+972501234333"_qs), BackendHarness::kAdminToken).status, 201);
    }

    void businessesDefaultTheCallerNumber()
    {
        QCOMPARE(m_backend->apiPost(u"/api/businesses"_qs, {{u"name"_qs, u"x"_qs}}, BackendHarness::kDialerToken).status, 403);
        QCOMPARE(m_backend->apiPost(u"/api/businesses"_qs, {{u"name"_qs, u"x"_qs}, {u"caller_number"_qs, u"12"_qs}},
                                    BackendHarness::kAdminToken).status, 400);
        QCOMPARE(m_backend->apiPost(u"/api/businesses"_qs, {{u"caller_number"_qs, u"+97231234567"_qs}},
                                    BackendHarness::kAdminToken).status, 400);
        const HttpReply created = m_backend->apiPost(
            u"/api/businesses"_qs, {{u"name"_qs, u"Clinic"_qs}, {u"caller_number"_qs, u"03-765-4321"_qs}, {u"prompt"_qs, u"Hello"_qs}},
            BackendHarness::kAdminToken);
        QCOMPARE(created.status, 201);
        const qint64 id = created.json().value(u"id"_qs).toInteger();
        QCOMPARE(created.json().value(u"caller_number"_qs).toString(), u"+97237654321"_qs);
        const QJsonArray list = m_backend->apiGet(u"/api/businesses"_qs, BackendHarness::kAdminToken).json().value(u"businesses"_qs).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.first().toObject().value(u"id"_qs).toInt(), 1); // business 1 exists from the first start
        QCOMPARE(m_backend->apiGet(u"/api/businesses"_qs, BackendHarness::kViewerToken).status, 403);

        const HttpReply placed = m_backend->apiPost(u"/api/outbound/call"_qs, {{u"business_id"_qs, id}, {u"to"_qs, u"+972501234444"_qs}});
        QCOMPARE(placed.status, 201);
        const sim::CallDriver *driver = m_simulator->call(placed.json().value(u"call_sid"_qs).toString());
        QVERIFY(driver);
        QCOMPARE(driver->call().request.from, u"+97237654321"_qs);
        // The same number for another business is another intent.
        QCOMPARE(m_backend->apiPost(u"/api/outbound/call"_qs, request(u"+972501234444"_qs)).status, 201);
    }

    void theDedupInspectorShowsDecisionsAndTheCache()
    {
        const QString sid = place(u"+972501234555"_qs).json().value(u"call_sid"_qs).toString();
        QCOMPARE(place(u"+972501234555"_qs).status, 200);
        const QJsonArray entries = m_backend->apiGet(u"/api/dedup/cache"_qs).json().value(u"entries"_qs).toArray();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value(u"call_sid"_qs).toString(), sid);
        QVERIFY(entry.value(u"ttl_left_ms"_qs).toInteger() > 0 && entry.value(u"ttl_left_ms"_qs).toInteger() <= 60'000);
        QVERIFY(entry.value(u"key"_qs).toString().startsWith(u"1:+972501234555:"));
        m_clock->advanceMs(10'000);
        QCOMPARE(m_backend->apiGet(u"/api/dedup/cache"_qs).json().value(u"entries"_qs).toArray().first().toObject()
                     .value(u"ttl_left_ms"_qs).toInteger(), entry.value(u"ttl_left_ms"_qs).toInteger() - 10'000);
        QTRY_COMPARE(m_backend->apiGet(u"/api/dedup/recent"_qs).json().value(u"decisions"_qs).toArray().size(), 2);
        const QJsonArray decisions = m_backend->apiGet(u"/api/dedup/recent"_qs).json().value(u"decisions"_qs).toArray();
        // Batches are stored by two storage threads: their order is not guaranteed.
        QJsonObject placed = decisions.at(0).toObject();
        QJsonObject duplicate = decisions.at(1).toObject();
        if (placed.value(u"outcome"_qs).toString() != u"placed")
            std::swap(placed, duplicate);
        QCOMPARE(placed.value(u"outcome"_qs).toString(), u"placed"_qs);
        QVERIFY(placed.value(u"layer"_qs).isNull());
        QCOMPARE(duplicate.value(u"outcome"_qs).toString(), u"duplicate"_qs);
        QCOMPARE(duplicate.value(u"layer"_qs).toString(), u"memory"_qs);
        QCOMPARE(duplicate.value(u"call_id"_qs), placed.value(u"call_id"_qs));
        QCOMPARE(placed.value(u"number"_qs).toString(), u"+972501234555"_qs);
        QCOMPARE(m_backend->apiGet(u"/api/dedup/recent"_qs, {}).status, 401);
    }

    void twilioRefusingOurCredentialsIsAClearError()
    {
        m_backend.reset();
        startBackend([](BackendConfig &config) { config.twilioAuthToken = u"wrong"_qs; });
        const HttpReply reply = place(u"+972501234666"_qs);
        QCOMPARE(reply.status, 502);
        QVERIFY(reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString().contains(u"Twilio refused our credentials"));
        QCOMPARE(creates(), 1);
        // The reservation ended failed, so fixing the credentials lets the number be called.
        m_clock->advanceMs(61'000);
        m_backend.reset();
    }

    void aTwilio5xxIsNeverRetried()
    {
        QVERIFY(m_simulator->faults().arm(QJsonArray{QJsonObject{{u"kind"_qs, u"rest_5xx"_qs}, {u"endpoint"_qs, kCalls}, {u"count"_qs, 1}, {u"status"_qs, 500}}}).ok());
        const QString to = u"+972501234777"_qs;
        const HttpReply reply = place(to);
        QCOMPARE(reply.status, 502);
        QVERIFY(reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString().contains(u"reconciled"));
        // The same intent again is a duplicate of the unknown reservation, not a second create.
        QCOMPARE(place(to).json().value(u"is_duplicate"_qs).toBool(), true);
        QCOMPARE(creates(), 1);
        // Reconciliation lists the calls at Twilio, finds none, and ends the reservation.
        QTRY_COMPARE(counters().value(u"reconciled_absent"_qs).toInt(), 1);
        QVERIFY(m_simulator->stats().rest(u"GET Calls.json"_qs) >= 1);
        QCOMPARE(creates(), 1);
        m_clock->advanceMs(61'000);
        QCOMPARE(place(to).json().value(u"is_duplicate"_qs).toBool(), false); // no longer blocked
        QCOMPARE(creates(), 2);
    }

    void aTwilioTimeoutIsReconciledNotRedialled()
    {
        QVERIFY(m_simulator->faults().arm(QJsonArray{QJsonObject{{u"kind"_qs, u"rest_timeout"_qs}, {u"endpoint"_qs, kCalls}, {u"count"_qs, 1}, {u"ms"_qs, 0}}}).ok());
        const QString to = u"+972501234888"_qs;
        QSignalSpy reconciled(&m_backend->app().outbound(), &OutboundCallService::reconciled);
        const HttpReply reply = place(to);
        QCOMPARE(reply.status, 502);
        QCOMPARE(creates(), 1);
        QCOMPARE(m_simulator->calls().size(), 1); // Twilio did create it
        const QString sid = m_simulator->calls().first()->call().sid;
        QVERIFY(reconciled.wait(10000));
        QCOMPARE(reconciled.first().at(1).toString(), sid);
        QCOMPARE(storedCall(sid).value(u"to"_qs).toString(), to);
        QCOMPARE(counters().value(u"reconciled_found"_qs).toInt(), 1);
        m_clock->advanceMs(61'000);
        const QJsonObject again = place(to).json(); // the found call is active or just ended
        if (again.value(u"is_duplicate"_qs).toBool())
            QCOMPARE(again.value(u"call_sid"_qs).toString(), sid);
        QCOMPARE(creates(), again.value(u"is_duplicate"_qs).toBool() ? 1 : 2);
        QCOMPARE(m_backend->apiGet(u"/api/calls"_qs).json().value(u"total"_qs).toInt(), again.value(u"is_duplicate"_qs).toBool() ? 1 : 2);
    }
};

QTEST_MAIN(TestE2eOutbound)
#include "tst_e2e_outbound.moc"
