#pragma once

#include "call.h"
#include "callevent.h"
#include "result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <variant>

namespace sb::live {

/**
 * @file
 * The console protocol on WebSocket `/console`: one JSON text message per WebSocket message,
 * each `{"type": …, "version": 1, …}`. Backend and console both encode and decode through this
 * file only, so the type names are written once.
 *
 * The backend sends a `snapshot` first, then deltas. Every message from the backend carries the
 * hub's `revision`: it only grows on one connection; gaps are messages meant for other consoles
 * (events of calls this console did not subscribe to). A new `snapshot` replaces everything the
 * console holds (after a reconnect, or when the console fell too far behind).
 *
 * Calls in `snapshot` and `call` are summaries: the call JSON (sb::Call) without the transcripts
 * (`transcription`, `final_transcript`), which grow large; `history` carries the whole call.
 */

/// The protocol version this build speaks; a message with another version is refused.
inline constexpr int kProtocolVersion = 1;

/// Backend → console: the state to start from.
struct Snapshot
{
    qint64 revision = 0;
    QString role;               ///< the role of the token that connected (`viewer`, `admin`, …)
    QList<Call> calls;          ///< live calls and recent ones, newest first
    QJsonArray alerts;          ///< the current alerts: {key, severity, message, action, value, threshold}
    QJsonObject businesses;     ///< business id (as text) → name
};

/// Backend → console: a call was created or changed (a summary, see above).
struct CallChanged
{
    qint64 revision = 0;
    Call call;
    QString businessName; ///< the name of call.businessId, when the backend knows it
};

/// Backend → console: a timeline event of a subscribed call.
struct EventAppended
{
    qint64 revision = 0;
    CallEvent event;
};

/// Backend → console: an outbound dedup decision {id, at, business_id, number, dedup_key, layer, outcome, call_id}.
struct DedupDecided
{
    qint64 revision = 0;
    QJsonObject decision;
};

/// Backend → console: a transcription job changed {id, call_id, state, attempts, …}.
struct JobChanged
{
    qint64 revision = 0;
    QJsonObject job;
};

/// Backend → console: the whole current alert list (it replaces the previous one).
struct AlertsChanged
{
    qint64 revision = 0;
    QJsonArray alerts;
};

/// Backend → console: the answer to a subscribe: the whole call and its timeline, oldest first.
struct History
{
    qint64 revision = 0;
    Call call;
    QList<CallEvent> events;
    bool truncated = false; ///< the timeline was longer than the backend sends at once (oldest kept)
};

/// Console → backend: send me this call's history, then its timeline events as they happen.
struct Subscribe
{
    qint64 callId = 0; ///< either the row id …
    QString callSid;   ///< … or the CallSid
};

/// Console → backend: stop sending this call's events.
struct Unsubscribe
{
    qint64 callId = 0;
};

/// Either direction: a request could not be served (unknown call, malformed message, …).
struct ErrorMessage
{
    QString code;    ///< the ErrorCode's spelling, e.g. `not_found`
    QString message;
};

using Message = std::variant<Snapshot, CallChanged, EventAppended, DedupDecided, JobChanged, AlertsChanged, History,
                             Subscribe, Unsubscribe, ErrorMessage>;

/// The `type` of each message, written once.
namespace type {
inline constexpr QLatin1StringView snapshot{"snapshot"};
inline constexpr QLatin1StringView call{"call"};
inline constexpr QLatin1StringView event{"event"};
inline constexpr QLatin1StringView dedup{"dedup"};
inline constexpr QLatin1StringView job{"job"};
inline constexpr QLatin1StringView alert{"alert"};
inline constexpr QLatin1StringView history{"history"};
inline constexpr QLatin1StringView subscribe{"subscribe"};
inline constexpr QLatin1StringView unsubscribe{"unsubscribe"};
inline constexpr QLatin1StringView error{"error"};
} // namespace type

/// A call as `snapshot` and `call` carry it: the call JSON without its transcripts.
QJsonObject callSummaryJson(const Call &call);

/// Compact JSON text of @p message, with its type and the protocol version.
QByteArray encode(const Message &message);

/// Reads one message. Malformed JSON, an unknown type, another protocol version or a field of
/// the wrong kind is an InvalidInput error that says which.
Result<Message> decode(QByteArrayView text);

/// The `type` name of @p message.
QLatin1StringView typeName(const Message &message);

} // namespace sb::live
