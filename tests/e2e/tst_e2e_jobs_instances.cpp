// Invariants 2, 3 and 11 across real processes on one PostgreSQL database: two
// switchboard-backend instances told at once that a call is answered start one recording and
// make one transcription job; a backend killed with SIGKILL in the middle of a job leaves a
// lease that runs out, and the restarted backend completes the job.
#include "backendharness.h"
#include "faketranscriptionserver.h"
#include "postgrescluster.h"
#include "serverprocess.h"

#include "twilio/signature.h"

#include "calldriver.h"
#include "simulator.h"

#include <QJsonArray>
#include <QTest>

#include <csignal>

using namespace sb;
using namespace sb::test;

namespace {

const QString kAccount = u"AC0123456789abcdef0123456789abcdef"_qs;
const QString kStartRecording = u"POST Calls/{Sid}/Recordings.json"_qs;
const QString kBackend = QStringLiteral(SWITCHBOARD_BACKEND_EXE);
const QString kText = u"the caller asked for an appointment on Sunday"_qs;

} // namespace

class TestE2eJobsInstances : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PostgresCluster> m_cluster;
    std::unique_ptr<sim::Simulator> m_simulator;
    std::unique_ptr<FakeTranscriptionServer> m_transcription;
    std::vector<std::unique_ptr<ServerProcess>> m_instances;
    QNetworkAccessManager m_network;
    QString m_database;
    int m_databases = 0;

    QProcessEnvironment environment(const QStringList &extra = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SWITCHBOARD_LISTEN"_qs, u"127.0.0.1:0"_qs);
        env.insert(u"SWITCHBOARD_DATABASE_URL"_qs, m_database);
        env.insert(u"TWILIO_API_BASE_URL"_qs, m_simulator->options().publicUrl.toString());
        env.insert(u"TWILIO_ACCOUNT_SID"_qs, kAccount);
        env.insert(u"TWILIO_AUTH_TOKEN"_qs, QString::fromLatin1(BackendHarness::kAuthToken));
        env.insert(u"OPENAI_BASE_URL"_qs, m_transcription->baseUrl().toString());
        env.insert(u"OPENAI_API_KEY"_qs, u"test-openai-key"_qs);
        env.insert(u"SWITCHBOARD_API_TOKENS"_qs, u"viewer:%1"_qs.arg(QLatin1StringView(BackendHarness::kViewerToken)));
        env.insert(u"SWITCHBOARD_JOB_POLL_MS"_qs, u"50"_qs);
        for (const QString &setting : extra)
            env.insert(setting.section(u'=', 0, 0), setting.section(u'=', 1));
        return env;
    }

    ServerProcess &startInstance(const QStringList &extra = {})
    {
        m_instances.push_back(std::make_unique<ServerProcess>(kBackend, QStringList(), environment(extra)));
        ServerProcess &instance = *m_instances.back();
        if (instance.waitForPort() == 0)
            qFatal("backend did not start: %s", qPrintable(instance.log()));
        return instance;
    }

    HeaderList signedHeaders(ServerProcess &instance, const QString &path, const FormFields &fields, const QByteArray &token = {})
    {
        HeaderList headers{{"Content-Type", "application/x-www-form-urlencoded"},
                           {"X-Twilio-Signature", TwilioSignature::compute(BackendHarness::kAuthToken,
                                                                           instance.url(path).toString(), fields)}};
        if (!token.isEmpty())
            headers.append({"I-Twilio-Idempotency-Token", token});
        return headers;
    }

    int postWebhook(ServerProcess &instance, const QString &path, const FormFields &fields)
    {
        return sendRequest(m_network, "POST", instance.url(path), encodeForm(fields), signedHeaders(instance, path, fields)).status;
    }

    QJsonArray jobsOf(ServerProcess &instance, const QString &callSid)
    {
        return sendRequest(m_network, "GET", instance.url(u"/api/jobs?call_sid="_qs + callSid), {},
                           {{"Authorization", QByteArray("Bearer ") + BackendHarness::kViewerToken}})
            .json()
            .value(u"jobs"_qs)
            .toArray();
    }

    QJsonObject callOf(ServerProcess &instance, const QString &callSid)
    {
        return sendRequest(m_network, "GET", instance.url(u"/api/calls/"_qs + callSid), {},
                           {{"Authorization", QByteArray("Bearer ") + BackendHarness::kViewerToken}})
            .json();
    }

    static FormFields voiceFields(const QString &sid)
    {
        return {{u"AccountSid"_qs, kAccount}, {u"CallSid"_qs, sid},         {u"CallStatus"_qs, u"ringing"_qs},
                {u"Direction"_qs, u"inbound"_qs}, {u"From"_qs, u"+15005550001"_qs}, {u"To"_qs, u"+15005550006"_qs}};
    }

    static FormFields statusFields(const QString &sid, const QString &status, int sequence)
    {
        return {{u"AccountSid"_qs, kAccount},
                {u"CallSid"_qs, sid},
                {u"CallStatus"_qs, status},
                {u"CallbackSource"_qs, u"call-progress-events"_qs},
                {u"SequenceNumber"_qs, QString::number(sequence)}};
    }

