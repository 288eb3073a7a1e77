#include "shared/call.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

using namespace sb;
using namespace Qt::StringLiterals;

namespace {

QDateTime utcMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

/// A call with every field set to a distinct, non-default value.
Call fullCall()
{
    Call call;
    call.id = 42;
    call.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    call.dedupKey = u"7:+972501234567:28333333"_s;
    call.to = u"+972501234567"_s;
    call.from = u"+14155550100"_s;
    call.businessId = 7;
    call.leadId = u"lead-9"_s;
    call.direction = Direction::OutboundApi;
    call.status = CallStatus::Completed;
    call.statusRank = 123;
    call.durationSec = 95;
    call.answeredBy = u"human"_s;
    call.recordingMode = RecordingMode::RecordingApi;
    call.recordingSid = u"RE0123456789abcdef0123456789abcdef"_s;
    call.recordingUrl = u"https://api.twilio.com/2010-04-01/Recordings/RE01"_s;
    call.recordingStatus = RecordingStatus::Completed;
    call.recordingCount = 2;
    call.streamSid = u"MZ0123456789abcdef0123456789abcdef"_s;
    call.streamStartedAt = utcMs(1'700'000'000'123);
    call.streamEndedAt = utcMs(1'700'000'090'623);
    call.streamDurationSec = 90.5;
    call.streamConnectCount = 3;
    call.transcription = u"שלום, hello"_s;
    call.finalTranscript = u"Hello there, this is the recording transcript."_s;
    call.transcriptSource = TranscriptSource::Recording;
    call.webhookRetryCount = 4;
    call.webhook11205Count = 1;
    call.estimatedCostBucket = CostBucket::High;
    call.estimatedCost = 0.0425;
    call.costIndicators = {u"stream_reconnects"_s, u"duplicate_recording"_s};
    call.createdAt = utcMs(1'699'999'990'000);
    call.updatedAt = utcMs(1'700'000'100'001);
    return call;
}

/// A freshly reserved outbound call: only creation fields, every optional one absent.
Call sparseCall()
{
    Call call;
    call.id = 5;
    call.to = u"+972501234567"_s;
    call.from = u"+14155550100"_s;
    call.businessId = 3;
    call.direction = Direction::OutboundApi;
    return call;
}

/// Through text and back, as a client would see it.
QJsonObject viaText(const QJsonObject &json)
{
    return QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object();
}

} // namespace

class TestCall final : public QObject
{
    Q_OBJECT

private slots:
    void keyNames();
    void fullCallValues_data();
    void fullCallValues();
    void sparseCallNulls_data();
    void sparseCallNulls();
    void roundTrip_data();
    void roundTrip();
    void missingKeysGiveDefaults();
    void missingRequiredEnumIsAnError_data();
    void missingRequiredEnumIsAnError();
    void badEnum_data();
    void badEnum();
};

void TestCall::keyNames()
{
    // DESIGN.md section 3 names, plus the row id, the fired cost indicators and the timestamps.
    QStringList expected{
        u"id"_s, u"call_sid"_s, u"dedup_key"_s, u"to"_s, u"from"_s, u"business_id"_s, u"lead_id"_s,
        u"direction"_s, u"status"_s, u"status_rank"_s, u"duration_sec"_s, u"answered_by"_s,
        u"recording_mode"_s, u"recording_sid"_s, u"recording_url"_s, u"recording_status"_s,
        u"recording_count"_s, u"stream_sid"_s, u"stream_started_at"_s, u"stream_ended_at"_s,
        u"stream_duration_sec"_s, u"stream_connect_count"_s, u"transcription"_s, u"final_transcript"_s,
        u"transcript_source"_s, u"webhook_retry_count"_s, u"webhook_11205_count"_s,
        u"estimated_cost_bucket"_s, u"estimated_cost"_s, u"cost_indicators"_s, u"created_at"_s,
        u"updated_at"_s,
    };
    std::sort(expected.begin(), expected.end());
    // Optional fields are written as null, never left out, so the key set does not depend on the call.
    QCOMPARE(fullCall().toJson().keys(), expected);
    QCOMPARE(sparseCall().toJson().keys(), expected);
}

