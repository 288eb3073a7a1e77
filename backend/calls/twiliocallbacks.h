#pragma once

#include "http/form.h"

#include "shared/callenums.h"
#include "shared/result.h"
#include "shared/statusorder.h"

#include <optional>

namespace sb {

/// Twilio's request for TwiML when a call is answered (twilio-protocol.md 1.1).
struct VoiceRequest
{
    QString callSid;
    QString to;
    QString from;
    Direction direction = Direction::Inbound;
    StatusStamp status{CallStatus::Ringing, std::nullopt};
    qint64 reservationId = 0; ///< `?reservation=` of the URL an outbound call was created with
};

/// A call status callback (section 2).
struct StatusCallback
{
    QString callSid;
    StatusStamp stamp;
    std::optional<int> callDurationSec; ///< only on the final callback
    QString answeredBy;
    qint64 reservationId = 0; ///< `?reservation=` of the StatusCallback an outbound call was created with
};

/// A recording status callback (section 3).
struct RecordingCallback
{
    QString callSid;
    QString recordingSid;
    RecordingStatus status = RecordingStatus::Completed;
    QString recordingUrl;
    int errorCode = 0; ///< 16101/16102 on `absent`
};

/// A Media Stream status callback (section 1.3): informative, goes on the timeline only.
struct StreamCallback
{
    QString callSid;
    QString streamSid;
    QString event; ///< stream-started, stream-stopped, stream-error
    QString error;
};

/// A Debugger event (section 7): the resource it concerns and its error code.
struct DebuggerEvent
{
    QString eventSid;    ///< `NO…`, when present
    QString resourceSid; ///< e.g. a CallSid
    QString errorCode;   ///< a string, e.g. "11205"
    QString level;
};

Result<VoiceRequest> parseVoiceRequest(const FormFields &fields);
Result<StatusCallback> parseStatusCallback(const FormFields &fields);
Result<RecordingCallback> parseRecordingCallback(const FormFields &fields);
Result<StreamCallback> parseStreamCallback(const FormFields &fields);
/// Accepts the Debugger webhook (a `Payload` JSON string) and the Alarms webhook (`ErrorCode`).
Result<DebuggerEvent> parseDebuggerEvent(const FormFields &fields);

/**
 * The key under which a delivery is applied once: the `I-Twilio-Idempotency-Token` header when
 * Twilio sent one, else @p fallback (e.g. CallSid + SequenceNumber). Prefixed with @p kind so keys
 * of different webhooks never collide.
 */
QString idempotencyKey(QStringView kind, const QByteArray &tokenHeader, const QString &fallback);

} // namespace sb
