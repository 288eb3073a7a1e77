#include "calllifecycle.h"

#include "storagedetail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sb {

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
        if (auto event = detail::appendEvent(m_session, *call, u"status_changed"_s, u"lifecycle"_s,
                                             statusEventDetail(update, rank));
            !event)
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


Result<QList<std::optional<StatusOutcome>>> CallLifecycle::applyFirstDeliveries(const QList<FirstDelivery> &deliveries)
{
    QList<std::optional<StatusOutcome>> outcomes(deliveries.size());
    if (m_session.dialect() != SqlDialect::PostgreSQL || m_session.inTransaction() || deliveries.isEmpty())
        return outcomes;
    QSet<QString> sids;
    QSet<QString> keys;
    QJsonArray input;
    QList<QJsonObject> details;
    for (qsizetype i = 0; i < deliveries.size(); ++i) {
        const FirstDelivery &delivery = deliveries.at(i);
        const StatusUpdate &update = delivery.update;
        if (delivery.callSid.isEmpty() || delivery.receiptKey.isEmpty())
            return invalidInput(u"a status delivery needs a call_sid and a receipt key"_s);
        if (update.durationSec && *update.durationSec < 0)
            return invalidInput(u"negative duration_sec"_s);
        if (sids.contains(delivery.callSid) || keys.contains(delivery.receiptKey))
            return invalidInput(u"one batch of status deliveries names a call or a key twice: "_s + delivery.callSid);
        sids.insert(delivery.callSid);
        keys.insert(delivery.receiptKey);
        const qint64 rank = statusRank(update.stamp);
        details.append(statusEventDetail(update, rank));
        input.append(QJsonObject{
            {u"i"_s, i},
            {u"key"_s, delivery.receiptKey},
            {u"sid"_s, delivery.callSid},
            {u"status"_s, toString(update.stamp.status)},
            {u"rank"_s, rank},
            {u"duration"_s, update.durationSec ? QJsonValue(*update.durationSec) : QJsonValue()},
            {u"answered_by"_s, update.answeredBy.isEmpty() ? QJsonValue() : QJsonValue(update.answeredBy)},
            {u"detail"_s, QString::fromUtf8(QJsonDocument(details.last()).toJson(QJsonDocument::Compact))}});
    }
    // One transaction: a duration is a cost input, so the recompute commits with the statement;
    // and the planner settings below hold for this statement only.
    // Each delivery finds its call through the unique call_sid index; the recording claims update
    // many calls too, so both lock them in one order.
    auto transaction = detail::beginCallBatch(m_session, QStringList(sids.cbegin(), sids.cend()));
    if (!transaction)
        return transaction.error();
    const qint64 now = m_session.nowMs();
    // Data-modifying CTEs run once each against one snapshot: a receipt is taken only for a known
    // call, a status moves only for a new receipt and under the rule of invariant 5, and an event
    // is written only for a moved status. The stored status is the snapshot's (before).
    auto query = m_session.exec(
        u"WITH input AS ("
        "  SELECT * FROM json_to_recordset(CAST(:input AS json))"
        "  AS t(i int, key text, sid text, status text, rank bigint, duration int, answered_by text, detail text)),"
        " receipt AS ("
        "  INSERT INTO webhook_receipts (idempotency_key, kind, call_sid, received_at)"
        "  SELECT input.key, 'status', input.sid, :now FROM input"
        "  WHERE EXISTS (SELECT 1 FROM calls WHERE calls.call_sid = input.sid)"
        "  ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key),"
        " moved AS ("
        "  UPDATE calls SET status = input.status, status_rank = input.rank,"
        "   duration_sec = COALESCE(input.duration, calls.duration_sec),"
        "   answered_by = COALESCE(input.answered_by, calls.answered_by), updated_at = :now"
        "  FROM input JOIN receipt ON receipt.idempotency_key = input.key"
        "  WHERE calls.call_sid = input.sid AND calls.status_rank < :floor AND calls.status_rank < input.rank"
        "  RETURNING calls.id, calls.call_sid, input.detail),"
        " event AS ("
        "  INSERT INTO call_events (call_id, call_sid, at, kind, source, detail)"
        "  SELECT id, call_sid, :now, 'status_changed', 'lifecycle', detail FROM moved RETURNING id, call_id, call_sid)"
        " SELECT input.i, receipt.idempotency_key IS NOT NULL, event.id, event.call_id, calls.status, calls.status_rank"
        " FROM input LEFT JOIN receipt ON receipt.idempotency_key = input.key"
        "  LEFT JOIN event ON event.call_sid = input.sid LEFT JOIN calls ON calls.call_sid = input.sid"
        " ORDER BY input.i"_s,
        {{u":input"_s, QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))},
         {u":now"_s, now},
         {u":floor"_s, finalRankFloor()}});
    if (!query)
        return query.error();
    QList<qint64> costCalls;
    qsizetype rows = 0;
    while (query.value().next()) {
        const QSqlQuery &row = *query;
        const qsizetype i = row.value(0).toInt();
        if (i < 0 || i >= deliveries.size() || outcomes.at(i))
            return Error{ErrorCode::Internal, u"the status statement returned an unexpected row"_s};
        ++rows;
        if (!row.value(1).toBool())
            continue; // a repeat or an unknown call: the general path says which
        const FirstDelivery &delivery = deliveries.at(i);
        StatusOutcome outcome;
        outcome.applied = !row.value(2).isNull();
        if (outcome.applied) {
            outcome.storedStatus = delivery.update.stamp.status;
            outcome.storedRank = statusRank(delivery.update.stamp);
            const qint64 callId = row.value(3).toLongLong();
            detail::notePendingEvent(m_session, row.value(2).toLongLong(), callId, delivery.callSid, now,
                                     u"status_changed"_s, u"lifecycle"_s, details.at(i));
            if (delivery.update.durationSec) // duration is a cost input (streamed / call seconds)
                costCalls.append(callId);
        } else {
            outcome.storedStatus = parseEnum<CallStatus>(row.value(4).toString()).valueOr(CallStatus::Reserved);
            outcome.storedRank = row.value(5).toLongLong();
        }
        outcomes[i] = outcome;
    }
    query.value().finish();
    if (rows != deliveries.size())
        return Error{ErrorCode::Internal, u"the status statement returned %1 rows for %2 deliveries"_s.arg(rows).arg(deliveries.size())};
    for (const qint64 callId : std::as_const(costCalls)) {
        if (auto recomputed = detail::recomputeCost(m_session, callId); !recomputed)
            return recomputed.error();
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return outcomes;
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
