#pragma once

#include "shared/call.h"
#include "shared/result.h"
#include "shared/statusorder.h"
#include "storagesession.h"

namespace sb {

/// What the outbound service knows before Twilio is asked (invariant 1 reserves this row first).
struct OutboundReservation
{
    qint64 businessId = 1;
    QString leadId;
    QString to;
    QString from;
    QString dedupKey;
    Direction direction = Direction::OutboundApi;
};

/// An inbound call as the voice webhook first sees it.
struct InboundCall
{
    QString callSid;
    QString to;
    QString from;
    qint64 businessId = 1;
    StatusStamp initialStatus{CallStatus::Ringing, std::nullopt};
    Direction direction = Direction::Inbound;
};

/// The call a creation wrote or found, and whether this request created it.
struct CreatedCall
{
    Call call;
    bool created = false;
};

/**
 * @brief The only writer of a call's identity columns: call_sid, dedup_key, to/from, business_id,
 * lead_id, direction (owners: the outbound service and the voice webhook).
 */
class CallCreation
{
public:
    explicit CallCreation(StorageSession &session) : m_session(session) { }

    /// Inserts a `reserved` outbound call without call_sid, recording_mode OFF, creation_state `pending`.
    Result<Call> reserveOutbound(const OutboundReservation &reservation);

    /**
     * Gives the reserved call @p callId the CallSid Twilio returned. Repeating it with the same
     * sid is a no-op; a different sid on the same call, or a sid another call holds, is a Conflict.
     */
    Result<Call> attachCallSid(qint64 callId, const QString &callSid);

    /// Creates the call if no call has @p call.callSid yet; otherwise returns the stored one.
    Result<CreatedCall> createInbound(const InboundCall &call);

private:
    StorageSession &m_session;
};

} // namespace sb
