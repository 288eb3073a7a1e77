#include "twiliomediaprotocol.h"

#include "flatjson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

using namespace Qt::StringLiterals;

namespace sb {

namespace {

using Message = TwilioMediaMessage;

/// A string or number field holding a non-negative integer (Twilio sends them as strings).
bool integerField(const FlatJson::Field *field, qint64 &out)
{
    if (!field)
        return true;
    if (field->kind != FlatJson::Kind::String && field->kind != FlatJson::Kind::Number)
        return false;
    const QByteArrayView raw = field->raw;
    if (raw.isEmpty() || raw.size() > 15)
        return false;
    qint64 value = 0;
    for (const char c : raw) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

Message::Event eventOf(QByteArrayView name)
{
    if (name == "media")
        return Message::Event::Media;
    if (name == "start")
        return Message::Event::Start;
    if (name == "mark")
        return Message::Event::Mark;
    if (name == "dtmf")
        return Message::Event::Dtmf;
    if (name == "stop")
        return Message::Event::Stop;
    if (name == "connected")
        return Message::Event::Connected;
    return Message::Event::Unknown;
}

/// An optional string member: absent is fine, present must be a string.
bool optionalString(const QJsonObject &object, QLatin1StringView key, QString &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    out = value.toString();
    return true;
}

TwilioMediaParse parseStart(const QJsonObject &root, Message &message)
{
    const QJsonValue startValue = root.value("start"_L1);
    if (!startValue.isObject())
        return {"start: the start object is missing"};
    const QJsonObject start = startValue.toObject();
    if (!start.value("callSid"_L1).isString())
        return {"start: callSid is missing or not a string"};
    message.callSid = start.value("callSid"_L1).toString();
    if (!TwilioMediaProtocol::isSafeToken(message.callSid))
        return {"start: callSid is not a SID"};
    QString streamSid;
    if (!optionalString(start, "streamSid"_L1, streamSid) || !optionalString(root, "streamSid"_L1, message.streamSid))
        return {"start: streamSid is not a string"};
    if (message.streamSid.isEmpty())
        message.streamSid = streamSid;
    if (!TwilioMediaProtocol::isSafeToken(message.streamSid))
        return {"start: streamSid is missing or not a SID"};
    if (!optionalString(start, "accountSid"_L1, message.accountSid))
        return {"start: accountSid is not a string"};
    const QJsonValue tracks = start.value("tracks"_L1);
    if (!tracks.isUndefined()) {
        if (!tracks.isArray())
            return {"start: tracks is not an array"};
        for (const QJsonValue &track : tracks.toArray()) {
            if (!track.isString())
                return {"start: a track is not a string"};
            message.tracks.append(track.toString());
        }
    }
    const QJsonValue format = start.value("mediaFormat"_L1);
    if (!format.isUndefined()) {
        if (!format.isObject())
            return {"start: mediaFormat is not an object"};
        const QJsonObject formatObject = format.toObject();
        if (!optionalString(formatObject, "encoding"_L1, message.encoding))
            return {"start: mediaFormat.encoding is not a string"};
        const QJsonValue rate = formatObject.value("sampleRate"_L1);
        if (!rate.isUndefined() && !rate.isDouble())
            return {"start: mediaFormat.sampleRate is not a number"};
        message.sampleRate = rate.toInt();
    }
    const QJsonValue parameters = start.value("customParameters"_L1);
    if (!parameters.isUndefined()) {
        if (!parameters.isObject())
            return {"start: customParameters is not an object"};
        message.customParameters = parameters.toObject();
    }
    return {};
}

} // namespace

TwilioMediaParse TwilioMediaProtocol::parse(QByteArrayView utf8, TwilioMediaMessage &message)
{
    FlatJson json;
    if (!json.parse(utf8))
        return {json.error()};
    const FlatJson::Field *event = json.string({}, "event");
    if (!event)
        return {"event is missing or not a string"};
    message.event = eventOf(event->raw);
    message.sequenceNumber = -1;
    if (!integerField(json.find("sequenceNumber"), message.sequenceNumber))
        return {"sequenceNumber is not a number"};

    if (message.event == Message::Event::Media) {
        // The hot path: no allocation, every field read from the scan.
        const FlatJson::Field *media = json.find("media");
        if (!media || media->kind != FlatJson::Kind::Object)
            return {"media: the media object is missing"};
        const FlatJson::Field *payload = json.string("media", "payload");
        if (!payload)
            return {"media: payload is missing or not a string"};
        if (payload->escaped || !isBase64(payload->raw))
            return {"media: payload is not base64"};
        message.payload = payload->raw;
        message.timestampMs = -1;
        if (!integerField(json.find("media", "timestamp"), message.timestampMs))
            return {"media: timestamp is not a number"};
        const FlatJson::Field *track = json.find("media", "track");
        if (track && track->kind != FlatJson::Kind::String)
            return {"media: track is not a string"};
        message.outboundTrack = track && track->raw == "outbound";
        return {};
    }

    // Every other event is rare: decode it fully.
    // Decoded into the message's own strings: a mark echoed per AI audio delta allocates nothing.
    message.payload = {};
    if (const FlatJson::Field *sid = json.find("streamSid")) {
        if (sid->kind != FlatJson::Kind::String)
            return {"streamSid is not a string"};
        FlatJson::text(*sid, message.streamSid);
    } else {
        message.streamSid.clear();
    }
    switch (message.event) {
    case Message::Event::Start: {
        message.callSid.clear();
        message.accountSid.clear();
        message.tracks.clear();
        message.encoding.clear();
        message.sampleRate = 0;
        message.customParameters = {};
        const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray());
        return parseStart(document.object(), message);
    }
    case Message::Event::Dtmf: {
        const FlatJson::Field *digit = json.string("dtmf", "digit");
        if (!digit)
            return {"dtmf: digit is missing or not a string"};
        FlatJson::text(*digit, message.digit);
        return {};
    }
    case Message::Event::Mark: {
        const FlatJson::Field *name = json.string("mark", "name");
        if (!name)
            return {"mark: name is missing or not a string"};
        FlatJson::text(*name, message.markName);
        return {};
    }
    case Message::Event::Stop: {
        const FlatJson::Field *stop = json.find("stop");
        if (stop && stop->kind != FlatJson::Kind::Object)
            return {"stop: stop is not an object"};
        return {};
    }
    case Message::Event::Connected:
    case Message::Event::Unknown:
    case Message::Event::Media:
        return {};
    }
    return {};
}

std::array<QByteArrayView, 5> TwilioMediaProtocol::media(QByteArrayView streamSid, QByteArrayView payloadJson)
{
    return {R"({"event":"media","streamSid":")", streamSid, R"(","media":{"payload":")", payloadJson, R"("}})"};
}

std::array<QByteArrayView, 5> TwilioMediaProtocol::mark(QByteArrayView streamSid, QByteArrayView name)
{
    return {R"({"event":"mark","streamSid":")", streamSid, R"(","mark":{"name":")", name, R"("}})"};
}

std::array<QByteArrayView, 3> TwilioMediaProtocol::clear(QByteArrayView streamSid)
{
    return {R"({"event":"clear","streamSid":")", streamSid, R"("})"};
}

bool TwilioMediaProtocol::isBase64(QByteArrayView text)
{
    const qsizetype size = text.size();
    if (size % 4 != 0)
        return false;
    qsizetype padding = 0;
    if (size >= 1 && text[size - 1] == '=')
        padding = (size >= 2 && text[size - 2] == '=') ? 2 : 1;
    // A table, branch-free per byte: this runs over every media frame's ~200-byte payload.
    static constexpr auto alphabet = [] {
        std::array<bool, 256> table{};
        for (int c = 'A'; c <= 'Z'; ++c)
            table[size_t(c)] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            table[size_t(c)] = true;
        for (int c = '0'; c <= '9'; ++c)
            table[size_t(c)] = true;
        table['+'] = table['/'] = true;
        return table;
    }();
    const char *data = text.data();
    qsizetype i = 0;
#if defined(__SSE2__)
    // Sixteen bytes per step. Signed compares: a byte ≥ 0x80 is negative and fails every range.
    const auto inRange = [](__m128i v, char low, char high) {
        return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(char(low - 1))),
                             _mm_cmplt_epi8(v, _mm_set1_epi8(char(high + 1))));
    };
    for (; i + 16 <= size - padding; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + i));
        const __m128i good = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(inRange(v, 'A', 'Z'), inRange(v, 'a', 'z')), inRange(v, '0', '9')),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('+')), _mm_cmpeq_epi8(v, _mm_set1_epi8('/'))));
        if (_mm_movemask_epi8(good) != 0xFFFF)
            return false;
    }
#endif
    bool ok = true;
    for (; i < size - padding; ++i)
        ok &= alphabet[static_cast<unsigned char>(data[i])];
    return ok;
}

bool TwilioMediaProtocol::isSafeToken(QStringView text)
{
    if (text.isEmpty() || text.size() > 64)
        return false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'-'))
            return false;
    }
    return true;
}

} // namespace sb
