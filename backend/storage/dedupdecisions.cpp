#include "dedupdecisions.h"

#include "storagedetail.h"

using namespace Qt::StringLiterals;

namespace sb {

QJsonObject DedupDecision::toJson() const
{
    return {{u"id"_s, id},
            {u"at"_s, at.toString(Qt::ISODateWithMs)},
            {u"business_id"_s, businessId},
            {u"number"_s, number},
            {u"dedup_key"_s, dedupKey},
            {u"layer"_s, layer ? QJsonValue(toString(*layer)) : QJsonValue(QJsonValue::Null)},
            {u"outcome"_s, outcome},
            {u"call_id"_s, callId ? QJsonValue(*callId) : QJsonValue(QJsonValue::Null)}};
}

Result<DedupDecision> DedupDecisions::record(const DedupDecision &decision)
{
    if (decision.number.isEmpty() || decision.outcome.isEmpty())
        return invalidInput(u"a dedup decision needs a number and an outcome"_s);
    DedupDecision stored = decision;
    stored.at = m_session.clock().now();
    auto transaction = Transaction::begin(m_session);
    if (!transaction)
        return transaction.error();
    auto query = m_session.exec(
        u"INSERT INTO dedup_decisions (at, business_id, number, dedup_key, layer, outcome, call_id) "
        "VALUES (:at, :business, :number, :key, :layer, :outcome, :call) RETURNING id"_s,
        {{u":at"_s, stored.at.toMSecsSinceEpoch()}, {u":business"_s, stored.businessId}, {u":number"_s, stored.number},
         {u":key"_s, nullIfEmpty(stored.dedupKey)},
         {u":layer"_s, stored.layer ? QVariant(toString(*stored.layer)) : QVariant()},
         {u":outcome"_s, stored.outcome},
         {u":call"_s, stored.callId ? QVariant(*stored.callId) : QVariant()}});
    if (!query)
        return query.error();
    if (!query.value().next())
        return Error{ErrorCode::Internal, u"INSERT ... RETURNING id gave no row"_s};
    stored.id = query.value().value(0).toLongLong();
    query.value().finish();
    if (stored.callId) {
        // The decision belongs on the call's timeline; a call id that names no call is kept only here.
        if (auto call = detail::loadCall(m_session, *stored.callId)) {
            if (auto event = detail::appendEvent(m_session, *call, u"dedup_decision"_s, u"dedup"_s, stored.toJson()); !event)
                return event.error();
        }
    }
    if (auto committed = transaction.value().commit(); !committed)
        return committed.error();
    return stored;
}

Result<QList<DedupDecision>> DedupDecisions::recent(int limit)
{
    auto query = m_session.exec(u"SELECT id, at, business_id, number, dedup_key, layer, outcome, call_id "
                                "FROM dedup_decisions ORDER BY id DESC LIMIT :limit"_s,
                                {{u":limit"_s, qBound(1, limit, 10'000)}});
    if (!query)
        return query.error();
    QList<DedupDecision> decisions;
    while (query.value().next()) {
        DedupDecision d;
        d.id = query.value().value(0).toLongLong();
        d.at = detail::timeFromMs(query.value().value(1));
        d.businessId = query.value().value(2).toLongLong();
        d.number = query.value().value(3).toString();
        d.dedupKey = query.value().value(4).toString();
        if (const auto layer = parseEnum<DedupLayer>(query.value().value(5).toString()))
            d.layer = *layer;
        d.outcome = query.value().value(6).toString();
        if (!query.value().value(7).isNull())
            d.callId = query.value().value(7).toLongLong();
        decisions.append(d);
    }
    return decisions;
}

} // namespace sb
