// Twilio's webhooks end to end over HTTP, against a whole backend on SQLite or PostgreSQL
// (SWITCHBOARD_TEST_BACKEND): signatures, the call lifecycle, retries, 11205 and bad input.
#include "backendharness.h"

#include "http/ingresscounters.h"
#include "twilio/signature.h"

#include "shared/statusorder.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QXmlStreamReader>

using namespace sb;
using namespace sb::test;

namespace {

FormFields voiceFields(const QString &callSid, const QString &to = QStringLiteral("+97235551234"))
{
    return {{u"AccountSid"_qs, u"AC0123456789abcdef0123456789abcdef"_qs}, {u"ApiVersion"_qs, u"2010-04-01"_qs},
            {u"CallSid"_qs, callSid},   {u"CallStatus"_qs, u"ringing"_qs},      {u"Direction"_qs, u"inbound"_qs},
            {u"From"_qs, u"+972501234567"_qs}, {u"To"_qs, to},                  {u"Caller"_qs, u"+972501234567"_qs}};
}

FormFields statusFields(const QString &callSid, const QString &status, int sequence, int duration = -1)
{
    FormFields fields{{u"AccountSid"_qs, u"AC0123456789abcdef0123456789abcdef"_qs},
                      {u"CallSid"_qs, callSid},
                      {u"CallStatus"_qs, status},
                      {u"CallbackSource"_qs, u"call-progress-events"_qs},
                      {u"Timestamp"_qs, u"Sun, 25 Mar 2018 09:53:19 +0000"_qs}};
    if (sequence >= 0)
        fields.append({u"SequenceNumber"_qs, QString::number(sequence)});
    if (duration >= 0)
        fields.append({u"CallDuration"_qs, QString::number(duration)});
    return fields;
}

struct Step
{
    QString status;
    int sequence;
    int duration;
};

} // namespace

