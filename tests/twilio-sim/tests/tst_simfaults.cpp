// Every fault the simulator injects, each with a check that fails without it.
#include "calldriver.h"
#include "fakebackend.h"
#include "inboundgenerator.h"
#include "simclient.h"
#include "simulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::sim;
using namespace sb::sim::test;

namespace {
const QString kAccount = QStringLiteral("AC") + QString(32, u'5');
const QByteArray kToken = QByteArrayLiteral("fault-test-token");
} // namespace

class TestSimFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimClient> m_client;

    /// One inbound call with @p faults, run to its end (all its webhooks delivered).
    QString inboundCallWith(const QJsonArray &faults, int pacingMs = 0)
    {
        SimOptions options = m_sim->options();
        if (options.framePacingMs != pacingMs) {
            options.framePacingMs = pacingMs;
            m_sim = std::make_unique<Simulator>(options);
            const auto port = m_sim->listen(QHostAddress::LocalHost, 0);
            m_client = std::make_unique<SimClient>(port.valueOr(0), kAccount, kToken);
        }
        QSignalSpy placed(m_sim.get(), &Simulator::callPlaced);
        const RestReply accepted = m_client->control("POST", QStringLiteral("/sim/inbound"),
                                                     {{QStringLiteral("count"), 1}, {QStringLiteral("faults"), faults}});
        if (accepted.status != 202 || placed.size() != 1)
            return {};
        const QString sid = placed.first().first().toString();
        QSignalSpy drained(&m_sim->inbound(), &InboundGenerator::drained);
        if (!m_sim->call(sid)->call().isFinal() && !drained.wait(10000))
            return {};
        return sid;
    }

