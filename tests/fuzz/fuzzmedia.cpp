// Media Streams and Realtime frames: the FlatJson scanner (checked against QJsonDocument), the
// Twilio Media Streams messages and the Realtime server events.
#include "fuzzcheck.h"
#include "fuzztargets.h"

#include "media/flatjson.h"
#include "media/realtimeprotocol.h"
#include "media/twiliomediaprotocol.h"
#include "media/websocketframes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace sb::fuzz {

namespace {

void jsonCheck(bool ok, const char *what)
{
    check(ok, "flatjson", what);
}

void mediaCheck(bool ok, const char *what)
{
    check(ok, "twiliomedia", what);
}

void realtimeCheck(bool ok, const char *what)
{
    check(ok, "realtimeevents", what);
}

/// Whether the bytes are valid UTF-8: what QJsonDocument reads, and what a WebSocket text
/// message always is. The parsers are fed any bytes; they are compared only on these.
bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes); // decodes only when made a QString
    return !decoder.hasError();
}

bool sameKind(FlatJson::Kind kind, const QJsonValue &value)
{
    switch (kind) {
    case FlatJson::Kind::String: return value.isString();
    case FlatJson::Kind::Number: return value.isDouble();
    case FlatJson::Kind::Bool: return value.isBool();
    case FlatJson::Kind::Null: return value.isNull();
    case FlatJson::Kind::Object: return value.isObject();
    case FlatJson::Kind::Array: return value.isArray();
    }
    return false;
}

/// The members FlatJson recorded under @p parent agree with @p object, QJsonDocument's reading.
void compareMembers(const FlatJson &json, QByteArrayView parent, const QJsonObject &object)
{
    QSet<QByteArray> recorded;
    bool duplicates = false;
    for (int i = 0; i < json.fieldCount(); ++i) {
        const FlatJson::Field &field = json.field(i);
        if (field.parent != parent || field.parent.isNull() != parent.isNull())
            continue;
        duplicates = duplicates || recorded.contains(field.key.toByteArray());
        recorded.insert(field.key.toByteArray());
        jsonCheck(object.contains(QString::fromUtf8(field.key)), "a member recorded where QJsonDocument has none of that name");
    }
    // Duplicate keys: QJsonDocument keeps the last, find() the first, and both objects' members
    // are recorded under their name; compare values only when every member was recorded, once.
    if (json.truncated() || duplicates || recorded.size() != object.size())
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const FlatJson::Field *field = json.find(parent, key);
        jsonCheck(field, "a member QJsonDocument read that FlatJson did not record");
        jsonCheck(sameKind(field->kind, it.value()), "a member read as another kind than QJsonDocument's");
        if (field->kind == FlatJson::Kind::String)
            jsonCheck(FlatJson::text(*field) == it.value().toString(), "a string decoded unlike QJsonDocument");
        if (field->kind == FlatJson::Kind::Object && parent.isNull())
            compareMembers(json, field->key, it.value().toObject());
    }
}

bool referenceBase64(QByteArrayView bytes)
{
    static const QRegularExpression base64(
        QStringLiteral("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\\z"));
    return base64.match(QString::fromLatin1(bytes)).hasMatch(); // one character per byte
}

} // namespace

void flatJson(const uint8_t *data, size_t size)
{
    const QByteArray bytes = inputBytes(data, size);
    FlatJson json;
    const bool ok = json.parse(bytes);
    jsonCheck(ok == (json.error() == nullptr), "an error without a failure, or a failure without an error");
    jsonCheck(json.fieldCount() <= FlatJson::kMaxFields, "more fields than there is room for");
    for (int i = 0; ok && i < json.fieldCount(); ++i) {
        const FlatJson::Field &field = json.field(i);
        jsonCheck(isViewInto(field.parent, bytes) && isViewInto(field.key, bytes) && isViewInto(field.raw, bytes),
                  "a view outside the text");
        if (field.kind == FlatJson::Kind::String)
            FlatJson::text(field);
    }
    if (!isUtf8(bytes) || (!ok && qstrcmp(json.error(), "JSON nested too deeply") == 0))
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    const bool qtOk = error.error == QJsonParseError::NoError && document.isObject();
    // FlatJson never accepts what QJsonDocument refuses. The other way round QJsonDocument is
    // lenient (raw control characters, unknown escapes like `\w`, numbers like `0.` and `.5`), so a
    // refusal is only checked to be of the spelling: the same document as Qt writes it is accepted.
    // (Numbers beyond a double, like 1e999, are valid JSON that QJsonDocument refuses.)
    const bool beyondDouble = error.error == QJsonParseError::IllegalNumber
                              && (bytes.contains('e') || bytes.contains('E') || bytes.size() > 300);
    jsonCheck(!ok || qtOk || beyondDouble, "FlatJson accepted what QJsonDocument refuses");
    if (!ok || !qtOk) {
        if (!ok && qtOk) {
            FlatJson canonical;
            jsonCheck(canonical.parse(document.toJson(QJsonDocument::Compact))
                          || qstrcmp(canonical.error(), "JSON nested too deeply") == 0,
                      "FlatJson refused a JSON object as QJsonDocument writes it");
        }
        return;
    }
    compareMembers(json, {}, document.object());
}

