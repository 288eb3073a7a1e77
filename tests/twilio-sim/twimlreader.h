#pragma once

#include "shared/result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace sb::sim {

/// What the simulator does with a TwiML answer: the first verb that matters.
struct TwimlPlan
{
    enum class Action { Stream, Hold, Hangup, Redirect };
    Action action = Action::Hangup;
    QUrl url; ///< Stream: the WebSocket URL (resolved against the document URL); Redirect: the target
    QList<QPair<QString, QString>> parameters; ///< Stream: the `<Parameter>` children
    QUrl statusCallback;                       ///< Stream: where stream-started/stopped go
    QString statusCallbackMethod = QStringLiteral("POST");
};

/**
 * @brief Reads the TwiML a voice webhook returned.
 *
 * `<Connect><Stream>` and `<Start><Stream>` stream; `<Hangup>` and `<Reject>` end the call;
 * `<Redirect>` fetches another document; `<Say>`, `<Play>`, `<Pause>` and others just hold the
 * call for a while. Malformed XML or a root other than `<Response>` is an error (Twilio's 12100).
 * A Stream URL must be `ws`/`wss` with no query string (Twilio's 31922).
 */
Result<TwimlPlan> readTwiml(const QByteArray &xml, const QUrl &documentUrl);

} // namespace sb::sim
