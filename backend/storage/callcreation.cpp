#include "callcreation.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

namespace {

const QString kSource = u"creation"_s;

Result<void> requireText(const QString &value, const QString &name)
{
    if (value.trimmed().isEmpty())
        return invalidInput(name + u" must not be empty"_s);
    return {};
}

Result<void> requireBusiness(StorageSession &session, qint64 businessId)
{
    auto found = session.exec(u"SELECT 1 FROM businesses WHERE id = :id"_s, {{u":id"_s, businessId}});
    if (!found)
        return found.error();
    if (!found.value().next())
        return notFound(u"no business with id "_s + QString::number(businessId));
    return {};
}

} // namespace

Result<Call> CallCreation::reserveOutbound(const OutboundReservation &reservation)
{
    if (auto ok = requireText(reservation.to, u"to"_s); !ok)
        return ok.error();
    if (auto ok = requireText(reservation.from, u"from"_s); !ok)
        return ok.error();
    if (reservation.direction == Direction::Inbound)
        return invalidInput(u"an outbound reservation cannot have direction inbound"_s);

    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    if (auto ok = requireBusiness(m_session, reservation.businessId); !ok)
        return ok.error();
    const qint64 now = m_session.nowMs();
    auto inserted = m_session.exec(
        u"INSERT INTO calls (dedup_key, to_number, from_number, business_id, lead_id, direction, status, "
        "status_rank, recording_mode, creation_state, created_at, updated_at) VALUES (:dedup_key, :to, :from, :business, "
        ":lead, :direction, :status, :rank, 'OFF', 'pending', :now, :now) RETURNING id"_s,
        {{u":dedup_key"_s, nullIfEmpty(reservation.dedupKey)},
         {u":to"_s, reservation.to},
         {u":from"_s, reservation.from},
         {u":business"_s, reservation.businessId},
         {u":lead"_s, nullIfEmpty(reservation.leadId)},
         {u":direction"_s, toString(reservation.direction)},
         {u":status"_s, toString(CallStatus::Reserved)},
         {u":rank"_s, statusRank({CallStatus::Reserved, std::nullopt})},
         {u":now"_s, now}});
    if (!inserted)
        return inserted.error();
    if (!inserted.value().next())
        return Error{ErrorCode::Internal, u"INSERT ... RETURNING id gave no row"_s};
    const qint64 id = inserted.value().value(0).toLongLong();
    inserted.value().finish();
    auto call = detail::loadCall(m_session, id);
    if (!call)
        return call;
    auto event = detail::appendEvent(m_session, *call, u"reserved"_s, kSource,
                                     {{u"to"_s, call.value().to},
                                      {u"from"_s, call.value().from},
                                      {u"business_id"_s, call.value().businessId},
                                      {u"dedup_key"_s, call.value().dedupKey}});
    if (!event)
        return event.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return call;
}

Result<Call> CallCreation::attachCallSid(qint64 callId, const QString &callSid)
{
    if (auto ok = requireText(callSid, u"call_sid"_s); !ok)
        return ok.error();
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    if (call.callSid == callSid) { // a repeated attach changes nothing
        if (auto committed = transaction.commit(); !committed)
            return committed.error();
        return call;
    }
    if (!call.callSid.isEmpty())
        return Error{ErrorCode::Conflict, u"call "_s + QString::number(callId) + u" already has call_sid "_s + call.callSid};
    auto holder = m_session.exec(u"SELECT id FROM calls WHERE call_sid = :sid"_s, {{u":sid"_s, callSid}});
    if (!holder)
        return holder.error();
    if (holder.value().next())
        return Error{ErrorCode::Conflict, u"call_sid "_s + callSid + u" belongs to call "_s + holder.value().value(0).toString()};
    holder.value().finish();
    auto updated = m_session.exec(u"UPDATE calls SET call_sid = :sid, updated_at = :now WHERE id = :id"_s,
                                  {{u":sid"_s, callSid}, {u":now"_s, m_session.nowMs()}, {u":id"_s, callId}});
    if (!updated)
        return updated.error();
    call.callSid = callSid;
    call.updatedAt = m_session.clock().now();
    if (auto event = detail::appendEvent(m_session, call, u"call_sid_attached"_s, kSource, {{u"call_sid"_s, callSid}}); !event)
        return event.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return call;
}

Result<CreatedCall> CallCreation::createInbound(const InboundCall &inbound)
{
    if (auto ok = requireText(inbound.callSid, u"call_sid"_s); !ok)
        return ok.error();
    if (auto ok = requireText(inbound.to, u"to"_s); !ok)
        return ok.error();
    if (auto ok = requireText(inbound.from, u"from"_s); !ok)
        return ok.error();

    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    if (auto ok = requireBusiness(m_session, inbound.businessId); !ok)
        return ok.error();
    const qint64 now = m_session.nowMs();
    // ON CONFLICT keeps a concurrent second voice webhook for the same CallSid from failing.
    auto inserted = m_session.exec(
        u"INSERT INTO calls (call_sid, to_number, from_number, business_id, direction, status, status_rank, "
        "recording_mode, created_at, updated_at) VALUES (:sid, :to, :from, :business, :direction, :status, :rank, "
        "'OFF', :now, :now) ON CONFLICT (call_sid) DO NOTHING"_s,
        {{u":sid"_s, inbound.callSid},
         {u":to"_s, inbound.to},
         {u":from"_s, inbound.from},
         {u":business"_s, inbound.businessId},
         {u":direction"_s, toString(inbound.direction)},
         {u":status"_s, toString(inbound.initialStatus.status)},
         {u":rank"_s, statusRank(inbound.initialStatus)},
         {u":now"_s, now}});
    if (!inserted)
        return inserted.error();
    const bool created = detail::affectedRows(*inserted) == 1;
    auto call = detail::lockCallBySid(m_session, inbound.callSid);
    if (!call)
        return call.error();
    if (created) {
        auto event = detail::appendEvent(m_session, *call, u"created"_s, kSource,
                                         {{u"to"_s, call.value().to},
                                          {u"from"_s, call.value().from},
                                          {u"direction"_s, toString(call.value().direction)},
                                          {u"status"_s, toString(call.value().status)}});
        if (!event)
            return event.error();
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return CreatedCall{*call, created};
}

} // namespace sb
