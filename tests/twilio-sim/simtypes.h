#pragma once

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace sb::sim {

/// A Twilio SID: a two-letter prefix (`CA`, `RE`, `MZ`, `NO`) and 32 lowercase hex characters.
QString newSid(QStringView prefix);

/// Whether @p text is @p prefix followed by 32 hex characters.
bool isSid(QStringView text, QStringView prefix);

/// RFC 2822 as Twilio writes it: `Sun, 25 Mar 2018 09:53:19 +0000` (English names, UTC).
QString rfc2822(const QDateTime &time);

/// ISO 8601 UTC with seconds, as the Debugger webhook's `Timestamp`.
QString iso8601(const QDateTime &time);

/// Settings every part of the simulator reads; filled from the command line or by a test.
struct SimOptions
{
    QString accountSid;
    QByteArray authToken;
    /// Base URL the simulator is reached at (RecordingUrl, `uri`s); set from the bound port if empty.
    QUrl publicUrl;
    /// Inbound calls: the backend's voice webhook and status callback.
    QUrl voiceUrl;
    QUrl statusCallback;
    /// Debugger webhook target for `alarm_11205` and voice-request failures.
    QUrl alarmUrl;

    int answerDelayMs = 200;   ///< queued/ringing until answered
    int streamSeconds = 2;     ///< audio sent on a Media Stream before `stop`
    int callSeconds = 2;       ///< how long a call without a stream stays up
    int framePacingMs = 20;    ///< between media frames; 0 sends as fast as possible
    int webhookTimeoutMs = 15000; ///< Twilio gives up on a webhook after 15 s
    QString language = QStringLiteral("en"); ///< which committed speech clip callers speak
};

} // namespace sb::sim
