#pragma once

#include "twiliocallbacks.h"

#include "shared/call.h"
#include "shared/job.h"
#include "shared/result.h"

#include <QFuture>

#include <functional>
#include <memory>

namespace sb {

class Storage;
class StatusBatcher;

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

/// What the recording and job side learns from the callbacks. Both run on a storage thread,
/// after the write committed: receivers hand the work to their own thread.
struct CallbackHooks
{
    /// A status of `in-progress`/`answered` was applied: time to start the recording.
    std::function<void(const QString &callSid)> callAnswered;
    /// A recording `completed` created a transcription job.
    std::function<void()> jobEnqueued;
    int jobMaxAttempts = Job::kDefaultMaxAttempts; ///< of the jobs a recording creates
};

/**
 * @brief Applies Twilio's webhooks to storage: atomically, once per delivery, off the I/O thread.
 *
 * Each delivery is one storage transaction that records its idempotency key and its effect
 * together, so a failed write never turns the retry into a "duplicate" (invariants 5, 6, 11). A
 * callback for an unknown call is NotFound and writes nothing. Status callbacks are stored in
 * groups (StatusBatcher): on PostgreSQL the first deliveries of a group are one statement
 * (CallLifecycle::applyFirstDeliveries()), the rest take one transaction each. Create and use it
 * on the I/O thread.
 */
class CallbackProcessor
{
public:
    explicit CallbackProcessor(Storage &storage, CallbackHooks hooks = {});
    ~CallbackProcessor();

    /// Creates the call on its first voice request (business chosen by the `To` number, else 1),
    /// or returns the existing one (an outbound call, or Twilio asking again).
    QFuture<Result<Call>> acceptVoiceRequest(const VoiceRequest &request);
    QFuture<Result<StatusOutcomeSummary>> applyStatus(const StatusCallback &callback, const QString &key);
    /// Returns whether the delivery was a retry. A first `completed` enqueues the call's
    /// transcription job in the same transaction (invariant 3); `absent` only marks the call.
    QFuture<Result<bool>> recordRecording(const RecordingCallback &callback, const QString &key);
    QFuture<Result<bool>> recordStreamCallback(const StreamCallback &callback, const QString &key);
    QFuture<Result<DebuggerOutcome>> recordDebuggerEvent(const DebuggerEvent &event, const QString &key);

private:
    Storage &m_storage;
    CallbackHooks m_hooks;
    std::unique_ptr<StatusBatcher> m_statusBatcher;
};

} // namespace sb
