#include "media/flatjson.h"
#include "media/promptbuilder.h"
#include "media/realtimebridge.h"
#include "media/realtimeprotocol.h"
#include "media/twiliomediaprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace sb;
using namespace Qt::StringLiterals;

using Event = TwilioMediaMessage::Event;
Q_DECLARE_METATYPE(TwilioMediaMessage::Event)
Q_DECLARE_METATYPE(RealtimeEvent::Type)

namespace {

QJsonObject parseJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

const QString kPayload = u"fn5+fn5+fn5+/w=="_s;

} // namespace

class TestMediaProtocol : public QObject
{
    Q_OBJECT

private slots:
    void twilioValid_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<Event>("event");
        QTest::addColumn<QString>("streamSid");
        QTest::addColumn<qint64>("sequence");

        QTest::newRow("connected") << u"{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"_s
                                   << Event::Connected << QString() << qint64(-1);
        QTest::newRow("start")
            << u"{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC1\",\"streamSid\":\"MZ1\","
               "\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\","
               "\"sampleRate\":8000,\"channels\":1},\"customParameters\":{\"callId\":\"abc123\"}},\"streamSid\":\"MZ1\"}"_s
            << Event::Start << u"MZ1"_s << qint64(1);
        QTest::newRow("start, streamSid only inside start")
            << u"{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ2\",\"callSid\":\"CA1\"}}"_s << Event::Start
            << u"MZ2"_s << qint64(-1);
        QTest::newRow("media") << u"{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                                  "\"chunk\":\"1\",\"timestamp\":\"52\",\"payload\":\"fn5+fn5+fn5+/w==\"},"
                                  "\"streamSid\":\"MZ1\"}"_s
                               << Event::Media << QString() << qint64(2);
        QTest::newRow("dtmf") << u"{\"event\":\"dtmf\",\"streamSid\":\"MZ1\",\"sequenceNumber\":\"5\","
                                 "\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\"1\"}}"_s
                              << Event::Dtmf << u"MZ1"_s << qint64(5);
        QTest::newRow("mark") << u"{\"event\":\"mark\",\"sequenceNumber\":\"103\",\"streamSid\":\"MZ1\","
                                 "\"mark\":{\"name\":\"sb1\"}}"_s
                              << Event::Mark << u"MZ1"_s << qint64(103);
        QTest::newRow("stop") << u"{\"event\":\"stop\",\"sequenceNumber\":\"352\",\"streamSid\":\"MZ1\","
                                 "\"stop\":{\"accountSid\":\"AC1\",\"callSid\":\"CA1\"}}"_s
                              << Event::Stop << u"MZ1"_s << qint64(352);
        QTest::newRow("unknown event") << u"{\"event\":\"holiday\",\"streamSid\":\"MZ1\",\"x\":[1,{\"y\":null}]}"_s
                                       << Event::Unknown << u"MZ1"_s << qint64(-1);
        QTest::newRow("unknown fields") << u"{\"event\":\"stop\",\"future\":{\"a\":[true,false,-1.5e3]},"
                                           "\"streamSid\":\"MZ1\",\"stop\":{\"new\":1}}"_s
                                        << Event::Stop << u"MZ1"_s << qint64(-1);
        QTest::newRow("whitespace and numeric sequence") << u" {\n \"event\" : \"mark\" , \"sequenceNumber\": 7,"
                                                            "\"mark\":{\"name\":\"a\"}} \n"_s
                                                         << Event::Mark << QString() << qint64(7);
    }

    void twilioValid()
    {
        QFETCH(QString, frame);
        QFETCH(Event, event);
        TwilioMediaMessage message;
        const TwilioMediaParse parsed = TwilioMediaProtocol::parse(frame, message);
        QVERIFY2(parsed, parsed.error);
        QCOMPARE(message.event, event);
        QTEST(message.sequenceNumber, "sequence");
        if (event != Event::Media)
            QTEST(message.streamSid, "streamSid");
        switch (event) {
        case Event::Start:
            QCOMPARE(message.callSid, u"CA1"_s);
            break;
        case Event::Media:
            QCOMPARE(message.payload, kPayload);
            QCOMPARE(message.timestampMs, 52);
            QVERIFY(!message.outboundTrack);
            break;
        case Event::Dtmf:
            QCOMPARE(message.digit, u"1"_s);
            break;
        case Event::Mark:
            QVERIFY(!message.markName.isEmpty());
            break;
        default:
            break;
        }
    }

    void startDetails()
    {
        TwilioMediaMessage message;
        QVERIFY(TwilioMediaProtocol::parse(
            u"{\"event\":\"start\",\"start\":{\"accountSid\":\"AC9\",\"streamSid\":\"MZ1\",\"callSid\":\"CA1\","
            "\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000},"
            "\"customParameters\":{\"callId\":\"abc\\u00e9\"}},\"streamSid\":\"MZ1\"}"_s,
            message));
        QCOMPARE(message.accountSid, u"AC9"_s);
        QCOMPARE(message.tracks, QStringList{u"inbound"_s});
        QCOMPARE(message.encoding, u"audio/x-mulaw"_s);
        QCOMPARE(message.sampleRate, 8000);
        QCOMPARE(message.customParameters.value(u"callId"_s).toString(), u"abcé"_s);
    }

    void twilioMalformed_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("empty") << QString();
        QTest::newRow("not JSON") << u"hello"_s;
        QTest::newRow("array") << u"[1,2]"_s;
        QTest::newRow("truncated") << u"{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}"_s;
        QTest::newRow("trailing garbage") << u"{\"event\":\"stop\"} x"_s;
        QTest::newRow("trailing comma") << u"{\"event\":\"stop\",}"_s;
        QTest::newRow("bad escape") << u"{\"event\":\"st\\qop\"}"_s;
        QTest::newRow("raw control character") << u"{\"event\":\"st\nop\"}"_s;
        QTest::newRow("bad number") << u"{\"event\":\"stop\",\"x\":01}"_s;
        QTest::newRow("bad literal") << u"{\"event\":\"stop\",\"x\":nul}"_s;
        QTest::newRow("too deep") << u"{\"event\":\"stop\",\"x\":"_s + QString(40, u'[') + QString(40, u']') + u"}"_s;
        QTest::newRow("no event") << u"{\"streamSid\":\"MZ1\"}"_s;
        QTest::newRow("event is a number") << u"{\"event\":5}"_s;
        QTest::newRow("sequenceNumber not a number") << u"{\"event\":\"stop\",\"sequenceNumber\":\"x1\"}"_s;
        QTest::newRow("sequenceNumber an object") << u"{\"event\":\"stop\",\"sequenceNumber\":{}}"_s;
        QTest::newRow("media without media") << u"{\"event\":\"media\",\"streamSid\":\"MZ1\"}"_s;
        QTest::newRow("media is a string") << u"{\"event\":\"media\",\"media\":\"AAAA\"}"_s;
        QTest::newRow("payload missing") << u"{\"event\":\"media\",\"media\":{\"track\":\"inbound\"}}"_s;
        QTest::newRow("payload a number") << u"{\"event\":\"media\",\"media\":{\"payload\":12}}"_s;
        QTest::newRow("payload not base64") << u"{\"event\":\"media\",\"media\":{\"payload\":\"ab$d\"}}"_s;
        QTest::newRow("payload bad length") << u"{\"event\":\"media\",\"media\":{\"payload\":\"abc\"}}"_s;
        QTest::newRow("timestamp not a number") << u"{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\",\"timestamp\":\"x\"}}"_s;
        QTest::newRow("track a number") << u"{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\",\"track\":1}}"_s;
        QTest::newRow("start without start") << u"{\"event\":\"start\",\"streamSid\":\"MZ1\"}"_s;
        QTest::newRow("start without callSid") << u"{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\"}}"_s;
        QTest::newRow("start callSid a number") << u"{\"event\":\"start\",\"start\":{\"callSid\":1,\"streamSid\":\"MZ1\"}}"_s;
        QTest::newRow("start without streamSid") << u"{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\"}}"_s;
        QTest::newRow("start streamSid with a quote")
            << u"{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"M\\\"Z\"}}"_s;
        QTest::newRow("start tracks not an array")
            << u"{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"MZ1\",\"tracks\":\"inbound\"}}"_s;
        QTest::newRow("start customParameters an array")
            << u"{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"MZ1\",\"customParameters\":[]}}"_s;
        QTest::newRow("dtmf without digit") << u"{\"event\":\"dtmf\",\"dtmf\":{}}"_s;
        QTest::newRow("mark name a number") << u"{\"event\":\"mark\",\"mark\":{\"name\":3}}"_s;
        QTest::newRow("stop is a string") << u"{\"event\":\"stop\",\"stop\":\"now\"}"_s;
        QTest::newRow("streamSid a number") << u"{\"event\":\"stop\",\"streamSid\":7}"_s;
    }

    void twilioMalformed()
    {
        QFETCH(QString, frame);
        TwilioMediaMessage message;
        const TwilioMediaParse parsed = TwilioMediaProtocol::parse(frame, message);
        QVERIFY(!parsed);
        QVERIFY(qstrlen(parsed.error) > 0);
    }

    void twilioSerialise()
    {
        const QJsonObject media = parseJson(TwilioMediaProtocol::media(u"MZ1", kPayload));
        QCOMPARE(media, parseJson(u"{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"%1\"}}"_s.arg(kPayload)));
        QCOMPARE(parseJson(TwilioMediaProtocol::mark(u"MZ1", u"sb1")),
                 parseJson(u"{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"sb1\"}}"_s));
        QCOMPARE(parseJson(TwilioMediaProtocol::clear(u"MZ1")), parseJson(u"{\"event\":\"clear\",\"streamSid\":\"MZ1\"}"_s));
    }

    void base64AtEveryPosition_data()
    {
        // The scan takes several characters per step: a bad one must be caught wherever it sits.
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString good = QString::fromLatin1(QByteArray(150, '\x7f').toBase64()); // 200 characters
        QTest::newRow("good") << good << true;
        QTest::newRow("padding 1") << QString::fromLatin1(QByteArray(20, 'x').toBase64()) << true;
        QTest::newRow("padding 2") << QString::fromLatin1(QByteArray(22, 'x').toBase64()) << true;
        for (const char16_t bad : {u'$', u'=', u'-', u'\u0141' /* low byte 'A' */, u'\uff41', u'@', u'[', u'`', u'{'}) {
            for (const qsizetype at : {0, 7, 8, 9, 100, 195, 199}) {
                QString text = good;
                text[at] = QChar(bad);
                QTest::addRow("U+%04x at %lld", unsigned(bad), qlonglong(at)) << text << (bad == u'=' && at == 199);
            }
        }
    }

    void base64AtEveryPosition()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(TwilioMediaProtocol::isBase64(text), valid);
    }

    void flatJsonStringEndsAtEveryPosition_data()
    {
        // Quotes, backslashes and control characters found at every offset of a long string,
        // and characters that only look like them in one byte (U+2022, U+015C) passed over.
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("value");
        for (qsizetype at = 0; at < 20; ++at) {
            const QString before(at, u'a');
            QTest::addRow("quote after %lld", qlonglong(at))
                << u"{\"k\":\"%1\",\"n\":1}"_s.arg(before) << true << before;
            QTest::addRow("escape after %lld", qlonglong(at))
                << u"{\"k\":\"%1\\\"b\"}"_s.arg(before) << true << before + u"\"b"_s;
            QTest::addRow("control after %lld", qlonglong(at))
                << u"{\"k\":\"%1\u0001b\"}"_s.arg(before) << false << QString();
            QTest::addRow("look-alikes after %lld", qlonglong(at))
                << u"{\"k\":\"%1\u2022\u015c\u0122b\"}"_s.arg(before) << true << before + u"\u2022\u015c\u0122b"_s;
        }
        QTest::addRow("unterminated long") << u"{\"k\":\"%1"_s.arg(QString(40, u'a')) << false << QString();
    }

    void flatJsonStringEndsAtEveryPosition()
    {
        QFETCH(QString, frame);
        QFETCH(bool, valid);
        QFETCH(QString, value);
        FlatJson json;
        QCOMPARE(json.parse(frame), valid);
        if (valid) {
            const FlatJson::Field *k = json.string({}, u"k");
            QVERIFY(k);
            QCOMPARE(FlatJson::text(*k), value);
        }
    }

    void flatJsonEscapes()
    {
        FlatJson json;
        QVERIFY(json.parse(u"{\"a\":\"x\\\"y\\\\z\\/\\n\\u00e9\",\"b\":{\"c\":\"d\",\"e\":{\"f\":\"g\"}}}"));
        const FlatJson::Field *a = json.string({}, u"a");
        QVERIFY(a && a->escaped);
        QCOMPARE(FlatJson::text(*a), u"x\"y\\z/\né"_s);
        QVERIFY(json.string(u"b", u"c"));
        QVERIFY(!json.find(u"e", u"f")); // only two levels are recorded
        QCOMPARE(json.find(u"b", u"e")->kind, FlatJson::Kind::Object);
    }

    void flatJsonEmptyKeyIsNotTheTopLevel()
    {
        // Found by fuzz_flatjson: the members of {"": {...}} were found as top-level members.
        FlatJson json;
        QVERIFY(json.parse(u"{\"\":{\"event\":\"stop\",\"k\":1},\"event\":\"media\"}"));
        QCOMPARE(json.string({}, u"event")->raw, u"media");
        QVERIFY(!json.find(u"k"));
        QCOMPARE(json.find(u"", u"k")->kind, FlatJson::Kind::Number);

        TwilioMediaMessage message;
        QVERIFY(!TwilioMediaProtocol::parse(u"{\"\":{\"event\":\"stop\"},\"event\":\"media\"}", message));
        QVERIFY(TwilioMediaProtocol::parse(
            u"{\"\":{\"event\":\"stop\"},\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}}", message));
        QCOMPARE(message.event, TwilioMediaMessage::Event::Media);
    }

    void flatJsonMembersUnderAnEscapedKeyAreNotTopLevel()
    {
        // Found by fuzz_flatjson: an escaped top-level key is not recorded, and the members of
        // its object were recorded as top-level members.
        FlatJson json;
        QVERIFY(json.parse(u"{\"a\\nb\":{\"event\":\"stop\",\"k\":1},\"event\":\"media\"}"));
        QCOMPARE(json.string({}, u"event")->raw, u"media");
        QVERIFY(!json.find(u"k"));
        QCOMPARE(json.fieldCount(), 1);
    }

    void realtimeParse_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<RealtimeEvent::Type>("type");
        QTest::addColumn<QString>("text");
        using T = RealtimeEvent::Type;
        QTest::newRow("GA audio delta") << u"{\"type\":\"response.output_audio.delta\",\"item_id\":\"i1\",\"delta\":\"AAAA\"}"_s
                                        << T::AudioDelta << QString();
        QTest::newRow("beta audio delta") << u"{\"type\":\"response.audio.delta\",\"item_id\":\"i1\",\"delta\":\"AAAA\"}"_s
                                          << T::AudioDelta << QString();
        QTest::newRow("speech started") << u"{\"type\":\"input_audio_buffer.speech_started\",\"audio_start_ms\":5}"_s
                                        << T::SpeechStarted << QString();
        QTest::newRow("caller transcript")
            << u"{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":\"שלום\"}"_s
            << T::CallerTranscript << u"שלום"_s;
        QTest::newRow("GA agent transcript") << u"{\"type\":\"response.output_audio_transcript.done\",\"transcript\":\"hi\"}"_s
                                             << T::AgentTranscript << u"hi"_s;
        QTest::newRow("beta agent transcript") << u"{\"type\":\"response.audio_transcript.done\",\"transcript\":\"hi\"}"_s
                                               << T::AgentTranscript << u"hi"_s;
        QTest::newRow("error") << u"{\"type\":\"error\",\"error\":{\"code\":\"bad\",\"message\":\"oops\"}}"_s << T::Error
                               << u"bad: oops"_s;
        QTest::newRow("other") << u"{\"type\":\"session.created\",\"session\":{}}"_s << T::Other << QString();
    }

    void realtimeParse()
    {
        QFETCH(QString, frame);
        RealtimeEvent event;
        const char *error = nullptr;
        QVERIFY2(RealtimeProtocol::parse(frame, event, error), error);
        QTEST(event.type, "type");
        QTEST(event.text, "text");
        if (event.type == RealtimeEvent::Type::AudioDelta) {
            QCOMPARE(event.delta, u"AAAA"_s);
            QCOMPARE(event.itemId, u"i1"_s);
        }
    }

    void realtimeMalformed_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::newRow("not JSON") << u"nope"_s;
        QTest::newRow("no type") << u"{\"delta\":\"AAAA\"}"_s;
        QTest::newRow("delta missing") << u"{\"type\":\"response.output_audio.delta\"}"_s;
        QTest::newRow("transcript a number")
            << u"{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":1}"_s;
    }

    void realtimeMalformed()
    {
        QFETCH(QString, frame);
        RealtimeEvent event;
        const char *error = nullptr;
        QVERIFY(!RealtimeProtocol::parse(frame, event, error));
        QVERIFY(error);
    }

    void realtimeSerialise()
    {
        const QJsonObject update = parseJson(RealtimeProtocol::sessionUpdate({u"gpt-realtime"_s, u"alloy"_s, u"whisper-1"_s, u"be kind"_s}));
        QCOMPARE(update.value(u"type"_s).toString(), u"session.update"_s);
        const QJsonObject session = update.value(u"session"_s).toObject();
        QCOMPARE(session.value(u"type"_s).toString(), u"realtime"_s);
        QCOMPARE(session.value(u"model"_s).toString(), u"gpt-realtime"_s);
        QCOMPARE(session.value(u"instructions"_s).toString(), u"be kind"_s);
        const QJsonObject audio = session.value(u"audio"_s).toObject();
        QCOMPARE(audio[u"input"_s][u"format"_s][u"type"_s].toString(), u"audio/pcmu"_s);
        QCOMPARE(audio[u"output"_s][u"format"_s][u"type"_s].toString(), u"audio/pcmu"_s);
        QCOMPARE(audio[u"output"_s][u"voice"_s].toString(), u"alloy"_s);
        QCOMPARE(audio[u"input"_s][u"transcription"_s][u"model"_s].toString(), u"whisper-1"_s);
        QCOMPARE(audio[u"input"_s][u"turn_detection"_s][u"type"_s].toString(), u"server_vad"_s);

        QCOMPARE(parseJson(RealtimeProtocol::append(kPayload)),
                 (QJsonObject{{u"type"_s, u"input_audio_buffer.append"_s}, {u"audio"_s, kPayload}}));
        QCOMPARE(parseJson(RealtimeProtocol::truncate(u"item_1", 1234)),
                 (QJsonObject{{u"type"_s, u"conversation.item.truncate"_s}, {u"item_id"_s, u"item_1"_s},
                              {u"content_index"_s, 0}, {u"audio_end_ms"_s, 1234}}));
    }

    void realtimeUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai") << u"https://api.openai.com/v1"_s << u"wss://api.openai.com/v1/realtime?model=gpt-realtime"_s;
        QTest::newRow("trailing slash") << u"https://api.openai.com/v1/"_s
                                        << u"wss://api.openai.com/v1/realtime?model=gpt-realtime"_s;
        QTest::newRow("local http") << u"http://127.0.0.1:9000/v1"_s << u"ws://127.0.0.1:9000/v1/realtime?model=gpt-realtime"_s;
    }

    void realtimeUrl()
    {
        QFETCH(QString, base);
        RealtimeSettings settings;
        settings.baseUrl = QUrl(base);
        QTEST(settings.realtimeUrl().toString(), "expected");
    }

    void defaultPrompts()
    {
        const QString call = PromptBuilder::defaultPrompt(PromptBuilder::Channel::Call);
        const QString whatsApp = PromptBuilder::defaultPrompt(PromptBuilder::Channel::WhatsApp);
        QVERIFY(call.contains(u"שיחת טלפון"_s));
        QVERIFY(whatsApp.contains(u"וואטסאפ"_s));
        QCOMPARE(PromptBuilder::compose(u"  Sell shoes.  "_s), u"Sell shoes."_s);
        QCOMPARE(PromptBuilder::compose(u"   "_s), call);
    }

    void mediaFrameCostWithQJsonDocument()
    {
        // For comparison: the same work through QJsonDocument (why FlatJson exists).
        const QString frame = u"{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                              "\"chunk\":\"1\",\"timestamp\":\"52\",\"payload\":\""_s
                              + QString::fromLatin1(QByteArray(160, '\x7f').toBase64()) + u"\"},\"streamSid\":\"MZ1\"}"_s;
        QBENCHMARK {
            const QJsonObject root = QJsonDocument::fromJson(frame.toUtf8()).object();
            const QJsonObject media = root.value(u"media"_s).toObject();
            const QString out = RealtimeProtocol::append(media.value(u"payload"_s).toString());
            Q_UNUSED(out);
        }
    }

    void mediaFrameCost()
    {
        // Frame in -> append out, the bridge's per-frame CPU work (DESIGN.md section 9 budget: 2 µs).
        const QString frame = u"{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                              "\"chunk\":\"1\",\"timestamp\":\"52\",\"payload\":\""_s
                              + QString::fromLatin1(QByteArray(160, '\x7f').toBase64()) + u"\"},\"streamSid\":\"MZ1\"}"_s;
        TwilioMediaMessage message;
        QBENCHMARK {
            TwilioMediaProtocol::parse(frame, message);
            const QString out = RealtimeProtocol::append(message.payload);
            Q_UNUSED(out);
        }
    }
};

QTEST_GUILESS_MAIN(TestMediaProtocol)
#include "tst_mediaprotocol.moc"
