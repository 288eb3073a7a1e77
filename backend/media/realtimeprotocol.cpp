#include "realtimeprotocol.h"

#include "flatjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sb {

QByteArray RealtimeProtocol::sessionUpdate(const RealtimeSessionSettings &settings)
{
    const QJsonObject pcmu{{u"type"_s, u"audio/pcmu"_s}};
    QJsonObject input{{u"format"_s, pcmu}, {u"turn_detection"_s, QJsonObject{{u"type"_s, u"server_vad"_s}}}};
    if (!settings.transcriptionModel.isEmpty())
        input.insert(u"transcription"_s, QJsonObject{{u"model"_s, settings.transcriptionModel}});
    const QJsonObject session{
        {u"type"_s, u"realtime"_s},
        {u"model"_s, settings.model},
        {u"output_modalities"_s, QJsonArray{u"audio"_s}},
        {u"audio"_s, QJsonObject{{u"input"_s, input},
                                  {u"output"_s, QJsonObject{{u"format"_s, pcmu}, {u"voice"_s, settings.voice}}}}},
        {u"instructions"_s, settings.instructions},
    };
    const QJsonObject event{{u"type"_s, u"session.update"_s}, {u"session"_s, session}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

std::array<QByteArrayView, 3> RealtimeProtocol::append(QByteArrayView payloadJson)
{
    return {R"({"type":"input_audio_buffer.append","audio":")", payloadJson, R"("})"};
}

QByteArray RealtimeProtocol::truncate(QByteArrayView itemId, qint64 audioEndMs)
{
    const QJsonObject event{{u"type"_s, u"conversation.item.truncate"_s},
                            {u"item_id"_s, QString::fromUtf8(itemId)},
                            {u"content_index"_s, 0},
                            {u"audio_end_ms"_s, qMax<qint64>(0, audioEndMs)}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

bool RealtimeProtocol::parse(QByteArrayView utf8, RealtimeEvent &event, const char *&error)
{
    FlatJson json;
    if (!json.parse(utf8)) {
        error = json.error();
        return false;
    }
    const FlatJson::Field *type = json.string({}, "type");
    if (!type) {
        error = "type is missing or not a string";
        return false;
    }
    const QByteArrayView name = type->raw;
    event.type = RealtimeEvent::Type::Other;
    event.delta = {};
    event.itemId = {};
    event.text.clear();
    if (name == "response.output_audio.delta" || name == "response.audio.delta") {
        const FlatJson::Field *delta = json.string({}, "delta");
        if (!delta) {
            error = "an audio delta without delta";
            return false;
        }
        event.type = RealtimeEvent::Type::AudioDelta;
        event.delta = delta->raw;
        if (const FlatJson::Field *item = json.string({}, "item_id"); item && !item->escaped)
            event.itemId = item->raw;
    } else if (name == "input_audio_buffer.speech_started") {
        event.type = RealtimeEvent::Type::SpeechStarted;
    } else if (name == "conversation.item.input_audio_transcription.completed"
               || name == "response.output_audio_transcript.done" || name == "response.audio_transcript.done") {
        const FlatJson::Field *transcript = json.string({}, "transcript");
        if (!transcript) {
            error = "a transcript event without transcript";
            return false;
        }
        event.type = name.startsWith("conversation.") ? RealtimeEvent::Type::CallerTranscript
                                                       : RealtimeEvent::Type::AgentTranscript;
        event.text = FlatJson::text(*transcript);
    } else if (name == "error") {
        event.type = RealtimeEvent::Type::Error;
        const FlatJson::Field *code = json.string("error", "code");
        const FlatJson::Field *message = json.string("error", "message");
        event.text = (code ? FlatJson::text(*code) : u"error"_s) + u": "_s
                     + (message ? FlatJson::text(*message) : u"(no message)"_s);
    }
    error = nullptr;
    return true;
}

} // namespace sb
