#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <array>

namespace sb {

/**
 * @brief One message Twilio sends on a Media Stream (twilio-protocol.md section 5).
 *
 * Tolerant of fields and events it does not know (an unknown event parses as Unknown), strict
 * on what it needs: malformed JSON, a missing or mistyped required field, or a non-base64 audio
 * payload is an error. For `media`, the payload is a view into the frame's UTF-8 text (no copy):
 * it is valid only while that text lives.
 */
struct TwilioMediaMessage
{
    enum class Event { Connected, Start, Media, Dtmf, Mark, Stop, Unknown };

    Event event = Event::Unknown;
    QString streamSid;          ///< empty on `connected`; not filled for `media` (hot path)
    qint64 sequenceNumber = -1; ///< -1 when absent

    // start
    QString callSid;
    QString accountSid;
    QStringList tracks;
    QString encoding;
    int sampleRate = 0;
    QJsonObject customParameters;

    // media
    QByteArrayView payload; ///< base64 µ-law, exactly as sent
    qint64 timestampMs = -1;
    bool outboundTrack = false;

    // dtmf / mark
    QString digit;
    QString markName;
};

/// The result of parsing one frame: an error text (a WebSocket close reason) or the message.
struct TwilioMediaParse
{
    const char *error = nullptr; ///< nullptr on success
    explicit operator bool() const { return error == nullptr; }
};

/**
 * @brief Parses and serialises the Media Streams messages, in UTF-8.
 *
 * The messages we send come as the parts of one text frame, to be written one after the other
 * (WebSocketConnection::sendTextParts): the views point into @p streamSid and the other
 * arguments, and into static text.
 */
class TwilioMediaProtocol
{
public:
    /// Parses @p utf8 into @p message (reused between frames to avoid allocations).
    static TwilioMediaParse parse(QByteArrayView utf8, TwilioMediaMessage &message);

    /// `{"event":"media","streamSid":…,"media":{"payload":…}}`; @p payloadJson is JSON string content.
    static std::array<QByteArrayView, 5> media(QByteArrayView streamSid, QByteArrayView payloadJson);
    /// `{"event":"mark","streamSid":…,"mark":{"name":…}}`; @p name is JSON string content.
    static std::array<QByteArrayView, 5> mark(QByteArrayView streamSid, QByteArrayView name);
    static std::array<QByteArrayView, 3> clear(QByteArrayView streamSid);

    /// Base64 (standard alphabet, `=` padding, length a multiple of 4).
    static bool isBase64(QByteArrayView text);
    /// Twilio SIDs and mark names we echo back: letters, digits, `_` and `-`, 1–64 characters.
    static bool isSafeToken(QStringView text);
};

} // namespace sb
