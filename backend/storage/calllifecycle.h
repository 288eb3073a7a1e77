#pragma once

#include "shared/callenums.h"
#include "shared/result.h"
#include "shared/statusorder.h"
#include "storagesession.h"

#include <optional>

namespace sb {

/// One status callback as the lifecycle stores it.
struct StatusUpdate
{
    StatusStamp stamp;
    std::optional<int> durationSec; ///< CallDuration, usually only with the final status
    QString answeredBy;             ///< AnsweredBy (machine detection), when reported
};

/// One status webhook delivery for CallLifecycle::applyFirstDeliveries().
struct FirstDelivery
{
    QString receiptKey; ///< the delivery's idempotency key
    QString callSid;
    StatusUpdate update;
};

/// Whether the update was applied, and what is stored now either way.
struct StatusOutcome
{
    bool applied = false;
    CallStatus storedStatus = CallStatus::Reserved;
    qint64 storedRank = 0;
};

/**
 * @brief The only writer of status, status_rank, duration_sec and answered_by (invariant 5).
 */
class CallLifecycle
{
public:
    explicit CallLifecycle(StorageSession &session) : m_session(session) { }

    /**
     * Applies @p update to the call with @p callSid in ONE conditional UPDATE: only if the stored
     * rank is below finalRankFloor() and below the new rank. So late, duplicate and out-of-order
     * callbacks change nothing, finals are never left, and concurrent writers cannot interleave.
     * An unknown call_sid is NotFound.
     */
    Result<StatusOutcome> applyStatus(const QString &callSid, const StatusUpdate &update);

    /**
     * The common case of status webhooks, many at once, in one statement (PostgreSQL, outside a
     * transaction): records each delivery under its receipt key and applies its update exactly
     * as applyStatus() does, appending the same timeline event. The statement and the cost
     * recompute of the calls an update with a duration moved are one transaction.
     * The deliveries must name distinct calls and distinct keys (InvalidInput otherwise).
     * Gives, in the order of @p deliveries, no outcome where the delivery does not apply (the
     * caller takes the general path): a repeated delivery, an unknown call, and every delivery
     * on SQLite or inside an open transaction. On an error nothing of the batch is kept.
     */
    Result<QList<std::optional<StatusOutcome>>> applyFirstDeliveries(const QList<FirstDelivery> &deliveries);

    /**
     * Ends a reserved outbound call that Twilio never created (it refused the request, or
     * reconciliation found no such call): `failed`, by row id since it has no call_sid. The same
     * conditional rule applies, so a call that moved on in the meantime is left alone.
     */
    Result<StatusOutcome> failReservation(qint64 callId, const QString &reason);

private:
    StorageSession &m_session;
};

} // namespace sb
