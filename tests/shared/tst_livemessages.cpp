#include "shared/livemessages.h"

#include <QJsonDocument>
#include <QTest>

using namespace sb;
using namespace sb::live;
using namespace Qt::StringLiterals;

namespace {

Call sampleCall()
{
    Call call;
    call.id = 42;
    call.callSid = u"CA0123456789abcdef0123456789abcdef"_s;
    call.to = u"+97235551234"_s;
    call.from = u"+972501234567"_s;
    call.businessId = 3;
    call.status = CallStatus::InProgress;
    call.recordingMode = RecordingMode::RecordingApi;
    call.streamConnectCount = 2;
    call.estimatedCostBucket = CostBucket::Med;
    call.costIndicators = {u"stream_reconnects"_s};
    call.createdAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
    call.updatedAt = call.createdAt;
    return call;
}

CallEvent sampleEvent()
{
    CallEvent event;
    event.id = 9;
    event.callId = 42;
    event.callSid = sampleCall().callSid;
    event.at = QDateTime::fromMSecsSinceEpoch(1'700'000'001'000, Qt::UTC);
    event.kind = u"transcript_line"_s;
    event.source = u"ai_bridge"_s;
    event.detail = {{u"speaker"_s, u"caller"_s}, {u"text"_s, u"שלום"_s}};
    return event;
}

} // namespace

class TestLiveMessages : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("encoded");
        const QJsonArray alerts{QJsonObject{{u"key"_s, u"k"_s}, {u"severity"_s, u"critical"_s}}};
        const auto row = [](const Message &message) {
            QTest::newRow(typeName(message).data()) << QString(typeName(message)) << encode(message);
        };
        row(Snapshot{7, u"admin"_s, {sampleCall()}, alerts, QJsonObject{{u"3"_s, u"Acme"_s}}});
        row(CallChanged{8, sampleCall(), u"Acme"_s});
        row(EventAppended{9, sampleEvent()});
        row(DedupDecided{10, QJsonObject{{u"layer"_s, u"memory"_s}}});
        row(JobChanged{11, QJsonObject{{u"state"_s, u"running"_s}}});
        row(AlertsChanged{12, alerts});
        row(History{13, sampleCall(), {sampleEvent()}, true});
        row(Subscribe{42, {}});
        row(Unsubscribe{42});
        row(ErrorMessage{u"not_found"_s, u"no call"_s});
    }

    void roundTrip()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, encoded);
        const QJsonObject json = QJsonDocument::fromJson(encoded).object();
        QCOMPARE(json.value(u"type"_s).toString(), type);
        QCOMPARE(json.value(u"version"_s).toInt(), kProtocolVersion);
        auto decoded = decode(encoded);
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : qPrintable(decoded.error().message));
        QCOMPARE(QString(typeName(*decoded)), type);
        QCOMPARE(encode(*decoded), encoded); // nothing lost on the way
    }

    void summariesLeaveTranscriptsOut()
    {
        Call call = sampleCall();
        call.transcription = u"a long realtime transcript"_s;
        call.finalTranscript = u"the final one"_s;
        const QJsonObject summary = callSummaryJson(call);
        QVERIFY(!summary.contains(u"transcription"_s));
        QVERIFY(!summary.contains(u"final_transcript"_s));
        QCOMPARE(summary.value(u"call_sid"_s).toString(), call.callSid);
        auto history = decode(encode(History{1, call, {}, false}));
        QVERIFY(history.ok());
        QCOMPARE(std::get<History>(*history).call.finalTranscript, call.finalTranscript);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << u"not JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
        QTest::newRow("no type") << QByteArray(R"({"version":1})") << u"unknown type \"\""_s;
        QTest::newRow("unknown type") << QByteArray(R"({"type":"x","version":1})") << u"unknown type \"x\""_s;
        QTest::newRow("no version") << QByteArray(R"({"type":"alert","revision":1,"alerts":[]})") << u"(missing)"_s;
        QTest::newRow("newer version") << QByteArray(R"({"type":"alert","version":2,"revision":1,"alerts":[]})")
                                       << u"version 2 is not supported"_s;
        QTest::newRow("revision as text") << QByteArray(R"({"type":"alert","version":1,"revision":"1","alerts":[]})")
                                          << u"revision: expected a number"_s;
        QTest::newRow("alerts not a list") << QByteArray(R"({"type":"alert","version":1,"revision":1,"alerts":{}})")
                                           << u"alerts: expected an array"_s;
        QTest::newRow("call with a bad status")
            << QByteArray(R"({"type":"call","version":1,"revision":1,"call":{"direction":"inbound","status":"flying",)"
                          R"("recording_mode":"OFF","estimated_cost_bucket":"LOW"}})")
            << u"unknown call status \"flying\""_s;
        QTest::newRow("event without kind")
            << QByteArray(R"({"type":"event","version":1,"revision":1,"event":{"id":1}})") << u"missing \"kind\""_s;
        QTest::newRow("snapshot call broken")
            << QByteArray(R"({"type":"snapshot","version":1,"revision":1,"alerts":[],"calls":[{}]})") << u"calls[0]"_s;
        QTest::newRow("subscribe to nothing") << QByteArray(R"({"type":"subscribe","version":1})")
                                              << u"call_id or call_sid"_s;
    }

    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        auto decoded = decode(text);
        QVERIFY(!decoded.ok());
        QCOMPARE(decoded.error().code, ErrorCode::InvalidInput);
        QVERIFY2(decoded.error().message.contains(expected), qPrintable(decoded.error().message));
    }
};

QTEST_APPLESS_MAIN(TestLiveMessages)
#include "tst_livemessages.moc"
