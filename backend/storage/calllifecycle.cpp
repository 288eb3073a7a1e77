#include "calllifecycle.h"

#include "storagedetail.h"

#include <QJsonDocument>

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
    // One conditional statement decides (invariant 5) and hands back the row it wrote.
    auto updated = m_session.exec(
        u"UPDATE calls SET status = :status, status_rank = :rank, "
        "duration_sec = COALESCE(:duration, duration_sec), answered_by = COALESCE(:answered_by, answered_by), "
        "updated_at = :now WHERE call_sid = :sid AND status_rank < :floor AND status_rank < :rank RETURNING "_s
            + detail::callColumns(),
        {{u":status"_s, toString(update.stamp.status)},
         {u":rank"_s, rank},
         {u":duration"_s, update.durationSec ? QVariant(*update.durationSec) : QVariant()},
         {u":answered_by"_s, nullIfEmpty(update.answeredBy)},
         {u":now"_s, m_session.nowMs()},
         {u":sid"_s, callSid},
         {u":floor"_s, finalRankFloor()}});
    if (!updated)
        return updated.error();
    const bool applied = updated.value().next();
    Result<Call> call = applied ? Result<Call>(detail::callFromRow(*updated)) : detail::lockCallBySid(m_session, callSid);
    updated.value().finish();
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

namespace {
QJsonObject statusEventDetail(const StatusUpdate &update, qint64 rank)
{
    QJsonObject detail{{u"status"_s, toString(update.stamp.status)}, {u"status_rank"_s, rank}};
    if (update.stamp.sequenceNumber)
        detail.insert(u"sequence_number"_s, *update.stamp.sequenceNumber);
    if (update.durationSec)
        detail.insert(u"duration_sec"_s, *update.durationSec);
    if (!update.answeredBy.isEmpty())
        detail.insert(u"answered_by"_s, update.answeredBy);
    return detail;
}
} // namespace

Result<std::optional<StatusOutcome>> CallLifecycle::applyFirstDelivery(const QString &receiptKey, const QString &callSid,
                                                                       const StatusUpdate &update)
{
    if (m_session.dialect() != SqlDialect::PostgreSQL || update.durationSec || m_session.inTransaction())
        return std::optional<StatusOutcome>();
    const qint64 rank = statusRank(update.stamp);
    const qint64 now = m_session.nowMs();
    const QJsonObject detail = statusEventDetail(update, rank);
    // Data-modifying CTEs run once each against one snapshot: the receipt is taken only for a
    // known call, the status moves only for a new receipt and under the rule of invariant 5, and
    // the event is written only for a moved status. The stored status is the snapshot's (before).
    auto query = m_session.exec(
        u"WITH receipt AS ("
        "  INSERT INTO webhook_receipts (idempotency_key, kind, call_sid, received_at)"
        "  SELECT :key, 'status', :sid, :now WHERE EXISTS (SELECT 1 FROM calls WHERE call_sid = :sid)"
        "  ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1),"
        " moved AS ("
        "  UPDATE calls SET status = :status, status_rank = :rank,"
        "   answered_by = COALESCE(:answered_by, answered_by), updated_at = :now"
        "  WHERE call_sid = :sid AND status_rank < :floor AND status_rank < :rank AND EXISTS (SELECT 1 FROM receipt)"
        "  RETURNING id, call_sid),"
        " event AS ("
        "  INSERT INTO call_events (call_id, call_sid, at, kind, source, detail)"
        "  SELECT id, call_sid, :now, 'status_changed', 'lifecycle', :detail FROM moved RETURNING id, call_id)"
        " SELECT (SELECT count(*) FROM receipt), (SELECT id FROM event), (SELECT call_id FROM event),"
        "  (SELECT status FROM calls WHERE call_sid = :sid), (SELECT status_rank FROM calls WHERE call_sid = :sid)"_s,
        {{u":key"_s, receiptKey},
         {u":sid"_s, callSid},
         {u":now"_s, now},
         {u":status"_s, toString(update.stamp.status)},
         {u":rank"_s, rank},
         {u":answered_by"_s, nullIfEmpty(update.answeredBy)},
         {u":floor"_s, finalRankFloor()},
         {u":detail"_s, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::Internal, u"the status statement returned no row"_s};
    const QSqlQuery &row = *query;
    if (row.value(0).toInt() == 0)
        return std::optional<StatusOutcome>(); // a repeat or an unknown call: the general path says which
    StatusOutcome outcome;
    outcome.applied = !row.value(1).isNull();
    if (outcome.applied) {
        outcome.storedStatus = update.stamp.status;
        outcome.storedRank = rank;
        CallEvent event;
        event.id = row.value(1).toLongLong();
        event.callId = row.value(2).toLongLong();
        event.callSid = callSid;
        event.at = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        event.kind = u"status_changed"_s;
        event.source = u"lifecycle"_s;
        event.detail = detail;
        m_session.addPendingEvent(std::move(event));
        m_session.markCommitted(); // one statement in autocommit: it is durable now
    } else {
        outcome.storedStatus = parseEnum<CallStatus>(row.value(3).toString()).valueOr(CallStatus::Reserved);
        outcome.storedRank = row.value(4).toLongLong();
    }
    return std::optional<StatusOutcome>(outcome);
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