void TestCall::fullCallValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    const auto row = [](const char *key, const QJsonValue &value) {
        QTest::newRow(key) << QString::fromLatin1(key) << value;
    };
    row("id", 42);
    row("call_sid", u"CA0123456789abcdef0123456789abcdef"_s);
    row("dedup_key", u"7:+972501234567:28333333"_s);
    row("to", u"+972501234567"_s);
    row("from", u"+14155550100"_s);
    row("business_id", 7);
    row("lead_id", u"lead-9"_s);
    row("direction", u"outbound-api"_s);
    row("status", u"completed"_s);
    row("status_rank", 123);
    row("duration_sec", 95);
    row("answered_by", u"human"_s);
    row("recording_mode", u"RECORDING_API"_s);
    row("recording_sid", u"RE0123456789abcdef0123456789abcdef"_s);
    row("recording_url", u"https://api.twilio.com/2010-04-01/Recordings/RE01"_s);
    row("recording_status", u"completed"_s);
    row("recording_count", 2);
    row("stream_sid", u"MZ0123456789abcdef0123456789abcdef"_s);
    row("stream_started_at", u"2023-11-14T22:13:20.123Z"_s);
    row("stream_ended_at", u"2023-11-14T22:14:50.623Z"_s);
    row("stream_duration_sec", 90.5);
    row("stream_connect_count", 3);
    row("transcription", u"שלום, hello"_s);
    row("final_transcript", u"Hello there, this is the recording transcript."_s);
    row("transcript_source", u"recording"_s);
    row("webhook_retry_count", 4);
    row("webhook_11205_count", 1);
    row("estimated_cost_bucket", u"HIGH"_s);
    row("estimated_cost", 0.0425);
    row("cost_indicators", QJsonArray{u"stream_reconnects"_s, u"duplicate_recording"_s});
    row("created_at", u"2023-11-14T22:13:10.000Z"_s);
    row("updated_at", u"2023-11-14T22:15:00.001Z"_s);
}

void TestCall::fullCallValues()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const QJsonObject json = fullCall().toJson();
    QVERIFY2(json.contains(key), qPrintable(key));
    QCOMPARE(json.value(key), value);
}

void TestCall::sparseCallNulls_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");

    const auto row = [](const char *key, const QJsonValue &value) {
        QTest::newRow(key) << QString::fromLatin1(key) << value;
    };
    row("call_sid", QJsonValue::Null); // reserved before Twilio is asked
    row("dedup_key", QJsonValue::Null);
    row("lead_id", QJsonValue::Null);
    row("duration_sec", QJsonValue::Null);
    row("answered_by", QJsonValue::Null);
    row("recording_sid", QJsonValue::Null);
    row("recording_url", QJsonValue::Null);
    row("recording_status", QJsonValue::Null);
    row("stream_sid", QJsonValue::Null);
    row("stream_started_at", QJsonValue::Null);
    row("stream_ended_at", QJsonValue::Null);
    row("transcription", QJsonValue::Null);
    row("final_transcript", QJsonValue::Null);
    row("transcript_source", QJsonValue::Null);
    row("created_at", QJsonValue::Null);
    row("updated_at", QJsonValue::Null);
    // Defaults of a new call: invariant 2 says recording is OFF at creation.
    row("status", u"reserved"_s);
    row("recording_mode", u"OFF"_s);
    row("recording_count", 0);
    row("stream_connect_count", 0);
    row("stream_duration_sec", 0);
    row("estimated_cost_bucket", u"LOW"_s);
    row("cost_indicators", QJsonArray());
}

void TestCall::sparseCallNulls()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const QJsonObject json = sparseCall().toJson();
    QVERIFY2(json.contains(key), qPrintable(key));
    QCOMPARE(json.value(key), value);
}

void TestCall::roundTrip_data()
{
    QTest::addColumn<bool>("full");
    QTest::newRow("every field set") << true;
    QTest::newRow("optional fields absent") << false;
}

