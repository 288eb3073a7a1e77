// REST conformance of switchboard-twilio-sim: auth, shapes, status codes, Twilio error bodies,
// recordings and their WAV media, and exact request counting.
#include "calldriver.h"
#include "simclient.h"
#include "simulator.h"

#include <QJsonArray>
#include <QTest>
#include <QtEndian>

using namespace sb;
using namespace sb::sim;
using namespace sb::sim::test;

namespace {
const QString kAccount = QStringLiteral("AC") + QString(32, u'1');
const QByteArray kToken = QByteArrayLiteral("rest-test-token");
const QString kHold = QStringLiteral("<Response><Pause length=\"30\"/></Response>");

bool isCallSid(const QString &sid) { return isSid(sid, u"CA"); }
} // namespace

class TestSimRest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<SimClient> m_client;

    FormFields holdCall(const QString &to = QStringLiteral("+15005550006")) const
    {
        return {{QStringLiteral("To"), to}, {QStringLiteral("From"), QStringLiteral("+15005550001")}, {QStringLiteral("Twiml"), kHold}};
    }

    QString createHoldCall(const QString &to = QStringLiteral("+15005550006"))
    {
        const RestReply reply = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), holdCall(to));
        return reply.json().value(QStringLiteral("sid")).toString();
    }

