#pragma once

#include "twiliocallbacks.h"

#include "shared/call.h"
#include "shared/result.h"

#include <QFuture>

namespace sb {

class Storage;

/// What a status callback did: nothing (a retry, or a late/out-of-order one) or moved the status.
struct StatusOutcomeSummary
{
    bool retry = false;   ///< the same delivery was applied before
    bool applied = false; ///< the stored status moved forward
    CallStatus storedStatus = CallStatus::Reserved;
};

/// What a Debugger/Alarms event did.
struct DebuggerOutcome
{
    bool retry = false;
    bool counted11205 = false; ///< a known call's webhook_11205_count went up
};

/**
 * @brief Applies Twilio's webhooks to storage: atomically, once per delivery, off the I/O thread.
 *
 * Each method is one storage transaction that records the delivery's idempotency key and its
 * effect together, so a failed write never turns the retry into a "duplicate" (invariants 5, 6,
 * 11). A callback for an unknown call is NotFound and writes nothing.
 */
class CallbackProcessor
{
public:
    explicit CallbackProcessor(Storage &storage) : m_storage(storage) { }

    /// Creates the call on its first voice request (business chosen by the `To` number, else 1),
    /// or returns the existing one (an outbound call, or Twilio asking again).
    QFuture<Result<Call>> acceptVoiceRequest(const VoiceRequest &request);
    QFuture<Result<StatusOutcomeSummary>> applyStatus(const StatusCallback &callback, const QString &key);
    /// Returns whether the delivery was a retry.
    QFuture<Result<bool>> recordRecording(const RecordingCallback &callback, const QString &key);
    QFuture<Result<bool>> recordStreamCallback(const StreamCallback &callback, const QString &key);
    QFuture<Result<DebuggerOutcome>> recordDebuggerEvent(const DebuggerEvent &event, const QString &key);

private:
    Storage &m_storage;
};

} // namespace sb
