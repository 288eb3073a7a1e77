#include "media/flatjson.h"
#include "media/promptbuilder.h"
#include "media/realtimebridge.h"
#include "media/realtimeprotocol.h"
#include "media/twiliomediaprotocol.h"
#include "media/websocketframes.h"

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

QJsonObject parseJson(const QByteArray &utf8)
{
    return QJsonDocument::fromJson(utf8).object();
}

template<size_t N>
QJsonObject parseJson(const std::array<QByteArrayView, N> &parts)
{
    return QJsonDocument::fromJson(joinParts(parts)).object();
}

const QByteArray kPayload = "fn5+fn5+fn5+/w==";

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
        const QByteArray utf8 = frame.toUtf8();
        const TwilioMediaParse parsed = TwilioMediaProtocol::parse(utf8, message);
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
            QCOMPARE(message.payload.toByteArray(), kPayload);
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
            "\"customParameters\":{\"callId\":\"abc\\u00e9\",\"שם\":\"דנה\"}},\"streamSid\":\"MZ1\"}"_s.toUtf8(),
            message));
        QCOMPARE(message.accountSid, u"AC9"_s);
        QCOMPARE(message.tracks, QStringList{u"inbound"_s});
        QCOMPARE(message.encoding, u"audio/x-mulaw"_s);
        QCOMPARE(message.sampleRate, 8000);
        QCOMPARE(message.customParameters.value(u"callId"_s).toString(), u"abcé"_s);
        QCOMPARE(message.customParameters.value(u"שם"_s).toString(), u"דנה"_s);
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
        QTest::newRow("payload with a non-ASCII letter")
            << u"{\"event\":\"media\",\"media\":{\"payload\":\"AAש\"}}"_s; // 4 bytes
        QTest::newRow("non-breaking space between members") << u"{\"event\":\"stop\",\u00a0\"x\":1}"_s;
    }

    void twilioMalformed()
    {
        QFETCH(QString, frame);
        TwilioMediaMessage message;
        const TwilioMediaParse parsed = TwilioMediaProtocol::parse(frame.toUtf8(), message);
        QVERIFY(!parsed);
        QVERIFY(qstrlen(parsed.error) > 0);
    }

    void twilioSerialise()
    {
        const QJsonObject media = parseJson(TwilioMediaProtocol::media("MZ1", kPayload));
        QCOMPARE(media, parseJson(u"{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"%1\"}}"_s
                                      .arg(QString::fromLatin1(kPayload))));
        QCOMPARE(parseJson(TwilioMediaProtocol::mark("MZ1", "sb1")),
                 parseJson(u"{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"sb1\"}}"_s));
        QCOMPARE(parseJson(TwilioMediaProtocol::clear("MZ1")), parseJson(u"{\"event\":\"clear\",\"streamSid\":\"MZ1\"}"_s));
        // What we send reads back through our own parser.
        TwilioMediaMessage message;
        const QByteArray sent = joinParts(TwilioMediaProtocol::media("MZ1", kPayload)); // the message views it
        QVERIFY(TwilioMediaProtocol::parse(sent, message));
        QCOMPARE(message.payload.toByteArray(), kPayload);
        QVERIFY(TwilioMediaProtocol::parse(joinParts(TwilioMediaProtocol::mark("MZ1", "sb1")), message));
        QCOMPARE(message.markName, u"sb1"_s);
    }

    void base64AtEveryPosition_data()
    {
        // The scan takes several bytes per step: a bad one must be caught wherever it sits. Bytes
        // ≥ 0x80 that are a base64 character with the top bit set must fail too.
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        const QByteArray good = QByteArray(150, '\x7f').toBase64(); // 200 bytes
        QTest::newRow("good") << good << true;
        QTest::newRow("padding 1") << QByteArray(20, 'x').toBase64() << true;
        QTest::newRow("padding 2") << QByteArray(22, 'x').toBase64() << true;
        for (const int bad : std::initializer_list<int>{'$', '=', '-', '@', '[', '`', '{', 0x00, 0x80, 0xC1 /* 'A' | 0x80 */, 0xE1 /* 'a' */,
                              0xB0 /* '0' */, 0xAB /* '+' */, 0xAF /* '/' */, 0xFF}) {
            for (const qsizetype at : {0, 7, 8, 9, 15, 16, 17, 100, 195, 199}) {
                QByteArray text = good;
                text[at] = char(bad);
                QTest::addRow("0x%02x at %lld", unsigned(bad), qlonglong(at)) << text << (bad == '=' && at == 199);
            }
        }
    }

    void base64AtEveryPosition()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(TwilioMediaProtocol::isBase64(text), valid);
    }

    void flatJsonStringEndsAtEveryPosition_data()
    {
        // Quotes, backslashes and control characters found at every offset of a long string
        // (the scan takes 16 bytes a step), and UTF-8 bytes that only look like them in their low
        // seven bits passed over: U+2022 (E2 80 A2), U+015C (C5 9C), U+0122 (C4 A2), U+0722
        // (DC A2: '\\' and '"' with the top bit), U+0801 (E0 A0 81: a control byte with it).
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("value");
        const QString lookAlikes = u"\u2022\u015c\u0122\u0722\u0801b"_s;
        for (qsizetype at = 0; at < 40; ++at) {
            const QString before(at, u'a');
            QTest::addRow("quote after %lld", qlonglong(at))
                << u"{\"k\":\"%1\",\"n\":1}"_s.arg(before).toUtf8() << true << before;
            QTest::addRow("escape after %lld", qlonglong(at))
                << u"{\"k\":\"%1\\\"b\"}"_s.arg(before).toUtf8() << true << before + u"\"b"_s;
            QTest::addRow("control after %lld", qlonglong(at))
                << u"{\"k\":\"%1\u0001b\"}"_s.arg(before).toUtf8() << false << QString();
            QTest::addRow("look-alikes after %lld", qlonglong(at))
                << u"{\"k\":\"%1%2\"}"_s.arg(before, lookAlikes).toUtf8() << true << before + lookAlikes;
        }
        QTest::addRow("unterminated long") << u"{\"k\":\"%1"_s.arg(QString(40, u'a')).toUtf8() << false << QString();
        QTest::addRow("DEL is not a control character") << QByteArray("{\"k\":\"a\x7f\"}") << true << u"a\x7f"_s;
        QTest::addRow("0x1F is") << QByteArray("{\"k\":\"a\x1f\"}") << false << QString();
    }

    void flatJsonStringEndsAtEveryPosition()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, valid);
        QFETCH(QString, value);
        FlatJson json;
        QCOMPARE(json.parse(frame), valid);
        if (valid) {
            const FlatJson::Field *k = json.string({}, "k");
            QVERIFY(k);
            QCOMPARE(FlatJson::text(*k), value);
        }
    }

    void flatJsonBeyondAscii()
    {
        // UTF-8 in keys and strings, escaped and not: keys compare as bytes, text() decodes.
        FlatJson json;
        const QByteArray frame = u"{\"שם\":\"דנה 👋\",\"e\":\"ש\\n\\u05dd\\ud83d\\udc4bé\",\"o\":{\"מפתח\":[1,\"ü\"]}}"_s.toUtf8();
        QVERIFY2(json.parse(frame), json.error());
        const FlatJson::Field *name = json.string({}, u"שם"_s.toUtf8());
        QVERIFY(name && !name->escaped);
        QCOMPARE(name->raw.toByteArray(), u"דנה 👋"_s.toUtf8());
        QCOMPARE(FlatJson::text(*name), u"דנה 👋"_s);
        const FlatJson::Field *escaped = json.string({}, "e");
        QVERIFY(escaped && escaped->escaped);
        QCOMPARE(FlatJson::text(*escaped), u"ש\nם👋é"_s);
        // Into a string that has the room: in place, as the hot path's mark echoes do.
        QString reused(64, u'x');
        const QChar *memory = reused.constData();
        FlatJson::text(*escaped, reused);
        QCOMPARE(reused, u"ש\nם👋é"_s);
        QCOMPARE(reused.constData(), memory);
        FlatJson::text(*name, reused);
        QCOMPARE(reused, u"דנה 👋"_s);
        QCOMPARE(reused.constData(), memory);
        const FlatJson::Field *nested = json.find("o", u"מפתח"_s.toUtf8());
        QVERIFY(nested);
        QCOMPARE(nested->kind, FlatJson::Kind::Array);
    }

    void flatJsonInvalidBytesDoNotConfuseTheStructure_data()
    {
        // Not UTF-8 (a WebSocket reader refuses it before us; fuzzers do not): inside a string
        // such bytes are passed over, never taken for a quote or a backslash, and never make
        // the scanner skip the byte after them; outside one they are an error.
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("raw"); // of "k"
        QTest::newRow("0xFF 0xFE in a string") << QByteArray("{\"k\":\"\xff\xfe\",\"n\":1}") << true
                                               << QByteArray("\xff\xfe");
        QTest::newRow("a lead byte before the closing quote") << QByteArray("{\"k\":\"\xc3\",\"n\":1}") << true
                                                              << QByteArray("\xc3");
        QTest::newRow("a lead byte before an escape") << QByteArray("{\"k\":\"\xe0\\\"\",\"n\":1}") << true
                                                      << QByteArray("\xe0\\\"");
        QTest::newRow("a lead byte before an escaped quote, then the end")
            << QByteArray("{\"k\":\"\xe0\\\"}") << false << QByteArray();
        QTest::newRow("overlong quote (C0 A2)") << QByteArray("{\"k\":\"\xc0\xa2\",\"n\":1}") << true
                                                << QByteArray("\xc0\xa2");
        QTest::newRow("lone continuation bytes in a key") << QByteArray("{\"\x80\xbf\":1,\"k\":\"v\",\"n\":1}") << true
                                                          << QByteArray("v");
        QTest::newRow("0xA0 after a value") << QByteArray("{\"k\":1\xa0,\"n\":1}") << false << QByteArray();
        QTest::newRow("non-breaking space as whitespace") << QByteArray("{\xc2\xa0\"k\":\"v\",\"n\":1}") << false
                                                          << QByteArray();
        QTest::newRow("0xFF as a value") << QByteArray("{\"k\":\xff,\"n\":1}") << false << QByteArray();
        QTest::newRow("0xA2 for a quote") << QByteArray("{\"k\":\xa2v\xa2,\"n\":1}") << false << QByteArray();
        QTest::newRow("0xFB for a brace") << QByteArray("{\"k\":\"v\",\"n\":1\xfd") << false << QByteArray();
        QTest::newRow("a NUL byte in a string") << QByteArray("{\"k\":\"a\0b\",\"n\":1}", 17) << false << QByteArray();
    }

    void flatJsonInvalidBytesDoNotConfuseTheStructure()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, valid);
        FlatJson json;
        QCOMPARE(json.parse(frame), valid);
        QCOMPARE(json.error() == nullptr, valid);
        if (!valid)
            return;
        const FlatJson::Field *k = json.string({}, "k");
        QVERIFY(k);
        QTEST(k->raw.toByteArray(), "raw");
        (void)FlatJson::text(*k); // decodes what it can, U+FFFD for the rest
        const FlatJson::Field *n = json.find("n");
        QVERIFY(n);
        QCOMPARE(n->kind, FlatJson::Kind::Number);
        QCOMPARE(n->raw.toByteArray(), QByteArray("1"));
    }

    void flatJsonEscapes()
    {
        FlatJson json;
        QVERIFY(json.parse("{\"a\":\"x\\\"y\\\\z\\/\\n\\u00e9\",\"b\":{\"c\":\"d\",\"e\":{\"f\":\"g\"}}}"));
        const FlatJson::Field *a = json.string({}, "a");
        QVERIFY(a && a->escaped);
        QCOMPARE(FlatJson::text(*a), u"x\"y\\z/\né"_s);
        QVERIFY(json.string("b", "c"));
        QVERIFY(!json.find("e", "f")); // only two levels are recorded
        QCOMPARE(json.find("b", "e")->kind, FlatJson::Kind::Object);
    }

    void flatJsonEmptyKeyIsNotTheTopLevel()
    {
        // Found by fuzz_flatjson: the members of {"": {...}} were found as top-level members.
        FlatJson json;
        QVERIFY(json.parse("{\"\":{\"event\":\"stop\",\"k\":1},\"event\":\"media\"}"));
        QCOMPARE(json.string({}, "event")->raw.toByteArray(), QByteArray("media"));
        QVERIFY(!json.find("k"));
        QCOMPARE(json.find("", "k")->kind, FlatJson::Kind::Number);

        TwilioMediaMessage message;
        QVERIFY(!TwilioMediaProtocol::parse("{\"\":{\"event\":\"stop\"},\"event\":\"media\"}", message));
        QVERIFY(TwilioMediaProtocol::parse(
            "{\"\":{\"event\":\"stop\"},\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}}", message));
        QCOMPARE(message.event, TwilioMediaMessage::Event::Media);
    }

    void flatJsonMembersUnderAnEscapedKeyAreNotTopLevel()
    {
        // Found by fuzz_flatjson: an escaped top-level key is not recorded, and the members of
        // its object were recorded as top-level members.
        FlatJson json;
        QVERIFY(json.parse("{\"a\\nb\":{\"event\":\"stop\",\"k\":1},\"event\":\"media\"}"));
        QCOMPARE(json.string({}, "event")->raw.toByteArray(), QByteArray("media"));
        QVERIFY(!json.find("k"));
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
        const QByteArray utf8 = frame.toUtf8();
        RealtimeEvent event;
        const char *error = nullptr;
        QVERIFY2(RealtimeProtocol::parse(utf8, event, error), error);
        QTEST(event.type, "type");
        QTEST(event.text, "text");
        if (event.type == RealtimeEvent::Type::AudioDelta) {
            QCOMPARE(event.delta.toByteArray(), QByteArray("AAAA"));
            QCOMPARE(event.itemId.toByteArray(), QByteArray("i1"));
            QVERIFY(event.delta.data() >= utf8.data() && event.delta.data() < utf8.data() + utf8.size()); // a view
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
        QVERIFY(!RealtimeProtocol::parse(frame.toUtf8(), event, error));
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
                 (QJsonObject{{u"type"_s, u"input_audio_buffer.append"_s}, {u"audio"_s, QString::fromLatin1(kPayload)}}));
        QCOMPARE(parseJson(RealtimeProtocol::truncate(u"item_ש"_s.toUtf8(), 1234)).value(u"item_id"_s).toString(),
                 u"item_ש"_s);
        QCOMPARE(parseJson(RealtimeProtocol::truncate("item_1", 1234)),
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
        const QByteArray frame = "{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                                 "\"chunk\":\"1\",\"timestamp\":\"52\",\"payload\":\""
                                 + QByteArray(160, '\x7f').toBase64() + "\"},\"streamSid\":\"MZ1\"}";
        QByteArray out;
        QBENCHMARK {
            const QJsonObject root = QJsonDocument::fromJson(frame).object();
            const QJsonObject media = root.value(u"media"_s).toObject();
            out.resize(0);
            WebSocketWriter::appendFrameParts(out, WebSocketCode::Text,
                                              RealtimeProtocol::append(media.value(u"payload"_s).toString().toUtf8()),
                                              0x12345678u);
        }
    }

    void mediaFrameCost()
    {
        // Frame in -> append frame out, the bridge's per-frame CPU work (DESIGN.md section 9 budget: 2 µs).
        const QByteArray frame = "{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                                 "\"chunk\":\"1\",\"timestamp\":\"52\",\"payload\":\""
                                 + QByteArray(160, '\x7f').toBase64() + "\"},\"streamSid\":\"MZ1\"}";
        TwilioMediaMessage message;
        QByteArray out;
        QBENCHMARK {
            TwilioMediaProtocol::parse(frame, message);
            out.resize(0); // the connection's buffer keeps its capacity the same way
            WebSocketWriter::appendFrameParts(out, WebSocketCode::Text, RealtimeProtocol::append(message.payload),
                                              0x12345678u);
        }
    }
};

QTEST_GUILESS_MAIN(TestMediaProtocol)
#include "tst_mediaprotocol.moc"
