#include "calllifecycle.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

Result<StatusOutcome> CallLifecycle::applyStatus(const QString &callSid, const StatusUpdate &update)
{
    if (callSid.isEmpty())
        return invalidInput(u"empty call_sid"_s);
    if (update.durationSec && *update.durationSec < 0)
        return invalidInput(u"negative duration_sec"_s);

    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    const qint64 rank = statusRank(update.stamp);
    auto updated = m_session.exec(
        u"UPDATE calls SET status = :status, status_rank = :rank, "
        "duration_sec = COALESCE(:duration, duration_sec), answered_by = COALESCE(:answered_by, answered_by), "
        "updated_at = :now WHERE call_sid = :sid AND status_rank < :floor AND status_rank < :rank"_s,
        {{u":status"_s, toString(update.stamp.status)},
         {u":rank"_s, rank},
         {u":duration"_s, update.durationSec ? QVariant(*update.durationSec) : QVariant()},
         {u":answered_by"_s, nullIfEmpty(update.answeredBy)},
         {u":now"_s, m_session.nowMs()},
         {u":sid"_s, callSid},
         {u":floor"_s, finalRankFloor()}});
    if (!updated)
        return updated.error();
    const bool applied = detail::affectedRows(*updated) == 1;
    updated.value().finish();

    auto call = detail::lockCallBySid(m_session, callSid);
    if (!call)
        return call.error();
    if (applied) {
        QJsonObject detail{{u"status"_s, toString(update.stamp.status)}, {u"status_rank"_s, rank}};
        if (update.stamp.sequenceNumber)
            detail.insert(u"sequence_number"_s, *update.stamp.sequenceNumber);
        if (update.durationSec)
            detail.insert(u"duration_sec"_s, *update.durationSec);
        if (!update.answeredBy.isEmpty())
            detail.insert(u"answered_by"_s, update.answeredBy);
        if (auto event = detail::appendEvent(m_session, *call, u"status_changed"_s, u"lifecycle"_s, detail); !event)
            return event.error();
        if (update.durationSec) { // duration is a cost input (streamed / call seconds)
            if (auto recomputed = detail::recomputeCost(m_session, call.value().id); !recomputed)
                return recomputed.error();
        }
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return StatusOutcome{applied, call.value().status, call.value().statusRank};
}

Result<StatusOutcome> CallLifecycle::failReservation(qint64 callId, const QString &reason)
{
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    const qint64 rank = statusRank({CallStatus::Failed, std::nullopt});
    auto updated = m_session.exec(
        u"UPDATE calls SET status = :status, status_rank = :rank, updated_at = :now "
        "WHERE id = :id AND status_rank < :floor AND status_rank < :rank"_s,
        {{u":status"_s, toString(CallStatus::Failed)},
         {u":rank"_s, rank},
         {u":now"_s, m_session.nowMs()},
         {u":id"_s, callId},
         {u":floor"_s, finalRankFloor()}});
    if (!updated)
        return updated.error();
    const bool applied = detail::affectedRows(*updated) == 1;
    updated.value().finish();
    auto call = detail::lockCallById(m_session, callId);
    if (!call)
        return call.error();
    if (applied) {
        auto event = detail::appendEvent(m_session, *call, u"status_changed"_s, u"lifecycle"_s,
                                         {{u"status"_s, toString(CallStatus::Failed)}, {u"status_rank"_s, rank},
                                          {u"reason"_s, reason}});
        if (!event)
            return event.error();
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return StatusOutcome{applied, call.value().status, call.value().statusRank};
}

} // namespace sb
