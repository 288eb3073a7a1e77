#pragma once

#include "callcreation.h"

#include "shared/call.h"
#include "shared/result.h"
#include "storagesession.h"

#include <QList>

namespace sb {

/// What we know about our own Calls.json request for a reserved call (column `creation_state`).
enum class CreationState { Pending, Created, Unknown, Refused };

template <>
struct EnumInfo<CreationState>
{
    static constexpr std::string_view typeName = "creation state";
    static constexpr std::array<std::pair<CreationState, std::string_view>, 4> names{{
        {CreationState::Pending, "pending"},
        {CreationState::Created, "created"},
        {CreationState::Unknown, "unknown"},
        {CreationState::Refused, "refused"},
    }};
};

/// The database layer's answer: the call this intent maps to, and whether it was already there.
struct ReserveOutcome
{
    Call call;
    bool duplicate = false;
};

/**
 * @brief Layer (b) of invariant 1 and the bookkeeping of our Calls.json request.
 *
 * Writes only creation-owned columns (call_sid via CallCreation, creation_state); a reservation
 * Twilio never created is ended through CallLifecycle, the status owner.
 */
class OutboundReservations
{
public:
    /// A call to the same (business, number) created this recently and still active is a duplicate.
    static constexpr qint64 kWindowMs = 2 * 60 * 1000;

    explicit OutboundReservations(StorageSession &session) : m_session(session) { }

    /**
     * In ONE transaction, under a lock on (business, number): looks for an active call to
     * @p reservation.to of that business created in the last kWindowMs; returns it as a
     * duplicate, or reserves a new `reserved` row (creation_state `pending`). PostgreSQL:
     * `pg_advisory_xact_lock(hashtext(business:number))`, held until commit, so concurrent
     * transactions of any backend instance serialise on the same key. SQLite: the transaction
     * is `BEGIN IMMEDIATE`, which already serialises every writer of the database file.
     */
    Result<ReserveOutcome> reserveUnlessActive(const OutboundReservation &reservation);

    /// Twilio created the call: attaches @p callSid (idempotent) and sets creation_state `created`.
    Result<Call> markCreated(qint64 callId, const QString &callSid);
    /// The request's outcome is unknown (timeout, connection error, 5xx): creation_state `unknown`.
    Result<void> markUnknown(qint64 callId);
    /// Twilio refused the request, or reconciliation found no call: creation_state `refused` and
    /// the call ends `failed` (through CallLifecycle), so the number can be called again.
    Result<void> markRefused(qint64 callId, const QString &reason);

private:
    Result<void> setState(qint64 callId, CreationState state);

    StorageSession &m_session;
};

} // namespace sb
