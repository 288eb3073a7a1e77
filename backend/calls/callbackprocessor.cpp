#include "callbackprocessor.h"

#include "storage/businesses.h"
#include "storage/callcreation.h"
#include "storage/calllifecycle.h"
#include "storage/callqueries.h"
#include "storage/jobs.h"
#include "storage/outboundreservations.h"
#include "storage/recordings.h"
#include "storage/storage.h"
#include "storage/webhookingress.h"

namespace sb {

namespace {

/**
 * One delivery of a call's webhook in one transaction: records it under @p key and runs @p apply
 * on the first delivery only. Yields whether it was a retry; an unknown call is NotFound and
 * nothing is kept. Joins the caller's transaction when one is open.
 */
template <typename Apply>
Result<bool> applyOnce(StorageSession &session, const QString &callSid, const QString &key, const QString &kind,
                       Apply &&apply)
{
    auto transaction = Transaction::begin(session);
    if (!transaction)
        return transaction.error();
    auto receipt = WebhookIngress(session).recordReceipt(key, kind, callSid);
    if (!receipt)
        return receipt.error();
    if (!receipt->callKnown)
        return notFound(QStringLiteral("no call with call_sid ") + callSid);
    if (receipt->firstTime) {
        if (Result<void> applied = apply(); !applied)
            return applied.error();
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return !receipt->firstTime;
}

/**
 * An outbound call's first callback may come before Twilio's 201 answer reached the outbound
 * service (or instead of it, after a timeout): the reservation named in the callback URL takes
 * the CallSid now. A reservation that already has another sid is left alone.
 */
Result<void> claimReservation(StorageSession &session, qint64 reservationId, const QString &callSid)
{
    if (reservationId <= 0)
        return {};
    // One write transaction from the first read: on SQLite a read left open outside it would
    // make the upgrade to a write fail at once (a stale WAL snapshot) instead of waiting.
    auto transaction = Transaction::begin(session);
    if (!transaction)
        return transaction.error();
    if (!CallQueries(session).findBySid(callSid).ok()) {
        auto claimed = OutboundReservations(session).markCreated(reservationId, callSid);
        if (!claimed && claimed.error().code != ErrorCode::Conflict && claimed.error().code != ErrorCode::NotFound)
            return claimed.error();
    }
    return transaction.value().commit();
}

/// A status callback in one storage task: the one-statement first delivery where it applies,
/// else the reservation's claim and the delivery in one transaction.
Result<StatusOutcomeSummary> applyStatusDelivery(StorageSession &session, const StatusCallback &callback,
                                                 const QString &key)
{
    const StatusUpdate update{callback.stamp, callback.callDurationSec, callback.answeredBy};
    // Most callbacks are a first delivery for a known call: one statement where the database allows.
    auto fast = CallLifecycle(session).applyFirstDelivery(key, callback.callSid, update);
    if (!fast)
        return fast.error();
    if (*fast)
        return StatusOutcomeSummary{false, (*fast)->applied, (*fast)->storedStatus};

    // The reservation's claim and the delivery are one transaction.
    auto transaction = Transaction::begin(session);
    if (!transaction)
        return transaction.error();
    if (auto claimed = claimReservation(session, callback.reservationId, callback.callSid); !claimed)
        return claimed.error();
    StatusOutcomeSummary summary;
    auto retry = applyOnce(session, callback.callSid, key, QStringLiteral("status"), [&]() -> Result<void> {
        auto outcome = CallLifecycle(session).applyStatus(callback.callSid, update);
        if (!outcome)
            return outcome.error();
        summary.applied = outcome->applied;
        summary.storedStatus = outcome->storedStatus;
        return {};
    });
    if (!retry)
        return retry.error();
    summary.retry = *retry;
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return summary;
}

} // namespace

QFuture<Result<Call>> CallbackProcessor::acceptVoiceRequest(const VoiceRequest &request)
{
    return m_storage.run([request](StorageSession &session) -> Result<Call> {
        if (auto claimed = claimReservation(session, request.reservationId, request.callSid); !claimed)
            return claimed.error();
        qint64 businessId = 1;
        if (request.direction == Direction::Inbound) {
            auto business = Businesses(session).findByCallerNumber(request.to);
            if (business)
                businessId = business->id;
            else if (business.error().code != ErrorCode::NotFound)
                return business.error();
        }
        auto created = CallCreation(session).createInbound(
            InboundCall{request.callSid, request.to, request.from, businessId, request.status, request.direction});
        if (!created)
            return created.error();
        return created->call;
    });
}

QFuture<Result<StatusOutcomeSummary>> CallbackProcessor::applyStatus(const StatusCallback &callback, const QString &key)
{
    return m_storage.run([callback, key, hook = m_hooks.callAnswered](StorageSession &session) {
        auto summary = applyStatusDelivery(session, callback, key);
        const CallStatus status = callback.stamp.status;
        if (hook && summary && summary->applied && (status == CallStatus::InProgress || status == CallStatus::Answered))
            hook(callback.callSid);
        return summary;
    });
}

QFuture<Result<bool>> CallbackProcessor::recordRecording(const RecordingCallback &callback, const QString &key)
{
    return m_storage.run([callback, key, hooks = m_hooks](StorageSession &session) -> Result<bool> {
        bool enqueued = false;
        auto retry = applyOnce(session, callback.callSid, key, QStringLiteral("recording"), [&]() -> Result<void> {
            auto stored = Recordings(session).recordRecordingStatus(callback.callSid, callback.recordingSid,
                                                                    callback.status, callback.recordingUrl,
                                                                    callback.errorCode);
            if (!stored)
                return stored.error();
            if (callback.status != RecordingStatus::Completed)
                return {};
            auto job = Jobs(session).enqueueForRecording(stored->id, hooks.jobMaxAttempts);
            if (!job)
                return job.error();
            enqueued = job->has_value() && (*job)->created;
            return {};
        });
        if (retry && enqueued && hooks.jobEnqueued)
            hooks.jobEnqueued();
        return retry;
    });
}

QFuture<Result<bool>> CallbackProcessor::recordStreamCallback(const StreamCallback &callback, const QString &key)
{
    return m_storage.run([callback, key](StorageSession &session) -> Result<bool> {
        return applyOnce(session, callback.callSid, key, QStringLiteral("stream"), [&]() -> Result<void> {
            QJsonObject detail{{QStringLiteral("stream_sid"), callback.streamSid},
                               {QStringLiteral("stream_event"), callback.event}};
            if (!callback.error.isEmpty())
                detail.insert(QStringLiteral("stream_error"), callback.error);
            return WebhookIngress(session).noteStreamCallback(callback.callSid, detail);
        });
    });
}

QFuture<Result<DebuggerOutcome>> CallbackProcessor::recordDebuggerEvent(const DebuggerEvent &event, const QString &key)
{
    return m_storage.run([event, key](StorageSession &session) -> Result<DebuggerOutcome> {
        auto transaction = Transaction::begin(session);
        if (!transaction)
            return transaction.error();
        // The event may concern a resource we do not know (another app on the account): the
        // receipt is kept without a call so a retry is still recognised.
        const bool knownCall = event.resourceSid.startsWith(u"CA") && CallQueries(session).findBySid(event.resourceSid).ok();
        auto receipt = WebhookIngress(session).recordReceipt(key, QStringLiteral("alarm"),
                                                             knownCall ? event.resourceSid : QString());
        if (!receipt)
            return receipt.error();
        DebuggerOutcome outcome;
        outcome.retry = !receipt->firstTime;
        if (!outcome.retry && knownCall && event.errorCode == u"11205") {
            if (auto counted = WebhookIngress(session).increment11205(event.resourceSid); !counted)
                return counted.error();
            outcome.counted11205 = true;
        }
        if (auto committed = transaction.value().commit(); !committed)
            return committed.error();
        return outcome;
    });
}

} // namespace sb
