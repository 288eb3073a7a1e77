// Recordings and their transcription through a whole backend (SQLite and PostgreSQL), with the
// simulator as Twilio and a fake transcription server, both over real sockets: the end to end
// path, invariant 4's policy table through the workers, skip and force, one job for duplicate
// and concurrent recording callbacks, absent recordings, Twilio refusing a start (21220), and
// the job API's answers to bad input.
#include "backendharness.h"
#include "faketranscriptionserver.h"

#include "recording/recordingservice.h"
#include "recording/recordingstarter.h"
#include "storage/storage.h"
#include "storage/transcripts.h"
#include "twilio/signature.h"

#include "calldriver.h"
#include "inboundgenerator.h"
#include "simulator.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace sb;
using namespace sb::test;

namespace {

const QString kAccount = u"AC0123456789abcdef0123456789abcdef"_qs;
const QString kStartRecording = u"POST Calls/{Sid}/Recordings.json"_qs;
const QString kRealtime = u"caller: I would like an appointment\nagent: of course\n"_qs;
const QString kGoodText = u"I would like an appointment on Sunday"_qs;

using Answer = FakeTranscriptionServer::Answer;

} // namespace

Q_DECLARE_METATYPE(FakeTranscriptionServer::Answer)

class TestRecordingJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<FakeTranscriptionServer> m_transcription;
    std::unique_ptr<BackendHarness> m_backend;

    QJsonObject storedCall(const QString &sid) { return m_backend->apiGet(u"/api/calls/"_qs + sid).json(); }

    QJsonArray jobsOf(const QString &sid)
    {
        return m_backend->apiGet(u"/api/jobs?call_sid="_qs + sid).json().value(u"jobs"_qs).toArray();
    }

    QStringList eventKinds(const QString &sid)
    {
        QStringList kinds;
        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sid)).json().value(u"events"_qs).toArray();
        for (const QJsonValue &event : events)
            kinds << event.toObject().value(u"kind"_qs).toString();
        return kinds;
    }

    QJsonObject lastEvent(const QString &sid, const QString &kind)
    {
        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sid)).json().value(u"events"_qs).toArray();
        QJsonObject found;
        for (const QJsonValue &event : events) {
            if (event.toObject().value(u"kind"_qs).toString() == kind)
                found = event.toObject().value(u"detail"_qs).toObject();
        }
        return found;
    }

    /// A call the backend knows (its voice webhook), answered, optionally with a realtime transcript.
    QString knownCall(const QString &realtime = {})
    {
        const QString sid = BackendHarness::newCallSid();
        const FormFields voice{{u"AccountSid"_qs, kAccount}, {u"CallSid"_qs, sid},          {u"CallStatus"_qs, u"ringing"_qs},
                               {u"Direction"_qs, u"inbound"_qs}, {u"From"_qs, u"+972501234567"_qs}, {u"To"_qs, u"+97235551234"_qs}};
        if (const HttpReply reply = m_backend->postWebhook(u"/twilio/voice"_qs, voice); reply.status != 200)
            qFatal("voice webhook answered %d: %s", reply.status, reply.body.constData());
        for (const QString &line : realtime.split(u'\n', Qt::SkipEmptyParts)) {
            const QString speaker = line.section(u':', 0, 0);
            const QString text = line.section(u':', 1).trimmed();
            auto appended = m_backend->app().storage().runBlocking([&](StorageSession &session) {
                return RealtimeTranscript(session).appendTranscriptLine(sid, speaker, text);
            });
            if (!appended)
                qFatal("realtime line failed: %s", qPrintable(appended.error().message));
        }
        return sid;
    }

    /// A completed recording of @p callSid served by the simulator; returns its RecordingSid.
    QString simulatedRecording(const QString &callSid)
    {
        sim::SimRecording recording;
        recording.sid = sim::newSid(u"RE");
        recording.callSid = callSid;
        recording.accountSid = kAccount;
        recording.status = u"completed"_qs;
        recording.channels = 2;
        recording.durationSec = 1;
        recording.inbound = m_simulator->speech().left(8000);
        recording.created = recording.updated = QDateTime::currentDateTimeUtc();
        m_simulator->addRecording(recording);
        return recording.sid;
    }

    FormFields recordingFields(const QString &callSid, const QString &recordingSid, const QString &status,
                               const QString &errorCode = u"0"_qs)
    {
        return {{u"AccountSid"_qs, kAccount},
                {u"CallSid"_qs, callSid},
                {u"RecordingSid"_qs, recordingSid},
                {u"RecordingUrl"_qs, m_simulator->recordingUrl(recordingSid).toString()},
                {u"RecordingStatus"_qs, status},
                {u"RecordingChannels"_qs, u"2"_qs},
                {u"RecordingSource"_qs, u"StartCallRecordingAPI"_qs},
                {u"ErrorCode"_qs, errorCode}};
    }

    /// Posts the recording's `completed` callback and waits until the call's job is no longer active.
    QJsonObject transcribe(const QString &callSid, const QString &recordingSid)
    {
        const HttpReply reply = m_backend->postWebhook(u"/twilio/recording-status"_qs,
                                                       recordingFields(callSid, recordingSid, u"completed"_qs));
        if (reply.status != 200)
            qFatal("recording-status answered %d: %s", reply.status, reply.body.constData());
        return settledJob(callSid);
    }

    /// The call's newest job once it is done or dead (an empty object after 20 s without).
    QJsonObject settledJob(const QString &callSid)
    {
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired()) {
            const QJsonObject job = jobsOf(callSid).first().toObject();
            const QString state = job.value(u"state"_qs).toString();
            if (state == u"done" || state == u"dead")
                return job;
            QTest::qWait(10);
        }
        return {};
    }

    void startBackend(const std::function<void(BackendConfig &)> &adjust = {})
    {
        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto backend = BackendHarness::start(*url, [&](BackendConfig &config) {
            config.twilioAccountSid = kAccount;
            config.twilioApiBaseUrl = m_simulator->options().publicUrl;
            config.openAiBaseUrl = m_transcription->baseUrl();
            config.openAiApiKey = u"test-openai-key"_qs;
            config.jobRetryBaseMs = 20;
            config.jobPollMs = 20;
            config.jobMaxAttempts = 3;
            if (adjust)
                adjust(config);
        });
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
        m_simulator->setWebhookTargets(m_backend->url(u"/twilio/voice"_qs), m_backend->url(u"/twilio/status"_qs),
                                       m_backend->url(u"/twilio/alarms"_qs));
    }

