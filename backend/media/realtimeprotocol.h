#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>

namespace sb {

/// What a Realtime session is opened with (twilio-protocol.md section 9.2).
struct RealtimeSessionSettings
{
    QString model;
    QString voice;
    QString transcriptionModel;
    QString instructions;
};

/// One event from the Realtime server, reduced to what the bridge acts on.
struct RealtimeEvent
{
    enum class Type {
        AudioDelta,       ///< response.output_audio.delta (GA) or response.audio.delta (beta)
        SpeechStarted,    ///< input_audio_buffer.speech_started
        CallerTranscript, ///< conversation.item.input_audio_transcription.completed
        AgentTranscript,  ///< response.output_audio_transcript.done (GA) or response.audio_transcript.done
        Error,            ///< error
        Other,            ///< anything else (session.created, response.done, …): ignored
    };

    Type type = Type::Other;
    QByteArrayView delta;  ///< AudioDelta: base64 µ-law as JSON string content (a view into the text)
    QByteArrayView itemId; ///< AudioDelta: the assistant item (a view into the text; empty if escaped)
    QString text;       ///< transcripts: the words; Error: the error's code and message
};

/// Serialises the client events the bridge sends and parses the server events it receives, in UTF-8.
class RealtimeProtocol
{
public:
    /// GA `session.update`: audio/pcmu both ways, server VAD, the voice, input transcription on.
    static QByteArray sessionUpdate(const RealtimeSessionSettings &settings);
    /// The parts of one text frame (see TwilioMediaProtocol):
    /// `{"type":"input_audio_buffer.append","audio":…}` with @p payloadJson (JSON string content) unchanged.
    static std::array<QByteArrayView, 3> append(QByteArrayView payloadJson);
    /// @p itemId as RealtimeEvent::itemId has it (unescaped JSON string content, UTF-8).
    static QByteArray truncate(QByteArrayView itemId, qint64 audioEndMs);

    /// False (with @p error) for a frame that is not a JSON object with a string `type`.
    static bool parse(QByteArrayView utf8, RealtimeEvent &event, const char *&error);
};

} // namespace sb