void twilioMedia(const uint8_t *data, size_t size)
{
    const QByteArray frame = inputBytes(data, size);
    mediaCheck(TwilioMediaProtocol::isBase64(frame) == referenceBase64(frame), "isBase64() disagrees with the grammar");
    TwilioMediaMessage message;
    const TwilioMediaParse parsed = TwilioMediaProtocol::parse(frame, message);
    if (!parsed)
        return;
    const QByteArrayView streamSid = "MZ0123456789abcdef0123456789abcdef";
    switch (message.event) {
    case TwilioMediaMessage::Event::Media: {
        mediaCheck(isViewInto(message.payload, frame), "the payload is not a view into the frame");
        mediaCheck(referenceBase64(message.payload), "a media payload that is not base64");
        const QByteArray echoed = joinParts(TwilioMediaProtocol::media(streamSid, message.payload));
        TwilioMediaMessage again;
        mediaCheck(TwilioMediaProtocol::parse(echoed, again) && again.event == TwilioMediaMessage::Event::Media
                       && again.payload == message.payload,
                   "the media frame we send does not read back");
        break;
    }
    case TwilioMediaMessage::Event::Start:
        mediaCheck(TwilioMediaProtocol::isSafeToken(message.callSid) && TwilioMediaProtocol::isSafeToken(message.streamSid),
                   "a start without safe SIDs");
        break;
    case TwilioMediaMessage::Event::Mark:
        if (TwilioMediaProtocol::isSafeToken(message.markName)) {
            TwilioMediaMessage again;
            mediaCheck(TwilioMediaProtocol::parse(joinParts(TwilioMediaProtocol::mark(streamSid, message.markName.toUtf8())), again)
                           && again.event == TwilioMediaMessage::Event::Mark && again.markName == message.markName
                           && again.streamSid == QString::fromLatin1(streamSid),
                       "the mark we send does not read back");
        }
        break;
    default:
        break;
    }
}

void realtimeEvents(const uint8_t *data, size_t size)
{
    const QByteArray frame = inputBytes(data, size);
    RealtimeEvent event;
    const char *error = nullptr;
    const bool ok = RealtimeProtocol::parse(frame, event, error);
    realtimeCheck(ok == (error == nullptr), "a result that disagrees with its error");
    if (!ok)
        return;
    realtimeCheck(isViewInto(event.delta, frame) && isViewInto(event.itemId, frame), "a view outside the frame");
    // A text message from the AI is UTF-8 (the reader checks it): only then are its parts
    // forwarded as they are.
    if (event.type == RealtimeEvent::Type::AudioDelta && isUtf8(frame)) {
        // The delta is forwarded to Twilio as JSON string content: it must stay valid JSON there.
        const QByteArray forwarded = joinParts(TwilioMediaProtocol::media("MZ0", event.delta));
        realtimeCheck(QJsonDocument::fromJson(forwarded).isObject(), "a forwarded delta breaks the JSON");
        if (!event.itemId.isEmpty()) {
            const QJsonObject truncate = QJsonDocument::fromJson(RealtimeProtocol::truncate(event.itemId, 0)).object();
            realtimeCheck(truncate.value(u"item_id").toString() == QString::fromUtf8(event.itemId),
                          "truncate() names another item");
        }
    }
    if (event.type == RealtimeEvent::Type::Error)
        realtimeCheck(!event.text.isEmpty(), "an error event without text");
}

} // namespace sb::fuzz