private slots:
    void initTestCase()
    {
        auto database = TestDatabase::fromEnvironment();
        QVERIFY2(database.ok(), database.ok() ? "" : qPrintable(database.error().message));
        m_database = std::move(database).value();
    }

    void init()
    {
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 10;
        options.streamSeconds = 1;
        options.callSeconds = 1;
        options.framePacingMs = 5;
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
        m_transcription = std::make_unique<FakeTranscriptionServer>();
        QVERIFY(m_transcription->listen().ok());
        startBackend();
    }

    void cleanup()
    {
        m_backend.reset();
        m_transcription.reset();
        m_simulator.reset();
    }

    void endToEndOneRecordingOneJobOneTranscript()
    {
        m_transcription->setDefaultAnswer(Answer::ok(kGoodText));
        sim::InboundBatch batch;
        batch.count = 2;
        QSignalSpy drained(&m_simulator->inbound(), &sim::InboundGenerator::drained);
        m_simulator->inbound().submit(batch);
        QVERIFY(drained.wait(30000));
        const QList<sim::CallDriver *> calls = m_simulator->calls();
        QCOMPARE(calls.size(), 2);
        for (const sim::CallDriver *driver : calls) {
            const QString sid = driver->call().sid;
            QCOMPARE(driver->call().recordingSids.size(), 1); // started once, by one trigger of several
            QTRY_COMPARE_WITH_TIMEOUT(jobsOf(sid).size(), 1, 20000);
            const QJsonObject job = settledJob(sid);
            QCOMPARE(job.value(u"state"_qs).toString(), u"done"_qs);
            QCOMPARE(job.value(u"outcome"_qs).toString(), u"recording"_qs);
            QCOMPARE(job.value(u"attempts"_qs).toInt(), 1);
            QCOMPARE(job.value(u"requested_by"_qs).toString(), u"twilio"_qs);
            const QJsonObject stored = storedCall(sid);
            QCOMPARE(stored.value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);
            QCOMPARE(stored.value(u"recording_count"_qs).toInt(), 1);
            QCOMPARE(stored.value(u"recording_sid"_qs).toString(), driver->call().recordingSids.constFirst());
            QCOMPARE(stored.value(u"final_transcript"_qs).toString(), kGoodText);
            QCOMPARE(stored.value(u"transcript_source"_qs).toString(), u"recording"_qs);
            QVERIFY(eventKinds(sid).contains(u"recording_started"_qs));
        }
        QCOMPARE(m_simulator->stats().rest(kStartRecording), 2);
        // What Twilio was asked for, and what the transcription service got.
        const sim::SimRecording *recording = m_simulator->recording(calls.first()->call().recordingSids.constFirst());
        QCOMPARE(recording->channels, 2);
        QCOMPARE(recording->track, u"both"_qs);
        QCOMPARE(recording->callback, m_backend->url(u"/twilio/recording-status"_qs));
        QCOMPARE(m_transcription->requestCount(), 2);
        const FakeTranscriptionServer::Request &request = m_transcription->requests().first();
        QCOMPARE(request.authorization, QByteArray("Bearer test-openai-key"));
        QCOMPARE(request.model, u"whisper-1"_qs);
        QCOMPARE(request.language, u"he"_qs);
        QCOMPARE(request.filename, u"recording.wav"_qs);
        QVERIFY(request.file.startsWith("RIFF"));
        QCOMPARE(m_transcription->malformedCount(), 0);
    }

    void policyTable_data()
    {
        QTest::addColumn<QList<Answer>>("answers");
        QTest::addColumn<bool>("realtime");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<bool>("errorKept");

        const QString realtime = kRealtime.trimmed();
        const QList<Answer> good{Answer::ok(kGoodText)};
        const QList<Answer> shortText{Answer::ok(u"  yes ok  "_qs)};
        const QList<Answer> empty{Answer::ok(QString())};
        const QList<Answer> refused{Answer::error(400)};
        QTest::newRow("good, realtime present") << good << true << u"recording"_qs << kGoodText << 1 << false;
        QTest::newRow("good, realtime absent") << good << false << u"recording"_qs << kGoodText << 1 << false;
        QTest::newRow("short, realtime present") << shortText << true << u"realtime"_qs << realtime << 1 << false;
        QTest::newRow("short, realtime absent") << shortText << false << u"failed"_qs << QString() << 1 << false;
        QTest::newRow("empty, realtime present") << empty << true << u"realtime"_qs << realtime << 1 << false;
        QTest::newRow("empty, realtime absent") << empty << false << u"failed"_qs << QString() << 1 << false;
        QTest::newRow("error, realtime present") << refused << true << u"realtime"_qs << realtime << 1 << true;
        QTest::newRow("error, realtime absent") << refused << false << u"failed"_qs << QString() << 1 << true;
        // A transient error is retried with backoff; the policy decides on the last attempt.
        QTest::newRow("503 then good") << QList<Answer>{Answer::error(503), Answer::ok(kGoodText)} << true
                                       << u"recording"_qs << kGoodText << 2 << false;
        QTest::newRow("503 on every attempt") << QList<Answer>{Answer::error(503), Answer::error(503), Answer::error(503)}
                                              << true << u"realtime"_qs << realtime << 3 << true;
    }

    void policyTable()
    {
        QFETCH(QList<Answer>, answers);
        QFETCH(bool, realtime);
        QFETCH(QString, source);
        QFETCH(QString, text);
        QFETCH(int, attempts);
        QFETCH(bool, errorKept);
        for (const Answer &answer : answers)
            m_transcription->enqueue(answer);
        const QString sid = knownCall(realtime ? kRealtime : QString());
        const QJsonObject job = transcribe(sid, simulatedRecording(sid));
        QCOMPARE(job.value(u"state"_qs).toString(), u"done"_qs);
        QCOMPARE(job.value(u"outcome"_qs).toString(), source);
        QCOMPARE(job.value(u"attempts"_qs).toInt(), attempts);
        QCOMPARE(!job.value(u"last_error"_qs).isNull(), errorKept);
        const QJsonObject stored = storedCall(sid);
        QCOMPARE(stored.value(u"transcript_source"_qs).toString(), source);
        QCOMPARE(stored.value(u"final_transcript"_qs).toString(), text);
        QCOMPARE(m_transcription->requestCount(), answers.size());
    }

    void downloadsAreLimited_data()
    {
        QTest::addColumn<bool>("foreignHost");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("larger than the limit") << false << qint64(1024) << u"larger than the 1024 bytes allowed"_qs;
        QTest::newRow("not on Twilio's host") << true << qint64(25 * 1024 * 1024) << u"not on TWILIO_API_BASE_URL"_qs;
    }

    void downloadsAreLimited()
    {
        QFETCH(bool, foreignHost);
        QFETCH(qint64, maxBytes);
        QFETCH(QString, error);
        m_backend.reset();
        startBackend([&](BackendConfig &config) { config.recordingMaxBytes = maxBytes; });
        const QString sid = knownCall(kRealtime);
        const QString recording = simulatedRecording(sid);
        FormFields fields = recordingFields(sid, recording, u"completed"_qs);
        if (foreignHost) {
            for (auto &[name, value] : fields) {
                if (name == u"RecordingUrl")
                    value = u"https://recordings.example.com/2010-04-01/Accounts/%1/Recordings/%2"_qs.arg(kAccount, recording);
            }
        }
        QCOMPARE(m_backend->postWebhook(u"/twilio/recording-status"_qs, fields).status, 200);
        const QJsonObject job = settledJob(sid);
        QCOMPARE(job.value(u"outcome"_qs).toString(), u"realtime"_qs); // the policy falls back
        QCOMPARE(job.value(u"attempts"_qs).toInt(), 1);                 // a refusal is not retried
        QVERIFY2(job.value(u"last_error"_qs).toString().contains(error), qPrintable(job.value(u"last_error"_qs).toString()));
        QCOMPARE(m_transcription->requestCount(), 0);
        QCOMPARE(m_simulator->stats().rest(u"GET Recordings/{Sid}.wav"_qs), foreignHost ? 0 : 1);
    }

    void aDownloadTwilioFailsIsRetried()
    {
        QVERIFY(m_simulator->faults()
                    .arm(QJsonArray{QJsonObject{{u"kind"_qs, u"rest_5xx"_qs},
                                                {u"endpoint"_qs, u"GET Recordings/{Sid}.wav"_qs},
                                                {u"count"_qs, 1},
                                                {u"status"_qs, 503}}})
                    .ok());
        m_transcription->enqueue(Answer::ok(kGoodText));
        const QString sid = knownCall(kRealtime);
        const QJsonObject job = transcribe(sid, simulatedRecording(sid));
        QCOMPARE(job.value(u"outcome"_qs).toString(), u"recording"_qs);
        QCOMPARE(job.value(u"attempts"_qs).toInt(), 2);
        QVERIFY(job.value(u"last_error"_qs).isNull()); // a success clears the story of the failed attempt
        QCOMPARE(m_simulator->stats().rest(u"GET Recordings/{Sid}.wav"_qs), 2);
        QCOMPARE(m_transcription->requestCount(), 1);
        // The failed attempt is on the timeline: back to pending, with its error.
        bool sawRetry = false;
        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sid)).json().value(u"events"_qs).toArray();
        for (const QJsonValue &event : events) {
            const QJsonObject detail = event.toObject().value(u"detail"_qs).toObject();
            if (event.toObject().value(u"kind"_qs).toString() == u"job_changed" && detail.value(u"state"_qs).toString() == u"pending"
                && detail.value(u"last_error"_qs).toString().contains(u"HTTP 503"_qs))
                sawRetry = true;
        }
        QVERIFY(sawRetry);
    }

    void aGoodTranscriptIsSkippedUnlessForced()
    {
        m_transcription->enqueue(Answer::ok(kGoodText));
        const QString sid = knownCall(kRealtime);
        QCOMPARE(transcribe(sid, simulatedRecording(sid)).value(u"outcome"_qs).toString(), u"recording"_qs);

        HttpReply reply = m_backend->apiPost(u"/api/calls/%1/reprocess"_qs.arg(sid), {{u"force"_qs, false}}, BackendHarness::kAdminToken);
        QCOMPARE(reply.status, 202);
        QCOMPARE(reply.json().value(u"created"_qs).toBool(), true);
        QJsonObject job = settledJob(sid);
        QCOMPARE(job.value(u"outcome"_qs).toString(), u"skipped"_qs);
        QCOMPARE(job.value(u"requested_by"_qs).toString(), u"admin"_qs);
        QCOMPARE(m_transcription->requestCount(), 1); // not transcribed again

        m_transcription->enqueue(Answer::ok(u"a better transcript of the same call"_qs));
        reply = m_backend->apiPost(u"/api/calls/%1/reprocess"_qs.arg(sid), {{u"force"_qs, true}}, BackendHarness::kAdminToken);
        QCOMPARE(reply.status, 202);
        QCOMPARE(reply.json().value(u"job"_qs).toObject().value(u"forced"_qs).toBool(), true);
        job = settledJob(sid);
        QCOMPARE(job.value(u"outcome"_qs).toString(), u"recording"_qs);
        QCOMPARE(m_transcription->requestCount(), 2);
        QCOMPARE(storedCall(sid).value(u"final_transcript"_qs).toString(), u"a better transcript of the same call"_qs);
        QCOMPARE(jobsOf(sid).size(), 3);
        // Who asked, and the outcome, are on the timeline.
        QCOMPARE(eventKinds(sid).count(u"reprocess_requested"_qs), 2);
        QCOMPARE(lastEvent(sid, u"reprocess_requested"_qs).value(u"requested_by"_qs).toString(), u"admin"_qs);
        QCOMPARE(lastEvent(sid, u"job_changed"_qs).value(u"outcome"_qs).toString(), u"recording"_qs);
    }

    void duplicateAndConcurrentCallbacksMakeOneJob()
    {
        m_transcription->setDefaultAnswer(Answer::hangUp()); // keep the job active while callbacks arrive
        const QString sid = knownCall();
        const QString first = simulatedRecording(sid);
        const QString second = simulatedRecording(sid);
        const auto signedHeaders = [&](const FormFields &fields, const QByteArray &token) {
            HeaderList headers{{"Content-Type", "application/x-www-form-urlencoded"},
                               {"X-Twilio-Signature",
                                TwilioSignature::compute(BackendHarness::kAuthToken,
                                                         QString(m_backend->app().config().publicUrl.toString() + u"/twilio/recording-status"_qs),
                                                         fields)}};
            if (!token.isEmpty())
                headers.append({"I-Twilio-Idempotency-Token", token});
            return headers;
        };
        // The same delivery eight times at once (a retry racing the original), then a second
        // recording's completion eight times at once: still one job.
        for (const QString &recording : {first, second}) {
            const FormFields fields = recordingFields(sid, recording, u"completed"_qs);
            const QList<HttpReply> replies = postConcurrently(m_backend->url(u"/twilio/recording-status"_qs),
                                                              QList<QByteArray>(8, encodeForm(fields)),
                                                              signedHeaders(fields, recording.toLatin1()));
            for (const HttpReply &reply : replies)
                QCOMPARE(reply.status, 200);
        }
        QCOMPARE(jobsOf(sid).size(), 1);
        QCOMPARE(storedCall(sid).value(u"recording_count"_qs).toInt(), 2);
        QCOMPARE(storedCall(sid).value(u"webhook_retry_count"_qs).toInt(), 14);
    }

    void anAbsentRecordingMarksTheCallWithoutAJob()
    {
        const QString sid = knownCall(kRealtime);
        const QString recording = sim::newSid(u"RE");
        const HttpReply reply = m_backend->postWebhook(u"/twilio/recording-status"_qs,
                                                       recordingFields(sid, recording, u"absent"_qs, u"16101"_qs));
        QCOMPARE(reply.status, 200);
        const QJsonObject stored = storedCall(sid);
        QCOMPARE(stored.value(u"recording_status"_qs).toString(), u"absent"_qs);
        QCOMPARE(lastEvent(sid, u"recording_status"_qs).value(u"error_code"_qs).toInt(), 16101);
        QCOMPARE(jobsOf(sid).size(), 0); // a job would have been written before the webhook's answer
        QCOMPARE(m_transcription->requestCount(), 0);
    }

    void anAbsentRecordingFromTwilioMakesNoJob()
    {
        sim::InboundBatch batch;
        batch.faults.absentRecording = true;
        QSignalSpy drained(&m_simulator->inbound(), &sim::InboundGenerator::drained);
        m_simulator->inbound().submit(batch);
        QVERIFY(drained.wait(30000));
        const QString sid = m_simulator->calls().constFirst()->call().sid;
        QTRY_COMPARE(storedCall(sid).value(u"recording_status"_qs).toString(), u"absent"_qs);
        QCOMPARE(storedCall(sid).value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);
        QCOMPARE(lastEvent(sid, u"recording_status"_qs).value(u"error_code"_qs).toInt(), 16101);
        QCOMPARE(jobsOf(sid).size(), 0);
        QCOMPARE(m_transcription->requestCount(), 0);
    }

    void twilioRefusingTheStartIsNotRetried()
    {
        // A call Twilio already ended (hung up at once), which the backend still thinks is live.
        sim::CallRequest request;
        request.to = u"+15005550006"_qs;
        request.from = u"+15005550001"_qs;
        request.twiml = u"<Response><Hangup/></Response>"_qs;
        sim::CallDriver *driver = m_simulator->placeCall(request);
        QTRY_VERIFY(driver->call().isFinal());
        const QString sid = driver->call().sid;
        const FormFields voice{{u"AccountSid"_qs, kAccount}, {u"CallSid"_qs, sid}, {u"CallStatus"_qs, u"ringing"_qs},
                               {u"Direction"_qs, u"inbound"_qs}, {u"From"_qs, request.from}, {u"To"_qs, request.to}};
        QCOMPARE(m_backend->postWebhook(u"/twilio/voice"_qs, voice).status, 200);
        QSignalSpy answered(&m_backend->app().recording().starter(), &RecordingStarter::startAnswered);
        QSignalSpy decided(&m_backend->app().recording().starter(), &RecordingStarter::claimDecided);
        const auto status = [&](const QString &value, int sequence) {
            return m_backend->postWebhook(u"/twilio/status"_qs, {{u"AccountSid"_qs, kAccount},
                                                                 {u"CallSid"_qs, sid},
                                                                 {u"CallStatus"_qs, value},
                                                                 {u"CallbackSource"_qs, u"call-progress-events"_qs},
                                                                 {u"SequenceNumber"_qs, QString::number(sequence)}});
        };
        QCOMPARE(status(u"in-progress"_qs, 1).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 10000); // may arrive while the webhook is answered
        QCOMPARE(answered.first().at(1).toString(), QString()); // refused
        QTRY_VERIFY(eventKinds(sid).contains(u"recording_start_failed"_qs));
        QCOMPARE(lastEvent(sid, u"recording_start_failed"_qs).value(u"error_code"_qs).toInt(), 21220);
        // Later triggers find the start claimed: Twilio is not asked again.
        QCOMPARE(status(u"answered"_qs, 2).status, 200);
        m_backend->app().recording().starter().start(sid);
        QTRY_COMPARE(decided.size(), 3);
        for (int i = 0; i < decided.size(); ++i)
            QCOMPARE(decided.at(i).at(1).toBool(), i == 0); // the first claim won, the later ones found it taken
        QCOMPARE(m_simulator->stats().rest(kStartRecording), 1);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(storedCall(sid).value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);
        QCOMPARE(storedCall(sid).value(u"recording_count"_qs).toInt(), 0);
    }

    void jobApiRefusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        const QByteArray admin = BackendHarness::kAdminToken;
        QTest::newRow("reprocess without token") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{}") << QByteArray() << 401;
        QTest::newRow("reprocess as viewer") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{}") << QByteArray(BackendHarness::kViewerToken) << 403;
        QTest::newRow("reprocess as dialer") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{}") << QByteArray(BackendHarness::kDialerToken) << 403;
        QTest::newRow("reprocess unknown call") << QByteArray("POST") << u"/api/calls/CA00000000000000000000000000000000/reprocess"_qs << QByteArray("{}") << admin << 404;
        QTest::newRow("reprocess bad JSON") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{force: yes") << admin << 400;
        QTest::newRow("reprocess JSON array") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("[true]") << admin << 400;
        QTest::newRow("reprocess force not bool") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{\"force\":\"yes\"}") << admin << 400;
        QTest::newRow("jobs without token") << QByteArray("GET") << u"/api/jobs"_qs << QByteArray() << QByteArray() << 401;
        QTest::newRow("jobs bad state") << QByteArray("GET") << u"/api/jobs?state=failed"_qs << QByteArray() << admin << 400;
        QTest::newRow("jobs bad limit") << QByteArray("GET") << u"/api/jobs?limit=0"_qs << QByteArray() << admin << 400;
        QTest::newRow("jobs as viewer") << QByteArray("GET") << u"/api/jobs?call_sid={sid}&state=pending&limit=5"_qs << QByteArray() << QByteArray(BackendHarness::kViewerToken) << 200;
        QTest::newRow("reprocess empty body object") << QByteArray("POST") << u"/api/calls/{sid}/reprocess"_qs << QByteArray("{}") << admin << 202;
    }

    void jobApiRefusesBadInput()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        m_transcription->setDefaultAnswer(Answer::hangUp());
        const QString sid = knownCall();
        HeaderList headers{{"Content-Type", "application/json"}};
        if (!token.isEmpty())
            headers.append({"Authorization", "Bearer " + token});
        const HttpReply reply = sendRequest(m_backend->network(), verb, m_backend->url(QString(path).replace(u"{sid}"_qs, sid)),
                                            body, headers);
        QCOMPARE(reply.status, status);
        if (status >= 400)
            QVERIFY(!reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString().isEmpty());
        if (status >= 400 && verb == "POST")
            QCOMPARE(jobsOf(sid).size(), 0); // nothing written
    }
};

QTEST_GUILESS_MAIN(TestRecordingJobs)
#include "tst_recordingjobs.moc"
