#include "outboundreservations.h"

#include "calllifecycle.h"
#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<ReserveOutcome> OutboundReservations::reserveUnlessActive(const OutboundReservation &reservation)
{
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    if (m_session.dialect() == SqlDialect::PostgreSQL) {
        auto locked = m_session.exec(u"SELECT pg_advisory_xact_lock(hashtext(:key))"_s,
                                     {{u":key"_s, QString(QString::number(reservation.businessId) + u':' + reservation.to)}});
        if (!locked)
            return locked.error();
        locked.value().finish();
    }
    auto existing = m_session.exec(u"SELECT "_s + detail::callColumns()
                                       + u" FROM calls WHERE business_id = :business AND to_number = :to "
                                         "AND created_at >= :since AND status_rank < :floor ORDER BY id DESC LIMIT 1"_s,
                                   {{u":business"_s, reservation.businessId},
                                    {u":to"_s, reservation.to},
                                    {u":since"_s, m_session.nowMs() - kWindowMs},
                                    {u":floor"_s, finalRankFloor()}});
    if (!existing)
        return existing.error();
    if (existing.value().next()) {
        Call call = detail::callFromRow(*existing);
        existing.value().finish();
        if (auto committed = transaction.value().commit(); !committed)
            return committed.error();
        return ReserveOutcome{call, true};
    }
    existing.value().finish();
    auto reserved = CallCreation(m_session).reserveOutbound(reservation);
    if (!reserved)
        return reserved.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return ReserveOutcome{*reserved, false};
}

Result<Call> OutboundReservations::markCreated(qint64 callId, const QString &callSid)
{
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto call = CallCreation(m_session).attachCallSid(callId, callSid);
    if (!call)
        return call;
    if (auto set = setState(callId, CreationState::Created); !set)
        return set.error();
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return call;
}

Result<void> OutboundReservations::markUnknown(qint64 callId)
{
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    if (!call.callSid.isEmpty()) // a callback attached the sid first: the outcome is known
        return transaction.commit();
    if (auto set = setState(callId, CreationState::Unknown); !set)
        return set.error();
    if (auto event = detail::appendEvent(m_session, call, u"creation_unknown"_s, u"creation"_s); !event)
        return event.error();
    return transaction.commit();
}

Result<void> OutboundReservations::markRefused(qint64 callId, const QString &reason)
{
    auto locked = detail::beginWriteOnCall(m_session, callId);
    if (!locked)
        return locked.error();
    auto &[transaction, call] = locked.value();
    if (!call.callSid.isEmpty())
        return Error{ErrorCode::Conflict, u"call "_s + QString::number(callId) + u" exists at Twilio"_s};
    if (auto set = setState(callId, CreationState::Refused); !set)
        return set.error();
    if (auto failed = CallLifecycle(m_session).failReservation(callId, reason); !failed)
        return failed.error();
    return transaction.commit();
}

Result<void> OutboundReservations::setState(qint64 callId, CreationState state)
{
    auto updated = m_session.exec(u"UPDATE calls SET creation_state = :state WHERE id = :id"_s,
                                  {{u":state"_s, toString(state)}, {u":id"_s, callId}});
    if (!updated)
        return updated.error();
    return {};
}

} // namespace sb