class TestTwilioWebhooks : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<BackendHarness> m_backend;

    QJsonObject call(const QString &sid) { return m_backend->apiGet(u"/api/calls/"_qs + sid).json(); }

    QString answeredCall()
    {
        const QString sid = BackendHarness::newCallSid();
        const HttpReply voice = m_backend->postWebhook(u"/twilio/voice"_qs, voiceFields(sid));
        if (voice.status != 200)
            qFatal("voice webhook failed: %d %s", voice.status, voice.body.constData());
        return sid;
    }

    qint64 callCount() { return m_backend->apiGet(u"/api/calls?limit=1"_qs).json().value(u"total"_qs).toInteger(); }

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
        auto url = m_database->fresh();
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
        auto backend = BackendHarness::start(*url);
        QVERIFY2(backend.ok(), backend.ok() ? "" : qPrintable(backend.error().message));
        m_backend = std::move(backend).value();
    }

    void cleanup() { m_backend.reset(); }

    void voiceCreatesTheCallAndConnectsAStream()
    {
        const QString sid = BackendHarness::newCallSid();
        const HttpReply reply = m_backend->postWebhook(u"/twilio/voice"_qs, voiceFields(sid));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.contentType.startsWith("application/xml"));

        QXmlStreamReader xml(reply.body);
        QString streamUrl;
        QMap<QString, QString> parameters;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"Stream")
                streamUrl = xml.attributes().value(QStringLiteral("url")).toString();
            if (xml.isStartElement() && xml.name() == u"Parameter")
                parameters.insert(xml.attributes().value(QStringLiteral("name")).toString(),
                                  xml.attributes().value(QStringLiteral("value")).toString());
        }
        QCOMPARE(streamUrl, u"ws://127.0.0.1:%1/twilio/media"_qs.arg(m_backend->port()));
        QCOMPARE(parameters.value(u"callSid"_qs), sid);
        QCOMPARE(parameters.value(u"businessId"_qs), u"1"_qs);

        const QJsonObject stored = call(sid);
        QCOMPARE(stored.value(u"status"_qs).toString(), u"ringing"_qs);
        QCOMPARE(stored.value(u"direction"_qs).toString(), u"inbound"_qs);
        QCOMPARE(stored.value(u"from"_qs).toString(), u"+972501234567"_qs);
        QCOMPARE(stored.value(u"recording_mode"_qs).toString(), u"OFF"_qs);
        QCOMPARE(parameters.value(u"callId"_qs), QString::number(stored.value(u"id"_qs).toInteger()));

        // Twilio asking again for the same call gets the same call, not a second one.
        QCOMPARE(m_backend->postWebhook(u"/twilio/voice"_qs, voiceFields(sid)).status, 200);
        QCOMPARE(callCount(), 1);
    }

    void refusesForgedSignatures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("how");
        for (const QString &path : {u"/twilio/voice"_qs, u"/twilio/status"_qs, u"/twilio/recording-status"_qs,
                                   u"/twilio/stream-status"_qs, u"/twilio/alarms"_qs}) {
            for (const QString &how : {u"missing"_qs, u"wrong token"_qs, u"tampered"_qs, u"wrong URL"_qs, u"garbage"_qs})
                QTest::addRow("%s %s", qPrintable(path), qPrintable(how)) << path << how;
        }
    }

    void refusesForgedSignatures()
    {
        QFETCH(QString, path);
        QFETCH(QString, how);
        const QString sid = BackendHarness::newCallSid();
        const FormFields fields = voiceFields(sid);
        const QString signedUrl = m_backend->app().config().publicUrl.toString() + path;
        QByteArray signature;
        FormFields sent = fields;
        if (how == u"wrong token") {
            signature = TwilioSignature::compute("not-the-token", signedUrl, fields);
        } else if (how == u"tampered") {
            signature = TwilioSignature::compute(BackendHarness::kAuthToken, signedUrl, fields);
            sent[5].second = u"+15550000000"_qs; // From changed after signing
        } else if (how == u"wrong URL") {
            signature = TwilioSignature::compute(BackendHarness::kAuthToken, QString(u"https://elsewhere.example"_qs + path), fields);
        } else if (how == u"garbage") {
            signature = "bm90IGEgc2lnbmF0dXJl";
        }
        const quint64 before = m_backend->app().ingressCounters().forgedSignatures;
        const HttpReply reply = m_backend->postWebhookSignedAs(path, sent, signature);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json().value(u"error"_qs).toObject().value(u"code"_qs).toString(), u"forbidden"_qs);
        QCOMPARE(m_backend->app().ingressCounters().forgedSignatures, before + 1);
        QCOMPARE(callCount(), 0); // nothing written
    }

    void signedAgainstThePublicUrlBehindAProxy()
    {
        // Twilio signs the public https URL; this process sees plain http on another port.
        auto url = m_database->fresh();
        QVERIFY(url.ok());
        auto proxied = BackendHarness::start(*url, [](BackendConfig &config) {
            config.publicUrl = QUrl(u"https://calls.example.com"_qs);
        });
        QVERIFY(proxied.ok());
        const QString sid = BackendHarness::newCallSid();
        const FormFields fields = voiceFields(sid);
        const QByteArray publicSignature =
            TwilioSignature::compute(BackendHarness::kAuthToken, u"https://calls.example.com/twilio/voice"_qs, fields);
        const HttpReply accepted = (*proxied)->postWebhookSignedAs(u"/twilio/voice"_qs, fields, publicSignature);
        QCOMPARE(accepted.status, 200);
        QVERIFY(accepted.body.contains("wss://calls.example.com/twilio/media"));
        const QByteArray localSignature = TwilioSignature::compute(
            BackendHarness::kAuthToken, u"http://127.0.0.1:%1/twilio/voice"_qs.arg((*proxied)->port()), fields);
        QCOMPARE((*proxied)->postWebhookSignedAs(u"/twilio/voice"_qs, fields, localSignature).status, 403);
    }

    // A JSON body is signed through the URL's bodySHA256 (twilio-protocol.md 6.1).
    void jsonBodySignedThroughItsHash_data()
    {
        QTest::addColumn<bool>("tamper");
        QTest::addColumn<int>("status");
        QTest::newRow("as signed") << false << 200;
        QTest::newRow("body changed after signing") << true << 403;
    }

    void jsonBodySignedThroughItsHash()
    {
        QFETCH(bool, tamper);
        QFETCH(int, status);
        const QString sid = BackendHarness::newCallSid();
        QJsonObject body;
        for (const auto &[key, value] : voiceFields(sid))
            body.insert(key, value);
        const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
        const QString path = u"/twilio/voice?bodySHA256="_qs + hash;
        const QByteArray signature = TwilioSignature::compute(
            BackendHarness::kAuthToken, QString(m_backend->app().config().publicUrl.toString() + path), {});
        const QByteArray sent = tamper ? QByteArray(json).replace("+972501234567", "+972509999999") : json;
        const HttpReply reply = sendRequest(m_backend->network(), "POST", m_backend->url(path), sent,
                                            {{"Content-Type", "application/json"}, {"X-Twilio-Signature", signature}});
        QCOMPARE(reply.status, status);
        QCOMPARE(callCount(), tamper ? 0 : 1);
        if (!tamper)
            QCOMPARE(call(sid).value(u"from"_qs).toString(), u"+972501234567"_qs);
    }

    // Status callbacks arrive late, twice, or out of order; the status only moves forward.
    void statusOrdering_data()
    {
        QTest::addColumn<QList<Step>>("steps");
        QTest::addColumn<QList<bool>>("applied");
        QTest::addColumn<QString>("finalStatus");
        QTest::addColumn<int>("duration");

        // The voice webhook stored `ringing` without a sequence number: `initiated` ranks below it,
        // `ringing` with a sequence number ranks just above it.
        QTest::newRow("in order") << QList<Step>{{u"initiated"_qs, 0, -1}, {u"ringing"_qs, 1, -1}, {u"in-progress"_qs, 2, -1}, {u"completed"_qs, 3, 49}}
                                  << QList<bool>{false, true, true, true} << u"completed"_qs << 49;
        QTest::newRow("completed before in-progress") << QList<Step>{{u"in-progress"_qs, 2, -1}, {u"completed"_qs, 4, 30}, {u"ringing"_qs, 1, -1}}
                                                      << QList<bool>{true, true, false} << u"completed"_qs << 30;
        QTest::newRow("final never left") << QList<Step>{{u"busy"_qs, 2, 0}, {u"completed"_qs, 3, 12}, {u"in-progress"_qs, 4, -1}}
                                          << QList<bool>{true, false, false} << u"busy"_qs << 0;
        QTest::newRow("late ringing ignored") << QList<Step>{{u"in-progress"_qs, 2, -1}, {u"ringing"_qs, 1, -1}}
                                              << QList<bool>{true, false} << u"in-progress"_qs << -1;
        QTest::newRow("answered then in-progress, same step") << QList<Step>{{u"answered"_qs, 2, -1}, {u"in-progress"_qs, 3, -1}}
                                                              << QList<bool>{true, true} << u"in-progress"_qs << -1;
        QTest::newRow("no sequence numbers") << QList<Step>{{u"completed"_qs, -1, 5}, {u"no-answer"_qs, -1, -1}}
                                             << QList<bool>{true, false} << u"completed"_qs << 5;
    }

    void statusOrdering()
    {
        QFETCH(QList<Step>, steps);
        QFETCH(QList<bool>, applied);
        QFETCH(QString, finalStatus);
        QFETCH(int, duration);
        const QString sid = answeredCall(); // stored as ringing (rank of ringing, no sequence number)

        for (qsizetype i = 0; i < steps.size(); ++i) {
            const Step &step = steps.at(i);
            const HttpReply reply = m_backend->postWebhook(u"/twilio/status"_qs, statusFields(sid, step.status, step.sequence, step.duration));
            QCOMPARE(reply.status, 200); // late and repeated ones are answered 200 too
            QCOMPARE(reply.json().value(u"applied"_qs).toBool(), applied.at(i));
        }
        const QJsonObject stored = call(sid);
        QCOMPARE(stored.value(u"status"_qs).toString(), finalStatus);
        if (duration >= 0)
            QCOMPARE(stored.value(u"duration_sec"_qs).toInt(), duration);
        else
            QVERIFY(stored.value(u"duration_sec"_qs).isNull());

        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sid)).json().value(u"events"_qs).toArray();
        const qsizetype statusEvents = std::count_if(events.begin(), events.end(), [](const QJsonValue &event) {
            return event.toObject().value(u"kind"_qs).toString() == u"status_changed";
        });
        QCOMPARE(statusEvents, std::count(applied.begin(), applied.end(), true));
    }

    void retriesAreAppliedOnceAndCounted_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("same I-Twilio-Idempotency-Token") << QByteArray("5a4b0c1e-7f51-4d7e-9b1a-0e2d3c4b5a69");
        QTest::newRow("same CallSid + SequenceNumber") << QByteArray();
    }

    void retriesAreAppliedOnceAndCounted()
    {
        QFETCH(QByteArray, token);
        const QString sid = answeredCall();
        const FormFields fields = statusFields(sid, u"in-progress"_qs, 2);
        QCOMPARE(m_backend->postWebhook(u"/twilio/status"_qs, fields, token).json().value(u"retry"_qs).toBool(), false);
        for (int repeat = 0; repeat < 2; ++repeat) {
            const HttpReply again = m_backend->postWebhook(u"/twilio/status"_qs, fields, token);
            QCOMPARE(again.status, 200);
            QCOMPARE(again.json().value(u"retry"_qs).toBool(), true);
        }
        const QJsonObject stored = call(sid);
        QCOMPARE(stored.value(u"webhook_retry_count"_qs).toInt(), 2);
        QCOMPARE(stored.value(u"status"_qs).toString(), u"in-progress"_qs);
        QCOMPARE(m_backend->app().ingressCounters().retries.load(), quint64(2));
    }

    void simultaneousStatusCallbacks()
    {
        // Deliveries that arrive together are stored in groups: each is still answered for
        // itself, a delivery sent twice at once is applied once, and nothing is lost.
        QStringList sids;
        for (int i = 0; i < 10; ++i)
            sids << answeredCall();
        const QString signedUrl = m_backend->app().config().publicUrl.toString() + u"/twilio/status"_qs;
        QList<QUrl> urls;
        QList<QByteArray> bodies;
        QList<HeaderList> headers;
        const auto add = [&](const FormFields &fields) {
            urls << m_backend->url(u"/twilio/status"_qs);
            bodies << encodeForm(fields);
            headers << HeaderList{{"Content-Type", "application/x-www-form-urlencoded"},
                                  {"X-Twilio-Signature", TwilioSignature::compute(BackendHarness::kAuthToken, signedUrl, fields)}};
        };
        for (const QString &sid : std::as_const(sids)) {
            add(statusFields(sid, u"in-progress"_qs, 2));
            add(statusFields(sid, u"in-progress"_qs, 2)); // the same delivery again
            add(statusFields(sid, u"in-progress"_qs, 3));
        }
        // A call nobody knows, stored alongside: refused alone, the others are not held back.
        add(statusFields(BackendHarness::newCallSid(), u"in-progress"_qs, 2));
        const QList<HttpReply> replies = postConcurrently(urls, bodies, headers);
        QCOMPARE(replies.constLast().status, 404);
        for (qsizetype i = 0; i < sids.size(); ++i) {
            const HttpReply &first = replies.at(3 * i);
            const HttpReply &twice = replies.at(3 * i + 1);
            const HttpReply &later = replies.at(3 * i + 2);
            QCOMPARE(first.status, 200);
            QCOMPARE(twice.status, 200);
            QCOMPARE(later.status, 200);
            QCOMPARE(int(first.json().value(u"retry"_qs).toBool()) + int(twice.json().value(u"retry"_qs).toBool()), 1);
            QCOMPARE(later.json().value(u"retry"_qs).toBool(), false);
            QVERIFY(later.json().value(u"applied"_qs).toBool()); // nothing ranks above it
            int applied = 0;
            for (const HttpReply *reply : {&first, &twice, &later})
                applied += reply->json().value(u"applied"_qs).toBool() ? 1 : 0;

            const QJsonObject stored = call(sids.at(i));
            QCOMPARE(stored.value(u"status"_qs).toString(), u"in-progress"_qs);
            QCOMPARE(stored.value(u"webhook_retry_count"_qs).toInt(), 1);
            const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sids.at(i))).json().value(u"events"_qs).toArray();
            const qsizetype statusEvents = std::count_if(events.begin(), events.end(), [](const QJsonValue &event) {
                return event.toObject().value(u"kind"_qs).toString() == u"status_changed";
            });
            QCOMPARE(statusEvents, applied);
            QCOMPARE(stored.value(u"status_rank"_qs).toInteger(), statusRank({CallStatus::InProgress, 3}));
        }
        QCOMPARE(m_backend->app().ingressCounters().retries.load(), quint64(sids.size()));
    }

    void alarms11205()
    {
        const QString sid = answeredCall();
        const auto debugger = [&](const QString &eventSid, const QString &resource, const QString &code) {
            const QString payload = u"{\"resource_sid\":\"%1\",\"service_sid\":null,\"error_code\":\"%2\","
                                    "\"more_info\":{\"msg\":\"timeout\"}}"_qs.arg(resource, code);
            return m_backend->postWebhook(u"/twilio/alarms"_qs, {{u"Sid"_qs, eventSid}, {u"AccountSid"_qs, u"AC0123456789abcdef0123456789abcdef"_qs},
                                                                 {u"Level"_qs, u"ERROR"_qs}, {u"PayloadType"_qs, u"application/json"_qs},
                                                                 {u"Payload"_qs, payload}, {u"Timestamp"_qs, u"2020-01-01T23:28:54Z"_qs}});
        };
        HttpReply reply = debugger(u"NO00000000000000000000000000000001"_qs, sid, u"11205"_qs);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"counted_11205"_qs).toBool(), true);
        QCOMPARE(debugger(u"NO00000000000000000000000000000001"_qs, sid, u"11205"_qs).json().value(u"retry"_qs).toBool(), true);
        QCOMPARE(debugger(u"NO00000000000000000000000000000002"_qs, sid, u"11200"_qs).json().value(u"counted_11205"_qs).toBool(), false);
        QCOMPARE(debugger(u"NO00000000000000000000000000000003"_qs, BackendHarness::newCallSid(), u"11205"_qs).json().value(u"counted_11205"_qs).toBool(), false);
        const QJsonObject stored = call(sid);
        QCOMPARE(stored.value(u"webhook_11205_count"_qs).toInt(), 1);
        QCOMPARE(stored.value(u"estimated_cost_bucket"_qs).toString(), u"MED"_qs); // one indicator fired
    }

    void recordingStatusIsStored()
    {
        const QString sid = answeredCall();
        const auto recording = [&](const QString &recordingSid) {
            return m_backend->postWebhook(u"/twilio/recording-status"_qs,
                                          {{u"CallSid"_qs, sid}, {u"RecordingSid"_qs, recordingSid},
                                           {u"RecordingStatus"_qs, u"completed"_qs}, {u"RecordingDuration"_qs, u"11"_qs},
                                           {u"RecordingUrl"_qs, u"https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/"_qs + recordingSid},
                                           {u"RecordingSource"_qs, u"StartCallRecordingAPI"_qs}, {u"ErrorCode"_qs, u"0"_qs}});
        };
        const QString first = u"RE0123456789abcdef0123456789abcdef"_qs;
        QCOMPARE(recording(first).status, 200);
        QCOMPARE(recording(first).json().value(u"retry"_qs).toBool(), true);
        QCOMPARE(call(sid).value(u"recording_count"_qs).toInt(), 1);
        QCOMPARE(recording(u"RE1123456789abcdef0123456789abcdef"_qs).status, 200);
        const QJsonObject stored = call(sid);
        QCOMPARE(stored.value(u"recording_count"_qs).toInt(), 2);
        QCOMPARE(stored.value(u"recording_status"_qs).toString(), u"completed"_qs);
        QVERIFY(stored.value(u"cost_indicators"_qs).toArray().contains(u"duplicate_recording"_qs));
    }

    void streamStatusGoesOnTheTimeline()
    {
        const QString sid = answeredCall();
        const FormFields fields{{u"CallSid"_qs, sid}, {u"StreamSid"_qs, u"MZ0123456789abcdef0123456789abcdef"_qs},
                                {u"StreamEvent"_qs, u"stream-started"_qs}, {u"Timestamp"_qs, u"2026-01-01T00:00:00Z"_qs}};
        QCOMPARE(m_backend->postWebhook(u"/twilio/stream-status"_qs, fields).status, 200);
        const QJsonArray events = m_backend->apiGet(u"/api/calls/%1/events"_qs.arg(sid)).json().value(u"events"_qs).toArray();
        QVERIFY(std::any_of(events.begin(), events.end(), [](const QJsonValue &event) {
            return event.toObject().value(u"kind"_qs).toString() == u"stream_callback";
        }));
        QCOMPARE(call(sid).value(u"stream_connect_count"_qs).toInt(), 0); // metrics are the media sessions'
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("rawBody"); // sent signed as-is when set
        QTest::addColumn<FormFields>("fields");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");

        const QString unknown = u"CA99999999999999999999999999999999"_qs;
        QTest::newRow("missing CallSid") << u"/twilio/status"_qs << QByteArray() << FormFields{{u"CallStatus"_qs, u"completed"_qs}} << 400 << u"CallSid is missing"_qs;
        QTest::newRow("malformed CallSid") << u"/twilio/status"_qs << QByteArray() << FormFields{{u"CallSid"_qs, u"CA1"_qs}, {u"CallStatus"_qs, u"completed"_qs}} << 400 << u"CallSid"_qs;
        QTest::newRow("unknown call") << u"/twilio/status"_qs << QByteArray() << statusFields(unknown, u"completed"_qs, 3) << 404 << unknown;
        QTest::newRow("unknown status") << u"/twilio/status"_qs << QByteArray() << statusFields(unknown, u"exploded"_qs, 3) << 400 << u"exploded"_qs;
        QTest::newRow("negative sequence") << u"/twilio/status"_qs << QByteArray() << statusFields(unknown, u"ringing"_qs, -1) + FormFields{{u"SequenceNumber"_qs, u"-4"_qs}} << 400 << u"SequenceNumber"_qs;
        QTest::newRow("malformed form") << u"/twilio/status"_qs << QByteArray("CallSid=%ZZ&CallStatus=completed") << FormFields{} << 400 << u"escape"_qs;
        QTest::newRow("recording without RecordingSid") << u"/twilio/recording-status"_qs << QByteArray() << FormFields{{u"CallSid"_qs, unknown}, {u"RecordingStatus"_qs, u"completed"_qs}} << 400 << u"RecordingSid"_qs;
        QTest::newRow("alarm with broken Payload") << u"/twilio/alarms"_qs << QByteArray() << FormFields{{u"Sid"_qs, u"NO1"_qs}, {u"Payload"_qs, u"{not json"_qs}} << 400 << u"Payload"_qs;
    }

    void badInput()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, rawBody);
        QFETCH(FormFields, fields);
        QFETCH(int, status);
        QFETCH(QString, messagePart);

        const QString known = answeredCall();
        HttpReply reply;
        if (rawBody.isEmpty()) {
            reply = m_backend->postWebhook(path, fields);
        } else {
            // A body that does not parse cannot be signed over its fields; it is refused as malformed.
            reply = sendRequest(m_backend->network(), "POST", m_backend->url(path), rawBody,
                                {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", "x"}});
        }
        QCOMPARE(reply.status, status);
        QVERIFY2(reply.json().value(u"error"_qs).toObject().value(u"message"_qs).toString().contains(messagePart), reply.body.constData());
        QCOMPARE(callCount(), 1);                                           // nothing written
        QCOMPARE(call(known).value(u"status"_qs).toString(), u"ringing"_qs);
        QCOMPARE(m_backend->apiGet(u"/healthz"_qs, {}).status, 200);        // still serving
    }

    void oversizedBodyIsRefused()
    {
        const QString known = answeredCall();
        FormFields fields = statusFields(known, u"completed"_qs, 3, 10);
        fields.append({u"Padding"_qs, QString(1024 * 1024 + 10, u'x')});
        const HttpReply reply = m_backend->postWebhook(u"/twilio/status"_qs, fields);
        QCOMPARE(reply.status, 413);
        QCOMPARE(call(known).value(u"status"_qs).toString(), u"ringing"_qs);
        QCOMPARE(m_backend->apiGet(u"/healthz"_qs, {}).status, 200);
    }

    void wrongMethodIs405()
    {
        QCOMPARE(sendRequest(m_backend->network(), "GET", m_backend->url(u"/twilio/status"_qs)).status, 405);
    }

    void apiNeedsAReaderToken_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        QTest::newRow("no token") << QByteArray() << 401;
        QTest::newRow("unknown token") << QByteArray("nope") << 401;
        QTest::newRow("dialer may not read") << QByteArray(BackendHarness::kDialerToken) << 403;
        QTest::newRow("viewer reads") << QByteArray(BackendHarness::kViewerToken) << 200;
        QTest::newRow("admin reads") << QByteArray(BackendHarness::kAdminToken) << 200;
    }

    void apiNeedsAReaderToken()
    {
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        QCOMPARE(m_backend->apiGet(u"/api/calls"_qs, token).status, status);
    }

    void apiListsFiltersAndPages()
    {
        QStringList sids;
        for (int i = 0; i < 5; ++i)
            sids << answeredCall();
        QCOMPARE(m_backend->postWebhook(u"/twilio/status"_qs, statusFields(sids[0], u"completed"_qs, 3, 20)).status, 200);

        QJsonObject page = m_backend->apiGet(u"/api/calls?limit=2&offset=0"_qs).json();
        QCOMPARE(page.value(u"total"_qs).toInteger(), 5);
        QCOMPARE(page.value(u"calls"_qs).toArray().size(), 2);
        page = m_backend->apiGet(u"/api/calls?status=completed"_qs).json();
        QCOMPARE(page.value(u"total"_qs).toInteger(), 1);
        QCOMPARE(page.value(u"calls"_qs).toArray().at(0).toObject().value(u"call_sid"_qs).toString(), sids[0]);
        page = m_backend->apiGet(u"/api/calls?q="_qs + sids[3].right(12)).json();
        QCOMPARE(page.value(u"total"_qs).toInteger(), 1);

        QCOMPARE(m_backend->apiGet(u"/api/calls?limit=0"_qs).status, 400);
        QCOMPARE(m_backend->apiGet(u"/api/calls?status=flying"_qs).status, 400);
        QCOMPARE(m_backend->apiGet(u"/api/calls?since=yesterday"_qs).status, 400);
        QCOMPARE(m_backend->apiGet(u"/api/calls/CA00000000000000000000000000000000"_qs).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestTwilioWebhooks)
#include "tst_twiliowebhooks.moc"