private slots:
    void initTestCase()
    {
        auto cluster = PostgresCluster::start();
        QVERIFY2(cluster.ok(), cluster.ok() ? "" : qPrintable(cluster.error().message));
        m_cluster = std::move(cluster).value();
    }

    void init()
    {
        auto database = m_cluster->createDatabase(u"jobs_instances_%1"_qs.arg(++m_databases));
        QVERIFY(database.ok());
        m_database = *database;
        sim::SimOptions options;
        options.accountSid = kAccount;
        options.authToken = BackendHarness::kAuthToken;
        options.answerDelayMs = 10;
        options.callSeconds = 60; // a <Pause> holds the call in progress until the test ends it
        m_simulator = std::make_unique<sim::Simulator>(options);
        QVERIFY(m_simulator->listen(QHostAddress::LocalHost, 0).ok());
        m_transcription = std::make_unique<FakeTranscriptionServer>();
        QVERIFY(m_transcription->listen().ok());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed()) {
            for (auto &instance : m_instances)
                qInfo("backend log:\n%s", qPrintable(instance->log().right(4000)));
        }
        m_instances.clear();
        m_transcription.reset();
        m_simulator.reset();
    }

    void twoInstancesStartOneRecordingAndMakeOneJob()
    {
        m_transcription->setDefaultAnswer(FakeTranscriptionServer::Answer::ok(kText));
        ServerProcess &first = startInstance(); // applies the migrations alone
        ServerProcess &second = startInstance();

        sim::CallRequest request;
        request.to = u"+15005550006"_qs;
        request.from = u"+15005550001"_qs;
        request.twiml = u"<Response><Pause length=\"60\"/></Response>"_qs;
        sim::CallDriver *driver = m_simulator->placeCall(request);
        QTRY_COMPARE(driver->call().status, u"in-progress"_qs);
        const QString sid = driver->call().sid;
        QCOMPARE(postWebhook(first, u"/twilio/voice"_qs, voiceFields(sid)), 200);

        // Both instances hear that the call is answered (in order, so both statuses apply and
        // both trigger a start); their claims race while the first one's Twilio request is out,
        // and only one of them may ask Twilio.
        QCOMPARE(postWebhook(first, u"/twilio/status"_qs, statusFields(sid, u"in-progress"_qs, 3)), 200);
        QCOMPARE(postWebhook(second, u"/twilio/status"_qs, statusFields(sid, u"answered"_qs, 4)), 200);
        QCOMPARE(callOf(second, sid).value(u"status"_qs).toString(), u"answered"_qs); // applied on both
        QTRY_COMPARE(driver->call().recordingSids.size(), 1);
        QTRY_COMPARE(callOf(second, sid).value(u"recording_count"_qs).toInt(), 1);
        QCOMPARE(callOf(second, sid).value(u"recording_mode"_qs).toString(), u"RECORDING_API"_qs);

        // The call ends: Twilio reports the recording completed; the same report also reaches the
        // other instance (a retry routed elsewhere by the load balancer).
        driver->end(u"completed"_qs);
        const QString recording = driver->call().recordingSids.constFirst();
        const FormFields completed{{u"AccountSid"_qs, kAccount},
                                   {u"CallSid"_qs, sid},
                                   {u"RecordingSid"_qs, recording},
                                   {u"RecordingUrl"_qs, m_simulator->recordingUrl(recording).toString()},
                                   {u"RecordingStatus"_qs, u"completed"_qs},
                                   {u"ErrorCode"_qs, u"0"_qs}};
        QCOMPARE(postWebhook(second, u"/twilio/recording-status"_qs, completed), 200);
        QCOMPARE(postWebhook(first, u"/twilio/recording-status"_qs, completed), 200);

        QTRY_COMPARE_WITH_TIMEOUT(callOf(first, sid).value(u"transcript_source"_qs).toString(), u"recording"_qs, 20000);
        QCOMPARE(callOf(first, sid).value(u"final_transcript"_qs).toString(), kText);
        const QJsonArray jobs = jobsOf(second, sid);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().toObject().value(u"state"_qs).toString(), u"done"_qs);
        QCOMPARE(m_simulator->stats().rest(kStartRecording), 1);
        QCOMPARE(m_transcription->requestCount(), 1);
    }

    void aKilledBackendsJobCompletesAfterRestart()
    {
        const QStringList settings{u"SWITCHBOARD_JOB_LEASE_MS=1500"_qs, u"SWITCHBOARD_JOB_WORKERS=1"_qs};
        m_transcription->enqueue(FakeTranscriptionServer::Answer::hangUp()); // the first attempt never returns
        m_transcription->setDefaultAnswer(FakeTranscriptionServer::Answer::ok(kText));
        ServerProcess &doomed = startInstance(settings);

        const QString sid = BackendHarness::newCallSid();
        QCOMPARE(postWebhook(doomed, u"/twilio/voice"_qs, voiceFields(sid)), 200);
        sim::SimRecording recording;
        recording.sid = sim::newSid(u"RE");
        recording.callSid = sid;
        recording.accountSid = kAccount;
        recording.status = u"completed"_qs;
        recording.inbound = m_simulator->speech().left(8000);
        m_simulator->addRecording(recording);
        const FormFields completed{{u"AccountSid"_qs, kAccount},
                                   {u"CallSid"_qs, sid},
                                   {u"RecordingSid"_qs, recording.sid},
                                   {u"RecordingUrl"_qs, m_simulator->recordingUrl(recording.sid).toString()},
                                   {u"RecordingStatus"_qs, u"completed"_qs},
                                   {u"ErrorCode"_qs, u"0"_qs}};
        QCOMPARE(postWebhook(doomed, u"/twilio/recording-status"_qs, completed), 200); // accepted: durable

        // The worker is in the middle of the job (the transcription request is out), then dies.
        QTRY_COMPARE_WITH_TIMEOUT(m_transcription->requestCount(), 1, 20000);
        const QJsonObject running = jobsOf(doomed, sid).first().toObject();
        QCOMPARE(running.value(u"state"_qs).toString(), u"running"_qs);
        doomed.signal(SIGKILL);
        QVERIFY(doomed.finish(10000));

        ServerProcess &restarted = startInstance(settings);
        QTRY_COMPARE_WITH_TIMEOUT(callOf(restarted, sid).value(u"transcript_source"_qs).toString(), u"recording"_qs, 30000);
        const QJsonArray jobs = jobsOf(restarted, sid);
        QCOMPARE(jobs.size(), 1); // the same job, taken over, not a second one
        const QJsonObject job = jobs.first().toObject();
        QCOMPARE(job.value(u"id"_qs).toInteger(), running.value(u"id"_qs).toInteger());
        QCOMPARE(job.value(u"state"_qs).toString(), u"done"_qs);
        QCOMPARE(job.value(u"attempts"_qs).toInt(), 2);
        QCOMPARE(callOf(restarted, sid).value(u"final_transcript"_qs).toString(), kText);
        QCOMPARE(m_transcription->requestCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestE2eJobsInstances)
#include "tst_e2e_jobs_instances.moc"