private slots:
    void init()
    {
        SimOptions options;
        options.accountSid = kAccount;
        options.authToken = kToken;
        options.answerDelayMs = 20;
        options.callSeconds = 30;
        m_sim = std::make_unique<Simulator>(options);
        const auto port = m_sim->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        m_client = std::make_unique<SimClient>(*port, kAccount, kToken);
    }

    void cleanup()
    {
        m_client.reset();
        m_sim.reset();
    }

    void authentication_data()
    {
        QTest::addColumn<QByteArray>("credentials");
        QTest::addColumn<QString>("pathAccount");
        QTest::addColumn<int>("status");
        QTest::newRow("no auth") << QByteArray() << kAccount << 401;
        QTest::newRow("wrong token") << QByteArray(kAccount.toUtf8() + ":nope") << kAccount << 401;
        QTest::newRow("wrong user") << QByteArray("AC" + QByteArray(32, '2') + ':' + kToken) << kAccount << 401;
        QTest::newRow("no colon") << QByteArray(kAccount.toUtf8()) << kAccount << 401;
        QTest::newRow("other account in path") << QByteArray(kAccount.toUtf8() + ':' + kToken)
                                               << QString(QStringLiteral("AC") + QString(32, u'3')) << 401;
        QTest::newRow("good") << QByteArray(kAccount.toUtf8() + ':' + kToken) << kAccount << 200;
    }

    void authentication()
    {
        QFETCH(QByteArray, credentials);
        QFETCH(QString, pathAccount);
        QFETCH(int, status);
        const RestReply reply = m_client->send("GET", QStringLiteral("/2010-04-01/Accounts/%1/Calls.json").arg(pathAccount),
                                               {}, credentials);
        QCOMPARE(reply.status, status);
        if (status == 401) {
            const QJsonObject body = reply.json();
            QCOMPARE(body.value(QStringLiteral("code")).toInt(), 20003);
            QCOMPARE(body.value(QStringLiteral("status")).toInt(), 401);
            QCOMPARE(body.value(QStringLiteral("more_info")).toString(), QStringLiteral("https://www.twilio.com/docs/errors/20003"));
            QVERIFY(!body.value(QStringLiteral("message")).toString().isEmpty());
        }
    }

    void createFetchShape()
    {
        const RestReply created = m_client->post(m_client->account() + QStringLiteral("/Calls.json"),
                                                 holdCall() + FormFields{{QStringLiteral("StatusCallbackEvent"), QStringLiteral("ringing")},
                                                                         {QStringLiteral("StatusCallbackEvent"), QStringLiteral("answered")}});
        QCOMPARE(created.status, 201);
        QVERIFY(created.contentType.startsWith("application/json"));
        const QJsonObject call = created.json();
        const QString sid = call.value(QStringLiteral("sid")).toString();
        QVERIFY2(isCallSid(sid), qPrintable(sid));
        QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(call.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound-api"));
        QCOMPARE(call.value(QStringLiteral("to")).toString(), QStringLiteral("+15005550006"));
        QCOMPARE(call.value(QStringLiteral("from")).toString(), QStringLiteral("+15005550001"));
        QCOMPARE(call.value(QStringLiteral("account_sid")).toString(), kAccount);
        QCOMPARE(call.value(QStringLiteral("api_version")).toString(), QStringLiteral("2010-04-01"));
        QCOMPARE(call.value(QStringLiteral("uri")).toString(), m_client->account() + QStringLiteral("/Calls/") + sid + QStringLiteral(".json"));
        QCOMPARE(call.value(QStringLiteral("subresource_uris")).toObject().value(QStringLiteral("recordings")).toString(),
                 m_client->account() + QStringLiteral("/Calls/") + sid + QStringLiteral("/Recordings.json"));
        QVERIFY(call.value(QStringLiteral("start_time")).isNull());
        QVERIFY(call.value(QStringLiteral("duration")).isNull());
        // RFC 2822 with English names whatever the locale: "Fri, 18 Oct 2019 17:00:00 +0000".
        const QRegularExpression rfc2822(QStringLiteral("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000$"));
        QVERIFY(rfc2822.match(call.value(QStringLiteral("date_created")).toString()).hasMatch());
        for (const char *key : {"date_updated", "parent_call_sid", "to_formatted", "from_formatted", "phone_number_sid",
                                "end_time", "price", "price_unit", "answered_by", "forwarded_from", "group_sid",
                                "caller_name", "queue_time", "trunk_sid"})
            QVERIFY2(call.contains(QLatin1String(key)), key);

        QTRY_COMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid)).json()
                         .value(QStringLiteral("status")).toString(),
                     QStringLiteral("in-progress"));
        const QJsonObject fetched = m_client->get(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid)).json();
        QCOMPARE(fetched.value(QStringLiteral("sid")).toString(), sid);
        QVERIFY(rfc2822.match(fetched.value(QStringLiteral("start_time")).toString()).hasMatch());
    }

    void createRefusals_data()
    {
        QTest::addColumn<FormFields>("form");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        const FormFields base = holdCall();
        const auto with = [&base](const QString &key, const QString &value) {
            FormFields form;
            for (const auto &[k, v] : base) {
                if (k != key)
                    form.append({k, v});
            }
            if (!value.isNull())
                form.append({key, value});
            return form;
        };
        QTest::newRow("invalid To") << with(QStringLiteral("To"), QStringLiteral("12345")) << 400 << 21211 << QStringLiteral("To");
        QTest::newRow("missing To") << with(QStringLiteral("To"), QString()) << 400 << 21201 << QStringLiteral("To");
        QTest::newRow("invalid From") << with(QStringLiteral("From"), QStringLiteral("+0123")) << 400 << 21212 << QStringLiteral("From");
        QTest::newRow("missing From") << with(QStringLiteral("From"), QString()) << 400 << 21213 << QStringLiteral("From");
        QTest::newRow("no Url nor Twiml") << with(QStringLiteral("Twiml"), QString()) << 400 << 21205 << QStringLiteral("Url");
        QTest::newRow("bad Url") << with(QStringLiteral("Url"), QStringLiteral("ftp://x/y")) << 400 << 21205 << QStringLiteral("Url");
        QTest::newRow("ApplicationSid") << with(QStringLiteral("ApplicationSid"), QStringLiteral("AP") + QString(32, u'1')) << 400 << 21218 << QStringLiteral("ApplicationSid");
        QTest::newRow("unknown parameter") << with(QStringLiteral("Colour"), QStringLiteral("blue")) << 400 << 20001 << QStringLiteral("Colour");
        QTest::newRow("lowercase name") << with(QStringLiteral("to"), QStringLiteral("+15005550006")) << 400 << 20001 << QStringLiteral("'to'");
        QTest::newRow("bad Timeout") << with(QStringLiteral("Timeout"), QStringLiteral("soon")) << 400 << 20001 << QStringLiteral("Timeout");
        QTest::newRow("Timeout too long") << with(QStringLiteral("Timeout"), QStringLiteral("601")) << 400 << 20001 << QStringLiteral("Timeout");
        QTest::newRow("bad Method") << with(QStringLiteral("Method"), QStringLiteral("PUT")) << 400 << 20001 << QStringLiteral("Method");
        QTest::newRow("bad event") << with(QStringLiteral("StatusCallbackEvent"), QStringLiteral("hungup")) << 400 << 20001 << QStringLiteral("StatusCallbackEvent");
        QTest::newRow("underscore host") << with(QStringLiteral("StatusCallback"), QStringLiteral("http://my_host/status")) << 400 << 20001 << QStringLiteral("StatusCallback");
        QTest::newRow("bad Record") << with(QStringLiteral("Record"), QStringLiteral("yes")) << 400 << 20001 << QStringLiteral("Record");
        QTest::newRow("bad RecordingChannels") << with(QStringLiteral("RecordingChannels"), QStringLiteral("stereo")) << 400 << 20001 << QStringLiteral("RecordingChannels");
        QTest::newRow("bad MachineDetection") << with(QStringLiteral("MachineDetection"), QStringLiteral("Maybe")) << 400 << 20001 << QStringLiteral("MachineDetection");
    }

    void createRefusals()
    {
        QFETCH(FormFields, form);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        const RestReply reply = m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form);
        QCOMPARE(reply.status, status);
        const QJsonObject body = reply.json();
        QCOMPARE(body.value(QStringLiteral("code")).toInt(), code);
        QCOMPARE(body.value(QStringLiteral("status")).toInt(), status);
        QCOMPARE(body.value(QStringLiteral("more_info")).toString(), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code));
        QVERIFY2(body.value(QStringLiteral("message")).toString().contains(mentions), qPrintable(body.value(QStringLiteral("message")).toString()));
        QCOMPARE(m_sim->calls().size(), 0); // nothing is created by a refused request
    }

    void acceptsEveryDocumentedParameter()
    {
        FormFields form = holdCall();
        form << qMakePair(QStringLiteral("Method"), QStringLiteral("get")) << qMakePair(QStringLiteral("StatusCallback"), QStringLiteral("http://127.0.0.1:9/status"))
             << qMakePair(QStringLiteral("StatusCallbackMethod"), QStringLiteral("POST")) << qMakePair(QStringLiteral("StatusCallbackEvent"), QStringLiteral("initiated ringing"))
             << qMakePair(QStringLiteral("Timeout"), QStringLiteral("30")) << qMakePair(QStringLiteral("TimeLimit"), QStringLiteral("600"))
             << qMakePair(QStringLiteral("Record"), QStringLiteral("false")) << qMakePair(QStringLiteral("RecordingChannels"), QStringLiteral("dual"))
             << qMakePair(QStringLiteral("RecordingStatusCallback"), QStringLiteral("https://example.com/rec"))
             << qMakePair(QStringLiteral("RecordingStatusCallbackEvent"), QStringLiteral("in-progress completed"))
             << qMakePair(QStringLiteral("MachineDetection"), QStringLiteral("Enable")) << qMakePair(QStringLiteral("Trim"), QStringLiteral("do-not-trim"))
             << qMakePair(QStringLiteral("CallReason"), QStringLiteral("test"));
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls.json"), form).status, 201);
    }

    void listFiltersAndPages()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(isCallSid(createHoldCall(QStringLiteral("+1500555000%1").arg(i))));
        const QString newest = createHoldCall(QStringLiteral("+15005550000"));

        const QJsonObject all = m_client->get(m_client->account() + QStringLiteral("/Calls.json")).json();
        QCOMPARE(all.value(QStringLiteral("calls")).toArray().size(), 4);
        QCOMPARE(all.value(QStringLiteral("calls")).toArray().first().toObject().value(QStringLiteral("sid")).toString(), newest);
        QCOMPARE(all.value(QStringLiteral("page")).toInt(), 0);
        QCOMPARE(all.value(QStringLiteral("page_size")).toInt(), 50);
        QVERIFY(all.value(QStringLiteral("next_page_uri")).isNull());
        QVERIFY(all.value(QStringLiteral("previous_page_uri")).isNull());

        const QJsonObject to0 = m_client->get(m_client->account() + QStringLiteral("/Calls.json?To=%2B15005550000")).json();
        QCOMPARE(to0.value(QStringLiteral("calls")).toArray().size(), 2);

        const QJsonObject page0 = m_client->get(m_client->account() + QStringLiteral("/Calls.json?PageSize=3")).json();
        QCOMPARE(page0.value(QStringLiteral("calls")).toArray().size(), 3);
        QCOMPARE(page0.value(QStringLiteral("start")).toInt(), 0);
        QCOMPARE(page0.value(QStringLiteral("end")).toInt(), 2);
        const QString next = page0.value(QStringLiteral("next_page_uri")).toString();
        QVERIFY2(next.contains(QStringLiteral("Page=1")), qPrintable(next));
        const QJsonObject page1 = m_client->get(next).json();
        QCOMPARE(page1.value(QStringLiteral("calls")).toArray().size(), 1);
        QCOMPARE(page1.value(QStringLiteral("start")).toInt(), 3);
        QVERIFY(page1.value(QStringLiteral("next_page_uri")).isNull());
        QVERIFY(!page1.value(QStringLiteral("previous_page_uri")).isNull());

        QTRY_COMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls.json?Status=in-progress")).json()
                         .value(QStringLiteral("calls")).toArray().size(), 4);
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls.json?Status=completed")).json()
                     .value(QStringLiteral("calls")).toArray().size(), 0);

        const RestReply badStatus = m_client->get(m_client->account() + QStringLiteral("/Calls.json?Status=initiated"));
        QCOMPARE(badStatus.status, 400);
        QVERIFY(badStatus.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("Status")));
        const RestReply unknown = m_client->get(m_client->account() + QStringLiteral("/Calls.json?Colour=red"));
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("Colour")));
    }

    void updateHangsUpAndCancels()
    {
        const QString live = createHoldCall();
        const QString path = m_client->account() + QStringLiteral("/Calls/%1.json").arg(live);
        QTRY_COMPARE(m_sim->call(live)->call().status, QStringLiteral("in-progress"));
        const RestReply ended = m_client->post(path, {{QStringLiteral("Status"), QStringLiteral("completed")}});
        QCOMPARE(ended.status, 200);
        QCOMPARE(ended.json().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QVERIFY(!ended.json().value(QStringLiteral("duration")).isNull());
        QVERIFY(!ended.json().value(QStringLiteral("end_time")).isNull());

        // A redirect on an ended call is refused with 21220.
        const RestReply redirect = m_client->post(path, {{QStringLiteral("Twiml"), kHold}});
        QCOMPARE(redirect.status, 400);
        QCOMPARE(redirect.json().value(QStringLiteral("code")).toInt(), 21220);

        const RestReply badStatus = m_client->post(path, {{QStringLiteral("Status"), QStringLiteral("busy")}});
        QCOMPARE(badStatus.status, 400);
        QVERIFY(badStatus.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("Status")));
        const RestReply unknown = m_client->post(path, {{QStringLiteral("Record"), QStringLiteral("true")}});
        QCOMPARE(unknown.status, 400);
        QVERIFY(unknown.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("Record")));
    }

    void unknownResources_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        const QString missingCall = QStringLiteral("CA") + QString(32, u'9');
        const QString missingRecording = QStringLiteral("RE") + QString(32, u'9');
        QTest::newRow("fetch call") << QByteArray("GET") << QStringLiteral("/Calls/%1.json").arg(missingCall);
        QTest::newRow("update call") << QByteArray("POST") << QStringLiteral("/Calls/%1.json").arg(missingCall);
        QTest::newRow("start recording") << QByteArray("POST") << QStringLiteral("/Calls/%1/Recordings.json").arg(missingCall);
        QTest::newRow("recording metadata") << QByteArray("GET") << QStringLiteral("/Recordings/%1.json").arg(missingRecording);
        QTest::newRow("recording media") << QByteArray("GET") << QStringLiteral("/Recordings/%1").arg(missingRecording);
        QTest::newRow("recording wav") << QByteArray("GET") << QStringLiteral("/Recordings/%1.wav").arg(missingRecording);
    }

    void unknownResources()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        const RestReply reply = m_client->send(verb, m_client->account() + path);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.json().value(QStringLiteral("code")).toInt(), 20404);
        QCOMPARE(reply.json().value(QStringLiteral("status")).toInt(), 404);
    }

    void queuedCall()
    {
        SimOptions options = m_sim->options();
        options.answerDelayMs = 60000; // stays queued for the whole test
        Simulator queuedSim(options);
        const auto port = queuedSim.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port.ok());
        SimClient client(*port, kAccount, kToken);
        const QString sid = client.post(client.account() + QStringLiteral("/Calls.json"), holdCall()).json().value(QStringLiteral("sid")).toString();
        const RestReply refused = client.post(client.account() + QStringLiteral("/Calls/%1/Recordings.json").arg(sid), {});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(QStringLiteral("code")).toInt(), 21220);
        QVERIFY(queuedSim.call(sid)->call().recordingSids.isEmpty());

        // Canceling works until the call is answered.
        const RestReply canceled = client.post(client.account() + QStringLiteral("/Calls/%1.json").arg(sid),
                                               {{QStringLiteral("Status"), QStringLiteral("canceled")}});
        QCOMPARE(canceled.status, 200);
        QCOMPARE(canceled.json().value(QStringLiteral("status")).toString(), QStringLiteral("canceled"));
        QCOMPARE(client.get(client.account() + QStringLiteral("/Calls.json?Status=canceled")).json()
                     .value(QStringLiteral("calls")).toArray().size(), 1);
    }

    void recordingShapesAndWav()
    {
        const QString call = createHoldCall();
        QTRY_COMPARE(m_sim->call(call)->call().status, QStringLiteral("in-progress"));
        const RestReply badParameter = m_client->post(m_client->account() + QStringLiteral("/Calls/%1/Recordings.json").arg(call),
                                                      {{QStringLiteral("RecordingTrack"), QStringLiteral("sideways")}});
        QCOMPARE(badParameter.status, 400);
        QVERIFY(badParameter.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("RecordingTrack")));

        const RestReply started = m_client->post(m_client->account() + QStringLiteral("/Calls/%1/Recordings.json").arg(call),
                                                 {{QStringLiteral("RecordingChannels"), QStringLiteral("dual")},
                                                  {QStringLiteral("RecordingStatusCallbackEvent"), QStringLiteral("in-progress completed")}});
        QCOMPARE(started.status, 201);
        const QJsonObject recording = started.json();
        const QString sid = recording.value(QStringLiteral("sid")).toString();
        QVERIFY2(isSid(sid, u"RE"), qPrintable(sid));
        QCOMPARE(recording.value(QStringLiteral("call_sid")).toString(), call);
        QCOMPARE(recording.value(QStringLiteral("status")).toString(), QStringLiteral("in-progress"));
        QCOMPARE(recording.value(QStringLiteral("source")).toString(), QStringLiteral("StartCallRecordingAPI"));
        QCOMPARE(recording.value(QStringLiteral("channels")).toInt(), 2);
        QCOMPARE(recording.value(QStringLiteral("track")).toString(), QStringLiteral("both"));
        QCOMPARE(recording.value(QStringLiteral("uri")).toString(),
                 m_client->account() + QStringLiteral("/Calls/%1/Recordings/%2.json").arg(call, sid));
        QVERIFY(recording.value(QStringLiteral("duration")).isNull());

        // Media only exists once the recording is processed, i.e. after the call ends.
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Recordings/%1.wav").arg(sid)).status, 404);
        QCOMPARE(m_client->post(m_client->account() + QStringLiteral("/Calls/%1.json").arg(call),
                                {{QStringLiteral("Status"), QStringLiteral("completed")}}).status, 200);

        const QJsonObject metadata = m_client->get(m_client->account() + QStringLiteral("/Recordings/%1.json").arg(sid)).json();
        QCOMPARE(metadata.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        const int duration = metadata.value(QStringLiteral("duration")).toString().toInt();
        QVERIFY(duration >= 1);
        QCOMPARE(metadata.value(QStringLiteral("media_url")).toString(), m_sim->recordingUrl(sid).toString());
        QVERIFY(metadata.value(QStringLiteral("subresource_uris")).toObject().contains(QStringLiteral("transcriptions")));

        for (const QString &suffix : {QString(), QStringLiteral(".wav")}) {
            const RestReply media = m_client->get(m_client->account() + QStringLiteral("/Recordings/%1%2").arg(sid, suffix));
            QCOMPARE(media.status, 200);
            QCOMPARE(media.contentType, QByteArray("audio/x-wav"));
            const QByteArray &wav = media.body;
            QVERIFY(wav.size() > 44);
            QCOMPARE(wav.left(4), QByteArray("RIFF"));
            QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
            QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 4), quint32(wav.size() - 8));
            QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 20), quint16(1));     // PCM
            QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 22), quint16(2));     // dual
            QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 24), quint32(8000));  // 8 kHz
            QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 34), quint16(16));    // 16-bit
            QCOMPARE(wav.mid(36, 4), QByteArray("data"));
            const quint32 dataBytes = qFromLittleEndian<quint32>(wav.constData() + 40);
            QCOMPARE(dataBytes, quint32(wav.size() - 44));
            // The length matches the duration reported: frames of 2 channels × 2 bytes at 8 kHz.
            const double seconds = double(dataBytes) / (8000 * 2 * 2);
            QVERIFY2(std::ceil(seconds) == duration, qPrintable(QString::number(seconds)));
        }
    }

    void statsCountEveryRequestExactly()
    {
        const QString sid = createHoldCall();
        m_client->get(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid));
        m_client->get(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid));
        m_client->send("GET", m_client->account() + QStringLiteral("/Calls.json"), {}, QByteArray()); // refused, still counted
        m_client->post(m_client->account() + QStringLiteral("/Calls.json"), {{QStringLiteral("To"), QStringLiteral("bad")}});

        const QJsonObject stats = m_client->control("GET", QStringLiteral("/sim/stats")).json();
        const QJsonObject rest = stats.value(QStringLiteral("rest")).toObject();
        QCOMPARE(rest.value(QStringLiteral("POST Calls.json")).toInt(), 2);
        QCOMPARE(rest.value(QStringLiteral("GET Calls/{Sid}.json")).toInt(), 2);
        QCOMPARE(rest.value(QStringLiteral("GET Calls.json")).toInt(), 1);
        QCOMPARE(rest.size(), 3);
        QCOMPARE(stats.value(QStringLiteral("calls_total")).toInt(), 1);

        QCOMPARE(m_client->control("POST", QStringLiteral("/sim/reset")).status, 200);
        const QJsonObject after = m_client->control("GET", QStringLiteral("/sim/stats")).json();
        QCOMPARE(after.value(QStringLiteral("rest")).toObject().size(), 0);
        QCOMPARE(after.value(QStringLiteral("calls_total")).toInt(), 0);
        QCOMPARE(m_client->get(m_client->account() + QStringLiteral("/Calls/%1.json").arg(sid)).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSimRest)
#include "tst_simrest.moc"