void TestCall::roundTrip()
{
    QFETCH(bool, full);
    const Call original = full ? fullCall() : sparseCall();
    const Result<Call> parsed = Call::fromJson(viaText(original.toJson()));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const Call &back = *parsed;

    // Field by field first, so a failure names the field; then the whole value.
    QCOMPARE(back.callSid, original.callSid);
    QCOMPARE(back.durationSec, original.durationSec);
    QCOMPARE(back.recordingStatus, original.recordingStatus);
    QCOMPARE(back.transcriptSource, original.transcriptSource);
    QCOMPARE(back.streamStartedAt, original.streamStartedAt);
    QCOMPARE(back.streamEndedAt, original.streamEndedAt);
    QCOMPARE(back.createdAt, original.createdAt);
    QCOMPARE(back.updatedAt, original.updatedAt);
    QCOMPARE(back.estimatedCost, original.estimatedCost);
    QCOMPARE(back.costIndicators, original.costIndicators);
    QCOMPARE(back.transcription, original.transcription);
    QVERIFY(back == original);
    // And the JSON of the parsed call is the JSON we started from.
    QCOMPARE(back.toJson(), original.toJson());
}

void TestCall::missingKeysGiveDefaults()
{
    // Only the required enums present: everything else takes its default.
    const Result<Call> parsed = Call::fromJson(QJsonObject{
        {u"to"_s, u"+972501234567"_s}, {u"direction"_s, u"inbound"_s}, {u"status"_s, u"reserved"_s},
        {u"recording_mode"_s, u"OFF"_s}, {u"estimated_cost_bucket"_s, u"LOW"_s}});
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->to, u"+972501234567"_s);
    QCOMPARE(parsed->status, CallStatus::Reserved);
    QCOMPARE(parsed->recordingMode, RecordingMode::Off);
    QVERIFY(!parsed->durationSec.has_value());
    QVERIFY(!parsed->recordingStatus.has_value());
    QVERIFY(!parsed->transcriptSource.has_value());
    QVERIFY(!parsed->streamStartedAt.isValid());
}

void TestCall::missingRequiredEnumIsAnError_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("asNull");
    for (const QString &key : {u"direction"_s, u"status"_s, u"recording_mode"_s, u"estimated_cost_bucket"_s}) {
        QTest::addRow("%s absent", qPrintable(key)) << key << false;
        QTest::addRow("%s null", qPrintable(key)) << key << true;
    }
}

void TestCall::missingRequiredEnumIsAnError()
{
    QFETCH(QString, key);
    QFETCH(bool, asNull);
    QJsonObject json = Call().toJson();
    if (asNull)
        json.insert(key, QJsonValue());
    else
        json.remove(key);
    const Result<Call> parsed = Call::fromJson(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QCOMPARE(parsed.error().message, key + u": missing"_s);
}

void TestCall::badEnum_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("shownText");

    QTest::newRow("direction upper") << u"direction"_s << QJsonValue(u"INBOUND"_s) << u"INBOUND"_s;
    QTest::newRow("status upper") << u"status"_s << QJsonValue(u"COMPLETED"_s) << u"COMPLETED"_s;
    QTest::newRow("status empty") << u"status"_s << QJsonValue(u""_s) << u""_s;
    QTest::newRow("status number") << u"status"_s << QJsonValue(5) << u""_s;
    QTest::newRow("recording_mode lower") << u"recording_mode"_s << QJsonValue(u"off"_s) << u"off"_s;
    QTest::newRow("recording_status word") << u"recording_status"_s << QJsonValue(u"done"_s) << u"done"_s;
    QTest::newRow("transcript_source word") << u"transcript_source"_s << QJsonValue(u"whisper"_s)
                                            << u"whisper"_s;
    QTest::newRow("estimated_cost_bucket lower") << u"estimated_cost_bucket"_s << QJsonValue(u"low"_s)
                                                 << u"low"_s;
}

void TestCall::badEnum()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, shownText);
    QJsonObject json = fullCall().toJson();
    json.insert(key, value);
    const Result<Call> parsed = Call::fromJson(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    const QString &message = parsed.error().message;
    QVERIFY2(message.startsWith(key + u':'), qPrintable(message));
    QVERIFY2(message.contains(u'"' + shownText + u'"'), qPrintable(message));
}

QTEST_APPLESS_MAIN(TestCall)
#include "tst_call.moc"