private slots:
    void init()
    {
        m_backend = std::make_unique<FakeBackend>(kToken);
        SimOptions options;
        options.accountSid = kAccount;
        options.authToken = kToken;
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.framePacingMs = 0;
        options.voiceUrl = m_backend->url(QStringLiteral("/voice"));
        options.statusCallback = m_backend->url(QStringLiteral("/status"));
        options.alarmUrl = m_backend->url(QStringLiteral("/alarm"));
        m_sim = std::make_unique<Simulator>(options);
        const auto port = m_sim->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        m_client = std::make_unique<SimClient>(*port, kAccount, kToken);
    }

    void cleanup()
    {
        m_client.reset();
        m_sim.reset();
        m_backend.reset();
    }

    void withoutFaultsEverythingHappensOnce()
    {
        QVERIFY(!inboundCallWith({}).isEmpty());
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 2); // in-progress, completed
        QSet<QByteArray> tokens;
        for (const auto &callback : m_backend->webhooks(QStringLiteral("/status")))
            tokens.insert(callback.idempotencyToken);
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(m_backend->streams.size(), 1);
        QVERIFY(m_backend->webhooks(QStringLiteral("/alarm")).isEmpty());
    }

    void repeatStatusCallbacks()
    {
        QVERIFY(!inboundCallWith({QStringLiteral("repeat_status_callbacks")}).isEmpty());
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 4);
        QHash<QByteArray, QStringList> byToken;
        for (const auto &callback : m_backend->webhooks(QStringLiteral("/status"))) {
            QVERIFY(callback.signatureOk);
            byToken[callback.idempotencyToken] << callback.value(u"SequenceNumber");
        }
        QCOMPARE(byToken.size(), 2);
        for (const QStringList &sequences : std::as_const(byToken)) {
            QCOMPARE(sequences.size(), 2);
            QCOMPARE(sequences.first(), sequences.last()); // the very same callback twice
        }
        QCOMPARE(m_sim->stats().webhooks(QStringLiteral("status")), 4);
    }

    void outOfOrderStatus()
    {
        QVERIFY(!inboundCallWith({QStringLiteral("out_of_order_status")}).isEmpty());
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 2);
        QStringList arrived;
        QStringList sequences;
        for (const auto &callback : m_backend->webhooks(QStringLiteral("/status"))) {
            arrived << callback.value(u"CallStatus");
            sequences << callback.value(u"SequenceNumber");
        }
        // completed before in-progress (an inbound leg has no initiated/ringing callbacks);
        // SequenceNumber tells the truth.
        QCOMPARE(arrived, QStringList({QStringLiteral("completed"), QStringLiteral("in-progress")}));
        QCOMPARE(sequences, QStringList({QStringLiteral("1"), QStringLiteral("0")}));
    }

    void streamDropReconnect()
    {
        const QString sid = inboundCallWith({QStringLiteral("stream_drop_reconnect")});
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE(m_backend->streams.size(), 2);
        QTRY_VERIFY(m_backend->streams.at(1).closed);
        const ReceivedStream &first = m_backend->streams.at(0);
        const ReceivedStream &second = m_backend->streams.at(1);
        QVERIFY(first.closed);
        QVERIFY(!first.events().contains(QStringLiteral("stop"))); // dropped, not stopped
        QCOMPARE(first.events().mid(0, 2), QStringList({QStringLiteral("connected"), QStringLiteral("start")}));
        QCOMPARE(second.events().mid(0, 2), QStringList({QStringLiteral("connected"), QStringLiteral("start")}));
        QCOMPARE(second.events().last(), QStringLiteral("stop"));
        QVERIFY(second.signatureOk);
        // A new StreamSid for the same call, and the audio continues where it left off: 50 frames in all.
        const QJsonObject firstStart = first.messages.at(1).value(QStringLiteral("start")).toObject();
        const QJsonObject secondStart = second.messages.at(1).value(QStringLiteral("start")).toObject();
        QVERIFY(firstStart.value(QStringLiteral("streamSid")) != secondStart.value(QStringLiteral("streamSid")));
        QCOMPARE(secondStart.value(QStringLiteral("callSid")).toString(), sid);
        QCOMPARE(first.events().count(QStringLiteral("media")) + second.events().count(QStringLiteral("media")), 50);
        QCOMPARE(m_sim->call(sid)->call().streamSids.size(), 2);
        QCOMPARE(m_sim->stats().streamConnects(), 2);
    }

    void alarm11205()
    {
        const QString sid = inboundCallWith({QStringLiteral("alarm_11205")});
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/alarm")).size(), 1);
        const ReceivedWebhook alarm = m_backend->webhooks(QStringLiteral("/alarm")).first();
        QVERIFY(alarm.signatureOk);
        QVERIFY(isSid(alarm.value(u"Sid"), u"NO"));
        QCOMPARE(alarm.value(u"AccountSid"), kAccount);
        QCOMPARE(alarm.value(u"Level"), QStringLiteral("Error"));
        QCOMPARE(alarm.value(u"PayloadType"), QStringLiteral("application/json"));
        const QJsonObject payload = QJsonDocument::fromJson(alarm.value(u"Payload").toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("resource_sid")).toString(), sid);
        QCOMPARE(payload.value(QStringLiteral("error_code")), QJsonValue(QStringLiteral("11205"))); // a string
        QCOMPARE(payload.value(QStringLiteral("more_info")).toObject().value(QStringLiteral("ErrorCode")).toString(), QStringLiteral("11205"));
    }

    void secondRecording()
    {
        // A REST call with the fault armed; the backend starts one recording, two are reported.
        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/faults"),
                                   {{QStringLiteral("faults"), QJsonArray{QStringLiteral("second_recording")}}}).status, 200);
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"),
                                           {{QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("From"), QStringLiteral("+15005550001")},
                                            {QStringLiteral("Twiml"), QStringLiteral("<Response><Pause length=\"30\"/></Response>")}})
                                .json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_sim->call(sid)->call().status, QStringLiteral("in-progress"));
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls/%1/Recordings.json").arg(sid),
                                {{QStringLiteral("RecordingStatusCallback"), m_backend->url(QStringLiteral("/recording")).toString()}}).status, 201);
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid),
                                {{QStringLiteral("Status"), QStringLiteral("completed")}}).status, 200);
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/recording")).size(), 2);
        QSet<QString> recordings;
        for (const auto &callback : m_backend->webhooks(QStringLiteral("/recording"))) {
            QVERIFY(callback.signatureOk);
            QCOMPARE(callback.value(u"CallSid"), sid);
            QCOMPARE(callback.value(u"RecordingStatus"), QStringLiteral("completed"));
            recordings.insert(callback.value(u"RecordingSid"));
        }
        QCOMPARE(recordings.size(), 2);
        for (const QString &recording : std::as_const(recordings))
            QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Recordings/%1.json").arg(recording)).status, 200);
    }

    void absentRecording()
    {
        // Twilio kept nothing usable: an `absent` callback with 16101 to a subscriber, no media.
        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/faults"),
                                   {{QStringLiteral("faults"), QJsonArray{QStringLiteral("absent_recording")}}}).status, 200);
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"),
                                           {{QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("From"), QStringLiteral("+15005550001")},
                                            {QStringLiteral("Twiml"), QStringLiteral("<Response><Pause length=\"30\"/></Response>")}})
                                .json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_sim->call(sid)->call().status, QStringLiteral("in-progress"));
        const auto start = [&](const QString &events) {
            return m_client->post(m_client->account() + QStringLiteral("/Calls/%1/Recordings.json").arg(sid),
                                  {{QStringLiteral("RecordingStatusCallback"), m_backend->url(QStringLiteral("/recording")).toString()},
                                   {QStringLiteral("RecordingStatusCallbackEvent"), events}});
        };
        QCOMPARE(start(QStringLiteral("completed absent")).status, 201);
        QCOMPARE(start(QStringLiteral("completed")).status, 201); // not subscribed to absent: told nothing
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid),
                                {{QStringLiteral("Status"), QStringLiteral("completed")}}).status, 200);
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/recording")).size(), 1);
        const ReceivedWebhook callback = m_backend->webhooks(QStringLiteral("/recording")).first();
        QVERIFY(callback.signatureOk);
        QCOMPARE(callback.value(u"RecordingStatus"), QStringLiteral("absent"));
        QCOMPARE(callback.value(u"ErrorCode"), QStringLiteral("16101"));
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Recordings/%1.wav").arg(callback.value(u"RecordingSid"))).status, 404);
        QTest::qWait(100);
        QCOMPARE(m_backend->webhooks(QStringLiteral("/recording")).size(), 1);
    }

    void rest5xx_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("500") << 500 << 20500;
        QTest::newRow("503") << 503 << 20503;
    }

    void rest5xx()
    {
        QFETCH(int, status);
        QFETCH(int, code);
        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/faults"),
                                   {{QStringLiteral("faults"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_5xx")},
                                                                                      {QStringLiteral("endpoint"), QStringLiteral("POST Calls.json")},
                                                                                      {QStringLiteral("count"), 2},
                                                                                      {QStringLiteral("status"), status}}}}}).status, 200);
        const FormFields form{{QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("From"), QStringLiteral("+15005550001")},
                              {QStringLiteral("Twiml"), QStringLiteral("<Response><Hangup/></Response>")}};
        for (int i = 0; i < 2; ++i) {
            const RestReply failed = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form);
            QCOMPARE(failed.status, status);
            QCOMPARE(failed.json().value(QStringLiteral("code")).toInt(), code);
            QCOMPARE(failed.json().value(QStringLiteral("status")).toInt(), status);
        }
        QCOMPARE(m_sim->calls().size(), 0); // a 5xx created nothing
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls.json")).status, 200); // other endpoints unaffected
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form).status, 201);
        QCOMPARE(m_sim->stats().rest(QStringLiteral("POST Calls.json")), 3);
    }

    void restSlow()
    {
        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/faults"),
                                   {{QStringLiteral("faults"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_slow")},
                                                                                      {QStringLiteral("endpoint"), QStringLiteral("GET Calls.json")},
                                                                                      {QStringLiteral("ms"), 300},
                                                                                      {QStringLiteral("count"), 1}}}}}).status, 200);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls.json")).status, 200);
        QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
        timer.restart();
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls.json")).status, 200);
        QVERIFY(timer.elapsed() < 300); // count 1: only the first was slowed
    }

    void restTimeout()
    {
        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/faults"),
                                   {{QStringLiteral("faults"), QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("rest_timeout")},
                                                                                      {QStringLiteral("endpoint"), QStringLiteral("POST Calls.json")}}}}}).status, 200);
        const FormFields form{{QStringLiteral("To"), QStringLiteral("+15005550006")}, {QStringLiteral("From"), QStringLiteral("+15005550001")},
                              {QStringLiteral("Twiml"), QStringLiteral("<Response><Hangup/></Response>")}};
        const RestReply timedOut = m_client->send("POST", m_client->account() + QStringLiteral("/Calls.json"), form, std::nullopt, 500);
        QCOMPARE(timedOut.status, 0);
        QCOMPARE(timedOut.error, QNetworkReply::OperationCanceledError); // the client gave up
        // ...but Twilio did create the call: a reconciler finds it by listing.
        QCOMPARE(m_sim->calls().size(), 1);
        const QJsonArray listed = m_client->get(m_client->account() + QStringLiteral("/Calls.json?To=%2B15005550006")).json()
                                      .value(QStringLiteral("calls")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(m_sim->stats().rest(QStringLiteral("POST Calls.json")), 1);
    }
};

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
