// Driving calls end to end against a fake backend: signed voice/status/recording webhooks,
// a real Media Stream (connected, start, 160-byte media, mark echoes, stop), inbound calls.
#include "calldriver.h"
#include "fakebackend.h"
#include "inboundgenerator.h"
#include "simclient.h"
#include "simulator.h"

#include <QJsonArray>
#include <QTest>

using namespace sb;
using namespace sb::sim;
using namespace sb::sim::test;

namespace {
const QString kAccount = QStringLiteral("AC") + QString(32, u'4');
const QByteArray kToken = QByteArrayLiteral("call-test-token");
} // namespace

class TestSimCall : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimClient> m_client;

    void start(int pacingMs, int streamSeconds = 1)
    {
        SimOptions options;
        options.accountSid = kAccount;
        options.authToken = kToken;
        options.answerDelayMs = 20;
        options.streamSeconds = streamSeconds;
        options.framePacingMs = pacingMs;
        options.voiceUrl = m_backend->url(QStringLiteral("/voice"));
        options.statusCallback = m_backend->url(QStringLiteral("/status"));
        m_sim = std::make_unique<Simulator>(options);
        const auto port = m_sim->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        m_client = std::make_unique<SimClient>(*port, kAccount, kToken);
    }

    FormFields outboundCall() const
    {
        return {{QStringLiteral("To"), QStringLiteral("+972501234567")},
                {QStringLiteral("From"), QStringLiteral("+15005550006")},
                {QStringLiteral("Url"), m_backend->url(QStringLiteral("/voice")).toString()},
                {QStringLiteral("StatusCallback"), m_backend->url(QStringLiteral("/status")).toString()},
                {QStringLiteral("StatusCallbackEvent"), QStringLiteral("initiated")},
                {QStringLiteral("StatusCallbackEvent"), QStringLiteral("ringing")},
                {QStringLiteral("StatusCallbackEvent"), QStringLiteral("answered")},
                {QStringLiteral("StatusCallbackEvent"), QStringLiteral("completed")},
                {QStringLiteral("MachineDetection"), QStringLiteral("Enable")}};
    }

