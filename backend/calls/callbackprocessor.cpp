#include "callbackprocessor.h"

#include "statusbatcher.h"

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

StatusUpdate statusUpdateOf(const StatusCallback &callback)
{
    return {callback.stamp, callback.callDurationSec, callback.answeredBy};
}

/// A status callback the general way: the reservation's claim and the delivery in one transaction.
Result<StatusOutcomeSummary> applyStatusDelivery(StorageSession &session, const StatusCallback &callback,
                                                 const QString &key)
{
    const StatusUpdate update = statusUpdateOf(callback);
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

/**
 * The deliveries at @p indexes the general way in one transaction (SQLite: one write lock and one
 * commit for the group). Nothing when any of them fails: then none is kept.
 */
std::optional<QList<StatusOutcomeSummary>> applyTogether(StorageSession &session, const QList<StatusDelivery> &batch,
                                                         const QList<qsizetype> &indexes)
{
    auto transaction = Transaction::begin(session);
    if (!transaction)
        return std::nullopt;
    QList<StatusOutcomeSummary> summaries;
    for (const qsizetype i : indexes) {
        auto summary = applyStatusDelivery(session, batch.at(i).callback, batch.at(i).key);
        if (!summary)
            return std::nullopt; // the transaction rolls back
        summaries.append(*summary);
    }
    if (!transaction.value().commit())
        return std::nullopt;
    return summaries;
}

/**
 * A batch of status callbacks in one storage task. Most are a first delivery for a known call:
 * one statement for all of them where the database allows (PostgreSQL). The others go the
 * general way: on SQLite in one transaction, should none of them fail; else (and on PostgreSQL,
 * where they are few) each in its own transaction. @p callAnswered runs once all is committed.
 */
QList<Result<StatusOutcomeSummary>> applyStatusBatch(StorageSession &session, const QList<StatusDelivery> &batch,
                                                     const std::function<void(const QString &)> &callAnswered)
{
    QList<FirstDelivery> first;
    first.reserve(batch.size());
    for (const StatusDelivery &delivery : batch)
        first.append({delivery.key, delivery.callback.callSid, statusUpdateOf(delivery.callback)});
    const auto fast = CallLifecycle(session).applyFirstDeliveries(first);
    QList<Result<StatusOutcomeSummary>> results(batch.size(), Result<StatusOutcomeSummary>(StatusOutcomeSummary{}));
    QList<qsizetype> general;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        if (const std::optional<StatusOutcome> applied = fast ? fast->at(i) : std::nullopt)
            results[i] = StatusOutcomeSummary{false, applied->applied, applied->storedStatus};
        else
            general.append(i);
    }
    if (session.dialect() == SqlDialect::SQLite && general.size() > 1) {
        if (const auto together = applyTogether(session, batch, general)) {
            for (qsizetype j = 0; j < general.size(); ++j)
                results[general.at(j)] = together->at(j);
            general.clear();
        }
    }
    for (const qsizetype i : std::as_const(general))
        results[i] = applyStatusDelivery(session, batch.at(i).callback, batch.at(i).key);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const CallStatus status = batch.at(i).callback.stamp.status;
        if (callAnswered && results.at(i) && results.at(i)->applied
            && (status == CallStatus::InProgress || status == CallStatus::Answered))
            callAnswered(batch.at(i).callback.callSid);
    }
    return results;
}

} // namespace

CallbackProcessor::CallbackProcessor(Storage &storage, CallbackHooks hooks)
    : m_storage(storage)
    , m_hooks(std::move(hooks))
{
    // PostgreSQL: two batches overlap (one is stored while the next one forms). SQLite has one
    // writer at a time: one batch, so status writers do not queue on its lock.
    const int inFlight = storage.dialect() == SqlDialect::PostgreSQL ? 2 : 1;
    m_statusBatcher = std::make_unique<StatusBatcher>(
        storage, inFlight, [hook = m_hooks.callAnswered](StorageSession &session, const QList<StatusDelivery> &batch) {
            return applyStatusBatch(session, batch, hook);
        });
}

CallbackProcessor::~CallbackProcessor() = default;

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
    return m_statusBatcher->submit({callback, key});
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
