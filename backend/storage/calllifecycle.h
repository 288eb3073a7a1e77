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
     * The common case of a status webhook in one statement (PostgreSQL): records the delivery
     * under @p receiptKey and applies @p update exactly as applyStatus() does, appending the same
     * timeline event. Gives no outcome (the caller takes the general path) when it does not apply:
     * on SQLite, for an update with a duration (the cost bucket is recomputed there), for a
     * repeated delivery and for an unknown call.
     */
    Result<std::optional<StatusOutcome>> applyFirstDelivery(const QString &receiptKey, const QString &callSid,
                                                            const StatusUpdate &update);

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