private slots:
    void init() { m_backend = std::make_unique<FakeBackend>(kToken); }

    void cleanup()
    {
        m_client.reset();
        m_sim.reset();
        m_backend.reset();
    }

    void outboundCallThroughItsLife()
    {
        start(0);
        const RestReply created = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), outboundCall());
        QCOMPARE(created.status, 201);
        const QString sid = created.json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_sim->call(sid)->call().status, QStringLiteral("completed"));
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 4);

        // Voice request: the call's form fields, signed over the exact URL.
        const auto voice = m_backend->webhooks(QStringLiteral("/voice"));
        QCOMPARE(voice.size(), 1);
        QVERIFY(voice.first().signatureOk);
        QCOMPARE(voice.first().value(u"CallSid"), sid);
        QCOMPARE(voice.first().value(u"AccountSid"), kAccount);
        QCOMPARE(voice.first().value(u"Direction"), QStringLiteral("outbound-api"));
        QCOMPARE(voice.first().value(u"CallStatus"), QStringLiteral("in-progress"));
        QCOMPARE(voice.first().value(u"ApiVersion"), QStringLiteral("2010-04-01"));
        QCOMPARE(voice.first().value(u"To"), QStringLiteral("+972501234567"));
        QCOMPARE(voice.first().value(u"AnsweredBy"), QStringLiteral("human"));
        QVERIFY(!voice.first().idempotencyToken.isEmpty());

        // Status callbacks: every event asked for, numbered from 0, the final one with durations.
        const auto status = m_backend->webhooks(QStringLiteral("/status"));
        QStringList statuses;
        QSet<QByteArray> tokens;
        for (int i = 0; i < status.size(); ++i) {
            const ReceivedWebhook &callback = status.at(i);
            QVERIFY(callback.signatureOk);
            statuses << callback.value(u"CallStatus");
            QCOMPARE(callback.value(u"CallbackSource"), QStringLiteral("call-progress-events"));
            QCOMPARE(callback.value(u"SequenceNumber"), QString::number(i));
            QVERIFY(callback.value(u"Timestamp").endsWith(QStringLiteral(" +0000")));
            QCOMPARE(callback.value(u"AnsweredBy").isNull(), i < 2); // known once answered
            tokens.insert(callback.idempotencyToken);
        }
        QCOMPARE(tokens.size(), 4);
        QCOMPARE(statuses, QStringList({QStringLiteral("initiated"), QStringLiteral("ringing"),
                                        QStringLiteral("in-progress"), QStringLiteral("completed")}));
        QVERIFY(status.at(2).value(u"CallDuration").isNull());
        QVERIFY(!status.last().value(u"CallDuration").isNull());
        QCOMPARE(status.last().value(u"Duration"), QStringLiteral("1"));

        // The Media Stream: signed handshake, connected, start, media×50, stop; marks echoed.
        QCOMPARE(m_backend->streams.size(), 1);
        QTRY_VERIFY(m_backend->streams.first().closed);
        const ReceivedStream &stream = m_backend->streams.first();
        QVERIFY(stream.signatureOk);
        QStringList expected{QStringLiteral("connected"), QStringLiteral("start")};
        QStringList events = stream.events();
        events.removeAll(QStringLiteral("mark")); // its place among media frames depends on timing
        for (int i = 0; i < 50; ++i)
            expected << QStringLiteral("media");
        expected << QStringLiteral("stop");
        QCOMPARE(events, expected);

        const QJsonObject startMessage = stream.messages.at(1);
        const QJsonObject start = startMessage.value(QStringLiteral("start")).toObject();
        const QString streamSid = startMessage.value(QStringLiteral("streamSid")).toString();
        QVERIFY(isSid(streamSid, u"MZ"));
        QCOMPARE(startMessage.value(QStringLiteral("sequenceNumber")).toString(), QStringLiteral("1"));
        QCOMPARE(start.value(QStringLiteral("callSid")).toString(), sid);
        QCOMPARE(start.value(QStringLiteral("accountSid")).toString(), kAccount);
        QCOMPARE(start.value(QStringLiteral("customParameters")).toObject(),
                 QJsonObject({{QStringLiteral("callId"), QStringLiteral("abc123")}}));
        const QJsonObject format = start.value(QStringLiteral("mediaFormat")).toObject();
        QCOMPARE(format.value(QStringLiteral("encoding")).toString(), QStringLiteral("audio/x-mulaw"));
        QCOMPARE(format.value(QStringLiteral("sampleRate")).toInt(), 8000);
        QCOMPARE(format.value(QStringLiteral("channels")).toInt(), 1);

        int chunk = 0;
        int previousSequence = 1;
        for (const QJsonObject &message : stream.messages.mid(2)) {
            QCOMPARE(message.value(QStringLiteral("streamSid")).toString(), streamSid);
            const int sequence = message.value(QStringLiteral("sequenceNumber")).toString().toInt();
            QCOMPARE(sequence, previousSequence + 1); // strings, counting over every event
            previousSequence = sequence;
            if (message.value(QStringLiteral("event")).toString() == u"mark") {
                QCOMPARE(message.value(QStringLiteral("mark")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("greeting"));
                continue;
            }
            if (message.value(QStringLiteral("event")).toString() != u"media")
                continue;
            const QJsonObject media = message.value(QStringLiteral("media")).toObject();
            ++chunk;
            QCOMPARE(media.value(QStringLiteral("chunk")).toString(), QString::number(chunk));
            QCOMPARE(media.value(QStringLiteral("timestamp")).toString(), QString::number((chunk - 1) * 20));
            QCOMPARE(media.value(QStringLiteral("track")).toString(), QStringLiteral("inbound"));
            QCOMPARE(QByteArray::fromBase64(media.value(QStringLiteral("payload")).toString().toLatin1()).size(), 160);
        }
        const QJsonObject stop = stream.messages.last().value(QStringLiteral("stop")).toObject();
        QCOMPARE(stop.value(QStringLiteral("callSid")).toString(), sid);

        // Stream status callbacks from the <Stream statusCallback>.
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/stream-status")).size(), 2);
        QCOMPARE(m_backend->webhooks(QStringLiteral("/stream-status")).first().value(u"StreamEvent"), QStringLiteral("stream-started"));
        QCOMPARE(m_backend->webhooks(QStringLiteral("/stream-status")).last().value(u"StreamSid"), streamSid);

        const QJsonObject stats = m_client->control("GET", QStringLiteral("/sim/stats")).json();
        QCOMPARE(stats.value(QStringLiteral("webhooks")).toObject().value(QStringLiteral("voice")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("webhooks")).toObject().value(QStringLiteral("status")).toInt(), 4);
        QCOMPARE(stats.value(QStringLiteral("stream_connects")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("media_frames_sent")).toInt(), 50);

        const QJsonArray calls = m_client->control("GET", QStringLiteral("/sim/calls")).json().value(QStringLiteral("calls")).toArray();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(calls.first().toObject().value(QStringLiteral("stream_connects")).toInt(), 1);
    }

    void defaultCallbacksAreOnlyCompleted()
    {
        start(0);
        FormFields form{{QStringLiteral("To"), QStringLiteral("+972501234567")}, {QStringLiteral("From"), QStringLiteral("+15005550006")},
                        {QStringLiteral("Url"), m_backend->url(QStringLiteral("/voice")).toString()},
                        {QStringLiteral("StatusCallback"), m_backend->url(QStringLiteral("/status")).toString()}};
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form).json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 1);
        QCOMPARE(m_backend->webhooks(QStringLiteral("/status")).first().value(u"CallStatus"), QStringLiteral("completed"));
        QCOMPARE(m_backend->webhooks(QStringLiteral("/status")).first().value(u"SequenceNumber"), QStringLiteral("0"));
        QVERIFY(m_backend->webhooks(QStringLiteral("/status")).first().value(u"AnsweredBy").isNull());
    }

    void recordingStartedDuringTheStream()
    {
        start(20, 1); // real time: the recording is started while audio flows
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), outboundCall()).json().value(QStringLiteral("sid")).toString();
        QSignalSpy started(m_backend.get(), &FakeBackend::streamStarted);
        QVERIFY(started.wait(5000));
        const RestReply recording = m_client->post(
            m_client->account() + QStringLiteral("/Calls/%1/Recordings.json").arg(sid),
            {{QStringLiteral("RecordingStatusCallback"), m_backend->url(QStringLiteral("/recording")).toString()},
             {QStringLiteral("RecordingStatusCallbackEvent"), QStringLiteral("in-progress completed")}});
        QCOMPARE(recording.status, 201);
        const QString recordingSid = recording.json().value(QStringLiteral("sid")).toString();

        QTRY_COMPARE_WITH_TIMEOUT(m_backend->webhooks(QStringLiteral("/recording")).size(), 2, 10000);
        const auto callbacks = m_backend->webhooks(QStringLiteral("/recording"));
        QCOMPARE(callbacks.first().value(u"RecordingStatus"), QStringLiteral("in-progress"));
        const ReceivedWebhook &done = callbacks.last();
        QVERIFY(done.signatureOk);
        QCOMPARE(done.value(u"RecordingStatus"), QStringLiteral("completed"));
        QCOMPARE(done.value(u"RecordingSid"), recordingSid);
        QCOMPARE(done.value(u"CallSid"), sid);
        QCOMPARE(done.value(u"RecordingSource"), QStringLiteral("StartCallRecordingAPI"));
        QCOMPARE(done.value(u"RecordingChannels"), QStringLiteral("1"));
        QCOMPARE(done.value(u"ErrorCode"), QStringLiteral("0"));
        QCOMPARE(done.value(u"RecordingDuration"), QStringLiteral("1"));
        const QUrl recordingUrl(done.value(u"RecordingUrl"));
        QCOMPARE(recordingUrl.path(), m_client->account() + QStringLiteral("/Recordings/") + recordingSid); // no extension
        QCOMPARE(m_sim->call(sid)->call().status, QStringLiteral("completed")); // sent after the call ended

        // The backend's mark came back while audio was still flowing, and its audio was heard.
        QTRY_VERIFY(m_backend->streams.first().closed);
        QCOMPARE(m_backend->streams.first().events().count(QStringLiteral("mark")), 1);
        QCOMPARE(m_sim->stats().marksEchoed(), 1);
        QCOMPARE(m_sim->stats().framesReceived(), 1);

        // The media is the caller audio that went over the stream while recording (< 1 s of it).
        const RestReply wav = m_client->get(recordingUrl.path() + QStringLiteral(".wav"));
        QCOMPARE(wav.status, 200);
        const qsizetype samples = (wav.body.size() - 44) / 2;
        QVERIFY2(samples > 0 && samples <= 8000 && samples % 160 == 0, qPrintable(QString::number(samples)));
    }

    void getCallbacksAreSignedOverTheQuery()
    {
        start(0);
        FormFields form{{QStringLiteral("To"), QStringLiteral("+972501234567")}, {QStringLiteral("From"), QStringLiteral("+15005550006")},
                        {QStringLiteral("Url"), m_backend->url(QStringLiteral("/voice")).toString()}, {QStringLiteral("Method"), QStringLiteral("GET")},
                        {QStringLiteral("StatusCallback"), m_backend->url(QStringLiteral("/status")).toString()},
                        {QStringLiteral("StatusCallbackMethod"), QStringLiteral("GET")}};
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form).json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 1);
        for (const QString &path : {QStringLiteral("/voice"), QStringLiteral("/status")}) {
            const ReceivedWebhook webhook = m_backend->webhooks(path).first();
            QCOMPARE(webhook.method, QStringLiteral("GET"));
            QVERIFY(webhook.signatureOk);
            QCOMPARE(webhook.value(u"CallSid"), sid);
            QCOMPARE(webhook.value(u"To"), QStringLiteral("+972501234567")); // `+` survives the query
        }
    }

    void recordTrueRecordsTheWholeCall()
    {
        start(0);
        FormFields form = outboundCall();
        form << qMakePair(QStringLiteral("Record"), QStringLiteral("true"))
             << qMakePair(QStringLiteral("RecordingChannels"), QStringLiteral("dual"))
             << qMakePair(QStringLiteral("RecordingStatusCallback"), m_backend->url(QStringLiteral("/recording")).toString());
        const QString sid = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form).json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/recording")).size(), 1);
        const ReceivedWebhook done = m_backend->webhooks(QStringLiteral("/recording")).first();
        QCOMPARE(done.value(u"RecordingSource"), QStringLiteral("OutboundAPI"));
        QCOMPARE(done.value(u"RecordingChannels"), QStringLiteral("2"));
        QCOMPARE(done.value(u"CallSid"), sid);
        QCOMPARE(m_sim->call(sid)->call().recordingSids.size(), 1);
    }

    void inboundCalls()
    {
        start(0);
        const RestReply accepted = m_client->control(
            "POST", QStringLiteral("/sim/inbound"),
            {{QStringLiteral("count"), 3}, {QStringLiteral("rate_per_sec"), 50}, {QStringLiteral("concurrency"), 2},
             {QStringLiteral("stream_seconds"), 1}, {QStringLiteral("to"), QStringLiteral("+972733000000")}});
        QCOMPARE(accepted.status, 202);
        QCOMPARE(accepted.json().value(QStringLiteral("scheduled")).toInt(), 3);
        QSignalSpy drained(&m_sim->inbound(), &InboundGenerator::drained);
        QVERIFY(drained.wait(10000));
        QTRY_COMPARE(m_backend->streams.size(), 3);

        const auto voice = m_backend->webhooks(QStringLiteral("/voice"));
        QCOMPARE(voice.size(), 3);
        QSet<QString> callers;
        for (const ReceivedWebhook &request : voice) {
            QVERIFY(request.signatureOk);
            QCOMPARE(request.value(u"Direction"), QStringLiteral("inbound"));
            QCOMPARE(request.value(u"CallStatus"), QStringLiteral("ringing"));
            QCOMPARE(request.value(u"To"), QStringLiteral("+972733000000"));
            callers.insert(request.value(u"From"));
        }
        QCOMPARE(callers.size(), 3); // distinct callers unless "from" is given
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/status")).size(), 6); // in-progress and completed each: an inbound leg has no initiated/ringing callbacks
        const QJsonArray calls = m_client->control("GET", QStringLiteral("/sim/calls")).json().value(QStringLiteral("calls")).toArray();
        for (const QJsonValue &call : calls)
            QCOMPARE(call.toObject().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));

        const RestReply refused = m_client->control("POST", QStringLiteral("/sim/inbound"),
                                                    {{QStringLiteral("count"), 1}, {QStringLiteral("faults"), QJsonArray{QStringLiteral("gremlins")}}});
        QCOMPARE(refused.status, 400);
    }

    void voiceFailureEndsTheCallWithAnAlarm()
    {
        start(0);
        SimOptions options = m_sim->options();
        options.alarmUrl = m_backend->url(QStringLiteral("/alarm"));
        m_sim = std::make_unique<Simulator>(options);
        const auto port = m_sim->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        SimClient client(*port, kAccount, kToken);
        m_backend->voiceTwiml = QByteArrayLiteral("<html>not twiml</html>");
        FormFields form = outboundCall();
        const QString sid = client.post(client.account() + QStringLiteral("/Calls.json"), form).json().value(QStringLiteral("sid")).toString();
        QTRY_COMPARE(m_sim->call(sid)->call().status, QStringLiteral("completed"));
        QTRY_COMPARE(m_backend->webhooks(QStringLiteral("/alarm")).size(), 1);
        QVERIFY(m_backend->webhooks(QStringLiteral("/alarm")).first().value(u"Payload").contains(QStringLiteral("\"error_code\":\"12100\"")));
        QCOMPARE(m_backend->streams.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimCall)
#include "tst_simcall.moc"
